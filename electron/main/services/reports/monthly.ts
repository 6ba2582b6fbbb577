/*
 * reports.monthly: the report for this office, or at the hub for the
 * district with one row per office. The hub is the installation of the
 * district center, or any installation that has merged offices' bundles
 * (docs/hub-bundle.md): only there does the store hold other offices' cases.
 */
import type { MonthlyReport, ReportPeriodInput, ReportRow } from '../../../../shared/domain/report'
import type { OfficeKind } from '../../../../shared/domain/office'
import { ORG_GROUP_OF, type OrgGroup } from '../../../../shared/rules/report-fields'
import type { AppContext } from '../../context'
import { AppError, invalidField } from '../../errors'
import { requireThisOffice } from '../hub/this-office'
import { addFigures, emptyFigures, figuresByOffice } from './figures'
import { checkPeriodStarted, resolvePeriod } from './period'

/** Offices always listed at the hub, figures or not: the network's fixed centers. */
const ALWAYS_LISTED: ReadonlySet<string> = new Set(['district_center', 'town_street_center', 'chamber_center'])

export const REPORT_NOTES = [
  '受理数：受理日期在本期内的案件（不予受理的不计），计入现承办组织。',
  '调解成功数：调解协议（书面或口头）在本期内生效的案件；协议涉及金额为这些协议的金额之和。',
  '调解成功率＝调解成功数÷（调解成功数＋调解不成数），调解不成以终止调解日期计；当事人撤回的不计入。',
  '履行数：全部条款均已履行、最后一项履行日期在本期内的协议。司法确认数：本期内裁定确认有效的件数。',
  '排查次数、排查发现纠纷数取自网格排查记录；防止激化各项为各组织按月手工填报，随数据包上报（不上报数据包的组织由汇总端代为填报）。'
]

export async function isHub(ctx: AppContext, thisOfficeKind: string): Promise<boolean> {
  if (thisOfficeKind === 'district_center') return true
  const merged = await ctx.db
    .selectFrom('hub_imports')
    .select('id')
    .where('status', '=', 'accepted')
    .limit(1)
    .executeTakeFirst()
  return merged !== undefined
}

export async function buildReport(ctx: AppContext, input: ReportPeriodInput): Promise<MonthlyReport> {
  const period = resolvePeriod(input)
  checkPeriodStarted(ctx, input, period)
  const here = await requireThisOffice(ctx)
  const offices = await ctx.db
    .selectFrom('offices')
    .select(['id', 'name', 'kind', 'active', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
  const office = new Map(offices.map((o) => [o.id, o]))
  const thisKind = office.get(here.id)!.kind
  const hub = await isHub(ctx, thisKind)
  if (input.scope === 'district' && !hub) {
    throw invalidField('scope', '本机不是区级汇总端（未导入各组织的数据包），只能统计本组织')
  }
  const types = await ctx.db
    .selectFrom('dispute_types')
    .select(['code', 'label'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute()
  const typeCodes = types.map((t) => t.code)
  const orgOf = (id: string): OrgGroup => ORG_GROUP_OF[(office.get(id)?.kind ?? 'village_committee') as OfficeKind]
  const scopeIds = input.scope === 'office' ? [here.id] : null
  const figures = await figuresByOffice(ctx.db, period, scopeIds, typeCodes, orgOf)

  const listed =
    input.scope === 'office'
      ? offices.filter((o) => o.id === here.id)
      : offices.filter((o) => figures.has(o.id) || (o.active === 1 && ALWAYS_LISTED.has(o.kind)))
  const rows: ReportRow[] = listed.map((o) => ({
    officeId: o.id,
    officeName: o.name,
    officeKind: o.kind as OfficeKind,
    figures: figures.get(o.id) ?? emptyFigures(typeCodes)
  }))
  const unknown = [...figures.keys()].filter((id) => !office.has(id))
  if (unknown.length > 0) throw new AppError('INTERNAL', '有案件的承办组织不在组织列表中')
  const districtName = offices.find((o) => o.kind === 'district_center')?.name ?? here.name
  const total = emptyFigures(typeCodes)
  for (const row of rows) addFigures(total, row.figures)
  return {
    title: `${input.scope === 'office' ? here.name : districtName}人民调解工作统计报表（${period.title}）`,
    periodLabel: period.title,
    period: input.period,
    scope: input.scope,
    from: period.from,
    to: period.to,
    months: period.months,
    rows,
    total,
    disputeTypes: types,
    isHub: hub,
    notes: REPORT_NOTES
  }
}
