/*
 * Dates as the offices read them: China Standard Time (UTC+8, no daylight
 * saving). A case accepted at 00:30 on 1 January in Wenzhou belongs to the
 * new year even though UTC still says 31 December.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000

/** 'YYYY-MM-DD' in China. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

export function chinaYear(instant: Date): number {
  return Number(chinaDate(instant).slice(0, 4))
}

/** 'YYYY-MM-DD HH:mm' in China, for screens and documents. */
export function chinaDateTime(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** '2026年11月29日', as printed documents write dates. */
export function chinaDateLong(instant: Date | string): string {
  const [year, month, day] = chinaDate(typeof instant === 'string' ? new Date(instant) : instant)
    .split('-')
    .map(Number)
  return `${year}年${month}月${day}日`
}
