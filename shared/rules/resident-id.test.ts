/*
 * Resident ID rule: generated valid IDs of every kind pass with the right
 * details, every single-character typo is caught, and each refusal has its
 * own message. The check character is tested against the ISO 7064 definition
 * (weighted sum including the check ≡ 1 mod 11), not against the code's table.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ageOn, checkResidentId, residentIdCheckChar, type ResidentIdKind } from './resident-id'

const TODAY = '2026-06-15'
const DAY_MS = 86_400_000

/** ISO 7064 MOD 11-2 as defined: Σ digit·2^(17−i) over all 18 positions ≡ 1 (mod 11), X standing for 10. */
function satisfiesMod11_2(id: string): boolean {
  let sum = 0
  for (let i = 0; i < 18; i++) {
    const value = id[i] === 'X' ? 10 : Number(id[i])
    sum += value * (2 ** (17 - i) % 11)
  }
  return sum % 11 === 1
}

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)

const digits = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''))

const PROVINCES: [string, string][] = [
  ['11', '北京市'],
  ['12', '天津市'],
  ['13', '河北省'],
  ['14', '山西省'],
  ['15', '内蒙古自治区'],
  ['21', '辽宁省'],
  ['22', '吉林省'],
  ['23', '黑龙江省'],
  ['31', '上海市'],
  ['32', '江苏省'],
  ['34', '安徽省'],
  ['35', '福建省'],
  ['36', '江西省'],
  ['37', '山东省'],
  ['41', '河南省'],
  ['42', '湖北省'],
  ['43', '湖南省'],
  ['44', '广东省'],
  ['45', '广西壮族自治区'],
  ['46', '海南省'],
  ['50', '重庆市'],
  ['51', '四川省'],
  ['52', '贵州省'],
  ['53', '云南省'],
  ['54', '西藏自治区'],
  ['61', '陕西省'],
  ['62', '甘肃省'],
  ['63', '青海省'],
  ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
  ['71', '台湾省']
]

const ZHEJIANG_CITIES: [string, string][] = [
  ['01', '杭州市'],
  ['02', '宁波市'],
  ['03', '温州市'],
  ['04', '嘉兴市'],
  ['05', '湖州市'],
  ['06', '绍兴市'],
  ['07', '金华市'],
  ['08', '衢州市'],
  ['09', '舟山市'],
  ['10', '台州市'],
  ['11', '丽水市']
]

interface Prefix {
  code: string
  kind: ResidentIdKind
  region: string
}

/** The first six characters, with the kind and region they must be reported as. */
const prefixArb: fc.Arbitrary<Prefix> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...PROVINCES), digits(4))
    .map(([[code, region], rest]) => ({ code: code + rest, kind: 'mainland' as const, region })),
  fc
    .tuple(fc.constantFrom(...ZHEJIANG_CITIES), digits(2))
    .map(([[city, name], rest]) => ({ code: '33' + city + rest, kind: 'mainland' as const, region: '浙江省' + name })),
  // Ouhai and the other Wenzhou districts and counties, where most parties live.
  fc
    .constantFrom('02', '03', '04', '05', '22', '24', '26', '27', '28', '29', '81', '82', '83')
    .map((county) => ({ code: '3303' + county, kind: 'mainland' as const, region: '浙江省温州市' })),
  fc
    .tuple(fc.integer({ min: 12, max: 99 }), digits(2))
    .map(([city, rest]) => ({ code: `33${city}${rest}`, kind: 'mainland' as const, region: '浙江省' })),
  fc.constantFrom(
    { code: '810000', kind: 'hk_mo_tw_permit' as const, region: '港澳台居民居住证（香港）' },
    { code: '820000', kind: 'hk_mo_tw_permit' as const, region: '港澳台居民居住证（澳门）' },
    { code: '830000', kind: 'hk_mo_tw_permit' as const, region: '港澳台居民居住证（台湾）' }
  ),
  digits(5).map((rest) => ({ code: '9' + rest, kind: 'foreigner_permanent' as const, region: '外国人永久居留身份证' }))
)

/** Birth dates from 1900-01-01 to TODAY, made with the platform calendar rather than the rule's own. */
const FIRST_DAY = Date.UTC(1900, 0, 1)
const LAST_DAY = Date.parse(TODAY + 'T00:00:00Z')
const birthDateArb = fc
  .integer({ min: 0, max: (LAST_DAY - FIRST_DAY) / DAY_MS })
  .map((offset) => new Date(FIRST_DAY + offset * DAY_MS).toISOString().slice(0, 10))

interface ValidId {
  id: string
  prefix: Prefix
  birthDate: string
  gender: 'male' | 'female'
}

const validIdArb: fc.Arbitrary<ValidId> = fc
  .tuple(prefixArb, birthDateArb, digits(3))
  .map(([prefix, birthDate, sequence]) => ({
    id: withCheck(prefix.code + birthDate.replaceAll('-', '') + sequence),
    prefix,
    birthDate,
    gender: Number(sequence[2]) % 2 === 1 ? ('male' as const) : ('female' as const)
  }))

describe('residentIdCheckChar', () => {
  it('gives the character that makes the ISO 7064 MOD 11-2 sum come out at 1', () => {
    fc.assert(
      fc.property(digits(17), (first17) => {
        expect(satisfiesMod11_2(first17 + residentIdCheckChar(first17))).toBe(true)
      })
    )
  })

  it('matches the worked example of GB 11643', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X')
    expect(residentIdCheckChar('44052418800101001')).toBe('4')
  })

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError)
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError)
  })
})

describe('checkResidentId, generated IDs', () => {
  it('accepts every valid ID and reports its kind, birth date, gender and region', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, prefix, birthDate, gender }) => {
        const result = checkResidentId(id, TODAY)
        expect(result).toEqual({
          ok: true,
          info: { normalized: id, kind: prefix.kind, birthDate, gender, region: prefix.region }
        })
      }),
      { numRuns: 2000 }
    )
  })

  it('accepts a lowercase x and surrounding spaces, normalizing both', () => {
    fc.assert(
      fc.property(validIdArb, fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('', ' ', '\u3000'), (v, l, r) => {
        const typed = l + v.id.replace('X', 'x') + r
        const result = checkResidentId(typed, TODAY)
        expect(result.ok && result.info.normalized).toBe(v.id)
      })
    )
  })

  it('refuses every single-character change to another allowed character', () => {
    fc.assert(
      fc.property(validIdArb, fc.nat(17), fc.nat(9), ({ id }, position, pick) => {
        const allowed = position === 17 ? '0123456789X' : '0123456789'
        const others = [...allowed].filter((char) => char !== id[position])
        const changed = id.slice(0, position) + others[pick % others.length] + id.slice(position + 1)
        const result = checkResidentId(changed, TODAY)
        expect(result.ok).toBe(false)
        // The sequence digits and the check character carry no other meaning: only the check can catch them.
        if (position >= 14) expect(result).toEqual({ ok: false, message: '身份证号码校验位不正确' })
      }),
      { numRuns: 3000 }
    )
  })

  it('refuses two adjacent digits swapped whenever the swap changes the ID', () => {
    fc.assert(
      fc.property(validIdArb, fc.nat(15), ({ id }, position) => {
        fc.pre(id[position] !== id[position + 1])
        const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2)
        expect(checkResidentId(swapped, TODAY).ok).toBe(false)
      })
    )
  })
})

describe('checkResidentId, worked examples', () => {
  it('reads the GB 11643 example', () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      info: {
        normalized: '11010519491231002X',
        kind: 'mainland',
        birthDate: '1949-12-31',
        gender: 'female',
        region: '北京市'
      }
    })
  })

  it('names Wenzhou for an Ouhai ID, and only the province for an unknown Zhejiang city', () => {
    const ouhai = checkResidentId(withCheck('33030419850317124'), TODAY)
    expect(ouhai.ok && ouhai.info).toMatchObject({ region: '浙江省温州市', birthDate: '1985-03-17', gender: 'female' })
    const unknown = checkResidentId(withCheck('33990019850317123'), TODAY)
    expect(unknown.ok && unknown.info.region).toBe('浙江省')
  })

  it('tells the kinds apart', () => {
    const hongKong = checkResidentId(withCheck('81000019900101001'), TODAY)
    expect(hongKong.ok && hongKong.info).toMatchObject({ kind: 'hk_mo_tw_permit', region: '港澳台居民居住证（香港）' })
    const taiwan = checkResidentId(withCheck('83000019900101001'), TODAY)
    expect(taiwan.ok && taiwan.info).toMatchObject({ kind: 'hk_mo_tw_permit', region: '港澳台居民居住证（台湾）' })
    const foreigner = checkResidentId(withCheck('93384019900101001'), TODAY)
    expect(foreigner.ok && foreigner.info).toMatchObject({
      kind: 'foreigner_permanent',
      region: '外国人永久居留身份证',
      gender: 'male'
    })
  })

  it('accepts leap days of leap years, including 2000, and someone born today', () => {
    expect(checkResidentId(withCheck('33030420000229001'), TODAY).ok).toBe(true)
    expect(checkResidentId(withCheck('33030419960229001'), TODAY).ok).toBe(true)
    expect(checkResidentId(withCheck('33030420260615001'), TODAY).ok).toBe(true)
    expect(checkResidentId(withCheck('33030419000101001'), TODAY).ok).toBe(true)
  })
})

describe('checkResidentId, messages', () => {
  const refuses = (value: string, message: string) =>
    expect(checkResidentId(value, TODAY)).toEqual({ ok: false, message })

  it('asks for a number when there is none', () => {
    refuses('', '请输入身份证号码')
    refuses('   ', '请输入身份证号码')
  })

  it('refuses spaces inside the number', () => {
    refuses('330304 19850317123X', '身份证号码中间不能有空格')
    refuses('330304198503171 23', '身份证号码中间不能有空格')
  })

  it('wants 18 characters', () => {
    refuses('33030419850317123', '身份证号码应为18位')
    refuses('330304850317123', '身份证号码应为18位')
    refuses('3303041985031712345', '身份证号码应为18位')
  })

  it('wants 17 digits and a final digit or X', () => {
    refuses('33030419850317123A', '身份证号码前17位应为数字，最后一位为数字或X')
    refuses('3303041985031712X4', '身份证号码前17位应为数字，最后一位为数字或X')
    refuses('３３０３０４１９８５０３１７１２３４', '身份证号码前17位应为数字，最后一位为数字或X')
  })

  it('refuses unknown region codes even with a correct check character', () => {
    for (const first17 of ['00000019850317123', '10030419850317123', '72000019850317123', '84000019850317123']) {
      refuses(withCheck(first17), '身份证号码的地区代码不存在')
    }
  })

  it('refuses birth dates that are not on the calendar', () => {
    for (const date of ['19000229', '20010229', '19851301', '19850100', '19850431', '19850300']) {
      refuses(withCheck('330304' + date + '123'), '身份证号码中的出生日期不存在')
    }
  })

  it('refuses birth dates after today', () => {
    refuses(withCheck('33030420260616123'), '身份证号码中的出生日期晚于今天')
    refuses(withCheck('33030430000101123'), '身份证号码中的出生日期晚于今天')
  })

  it('refuses birth dates before 1900', () => {
    refuses('440524188001010014', '身份证号码中的出生日期早于1900年1月1日')
    refuses(withCheck('33030418991231123'), '身份证号码中的出生日期早于1900年1月1日')
  })

  it('refuses a wrong check character', () => {
    refuses('110105194912310021', '身份证号码校验位不正确')
    refuses('110105194912310020', '身份证号码校验位不正确')
    refuses(withCheck('33030419850317123').slice(0, 17) + 'Y', '身份证号码前17位应为数字，最后一位为数字或X')
  })

  it('treats a malformed today as a programming error', () => {
    expect(() => checkResidentId('11010519491231002X', '2026-6-15')).toThrow(RangeError)
    expect(() => checkResidentId('11010519491231002X', '2026-02-30')).toThrow(RangeError)
  })
})

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1985-03-17', '2026-03-16')).toBe(40)
    expect(ageOn('1985-03-17', '2026-03-17')).toBe(41)
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17)
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18)
    expect(ageOn('2026-06-15', '2026-06-15')).toBe(0)
  })

  it('makes a 29 February birthday count from 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })

  it('agrees with counting birthdays on the platform calendar', () => {
    fc.assert(
      fc.property(birthDateArb, birthDateArb, (a, b) => {
        const [birth, today] = a <= b ? [a, b] : [b, a]
        let age = 0
        const [by, bm, bd] = birth.split('-').map(Number)
        // The (age+1)th birthday, moved to 1 March when 29 February does not exist that year.
        const birthday = (n: number) => {
          const date = new Date(Date.UTC(by + n, bm - 1, bd))
          return date.toISOString().slice(0, 10)
        }
        while (birthday(age + 1) <= today) age++
        expect(ageOn(birth, today)).toBe(age)
      })
    )
  })

  it('refuses dates that are not YYYY-MM-DD', () => {
    expect(() => ageOn('19850317', '2026-06-15')).toThrow(RangeError)
    expect(() => ageOn('1985-03-17', '2026-13-01')).toThrow(RangeError)
  })
})
