/*
 * The standard monthly statistics report (人民调解工作统计月报表), written once:
 * which case sources count as which channel, which office kinds as which
 * kind of organisation, which figures are typed in by hand, and the columns
 * of each table in the order the paper form prints them. The screen, the
 * XLSX export and the tests all read these lists, so a column cannot be on
 * one and missing from the other. What each figure means against our
 * tables is in docs/statistics.md and electron/main/services/reports/figures.ts.
 */
import type { OfficeKind } from '../domain/office'
import type { ReportFigures } from '../domain/report'

/** The three channels the form counts cases by. */
export const SOURCE_GROUPS = ['initiative', 'application', 'transferred'] as const
export type SourceGroup = (typeof SOURCE_GROUPS)[number]

export const SOURCE_GROUP_LABELS: Record<SourceGroup, string> = {
  initiative: '主动排查',
  application: '当事人申请',
  transferred: '移交委派'
}

/**
 * Every case-source code of the reference data (dispute-types.json, case_sources) in its channel.
 * - initiative: the office went looking — a patrol (排查) or a grid worker's report found the dispute before
 *   anyone asked; the form counts these as 主动排查 (active mediation).
 * - application: a party asked — in person, by phone, online, or as a chamber member to the chamber's committee.
 * - transferred: another body sent it — a court's delegation or entrustment, the police, the petitions office,
 *   the procuratorate, the women's federation, a government department (委派、委托、移交、交办).
 * A code missing here counts as an application (a party brought it) and the test of this table fails.
 */
export const SOURCE_GROUP_OF: Readonly<Record<string, SourceGroup>> = {
  patrol: 'initiative',
  grid_report: 'initiative',
  walk_in: 'application',
  phone: 'application',
  online: 'application',
  chamber_member: 'application',
  court: 'transferred',
  police: 'transferred',
  petition: 'transferred',
  procuratorate: 'transferred',
  womens_fed: 'transferred',
  government: 'transferred'
}

export function sourceGroupOf(source: string): SourceGroup {
  return SOURCE_GROUP_OF[source] ?? 'application'
}

/** The four kinds of mediation organisation the form counts by. */
export const ORG_GROUPS = ['village', 'town_street', 'industry', 'chamber'] as const
export type OrgGroup = (typeof ORG_GROUPS)[number]

export const ORG_GROUP_LABELS: Record<OrgGroup, string> = {
  village: '村居（社区）',
  town_street: '镇街',
  industry: '行业专业',
  chamber: '商会'
}

/**
 * Office kind → organisation group. The district center has no column of its own on the form: it is the
 * public mediation center above the town-streets and reports with them (镇街及以上); the chambers' center
 * counts with the chambers it coordinates.
 */
export const ORG_GROUP_OF: Record<OfficeKind, OrgGroup> = {
  village_committee: 'village',
  town_street_center: 'town_street',
  district_center: 'town_street',
  industry_committee: 'industry',
  chamber_center: 'chamber',
  chamber_of_commerce: 'chamber'
}

/** Escalations prevented: the four the form asks for, each in cases (件) and persons (人). */
export const PREVENTIONS = ['criminal', 'petition', 'suicide', 'fight'] as const
export type Prevention = (typeof PREVENTIONS)[number]

export const PREVENTION_LABELS: Record<Prevention, string> = {
  criminal: '防止民转刑',
  petition: '防止群体性上访',
  suicide: '防止自杀',
  fight: '防止群体性械斗'
}

/**
 * The only figures typed in by hand (report_figures.field): nothing in the store records an escalation that
 * did not happen. Every other figure is derived and cannot be entered, so a hand-entered number never
 * overrides one the cases give.
 */
export const FIGURE_FIELDS = PREVENTIONS.flatMap((p) => [`${p}_cases`, `${p}_persons`] as const)
export type FigureField = (typeof FIGURE_FIELDS)[number]

export function figureFieldLabel(field: FigureField): string {
  const [prevention, unit] = field.split('_') as [Prevention, 'cases' | 'persons']
  return `${PREVENTION_LABELS[prevention]}（${unit === 'cases' ? '件' : '人'}）`
}

/** How a column's number is shown: a count, a percentage with one decimal, or yuan from cents. */
export type ColumnFormat = 'count' | 'percent' | 'money'

export interface ReportColumn {
  key: string
  /** The merged header above it on the form, or null when the header spans both header rows. */
  group: string | null
  label: string
  format: ColumnFormat
  value: (f: ReportFigures) => number | null
}

/** 主表: the main table, one row per office. */
export const MAIN_COLUMNS: readonly ReportColumn[] = [
  { key: 'accepted', group: null, label: '受理数', format: 'count', value: (f) => f.accepted },
  { key: 'succeeded', group: null, label: '调解成功数', format: 'count', value: (f) => f.succeeded },
  { key: 'rate', group: null, label: '调解成功率', format: 'percent', value: (f) => f.successRate },
  { key: 'amount', group: null, label: '协议涉及金额（元）', format: 'money', value: (f) => f.agreementAmountCents },
  ...SOURCE_GROUPS.map((g): ReportColumn => ({
    key: `source_${g}`,
    group: '按来源分（受理数）',
    label: SOURCE_GROUP_LABELS[g],
    format: 'count',
    value: (f) => f.bySource[g].accepted
  })),
  { key: 'performed', group: null, label: '履行数', format: 'count', value: (f) => f.performed },
  { key: 'confirmed', group: null, label: '司法确认数', format: 'count', value: (f) => f.judiciallyConfirmed },
  { key: 'patrols', group: '矛盾纠纷排查', label: '排查次数', format: 'count', value: (f) => f.patrols },
  { key: 'found', group: '矛盾纠纷排查', label: '排查发现纠纷数', format: 'count', value: (f) => f.disputesFound },
  ...PREVENTIONS.flatMap((p) =>
    countPair(
      p,
      PREVENTION_LABELS[p],
      ['cases', '件', (f) => f.prevented[p].cases],
      ['persons', '人', (f) => f.prevented[p].persons]
    )
  )
]

/** 分类型: accepted and succeeded per dispute type, in reference order. */
export function typeColumns(types: ReadonlyArray<{ code: string; label: string }>): ReportColumn[] {
  return types.flatMap((t) => acceptedSucceeded(t.code, t.label, (f) => f.byType[t.code]))
}

/** 分组织类型: accepted and succeeded per kind of organisation. */
export const ORG_COLUMNS: readonly ReportColumn[] = ORG_GROUPS.flatMap((g) =>
  acceptedSucceeded(g, ORG_GROUP_LABELS[g], (f) => f.byOrg[g])
)

type Half = [suffix: string, label: string, value: (f: ReportFigures) => number]

/** Two count columns under one merged header: `${key}_${suffix}` each. */
function countPair(key: string, group: string, ...halves: [Half, Half]): ReportColumn[] {
  return halves.map(([suffix, label, value]) => ({ key: `${key}_${suffix}`, group, label, format: 'count', value }))
}

function acceptedSucceeded(
  key: string,
  group: string,
  of: (f: ReportFigures) => { accepted: number; succeeded: number } | undefined
): ReportColumn[] {
  return countPair(
    key,
    group,
    ['accepted', '受理', (f) => of(f)?.accepted ?? 0],
    ['succeeded', '成功', (f) => of(f)?.succeeded ?? 0]
  )
}

/** Percent with one decimal, e.g. 87.5; null when nothing was concluded (the rate is undefined, not 0). */
export function successRate(succeeded: number, failed: number): number | null {
  const concluded = succeeded + failed
  return concluded === 0 ? null : Math.round((succeeded * 1000) / concluded) / 10
}

/** A column's value as the form prints it. */
export function formatColumnValue(column: ReportColumn, figures: ReportFigures): string {
  const value = column.value(figures)
  if (value === null) return '—'
  if (column.format === 'percent') return `${value.toFixed(1)}%`
  if (column.format === 'money') return (value / 100).toFixed(2)
  return String(value)
}

/**
 * Roles that see identifiers (ID numbers, phones, credit codes) whole in a case-list export: those who oversee
 * and answer for the data. Everyone else gets them masked (shared/rules/masking.ts), and may still reveal one
 * party at a time on the case page, audited.
 */
export const FULL_IDENTIFIER_ROLES = ['supervisor', 'admin'] as const

export function seesFullIdentifiers(role: string): boolean {
  return (FULL_IDENTIFIER_ROLES as readonly string[]).includes(role)
}
