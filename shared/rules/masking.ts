/*
 * Masking of personal identifiers in lists, exports and screens that do not
 * need them whole (PIPL: sensitive personal information). The full value
 * stays in the store; what a role may see unmasked is the trust issue's.
 */

/** 330302199001011234 → 330302********1234 (region kept, birth date hidden). */
export function maskIdNumber(value: string | null): string | null {
  if (!value) return value
  if (value.length <= 8) return value[0] + '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-1)
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4)
}

/** 13812345678 → 138****5678; 0577-88881234 → 0577-****1234. */
export function maskPhone(value: string | null): string | null {
  if (!value) return value
  const dash = value.indexOf('-')
  if (dash > 0) {
    const rest = value.slice(dash + 1)
    return `${value.slice(0, dash)}-${'*'.repeat(Math.max(0, rest.length - 4))}${rest.slice(-4)}`
  }
  if (value.length < 7) return '*'.repeat(value.length)
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4)
}

/** Credit codes identify organisations, not persons: only the middle is hidden, so clerks can still compare. */
export function maskCreditCode(value: string | null): string | null {
  if (!value) return value
  return value.slice(0, 8) + '******' + value.slice(-4)
}
