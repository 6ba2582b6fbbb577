/*
 * Masking of personal identifiers in lists, exports and screens that do not
 * need them whole (PIPL: sensitive personal information). The full value
 * stays in the store; what a role may see unmasked is the trust issue's.
 */

/**
 * 330302199001011234 → 330***********1234. No standard fixes the digits, so
 * this is our rule: the first three (province and the start of the
 * prefecture) and the last four (which clerks read aloud to tell two people
 * apart) stay; the county (digits 4–6) and the birth date (7–14) are hidden,
 * because together with a name they single a person out.
 */
export function maskIdNumber(value: string | null): string | null {
  if (!value) return value
  if (value.length <= 8) return value[0] + '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-1)
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4)
}

const TOWN_LEVEL = /^.*?(街道|镇|乡)/

/**
 * 温州市瓯海区梧田街道南堡村12号 → 温州市瓯海区梧田街道****: an address is
 * kept to its town-street, which statistics and routing need, and the
 * village, street and house number that locate a home are hidden. Without a
 * town-level word the first six characters stay.
 */
export function maskAddress(value: string | null): string | null {
  if (!value) return value
  const town = TOWN_LEVEL.exec(value)?.[0] ?? value.slice(0, 6)
  return town.length >= value.length ? value : `${town}****`
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

/**
 * Two-character surnames (复姓) still met in Wenzhou's rolls and in the
 * national list; any other name keeps only its first character as surname.
 */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '令狐',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门'
]

/**
 * 王芳 → 王某, 欧阳明华 → 欧阳某: a person's name reduced to surname + 某, the
 * way court documents publish parties. A compound surname stays whole, so the
 * masked name does not invent a different surname.
 */
export function maskPersonName(value: string | null): string | null {
  if (!value) return value
  const name = value.trim()
  const surname = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? Array.from(name)[0]
  return `${surname}某`
}
