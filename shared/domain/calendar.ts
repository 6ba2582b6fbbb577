/* The working-day calendar as Settings and the calendar views see it (rules in shared/rules/working-days.ts). */
import { z, requiredText } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import { daysBetween, type DayInfo } from '../rules/working-days'

export const SCHEDULED_DAY_KIND_LABELS = { holiday: '法定节假日（休）', adjusted_workday: '调休上班（班）' } as const

/** Where a year's schedule came from: the chinese-days library, or typed in by the office. */
export type CalendarYearSource = 'library' | 'office'
export const CALENDAR_YEAR_SOURCE_LABELS: Record<CalendarYearSource, string> = {
  library: '内置节假日数据',
  office: '本组织录入或修改'
}

export interface CalendarYear {
  year: number
  /** null: the store has no schedule for this year, so only weekends count as rest days. */
  source: CalendarYearSource | null
  holidays: number
  adjustedWorkdays: number
  /** The built-in library has this year, so it can be (re)loaded from it. */
  inLibrary: boolean
  updatedAt: string | null
}

export interface CalendarDays {
  days: DayInfo[]
  /** Years in the range the schedule lacks (weekends only). */
  uncoveredYears: number[]
}

const isoDate = z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')
const year = z.number('请填写年份').int('年份须为整数').min(2000, '年份超出范围').max(2100, '年份超出范围')

export const calendarRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((r) => r.to >= r.from, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((r) => r.to < r.from || daysBetween(r.from, r.to) <= 800, { message: '日期范围不能超过两年', path: ['to'] })

export const setCalendarDaySchema = z
  .object({
    date: isoDate,
    kind: z.enum(['holiday', 'adjusted_workday'], '请选择放假或调休上班'),
    name: requiredText(20)
  })
  .strict()

export const removeCalendarDaySchema = z.object({ date: isoDate }).strict()
export const reseedYearSchema = z.object({ year }).strict()
