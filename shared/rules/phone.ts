/*
 * Contact numbers of parties: a mainland mobile number or a landline with its
 * area code. Whatever grouping the clerk typed, one stored form comes out
 * ('13812345678', '0577-88881234', '0577-88881234-8001') so that the same
 * number is found again when searching and printed the same on documents.
 */

export type PhoneKind = 'mobile' | 'landline'

export type PhoneResult = { ok: true; normalized: string; kind: PhoneKind } | { ok: false; message: string }

const MESSAGES = {
  empty: '请输入电话号码',
  invalid: '请输入11位手机号码或带区号的固定电话（如 0577-88881234）'
} as const

/** Digit groups separated by spaces and at most one hyphen: '138 1234 5678', '0577 - 8888 1234'. */
const DIGIT_GROUPS = /^\d+(?:(?: *- *| +)\d+)*$/
const SEPARATOR = / *- *| +/

/** Longer than any real number with extension and spacing: refused before any pattern runs. */
const MAX_LENGTH = 40

const MOBILE = /^1[3-9]\d{9}$/

/** The country code is written '+86' or '86', then optionally a separator. */
const COUNTRY_PREFIX = /^\+?86(?: *- *| *)(?=\d)/

/** Area code in brackets, half- or full-width: '(0577)88881234', '（0577）8888 1234'. */
const BRACKETED_AREA = /^[(（] *(0\d{2,3}) *[)）] *(?:- *)?(?=\d)/

/** Extension introduced by a word or sign; a bare trailing '-8001' is handled in splitLandline. */
const EXTENSION_MARK = / *(?:转|分机|ext\.?|x|#) *(\d{1,6})$/i

/**
 * Area codes: 010 and 02x (except the unused 026) are three digits and are
 * followed by an 8-digit number; every other code is 0 plus three digits,
 * followed by 7 or 8 digits.
 */
function areaCodeLength(digits: string): 3 | 4 | null {
  if (/^(?:010|02[0-57-9])/.test(digits)) return 3
  if (/^0[3-9]\d\d/.test(digits)) return 4
  return null
}

/** Local numbers start with 2–9: 0 begins an area code and 1 the short service numbers. */
function isLocalNumber(local: string, areaLength: 3 | 4): boolean {
  return areaLength === 3 ? /^[2-9]\d{7}$/.test(local) : /^[2-9]\d{6,7}$/.test(local)
}

function checkMobile(text: string): string | null {
  const withoutCountry = text.replace(COUNTRY_PREFIX, '')
  for (const candidate of [text, withoutCountry]) {
    if (!DIGIT_GROUPS.test(candidate)) continue
    const digits = candidate.split(SEPARATOR).join('')
    if (MOBILE.test(digits)) return digits
  }
  return null
}

function checkLandline(text: string): string | null {
  let rest = text
  let bracketedArea: string | null = null
  const bracket = BRACKETED_AREA.exec(rest)
  if (bracket) {
    bracketedArea = bracket[1]
    rest = rest.slice(bracket[0].length)
  }

  let extension: string | null = null
  const mark = EXTENSION_MARK.exec(rest)
  if (mark) {
    extension = mark[1]
    rest = rest.slice(0, mark.index)
  }
  if (!DIGIT_GROUPS.test(rest)) return null

  const groups = rest.split(SEPARATOR)
  const digits = (bracketedArea ?? '') + groups.join('')
  const areaLength = areaCodeLength(digits)
  if (areaLength === null || (bracketedArea !== null && bracketedArea.length !== areaLength)) return null
  const area = digits.slice(0, areaLength)
  let local = digits.slice(areaLength)

  // '0577-88881234-8001': a last hyphenated group is the extension when the
  // digits before it already make a whole number. '0577-8888-1234' stays one
  // number, and nobody writes an 8-digit number as '8888123-4'.
  const last = groups[groups.length - 1]
  const beforeLast = rest.slice(0, rest.length - last.length).trimEnd()
  if (extension === null && groups.length > 1 && beforeLast.endsWith('-') && last.length <= 6) {
    const shorter = local.slice(0, local.length - last.length)
    if (isLocalNumber(shorter, areaLength)) {
      extension = last
      local = shorter
    }
  }
  if (!isLocalNumber(local, areaLength)) return null
  return extension === null ? `${area}-${local}` : `${area}-${local}-${extension}`
}

export function checkPhone(value: string): PhoneResult {
  const text = value.trim()
  if (text === '') return { ok: false, message: MESSAGES.empty }
  if (text.length > MAX_LENGTH) return { ok: false, message: MESSAGES.invalid }
  const mobile = checkMobile(text)
  if (mobile !== null) return { ok: true, normalized: mobile, kind: 'mobile' }
  const landline = checkLandline(text)
  if (landline !== null) return { ok: true, normalized: landline, kind: 'landline' }
  return { ok: false, message: MESSAGES.invalid }
}
