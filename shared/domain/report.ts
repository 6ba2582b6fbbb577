/*
 * The monthly statistics report as the screen, the export and the tests see
 * it, and the inputs of the reports.* methods. Field lists and labels are in
 * shared/rules/report-fields.ts.
 */
import { z } from '../validation'
import type { OfficeKind } from './office'
import type { FigureField, OrgGroup, Prevention, SourceGroup } from '../rules/report-fields'
import { FIGURE_FIELDS } from '../rules/report-fields'
import { listCasesSchema } from './case-input'

export const REPORT_PERIODS = ['month', 'quarter', 'year'] as const
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number]
export const REPORT_PERIOD_LABELS: Record<ReportPeriodKind, string> = { month: '月报', quarter: '季报', year: '年报' }

export const REPORT_SCOPES = ['office', 'district'] as const
export type ReportScope = (typeof REPORT_SCOPES)[number]
export const REPORT_SCOPE_LABELS: Record<ReportScope, string> = { office: '本组织', district: '全区（各组织）' }

export interface AcceptedSucceeded {
  accepted: number
  succeeded: number
}

/** Every figure of the report for one office (or the total). */
export interface ReportFigures {
  accepted: number
  succeeded: number
  /** Mediations that ended without agreement (调解不成) in the period: the rest of the rate's denominator. */
  failed: number
  /** Percent, one decimal; null when nothing was concluded. */
  successRate: number | null
  agreementAmountCents: number
  byType: Record<string, AcceptedSucceeded>
  bySource: Record<SourceGroup, AcceptedSucceeded>
  byOrg: Record<OrgGroup, AcceptedSucceeded>
  performed: number
  judiciallyConfirmed: number
  patrols: number
  disputesFound: number
  prevented: Record<Prevention, { cases: number; persons: number }>
}

export interface ReportRow {
  officeId: string
  officeName: string
  officeKind: OfficeKind
  figures: ReportFigures
}

export interface MonthlyReport {
  /** 2026年11月, 2026年第四季度, 2026年. */
  title: string
  periodLabel: string
  period: ReportPeriodKind
  scope: ReportScope
  /** First and last day, China dates, both included. */
  from: string
  to: string
  /** The months covered ('YYYY-MM'), for the hand-entered figures. */
  months: string[]
  /** One row per office (at the hub every office with figures and every sub-center); the office alone otherwise. */
  rows: ReportRow[]
  /** 合计. */
  total: ReportFigures
  disputeTypes: Array<{ code: string; label: string }>
  /** Whether this installation may report for the district (it is the hub). */
  isHub: boolean
  /** How the figures are counted, in words, printed under the tables. */
  notes: string[]
}

export interface ReportFigureEntry {
  field: FigureField
  label: string
  value: number | null
  note: string | null
  enteredBy: string | null
  updatedAt: string | null
  version: number | null
}

export interface OfficeFigures {
  officeId: string
  officeName: string
  month: string
  entries: ReportFigureEntry[]
}

const YEAR = z.number('请选择年份').int('年份须为整数').min(2000, '年份不能早于 2000 年').max(2100, '年份无效')
export const MONTH_TEXT = /^\d{4}-(0[1-9]|1[0-2])$/
const month = z.string('请选择月份').regex(MONTH_TEXT, '月份格式应为 YYYY-MM')

export const reportPeriodSchema = z
  .object({
    period: z.enum(REPORT_PERIODS, '请选择报表期间'),
    year: YEAR,
    /** 1–12, with period = month. */
    month: z.number().int('月份须为整数').min(1, '月份应为 1–12').max(12, '月份应为 1–12').optional(),
    /** 1–4, with period = quarter. */
    quarter: z.number().int('季度须为整数').min(1, '季度应为 1–4').max(4, '季度应为 1–4').optional(),
    scope: z.enum(REPORT_SCOPES, '请选择统计范围').default('office')
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.period === 'month' && input.month === undefined) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: '请选择月份' })
    }
    if (input.period === 'quarter' && input.quarter === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: '请选择季度' })
    }
  })

export type ReportPeriodInput = z.output<typeof reportPeriodSchema>

export const officeMonthSchema = z.object({ officeId: z.uuid('调解组织编号无效').optional(), month }).strict()

export const saveFiguresSchema = z
  .object({
    /** Omitted: this installation's office. */
    officeId: z.uuid('调解组织编号无效').optional(),
    month,
    figures: z
      .array(
        z
          .object({
            field: z.enum(FIGURE_FIELDS, '这一项不能手工填报（只有无法从案件得出的数字可以填报）'),
            value: z.number('请填写数字').int('须为整数').min(0, '不能为负数').max(1_000_000, '数字过大'),
            note: z.string().trim().max(200, '不能超过 200 个字符').nullish()
          })
          .strict()
      )
      .min(1, '请至少填写一项')
      .refine((rows) => new Set(rows.map((r) => r.field)).size === rows.length, '同一项填报了两次')
  })
  .strict()

/** The case list's filters, without its paging: the export takes every matching case. */
export const exportCaseListSchema = listCasesSchema.omit({ cursor: true, limit: true })
