/*
 * The Chinese working-day calendar: weekends are rest days unless the State
 * Council's schedule makes them adjusted working days (调休), and public
 * holidays are rest days whatever the weekday. The schedule is data (the
 * `holidays` table, seeded from the chinese-days library and correctable per
 * year in Settings); these rules only read it. Years without a schedule fall
 * back to plain weekends, and say so (`yearCovered: false`).
 *
 * Dates are 'YYYY-MM-DD' calendar dates in China; arithmetic runs on UTC
 * midnights so no machine time zone or daylight saving can shift a day.
 */

/** A day the schedule marks: a public holiday, or a weekend day worked in lieu (调休上班). */
export interface ScheduledDay {
  date: string
  kind: 'holiday' | 'adjusted_workday'
  /** The festival it belongs to, e.g. 春节. */
  name: string
}

export interface WorkingCalendar {
  readonly days: ReadonlyMap<string, ScheduledDay>
  /** Years the schedule covers; any other year is weekends only. */
  readonly coveredYears: ReadonlySet<number>
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday'

export interface DayInfo {
  date: string
  kind: DayKind
  working: boolean
  /** The festival's name for holidays and adjusted working days. */
  name: string | null
  /** False when the schedule lacks this year: the answer is weekends only. */
  yearCovered: boolean
}

export function makeWorkingCalendar(days: Iterable<ScheduledDay>, coveredYears: Iterable<number>): WorkingCalendar {
  return { days: new Map([...days].map((day) => [day.date, day])), coveredYears: new Set(coveredYears) }
}

const DAY_MS = 24 * 60 * 60 * 1000

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Monday = 1 … Sunday = 7 (ISO), as Chinese calendars start the week. */
export function isoWeekday(date: string): number {
  const day = new Date(toUtc(date)).getUTCDay()
  return day === 0 ? 7 : day
}

export function addCalendarDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS)
}

export function dayInfo(calendar: WorkingCalendar, date: string): DayInfo {
  const yearCovered = calendar.coveredYears.has(Number(date.slice(0, 4)))
  const scheduled = calendar.days.get(date)
  if (scheduled) {
    return {
      date,
      kind: scheduled.kind,
      working: scheduled.kind === 'adjusted_workday',
      name: scheduled.name,
      yearCovered
    }
  }
  const weekend = isoWeekday(date) >= 6
  return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, name: null, yearCovered }
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  return dayInfo(calendar, date).working
}

/**
 * The date `count` working days after `date` (the start day itself is not
 * counted, as time limits run from the next day). `count` 0 gives the first
 * working day on or after `date`; negative counts go backwards.
 */
export function addWorkingDays(calendar: WorkingCalendar, date: string, count: number): string {
  let current = date
  if (count === 0) {
    while (!isWorkingDay(calendar, current)) current = addCalendarDays(current, 1)
    return current
  }
  const step = count > 0 ? 1 : -1
  let remaining = Math.abs(count)
  while (remaining > 0) {
    current = addCalendarDays(current, step)
    if (isWorkingDay(calendar, current)) remaining--
  }
  return current
}

/**
 * A time limit counted in calendar days whose last day falls on a rest day
 * ends on the next working day (as the Civil Procedure Law counts periods).
 */
export function calendarDeadline(calendar: WorkingCalendar, date: string, days: number): string {
  return addWorkingDays(calendar, addCalendarDays(date, days), 0)
}

/** Working days in [from, to], both ends included. */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let count = 0
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(calendar, day)) count++
  return count
}
