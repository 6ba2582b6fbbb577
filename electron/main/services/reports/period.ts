/*
 * A report period (month, quarter, year) as China dates and months. Periods
 * are China calendar periods: a case accepted at 00:30 on 1 December in
 * Wenzhou belongs to December whatever UTC says.
 */
import type { ReportPeriodInput } from '../../../../shared/domain/report'
import { chinaDate } from '../../../../shared/rules/china-time'
import type { AppContext } from '../../context'
import { invalidField } from '../../errors'

export interface ResolvedPeriod {
  title: string
  from: string
  to: string
  months: string[]
}

const QUARTER_NAMES = ['一', '二', '三', '四']
const pad = (n: number): string => String(n).padStart(2, '0')

function lastDay(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one (UTC arithmetic, no time zone involved).
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`
}

export function resolvePeriod(input: ReportPeriodInput): ResolvedPeriod {
  const { year } = input
  let first = 1
  let last = 12
  let title = `${year}年`
  if (input.period === 'month') {
    first = last = input.month!
    title = `${year}年${input.month}月`
  } else if (input.period === 'quarter') {
    first = input.quarter! * 3 - 2
    last = first + 2
    title = `${year}年第${QUARTER_NAMES[input.quarter! - 1]}季度`
  }
  const months: string[] = []
  for (let m = first; m <= last; m++) months.push(`${year}-${pad(m)}`)
  return { title, from: `${year}-${pad(first)}-01`, to: lastDay(year, last), months }
}

/** A period that has not begun has nothing to report: refused against the field that chose it. */
export function checkPeriodStarted(ctx: AppContext, input: ReportPeriodInput, period: ResolvedPeriod): void {
  if (period.from <= chinaDate(ctx.clock.now())) return
  const field = input.period === 'month' ? 'month' : input.period === 'quarter' ? 'quarter' : 'year'
  throw invalidField(field, '所选期间尚未开始，不能统计')
}

/** The UTC instant a China day begins: accepted_at is stored as a UTC ISO timestamp. */
export function chinaDayStartUtc(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

/** The UTC instant the day after `date` begins in China (the exclusive end of a range). */
export function chinaDayEndUtc(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
}
