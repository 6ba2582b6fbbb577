/*
 * Amounts of money (claims, agreed sums, instalments) are integer cents from
 * the form to the database and back. Text is turned into cents by moving the
 * decimal point in the string, never by parseFloat(x) * 100, which turns
 * '1.15' into 114.99999999999999 and loses a cent on truncation.
 */

export type YuanParse = { ok: true; cents: number } | { ok: false; message: string }

/** 10^13 cents = 1000亿元: far above any mediated sum, and well inside Number's exact integers. */
const MAX_CENTS = 10_000_000_000_000

const MESSAGES = {
  empty: '请输入金额',
  negative: '金额不能为负数',
  tooManyDecimals: '金额最多精确到分（两位小数）',
  tooLarge: '金额过大',
  invalid: '请输入有效金额，如 1,234.56'
} as const

/** Optional ¥ or ￥ in front and 元 behind, as clerks copy them from documents. */
const DECORATION = /^(?:[¥￥] *)?(.*?)(?: *元)?$/

/** Plain digits, or digits grouped by thousands with commas; then an optional fraction. */
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/

export function parseYuan(text: string): YuanParse {
  const fail = (message: string): YuanParse => ({ ok: false, message })
  const trimmed = text.trim()
  if (trimmed === '') return fail(MESSAGES.empty)
  const bare = (DECORATION.exec(trimmed)?.[1] ?? trimmed).trim()
  if (bare === '') return fail(MESSAGES.empty)
  if (/^[-－−]/.test(bare)) return fail(MESSAGES.negative)

  const match = AMOUNT.exec(bare)
  if (!match) return fail(MESSAGES.invalid)
  const yuan = match[1].replaceAll(',', '').replace(/^0+(?=\d)/, '')
  const fraction = match[2] ?? ''
  if (fraction.length > 2) return fail(MESSAGES.tooManyDecimals)
  // Checked on the digit count first so that Number() below only ever sees an exactly representable integer.
  if (yuan.length > String(MAX_CENTS / 100).length) return fail(MESSAGES.tooLarge)

  const cents = Number(yuan + fraction.padEnd(2, '0'))
  if (cents > MAX_CENTS) return fail(MESSAGES.tooLarge)
  return { ok: true, cents }
}

/** 123456 → '1,234.56'. Negative amounts (refunds in a ledger) keep their sign in front. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`formatCents: integer cents expected, got ${cents}`)
  if (cents < 0) return '-' + formatCents(-cents)
  const digits = String(cents).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${yuan}.${digits.slice(-2)}`
}
