/*
 * How the overview counts: with the case list's own filter conditions
 * (case-list.ts), so every figure equals the total of the list its link
 * opens; and within the signed-in account's reach, as scope.ts draws it for
 * a single case — clerks and mediators their own offices, supervisors and
 * administrators (and the hub) every office.
 */
import { sql } from 'kysely'
import { listCasesSchema } from '../../../../shared/domain/case-input'
import type { CaseListFilter, Figure } from '../../../../shared/domain/stats'
import type { AppContext } from '../../context'
import { withinReach } from '../accounts/scope'
import { filterConditions, reachCondition, type Where } from '../case-list'

export function conditionsOf(ctx: AppContext, filter: CaseListFilter, offices: string[] | null): Where[] {
  const conditions = filterConditions(ctx, listCasesSchema.parse(filter))
  if (offices) conditions.push(reachCondition(offices))
  return conditions
}

export async function countCases(ctx: AppContext, filter: CaseListFilter, offices: string[] | null): Promise<number> {
  const conditions = conditionsOf(ctx, filter, offices)
  const row = await ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(conditions.map((c) => c(eb))))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function figure(ctx: AppContext, filter: CaseListFilter, offices: string[] | null): Promise<Figure> {
  const scoped = withinReach(filter, offices)
  return { value: await countCases(ctx, scoped, offices), filter: scoped }
}

/** Counts of the filter's cases by a column of cases, in one query. */
export async function countGrouped(
  ctx: AppContext,
  filter: CaseListFilter,
  offices: string[] | null,
  column: 'handling_office_id' | 'status' | 'dispute_type' | 'source' | 'risk_level'
): Promise<Map<string, number>> {
  const conditions = conditionsOf(ctx, filter, offices)
  const rows = await ctx.db
    .selectFrom('cases')
    .select([sql.ref<string>(`cases.${column}`).as('k'), (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.and(conditions.map((c) => c(eb))))
    .groupBy(`cases.${column}`)
    .execute()
  return new Map(rows.map((r) => [r.k, Number(r.n)]))
}

/** 'YYYY-MM' → its first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/**
 * The same days of last month as this month has had by `today`: the 1st to today's day, or to the month's last
 * day when it is shorter (31 March → 1–28 February). Six days of December against the whole of November says
 * nothing; against 1–6 November it says whether intake is up or down.
 */
export function sameDaysLastMonth(today: string): { month: string; from: string; to: string } {
  const month = shiftMonth(today.slice(0, 7), -1)
  const { from, to: lastDay } = monthRange(month)
  const to = `${month}-${today.slice(8, 10)}`
  return { month, from, to: to < lastDay ? to : lastDay }
}

/** The month `delta` months from 'YYYY-MM'. */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number)
  const index = year * 12 + (m - 1) + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}
