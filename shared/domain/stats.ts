/*
 * The overview (DESIGN §3.6): what each role's home screen and the charts
 * page receive. Every figure carries the case-list filter that makes it, so
 * a click on the number opens exactly the cases it counts, and a test can
 * hold the figure against that list's total.
 */
import { z } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import type { CaseStatus } from './case'
import type { listCasesSchema } from './case-input'
import type { RiskLevel } from './reference-data'

/** Filters of the case list a figure stands for (the query of `/cases`). */
export type CaseListFilter = Omit<z.input<typeof listCasesSchema>, 'cursor' | 'limit' | 'sort' | 'query'>

export interface Figure {
  value: number
  filter: CaseListFilter
}

/** Days ahead that count as "due soon" on the home screens, unless the caller asks otherwise. */
export const HOME_DUE_DAYS = 7

export const homeInputSchema = z
  .object({
    dueWithinDays: z.number().int('天数须为整数').min(1, '至少 1 天').max(90, '不能超过 90 天').default(HOME_DUE_DAYS)
  })
  .strict()

export interface ClerkHome {
  today: string
  /** Registered today at the offices this account works for. */
  todayIntake: Figure
  /** Registered and waiting for the decision on acceptance. */
  awaitingDecision: Figure
  /** Registered this month with an applicant who had another case in the 12 months before. */
  repeatApplicants: Figure
}

export interface MediatorHome {
  today: string
  withinDays: number
  /** Null when the account is not linked to a roster entry: every figure is then zero. */
  mediatorId: string | null
  mediatorName: string | null
  openByStatus: Array<{ status: CaseStatus } & Figure>
  openTotal: Figure
  sessionsToday: number
  sessionsThisWeek: number
  week: { from: string; to: string }
  overdue: Figure
  dueSoon: Figure
  followUpsOverdue: Figure
  followUpsDueSoon: Figure
  /** Lawyer-mediators only: open cases of their offices with no lead mediator yet, each awaiting a conflict check. */
  conflictChecksPending: Figure | null
}

export interface OfficeAlert {
  officeId: string
  officeName: string
  overdue: Figure
  redRisk: Figure
  overdueRed: Figure
}

export interface MediatorLoad {
  mediatorId: string
  mediatorName: string
  capacity: number
  active: Figure
}

export interface SupervisorHome {
  today: string
  offices: OfficeAlert[]
  totals: { overdue: Figure; redRisk: Figure; overdueRed: Figure }
  load: MediatorLoad[]
  thisMonth: Figure & { month: string }
  lastMonth: Figure & { month: string }
  /** Last month's registrations from its 1st to the day of the month it is today: what this month is compared with. */
  lastMonthToDate: Figure & { month: string; from: string; to: string }
}

export const chartsInputSchema = z
  .object({
    /** Registration date range (China dates, both ends included); the last 12 months when absent. */
    from: z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD').optional(),
    to: z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD').optional(),
    officeId: z.uuid('调解组织编号无效').optional()
  })
  .strict()
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: '开始日期不能晚于结束日期',
    path: ['to']
  })

export interface CountRow {
  key: string
  label: string
  value: number
  filter: CaseListFilter
}

export interface RateRow {
  key: string
  label: string
  /** Cases whose mediation ended in an agreement or in failure. */
  concluded: number
  succeeded: number
  /** Percentage with one decimal; null when nothing concluded. */
  rate: number | null
}

export interface AmountRow {
  key: string
  label: string
  agreements: number
  amountCents: number
}

export interface ChartData {
  from: string
  to: string
  officeId: string | null
  total: number
  byDisputeType: CountRow[]
  byOffice: CountRow[]
  byStatus: CountRow[]
  bySource: CountRow[]
  /** Twelve months ending with the month of `to`, registration month. */
  byMonth: CountRow[]
  byRisk: Array<CountRow & { key: RiskLevel }>
  successByOffice: RateRow[]
  successByType: RateRow[]
  agreementAmounts: AmountRow[]
}

/** Percentage with one decimal, the way the monthly report states a success rate. */
export function ratePercent(succeeded: number, concluded: number): number | null {
  return concluded === 0 ? null : Math.round((succeeded / concluded) * 1000) / 10
}
