/*
 * Resident identity numbers (GB 11643-1999), as typed into a party's record:
 * the mainland ID card, the Hong Kong/Macao/Taiwan residents' residence permit
 * (81/82/83) and the 2023 foreigner's permanent residence ID card (leading 9).
 * All three share the 18-character layout: region, birth date in digits 7–14,
 * sequence (17th digit odd for men), and an ISO 7064 MOD 11-2 check character.
 * Pure: the caller passes today's date so the rule never reads a clock.
 */

export type ResidentIdKind = 'mainland' | 'hk_mo_tw_permit' | 'foreigner_permanent'

export interface ResidentIdInfo {
  normalized: string
  kind: ResidentIdKind
  birthDate: string
  gender: 'male' | 'female'
  region: string
}

export type ResidentIdResult = { ok: true; info: ResidentIdInfo } | { ok: false; message: string }

/** GB/T 2260 province-level codes (first two digits). */
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省'
}

/** Zhejiang prefecture-level cities: most parties here are local, so the office wants the city too. */
const ZHEJIANG_CITIES: Readonly<Record<string, string>> = {
  '3301': '杭州市',
  '3302': '宁波市',
  '3303': '温州市',
  '3304': '嘉兴市',
  '3305': '湖州市',
  '3306': '绍兴市',
  '3307': '金华市',
  '3308': '衢州市',
  '3309': '舟山市',
  '3310': '台州市',
  '3311': '丽水市'
}

const PERMIT_REGIONS: Readonly<Record<string, string>> = {
  '81': '港澳台居民居住证（香港）',
  '82': '港澳台居民居住证（澳门）',
  '83': '港澳台居民居住证（台湾）'
}

const FOREIGNER_REGION = '外国人永久居留身份证'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** Earliest birth date accepted: no living party was born before it, so an earlier one is a typo. */
const EARLIEST_BIRTH = '1900-01-01'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const MESSAGES = {
  empty: '请输入身份证号码',
  innerSpace: '身份证号码中间不能有空格',
  length: '身份证号码应为18位',
  format: '身份证号码前17位应为数字，最后一位为数字或X',
  region: '身份证号码的地区代码不存在',
  dateInvalid: '身份证号码中的出生日期不存在',
  dateFuture: '身份证号码中的出生日期晚于今天',
  dateTooEarly: '身份证号码中的出生日期早于1900年1月1日',
  checkChar: '身份证号码校验位不正确'
} as const

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`residentIdCheckChar: 17 digits expected, got "${first17}"`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** True for a real calendar date written YYYY-MM-DD. */
function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** A caller's date that is not YYYY-MM-DD is a programming error, not a user's typo: fail loudly. */
function requireIsoDate(name: string, value: string): { year: number; monthDay: string } {
  const match = ISO_DATE.exec(value)
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`${name}: a real date 'YYYY-MM-DD' expected, got "${value}"`)
  }
  return { year: Number(match[1]), monthDay: `${match[2]}-${match[3]}` }
}

/**
 * Age in whole years (周岁) on `today`. Someone born on 29 February turns a
 * year older on 1 March in common years, since 02-28 still sorts before 02-29.
 * Negative when `today` is before `birthDate`.
 */
export function ageOn(birthDate: string, today: string): number {
  const birth = requireIsoDate('ageOn birthDate', birthDate)
  const now = requireIsoDate('ageOn today', today)
  let age = now.year - birth.year
  if (now.monthDay < birth.monthDay) age -= 1
  return age
}

function regionOf(digits: string): { kind: ResidentIdKind; region: string } | null {
  if (digits[0] === '9') return { kind: 'foreigner_permanent', region: FOREIGNER_REGION }
  const prefix = digits.slice(0, 2)
  const permit = PERMIT_REGIONS[prefix]
  if (permit) return { kind: 'hk_mo_tw_permit', region: permit }
  const province = PROVINCES[prefix]
  if (!province) return null
  // An unknown 33xx (e.g. a retired code) still belongs to Zhejiang: say only the province.
  const city = prefix === '33' ? (ZHEJIANG_CITIES[digits.slice(0, 4)] ?? '') : ''
  return { kind: 'mainland', region: province + city }
}

/**
 * Checks an 18-character resident ID. The checks run from the coarsest to the
 * finest so that the message names the first thing actually wrong: a mistyped
 * birth-date digit is reported as a bad date rather than just a bad check char.
 */
export function checkResidentId(value: string, today: string): ResidentIdResult {
  requireIsoDate('checkResidentId today', today)
  const fail = (message: string): ResidentIdResult => ({ ok: false, message })

  const trimmed = value.trim()
  if (trimmed === '') return fail(MESSAGES.empty)
  if (/\s/.test(trimmed)) return fail(MESSAGES.innerSpace)
  // Code points, so a stray CJK character or emoji is a wrong character, not a wrong length.
  if ([...trimmed].length !== 18) return fail(MESSAGES.length)
  const normalized = trimmed.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail(MESSAGES.format)

  const region = regionOf(normalized)
  if (!region) return fail(MESSAGES.region)

  const year = Number(normalized.slice(6, 10))
  const month = Number(normalized.slice(10, 12))
  const day = Number(normalized.slice(12, 14))
  if (!isRealDate(year, month, day)) return fail(MESSAGES.dateInvalid)
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`
  // Same-width ISO dates compare correctly as strings.
  if (birthDate > today) return fail(MESSAGES.dateFuture)
  if (birthDate < EARLIEST_BIRTH) return fail(MESSAGES.dateTooEarly)

  if (residentIdCheckChar(normalized.slice(0, 17)) !== normalized[17]) return fail(MESSAGES.checkChar)

  const gender = Number(normalized[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, info: { normalized, kind: region.kind, birthDate, gender, region: region.region } }
}
