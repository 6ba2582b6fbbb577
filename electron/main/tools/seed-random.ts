/*
 * The generator's only source of chance: a small seeded PRNG (sfc32, seeded
 * through splitmix32), weighted choice, and UUIDv7 ids whose random bits come
 * from the PRNG instead of the system, so the same seed gives the same rows.
 * Also the date arithmetic the generator needs in China time (UTC+8).
 */

/** sfc32: fast, 128-bit state, passes PractRand far beyond what a seed run draws. */
export class Rng {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(seed: number) {
    let state = seed >>> 0
    // splitmix32 spreads a small integer seed over the whole state.
    const next = () => {
      state = (state + 0x9e3779b9) | 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.#a = next()
    this.#b = next()
    this.#c = next()
    this.#d = next()
    for (let i = 0; i < 12; i++) this.u32()
  }

  u32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }

  /** Uniform integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  /** An independent stream for one concern (names, roster …), so adding draws to one leaves the others unchanged. */
  fork(label: number): Rng {
    return new Rng((this.u32() ^ Math.imul(label, 0x9e3779b1)) >>> 0)
  }
}

/** Choice by weight: cumulative weights and a binary search, O(log n) a draw. */
export class Weighted<T> {
  readonly values: readonly T[]
  readonly #cumulative: Float64Array
  readonly #total: number

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = entries.map(([value]) => value)
    this.#cumulative = new Float64Array(entries.length)
    let sum = 0
    entries.forEach(([, weight], i) => {
      sum += weight
      this.#cumulative[i] = sum
    })
    this.#total = sum
  }

  pick(rng: Rng): T {
    const target = rng.float() * this.#total
    let lo = 0
    let hi = this.#cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.#cumulative[mid] > target) hi = mid
      else lo = mid + 1
    }
    return this.values[lo]
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * A UUIDv7 (RFC 9562) for a row made at `millis`: the same layout as
 * shared/uuid.ts, so seeded ids sort by time like the app's own, but with
 * the 74 random bits drawn from `rng`.
 */
export function seededUuidv7(millis: number, rng: Rng): string {
  const r1 = rng.u32()
  const r2 = rng.u32()
  const r3 = rng.u32()
  let ms = millis
  const time: string[] = new Array(6)
  for (let i = 5; i >= 0; i--) {
    time[i] = HEX[ms % 256]
    ms = Math.floor(ms / 256)
  }
  const t = time.join('')
  const b6 = HEX[0x70 | (r1 & 0x0f)]
  const b7 = HEX[(r1 >>> 8) & 0xff]
  const b8 = HEX[0x80 | (r2 & 0x3f)]
  const b9 = HEX[(r2 >>> 8) & 0xff]
  const rest = HEX[(r2 >>> 16) & 0xff] + HEX[r2 >>> 24] + HEX[r3 & 0xff] + HEX[(r3 >>> 8) & 0xff]
  const tail = rest + HEX[(r3 >>> 16) & 0xff] + HEX[r3 >>> 24]
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-${b6}${b7}-${b8}${b9}-${tail}`
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

/**
 * 'YYYY-MM-DD' of a day counted from 1970-01-01, by integer arithmetic
 * (H. Hinnant's civil_from_days): the generator formats millions of dates,
 * and Date#toISOString was a tenth of its time.
 */
export function dayString(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${year}-${PAD2[month]}-${PAD2[day]}`
}

/** Days since 1970-01-01 of 'YYYY-MM-DD'. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)
}

/** 'YYYY-MM-DD' in China for an instant in milliseconds. */
export function chinaDay(millis: number): string {
  return dayString(Math.floor((millis + CHINA_OFFSET) / DAY))
}

export function chinaYearOf(millis: number): number {
  return Number(chinaDay(millis).slice(0, 4))
}

/** Midnight China time of 'YYYY-MM-DD', in milliseconds. */
export function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

/** The same text as `new Date(millis).toISOString()`. */
export function iso(millis: number): string {
  const days = Math.floor(millis / DAY)
  let rest = millis - days * DAY
  const hours = Math.floor(rest / HOUR)
  rest -= hours * HOUR
  const minutes = Math.floor(rest / MINUTE)
  rest -= minutes * MINUTE
  const seconds = Math.floor(rest / 1000)
  return `${dayString(days)}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`
}

/** 'YYYY-MM-DD' plus whole days. */
export function addDays(date: string, days: number): string {
  return dayString(dayNumber(date) + days)
}
