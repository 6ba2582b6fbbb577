/*
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) of
 * organisations that are parties to a case. Length and alphabet are hard
 * rules. A wrong check character is only a warning: a few codes were issued
 * that way and still stand on real business licences, so the clerk may
 * confirm after comparing against the licence.
 */

export type CreditCodeResult =
  | { ok: true; normalized: string; checkCharValid: true }
  | { ok: true; normalized: string; checkCharValid: false; warning: string }
  | { ok: false; message: string }

/** Each character's value is its index here: the digits, then A–Z without I, O, Z, S, V. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** 3^i mod 31: every weight is non-zero mod the prime 31, so any single substitution changes the check. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

const MESSAGES = {
  empty: '请输入统一社会信用代码',
  innerSpace: '统一社会信用代码中间不能有空格',
  length: '统一社会信用代码应为18位',
  alphabet: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  checkChar: '统一社会信用代码校验位不符，请核对营业执照；确认无误可继续保存'
} as const

function isCodeChar(char: string): boolean {
  return char.length === 1 && ALPHABET.includes(char)
}

/** The check character of the first 17 characters (uppercase, from the code alphabet). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || ![...first17].every(isCodeChar)) {
    throw new RangeError(`creditCodeCheckChar: 17 code characters expected, got "${first17}"`)
  }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i]
  const check = 31 - (sum % 31)
  return ALPHABET[check === 31 ? 0 : check]
}

export function checkCreditCode(value: string): CreditCodeResult {
  const trimmed = value.trim()
  if (trimmed === '') return { ok: false, message: MESSAGES.empty }
  if (/\s/.test(trimmed)) return { ok: false, message: MESSAGES.innerSpace }
  // Count code points, not UTF-16 units, so a stray emoji or CJK character is reported as a wrong character.
  // Uppercase one character at a time: 'ß'.toUpperCase() is 'SS' and would shift the length.
  const chars = [...trimmed].map((char) => char.toUpperCase())
  if (chars.length !== 18) return { ok: false, message: MESSAGES.length }
  if (!chars.every(isCodeChar)) return { ok: false, message: MESSAGES.alphabet }

  const normalized = chars.join('')
  if (creditCodeCheckChar(normalized.slice(0, 17)) === normalized[17]) {
    return { ok: true, normalized, checkCharValid: true }
  }
  return { ok: true, normalized, checkCharValid: false, warning: MESSAGES.checkChar }
}
