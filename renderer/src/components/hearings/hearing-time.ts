/*
 * China wall-clock text ('YYYY-MM-DDTHH:mm') to and from what FullCalendar
 * holds. The calendar runs in its 'UTC' zone and is fed wall-clock strings,
 * so it draws exactly the China times whatever zone the machine is set to.
 */
import { chinaWallClock } from '../../../../shared/rules/hearing-clash'
import { addCalendarDays, isoWeekday } from '../../../../shared/rules/working-days'

/** A FullCalendar date (UTC fields = China wall clock) as wall-clock text. */
export function wallClockOfCalendar(date: Date): string {
  return date.toISOString().slice(0, 16)
}

/** Now in China, as FullCalendar's `now` in its UTC zone. */
export function calendarNow(): string {
  return `${chinaWallClock(new Date())}:00`
}

export function chinaToday(): string {
  return chinaWallClock(new Date()).slice(0, 10)
}

/** Monday and Sunday of the week holding `date`. */
export function weekOf(date: string): { from: string; to: string } {
  const from = addCalendarDays(date, 1 - isoWeekday(date))
  return { from, to: addCalendarDays(from, 6) }
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']
/** '12月3日 周四 09:00–11:00' */
export function sessionSpan(startsAt: string, endsAt: string): string {
  const date = startsAt.slice(0, 10)
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[isoWeekday(date) - 1]} ${startsAt.slice(11)}–${endsAt.slice(11)}`
}
