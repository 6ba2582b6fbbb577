import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addCalendarDays,
  addWorkingDays,
  calendarDeadline,
  dayInfo,
  daysBetween,
  isoWeekday,
  makeWorkingCalendar,
  workingDaysBetween,
  type ScheduledDay
} from './working-days'

// The State Council's 2026 Spring Festival and National Day schedule, as published.
const days: ScheduledDay[] = [
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
    date: `2026-02-${d}`,
    kind: 'holiday' as const,
    name: '春节'
  })),
  { date: '2026-02-14', kind: 'adjusted_workday', name: '春节' },
  { date: '2026-02-28', kind: 'adjusted_workday', name: '春节' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `2026-10-${d}`,
    kind: 'holiday' as const,
    name: '国庆节'
  })),
  { date: '2026-09-20', kind: 'adjusted_workday', name: '国庆节' },
  { date: '2026-10-10', kind: 'adjusted_workday', name: '国庆节' }
]
const calendar = makeWorkingCalendar(days, [2026])

describe('the working-day calendar', () => {
  it('knows weekdays, weekends, holidays and 调休 Saturdays', () => {
    expect(dayInfo(calendar, '2026-02-13')).toMatchObject({ kind: 'workday', working: true })
    expect(dayInfo(calendar, '2026-02-14')).toMatchObject({ kind: 'adjusted_workday', working: true, name: '春节' })
    expect(dayInfo(calendar, '2026-02-17')).toMatchObject({ kind: 'holiday', working: false, name: '春节' })
    expect(dayInfo(calendar, '2026-03-01')).toMatchObject({ kind: 'weekend', working: false })
    expect(dayInfo(calendar, '2026-09-20')).toMatchObject({ kind: 'adjusted_workday', working: true })
    expect(isoWeekday('2026-09-20')).toBe(7)
  })

  it('says when a year is not covered by the schedule and falls back to weekends', () => {
    expect(dayInfo(calendar, '2027-10-01')).toMatchObject({ kind: 'workday', working: true, yearCovered: false })
    expect(dayInfo(calendar, '2027-10-02')).toMatchObject({ kind: 'weekend', yearCovered: false })
  })

  it('counts working days across the Spring Festival, skipping the holiday and counting the 调休 Saturday', () => {
    // Fri 13 Feb + 1 working day = Sat 14 Feb (worked in lieu).
    expect(addWorkingDays(calendar, '2026-02-13', 1)).toBe('2026-02-14')
    // From Sat 14 Feb the next working day is Tue 24 Feb, after nine days off.
    expect(addWorkingDays(calendar, '2026-02-14', 1)).toBe('2026-02-24')
    expect(addWorkingDays(calendar, '2026-02-24', -1)).toBe('2026-02-14')
    expect(addWorkingDays(calendar, '2026-02-17', 0)).toBe('2026-02-24')
    expect(workingDaysBetween(calendar, '2026-02-09', '2026-02-28')).toBe(5 + 1 + 4 + 1)
  })

  it('moves a calendar-day limit that ends on a holiday to the next working day', () => {
    // 30 days from 1 Sep 2026 is 1 Oct (National Day): the limit runs to Thu 8 Oct.
    expect(calendarDeadline(calendar, '2026-09-01', 30)).toBe('2026-10-08')
    // Ending on a plain Tuesday leaves it where it is.
    expect(calendarDeadline(calendar, '2026-03-01', 30)).toBe('2026-03-31')
  })

  it('handles month ends and leap years in calendar arithmetic', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addCalendarDays('2026-01-31', 30)).toBe('2026-03-02')
    expect(daysBetween('2026-12-31', '2027-01-30')).toBe(30)
  })

  it('going forward n working days and back n lands on a working day no later than the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const start = addCalendarDays('2026-01-01', offset)
        const ahead = addWorkingDays(calendar, start, n)
        expect(workingDaysBetween(calendar, addCalendarDays(start, 1), ahead)).toBe(n)
        const back = addWorkingDays(calendar, ahead, -n)
        expect(back <= start).toBe(true)
        expect(dayInfo(calendar, back).working).toBe(true)
      })
    )
  })
})
