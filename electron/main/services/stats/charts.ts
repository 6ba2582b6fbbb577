/*
 * The charts page (issue 9 part 2): cases registered in a period, counted by
 * dispute type, office, status, source, risk colour and month; success rate
 * by office and by type; agreement amounts. Every count is made with the
 * case list's filters (counting.ts), so each row of a chart's table links to
 * exactly its cases.
 */
import { sql } from 'kysely'
import { CASE_STATUSES, CASE_STATUS_LABELS } from '../../../../shared/domain/case'
import { RISK_LEVELS, RISK_LEVEL_LABELS, type RiskLevel } from '../../../../shared/domain/reference-data'
import {
  ratePercent,
  type AmountRow,
  type CaseListFilter,
  type ChartData,
  type CountRow,
  type RateRow
} from '../../../../shared/domain/stats'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { todayOf } from '../lifecycle/guards'
import { conditionsOf, countCases, monthRange, shiftMonth } from './counting'
import { checkOffice, reachableOffices } from '../accounts/scope'

type Labelled = { key: string; label: string }

function rows(order: Labelled[], counts: Map<string, number>, filterOf: (key: string) => CaseListFilter): CountRow[] {
  // Codes no longer in the reference lists (a retired type) still count, under their code.
  const known = new Set(order.map((o) => o.key))
  const all = [...order, ...[...counts.keys()].filter((k) => !known.has(k)).map((k) => ({ key: k, label: k }))]
  return all
    .filter((o) => counts.has(o.key))
    .map((o) => ({ key: o.key, label: o.label, value: counts.get(o.key)!, filter: filterOf(o.key) }))
}

export async function chartData(ctx: AppContext, input: ParsedInput<'stats.charts'>): Promise<ChartData> {
  const offices = await reachableOffices(ctx)
  checkOffice(input.officeId, offices)
  const today = todayOf(ctx)
  const to = input.to ?? today
  const from = input.from ?? monthRange(shiftMonth(to.slice(0, 7), -11)).from
  const officeId = input.officeId ?? (offices?.length === 1 ? offices[0] : undefined)
  const base: CaseListFilter = { registeredFrom: from, registeredTo: to, ...(officeId ? { officeId } : {}) }

  const [types, sources, officeRows] = await Promise.all([
    ctx.db.selectFrom('dispute_types').select(['code as key', 'label']).orderBy('sort_order').execute(),
    ctx.db.selectFrom('case_sources').select(['code as key', 'label']).orderBy('sort_order').execute(),
    ctx.db.selectFrom('offices').select(['id as key', 'name as label']).orderBy('sort_order').execute()
  ])
  const statuses = CASE_STATUSES.map((s) => ({ key: s, label: CASE_STATUS_LABELS[s] }))
  const risks = RISK_LEVELS.map((r) => ({ key: r, label: RISK_LEVEL_LABELS[r] }))
  const tallies = await periodTallies(ctx, base, offices)
  const grouped = (column: Column) => countsOf(tallies.get(column)!)

  const lastMonth = to.slice(0, 7)
  const byMonth: CountRow[] = []
  for (let i = 11; i >= 0; i--) {
    const month = shiftMonth(lastMonth, -i)
    const range = monthRange(month)
    // The period's last month ends where the period does: its bar says so, rather than dropping for no reason.
    const partial = i === 0 && to < range.to
    const filter: CaseListFilter = {
      registeredFrom: range.from,
      registeredTo: partial ? to : range.to,
      ...(officeId ? { officeId } : {})
    }
    byMonth.push({
      key: month,
      label: `${month.slice(0, 4)}年${Number(month.slice(5))}月${partial ? `（截至${Number(to.slice(8))}日）` : ''}`,
      value: await countCases(ctx, filter, offices),
      filter
    })
  }

  return {
    from,
    to,
    officeId: officeId ?? null,
    total: await countCases(ctx, base, offices),
    byDisputeType: rows(types, grouped('dispute_type'), (k) => ({ ...base, disputeType: k })),
    byOffice: rows(officeRows, grouped('handling_office_id'), (k) => ({ ...base, officeId: k })),
    byStatus: rows(statuses, grouped('status'), (k) => ({
      ...base,
      status: k as (typeof CASE_STATUSES)[number]
    })),
    bySource: rows(sources, grouped('source'), (k) => ({ ...base, source: k })),
    byMonth,
    byRisk: rows(risks, grouped('risk_level'), (k) => ({
      ...base,
      riskLevel: k as RiskLevel
    })) as ChartData['byRisk'],
    successByOffice: successRates(tallies.get('handling_office_id')!, officeRows),
    successByType: successRates(tallies.get('dispute_type')!, types),
    agreementAmounts: agreementAmounts(tallies.get('dispute_type')!, types)
  }
}

/** The columns of cases the charts count by. */
const COLUMNS = ['dispute_type', 'handling_office_id', 'status', 'source', 'risk_level'] as const
type Column = (typeof COLUMNS)[number]

/**
 * Of the period's cases with one value of a column: how many, how many whose mediation ended (in an agreement), and
 * their agreements: how many and for how much.
 */
interface Tally {
  n: number
  concluded: number
  succeeded: number
  agreements: number
  cents: number
}

type TallyRow = Tally & { dim: Column; k: string }

/**
 * The period's cases counted by each of the five columns, with how their mediation ended and their agreements'
 * amounts, in one pass over the period: SQLite reads the year's cases once into a temporary table (with each one's
 * agreements, and whether it failed) and groups that five times. Grouping by all five columns at once (a cell per
 * combination) returned 25,000 rows for a year at a million cases, and turning them into objects cost the page more
 * than the grouping. The amounts were a second pass over the same cases and their agreements (0.53 s of 1.65 s).
 */
async function periodTallies(
  ctx: AppContext,
  base: CaseListFilter,
  offices: string[] | null
): Promise<Map<Column, Map<string, Tally>>> {
  const conditions = conditionsOf(ctx, base, offices)
  const period = ctx.db
    .selectFrom('cases')
    .select([
      ...COLUMNS.map((column) => sql.ref<string>(`cases.${column}`).as(column)),
      sql<number>`(select count(*) from agreements a where a.case_id = cases.id)`.as('agreements'),
      sql<number>`(select total(a.amount_cents) from agreements a where a.case_id = cases.id)`.as('cents'),
      sql<number>`exists (select 1 from terminations t where t.case_id = cases.id and t.kind = 'failed')`.as('failed')
    ])
    .where((eb) => eb.and(conditions.map((c) => c(eb))))
  // Each grouping in SQL text: the CTE is named only inside the one statement, so the builder cannot type its arms.
  const byColumn = (column: Column) => sql`select ${sql.lit(column)} as dim, ${sql.ref(column)} as k, count(*) as n,
    sum(agreements > 0 or failed) as concluded, sum(agreements > 0) as succeeded, sum(agreements) as agreements,
    sum(cents) as cents from period group by ${sql.ref(column)}`
  const found = await ctx.db
    .with(
      (cte) => cte('period').materialized(),
      () => period
    )
    .selectFrom(sql<TallyRow>`(${sql.join(COLUMNS.map(byColumn), sql` union all `)})`.as('tallies'))
    .selectAll()
    .execute()
  const tallies = new Map<Column, Map<string, Tally>>(COLUMNS.map((column) => [column, new Map()]))
  for (const row of found) {
    tallies.get(row.dim)!.set(row.k, {
      n: Number(row.n),
      concluded: Number(row.concluded),
      succeeded: Number(row.succeeded),
      agreements: Number(row.agreements),
      cents: Number(row.cents)
    })
  }
  return tallies
}

function countsOf(tallies: Map<string, Tally>): Map<string, number> {
  return new Map([...tallies].map(([key, tally]) => [key, tally.n]))
}

/** Of the period's cases whose mediation ended (an agreement, or failure), how many reached an agreement. */
function successRates(tallies: Map<string, Tally>, order: Labelled[]): RateRow[] {
  return order
    .filter((o) => (tallies.get(o.key)?.concluded ?? 0) > 0)
    .map((o) => {
      const { succeeded, concluded } = tallies.get(o.key)!
      return { key: o.key, label: o.label, concluded, succeeded, rate: ratePercent(succeeded, concluded) }
    })
}

/** Agreements of the period's cases, by dispute type: how many and for how much. */
function agreementAmounts(tallies: Map<string, Tally>, order: Labelled[]): AmountRow[] {
  return order
    .filter((o) => (tallies.get(o.key)?.agreements ?? 0) > 0)
    .map((o) => {
      const { agreements, cents } = tallies.get(o.key)!
      return { key: o.key, label: o.label, agreements, amountCents: cents }
    })
}
