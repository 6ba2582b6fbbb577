/*
 * People and organisations for generated data: names by surname frequency,
 * resident IDs that pass GB 11643 (Wenzhou and migrant-worker region codes,
 * plausible birth dates, gender in the 17th digit, never two people with the
 * same number), mobile and landline phones, and companies with valid unified
 * social credit codes. Pure: every draw comes from the Rng passed in.
 */
import { creditCodeCheckChar } from '../../../shared/rules/credit-code'
import { residentIdCheckChar } from '../../../shared/rules/resident-id'
import { addDays, dayNumber, dayString, type Rng, Weighted } from './seed-random'
import {
  COMPANY_PREFIXES,
  FEMALE_CHARS,
  ID_REGIONS,
  INDUSTRIES,
  MALE_CHARS,
  MINORITY_NAMES,
  MINORITY_REGIONS,
  NEUTRAL_CHARS,
  SURNAMES,
  TRADE_CHARS
} from './seed-vocabulary'

export interface Person {
  name: string
  gender: 'male' | 'female'
  ethnicity: string
  idNumber: string | null
  birthDate: string | null
  phone: string | null
}

export interface Company {
  name: string
  creditCode: string
}

const surnames = new Weighted(SURNAMES)
const regions = new Weighted(ID_REGIONS)
const industries = new Weighted(INDUSTRIES)
const companyPrefixes = new Weighted(COMPANY_PREFIXES)
const MOBILE_PREFIXES = new Weighted<string>([
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 3] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 2] as const),
  ...['180', '181', '182', '183', '185', '186', '187', '188', '189'].map((p) => [p, 2] as const),
  ...['177', '199'].map((p) => [p, 1] as const)
])
const MALE = [...MALE_CHARS]
const FEMALE = [...FEMALE_CHARS]
const NEUTRAL = [...NEUTRAL_CHARS]
const TRADE = [...TRADE_CHARS]
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** 31^7 organisation-code bodies; a multiplier prime to 31 walks them all once, in a scrambled order. */
const BODY_SPACE = 31 ** 7
const BODY_STEP = 295_561

/** The people and organisations of one generated register, with the state that keeps identifiers unique. */
export class PeopleFactory {
  readonly #rng: Rng
  readonly #today: number
  /** Next free sequence digit per region and birth date, so two people never share an ID number. */
  readonly #idSequences = new Map<number, number>()
  readonly #regionIndex = new Map<string, number>()
  #companies = 0

  constructor(rng: Rng, today: string) {
    this.#rng = rng
    this.#today = dayNumber(today)
  }

  surname(): string {
    return surnames.pick(this.#rng)
  }

  givenName(gender: 'male' | 'female', age: number): string {
    const rng = this.#rng
    const pool = gender === 'male' ? MALE : FEMALE
    // About one in six carry a single-character given name, more among older people.
    if (rng.chance(age > 50 ? 0.25 : 0.12)) return rng.pick(pool)
    if (gender === 'female' && rng.chance(0.05)) {
      const c = rng.pick(pool)
      return c + c
    }
    const first = age < 30 && rng.chance(0.35) ? rng.pick(NEUTRAL) : rng.pick(pool)
    let second = rng.pick(pool)
    if (second === first) second = rng.pick(pool)
    return first + second
  }

  /** Age of an adult party: most between 30 and 60. */
  age(): number {
    const rng = this.#rng
    const spread = (rng.float() + rng.float() + rng.float()) / 3
    return 18 + Math.floor(spread * 67)
  }

  person(options: { minorityShare?: number; withId?: number; withPhone?: number } = {}): Person {
    const rng = this.#rng
    if (rng.chance(options.minorityShare ?? 0.004)) {
      const [name, ethnicity, gender] = rng.pick(MINORITY_NAMES)
      const birthDate = this.birthDate(this.age())
      const idNumber = this.residentId(rng.pick(MINORITY_REGIONS), birthDate, gender as 'male' | 'female')
      return { name, gender: gender as 'male' | 'female', ethnicity, idNumber, birthDate, phone: this.mobile() }
    }
    const gender = rng.chance(0.55) ? 'male' : 'female'
    const age = this.age()
    const name = this.surname() + this.givenName(gender, age)
    const withId = rng.chance(options.withId ?? 0.95)
    const birthDate = withId ? this.birthDate(age) : null
    return {
      name,
      gender,
      ethnicity: '汉族',
      idNumber: birthDate ? this.residentId(regions.pick(rng), birthDate, gender) : null,
      birthDate,
      phone: rng.chance(options.withPhone ?? 0.92) ? this.mobile() : null
    }
  }

  birthDate(age: number): string {
    return dayString(this.#today - (age * 365 + this.#rng.int(365)))
  }

  /** A valid, unique 18-digit resident ID for this region, birth date and gender. */
  residentId(region: string, birthDate: string, gender: 'male' | 'female'): string {
    let regionIndex = this.#regionIndex.get(region)
    if (regionIndex === undefined) {
      regionIndex = this.#regionIndex.size
      this.#regionIndex.set(region, regionIndex)
    }
    let date = birthDate
    for (;;) {
      const compact = date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10)
      const key = regionIndex * 100_000_000 + Number(compact)
      const taken = this.#idSequences.get(key)
      // A random even start per key keeps sequence digits from all reading 00x.
      const next = taken ?? 2 * this.#rng.int(150)
      // The 17th digit is odd for men: 2n + 1, even for women: 2n.
      const sequence = 10 + next + (gender === 'male' ? 1 : 0)
      if (sequence <= 999) {
        this.#idSequences.set(key, next + 2)
        const first17 = `${region}${compact}${String(sequence).padStart(3, '0')}`
        return first17 + residentIdCheckChar(first17)
      }
      date = addDays(date, 1) // this birthday is full in this region: the next day
    }
  }

  mobile(): string {
    const rng = this.#rng
    return MOBILE_PREFIXES.pick(rng) + String(rng.int(100_000_000)).padStart(8, '0')
  }

  /** Wenzhou landlines are 0577 and eight digits. */
  landline(): string {
    return `0577-${this.#rng.between(5, 8)}${String(this.#rng.int(10_000_000)).padStart(7, '0')}`
  }

  /** A new company; its credit code is unique, its name may repeat an earlier one (the caller reuses that record). */
  company(industry?: string, region = '330304'): Company {
    const rng = this.#rng
    const trade = this.tradeName()
    const kind = industry ?? industries.pick(rng)
    const name = `${companyPrefixes.pick(rng)}${trade}${kind}有限公司`
    return { name, creditCode: this.creditCode(region) }
  }

  /** A shop or clinic run as an individual business (个体工商户, credit code 92…). */
  business(name: string, region = '330304'): Company {
    return { name, creditCode: this.creditCode(region, '92') }
  }

  tradeName(): string {
    return this.#rng.pick(TRADE) + this.#rng.pick(TRADE)
  }

  /** 91 (enterprise) or 92 (individual business) + region + 'MA' + seven scrambled characters + check character. */
  creditCode(region: string, prefix: '91' | '92' = '91'): string {
    let body = (this.#companies++ * BODY_STEP + 7_654_321) % BODY_SPACE
    let text = ''
    for (let i = 0; i < 7; i++) {
      text = CODE_ALPHABET[body % 31] + text
      body = Math.floor(body / 31)
    }
    const first17 = `${prefix}${region}MA${text}`
    return first17 + creditCodeCheckChar(first17)
  }
}
