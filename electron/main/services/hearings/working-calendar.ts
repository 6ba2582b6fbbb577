/*
 * The working-day calendar in the store: one holiday_years row per year the
 * schedule covers (from the library, or typed in by the office) and its days
 * in `holidays`. A year's days belong to its year row, as a mediator's leave
 * belongs to the mediator: each change is audited once, on the year, with
 * the days before and after. Seeding at start adds only the library years the
 * store lacks, so an office's corrections are never overwritten; re-seeding a
 * year is an explicit act in Settings.
 */
import type { Kysely } from 'kysely'
import type { CalendarDays, CalendarYear } from '../../../../shared/domain/calendar'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaYear } from '../../../../shared/rules/china-time'
import {
  addCalendarDays,
  dayInfo,
  makeWorkingCalendar,
  type ScheduledDay,
  type WorkingCalendar
} from '../../../../shared/rules/working-days'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { invalidField } from '../../errors'
import { writeChange, type RecordChange, type Trx } from '../write'
import { libraryYears } from './holiday-library'

type Db = Kysely<Database> | Trx

/**
 * The calendar as the rules read it; `years` narrows it to those years (a
 * clash check needs one or two). Year schedules are kept in memory per
 * store once read, since a clash check runs on every keystroke of the form
 * and the schedule changes a few times a year; every calendar write clears it.
 */
export async function loadWorkingCalendar(db: Kysely<Database> | Trx, years?: number[]): Promise<WorkingCalendar> {
  // Inside a write the store is read as the transaction sees it.
  if (!years || db.isTransaction) return readCalendar(db, years)
  const cache = yearCache.get(db) ?? new Map<number, YearEntry>()
  yearCache.set(db, cache)
  const missing = years.filter((y) => !cache.has(y))
  if (missing.length > 0) {
    const read = await readCalendar(db, missing)
    for (const year of missing) {
      const days = [...read.days.values()].filter((d) => d.date.startsWith(`${year}-`))
      cache.set(year, { covered: read.coveredYears.has(year), days })
    }
  }
  const entries = years.map((y) => [y, cache.get(y)!] as const)
  return makeWorkingCalendar(
    entries.flatMap(([, e]) => e.days),
    entries.filter(([, e]) => e.covered).map(([y]) => y)
  )
}

interface YearEntry {
  covered: boolean
  days: ScheduledDay[]
}
/** Keyed by the store's Kysely instance. */
const yearCache = new WeakMap<object, Map<number, YearEntry>>()

/** A calendar write, after which the cached schedule is forgotten (whether it committed or not). */
async function calendarWrite<T>(ctx: AppContext, action: string, work: Parameters<typeof writeChange<T>>[2]) {
  try {
    return await writeChange(ctx, action, work)
  } finally {
    yearCache.delete(ctx.db)
  }
}

/** The years asked for (every stored year without `years`) and their days, in one statement: a year row per day. */
async function readCalendar(db: Kysely<Database> | Trx, years?: number[]): Promise<WorkingCalendar> {
  const rows = await db
    .selectFrom('holiday_years')
    .leftJoin('holidays', 'holidays.year_id', 'holiday_years.id')
    .select(['holiday_years.year', 'holidays.date', 'holidays.kind', 'holidays.name'])
    .$if(years !== undefined, (q) => q.where('holiday_years.year', 'in', years!))
    .execute()
  const days = rows.flatMap((r) =>
    r.date === null || r.kind === null || r.name === null ? [] : [{ date: r.date, kind: r.kind, name: r.name }]
  )
  return makeWorkingCalendar(days, [...new Set(rows.map((r) => r.year))])
}

async function daysOfYear(db: Db, yearId: string): Promise<ScheduledDay[]> {
  return db
    .selectFrom('holidays')
    .select(['date', 'kind', 'name'])
    .where('year_id', '=', yearId)
    .orderBy('date')
    .execute()
}

async function insertDays(ctx: AppContext, trx: Trx, yearId: string, days: ScheduledDay[]): Promise<void> {
  if (days.length === 0) return
  const now = ctx.clock.now().toISOString()
  await trx
    .insertInto('holidays')
    .values(days.map((d) => ({ id: uuidv7(), year_id: yearId, ...d, created_at: now, updated_at: now, version: 1 })))
    .execute()
}

/** Add a year's row and days, recorded once on the year. */
async function addYear(
  ctx: AppContext,
  trx: Trx,
  record: RecordChange,
  year: number,
  source: 'library' | 'office',
  days: ScheduledDay[]
): Promise<string> {
  const now = ctx.clock.now().toISOString()
  const row = { id: uuidv7(), year, source, created_at: now, updated_at: now, version: 1 }
  await trx.insertInto('holiday_years').values(row).execute()
  await insertDays(ctx, trx, row.id, days)
  record({ entity: 'holiday_years', entityId: row.id, operation: 'insert', version: 1, after: { ...row, days } })
  return row.id
}

/** Replace a year's days and bump its version, recorded with the days before and after. */
async function rewriteYear(
  ctx: AppContext,
  trx: Trx,
  record: RecordChange,
  year: { id: string; year: number; source: 'library' | 'office'; version: number },
  source: 'library' | 'office',
  days: ScheduledDay[]
): Promise<void> {
  const before = await daysOfYear(trx, year.id)
  const now = ctx.clock.now().toISOString()
  await trx.deleteFrom('holidays').where('year_id', '=', year.id).execute()
  await insertDays(ctx, trx, year.id, days)
  const version = year.version + 1
  await trx.updateTable('holiday_years').set({ source, updated_at: now, version }).where('id', '=', year.id).execute()
  record({
    entity: 'holiday_years',
    entityId: year.id,
    operation: 'update',
    version,
    before: { year: year.year, source: year.source, days: before },
    after: { year: year.year, source, days }
  })
}

/** At start: every library year the store lacks. Returns the years added. */
export async function seedHolidayCalendar(ctx: AppContext): Promise<number[]> {
  const have = new Set((await ctx.db.selectFrom('holiday_years').select('year').execute()).map((y) => y.year))
  const missing = [...libraryYears().entries()].filter(([year]) => !have.has(year))
  if (missing.length === 0) return []
  return calendarWrite(ctx, 'calendar.seed', async (trx, record) => {
    for (const [year, days] of missing) await addYear(ctx, trx, record, year, 'library', days)
    return missing.map(([year]) => year)
  })
}

export async function calendarDays(ctx: AppContext, input: ParsedInput<'calendar.days'>): Promise<CalendarDays> {
  const years: number[] = []
  for (let y = Number(input.from.slice(0, 4)); y <= Number(input.to.slice(0, 4)); y++) years.push(y)
  const calendar = await loadWorkingCalendar(ctx.db, years)
  const days = []
  for (let date = input.from; date <= input.to; date = addCalendarDays(date, 1)) days.push(dayInfo(calendar, date))
  return { days, uncoveredYears: years.filter((y) => !calendar.coveredYears.has(y)) }
}

export async function calendarYears(ctx: AppContext): Promise<CalendarYear[]> {
  const stored = await ctx.db
    .selectFrom('holiday_years')
    .leftJoin('holidays', 'holidays.year_id', 'holiday_years.id')
    .select(['holiday_years.year', 'holiday_years.source', 'holiday_years.updated_at'])
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('holidays.kind', '=', 'holiday').then(1).else(0).end()).as('holidays'),
      eb.fn.sum<number>(eb.case().when('holidays.kind', '=', 'adjusted_workday').then(1).else(0).end()).as('adjusted')
    ])
    .groupBy('holiday_years.id')
    .execute()
  const library = libraryYears()
  const thisYear = chinaYear(ctx.clock.now())
  const years = new Set([...stored.map((s) => s.year), ...library.keys(), thisYear, thisYear + 1])
  const byYear = new Map(stored.map((s) => [s.year, s]))
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const s = byYear.get(year)
      return {
        year,
        source: s?.source ?? null,
        holidays: Number(s?.holidays ?? 0),
        adjustedWorkdays: Number(s?.adjusted ?? 0),
        inLibrary: library.has(year),
        updatedAt: s?.updated_at ?? null
      }
    })
}

async function yearRow(db: Db, year: number) {
  return db.selectFrom('holiday_years').selectAll().where('year', '=', year).executeTakeFirst()
}

async function yearSummary(ctx: AppContext, year: number): Promise<CalendarYear> {
  return (await calendarYears(ctx)).find((y) => y.year === year)!
}

export async function setCalendarDay(ctx: AppContext, input: ParsedInput<'calendar.setDay'>): Promise<ScheduledDay> {
  const year = Number(input.date.slice(0, 4))
  const day: ScheduledDay = { date: input.date, kind: input.kind, name: input.name }
  await calendarWrite(ctx, 'calendar.setDay', async (trx, record) => {
    const row = await yearRow(trx, year)
    if (!row) {
      await addYear(ctx, trx, record, year, 'office', [day])
      return
    }
    const days = (await daysOfYear(trx, row.id)).filter((d) => d.date !== input.date)
    await rewriteYear(
      ctx,
      trx,
      record,
      row,
      'office',
      [...days, day].sort((a, b) => a.date.localeCompare(b.date))
    )
  })
  return day
}

export async function removeCalendarDay(
  ctx: AppContext,
  input: ParsedInput<'calendar.removeDay'>
): Promise<CalendarYear> {
  const year = Number(input.date.slice(0, 4))
  await calendarWrite(ctx, 'calendar.removeDay', async (trx, record) => {
    const row = await yearRow(trx, year)
    const days = row ? await daysOfYear(trx, row.id) : []
    if (!row || !days.some((d) => d.date === input.date)) {
      throw invalidField('date', `${input.date} 不在节假日安排中`)
    }
    await rewriteYear(
      ctx,
      trx,
      record,
      row,
      'office',
      days.filter((d) => d.date !== input.date)
    )
  })
  return yearSummary(ctx, year)
}

export async function reseedCalendarYear(
  ctx: AppContext,
  input: ParsedInput<'calendar.reseedYear'>
): Promise<CalendarYear> {
  const days = libraryYears().get(input.year)
  if (!days) throw invalidField('year', `内置节假日数据没有${input.year}年，请在国务院公布后逐日录入`)
  await calendarWrite(ctx, 'calendar.reseedYear', async (trx, record) => {
    const row = await yearRow(trx, input.year)
    if (row) await rewriteYear(ctx, trx, record, row, 'library', days)
    else await addYear(ctx, trx, record, input.year, 'library', days)
  })
  return yearSummary(ctx, input.year)
}
