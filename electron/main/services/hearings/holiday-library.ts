/*
 * The State Council's holiday schedules as the chinese-days package ships
 * them (2004 to its last published year). Its JSON maps a date to
 * "English name,中文名,n"; `holidays` are rest days, `workdays` the 调休
 * working weekends. Read with require: the main bundle keeps the package
 * external, and JSON import attributes on externals are not portable.
 */
import { createRequire } from 'node:module'
import type { ScheduledDay } from '../../../../shared/rules/working-days'

interface LibraryFile {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

let cached: Map<number, ScheduledDay[]> | null = null

/** Every year the library covers, with its days in date order. */
export function libraryYears(): Map<number, ScheduledDay[]> {
  if (cached) return cached
  const file = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as LibraryFile
  const byYear = new Map<number, ScheduledDay[]>()
  const add = (date: string, label: string, kind: ScheduledDay['kind']) => {
    const year = Number(date.slice(0, 4))
    const name = label.split(',')[1] || label
    byYear.set(year, [...(byYear.get(year) ?? []), { date, kind, name }])
  }
  for (const [date, label] of Object.entries(file.holidays)) add(date, label, 'holiday')
  for (const [date, label] of Object.entries(file.workdays)) add(date, label, 'adjusted_workday')
  for (const days of byYear.values()) days.sort((a, b) => a.date.localeCompare(b.date))
  cached = new Map([...byYear.entries()].sort(([a], [b]) => a - b))
  return cached
}
