/*
 * Deadlines as people read them: zh-CN names, how each is counted, the
 * settings that hold each default, and what the home card and the case page
 * receive. The rules themselves are in shared/rules/deadlines.ts.
 */
import { z } from '../validation'
import type { CaseStatus } from './case'
import type { RiskLevel } from './reference-data'
import {
  DEADLINE_DEFAULTS,
  type Counting,
  type DeadlineKind,
  type DeadlineSettings,
  type ReferralKind
} from '../rules/deadlines'

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  acceptance: '受理审查',
  mediation: '调解期限',
  confirmation: '司法确认申请',
  follow_up: '回访',
  performance: '协议履行'
}

export const COUNTING_LABELS: Record<Counting, string> = {
  calendar: '自然日（末日遇节假日顺延至下一工作日）',
  working: '工作日（不计周末和法定节假日，计调休上班日）',
  agreed: '协议约定日期'
}

/** Short form for tags. */
export const COUNTING_SHORT_LABELS: Record<Counting, string> = {
  calendar: '自然日',
  working: '工作日',
  agreed: '约定日期'
}

export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  none: '非法院委派委托',
  court_pre_filing: '法院立案前委派调解',
  court_post_filing: '法院立案后委托调解',
  court_simple: '法院委托调解（简易程序）'
}

const days = (max: number) =>
  z.number('请输入天数').int('天数须为整数').min(1, '至少 1 天').max(max, `不能超过 ${max} 天`)

/** One setting per default, declared with its label and how it counts; spread into SETTING_DEFINITIONS. */
export const DEADLINE_SETTING_DEFINITIONS = {
  'deadline.acceptanceWorkingDays': { label: '受理审查期限（工作日）', schema: days(30) },
  'deadline.mediationDays': { label: '调解期限（自受理之日起，自然日）', schema: days(180) },
  'deadline.courtPreFilingDays': { label: '法院立案前委派调解期限（自然日）', schema: days(180) },
  'deadline.courtPostFilingDays': { label: '法院立案后委托调解期限（自然日）', schema: days(180) },
  'deadline.courtSimpleDays': { label: '简易程序委托调解期限（自然日）', schema: days(180) },
  'deadline.confirmationDays': { label: '司法确认申请期限（协议生效后，自然日）', schema: days(90) },
  'deadline.followUpDays': { label: '回访期限（协议生效后，自然日）', schema: days(365) }
} as const

export type DeadlineSettingKey = keyof typeof DEADLINE_SETTING_DEFINITIONS

/** Which field of DeadlineSettings each setting holds, and how that limit counts. */
export const DEADLINE_SETTING_FIELDS: Record<
  DeadlineSettingKey,
  { field: keyof DeadlineSettings; counting: Counting }
> = {
  'deadline.acceptanceWorkingDays': { field: 'acceptanceWorkingDays', counting: 'working' },
  'deadline.mediationDays': { field: 'mediationDays', counting: 'calendar' },
  'deadline.courtPreFilingDays': { field: 'courtPreFilingDays', counting: 'calendar' },
  'deadline.courtPostFilingDays': { field: 'courtPostFilingDays', counting: 'calendar' },
  'deadline.courtSimpleDays': { field: 'courtSimpleDays', counting: 'calendar' },
  'deadline.confirmationDays': { field: 'confirmationDays', counting: 'calendar' },
  'deadline.followUpDays': { field: 'followUpDays', counting: 'calendar' }
}

export const DEADLINE_SETTING_KEYS = Object.keys(DEADLINE_SETTING_DEFINITIONS) as DeadlineSettingKey[]

/** One default as the settings tab shows it. */
export interface DeadlineRule {
  key: DeadlineSettingKey
  label: string
  counting: Counting
  value: number
  defaultValue: number
  /** False while the built-in default is used. */
  saved: boolean
}

export function defaultOf(key: DeadlineSettingKey): number {
  return DEADLINE_DEFAULTS[DEADLINE_SETTING_FIELDS[key].field]
}

/** A deadline of one case, for the case page. */
export interface CaseDeadline {
  kind: DeadlineKind
  label: string
  termId: string | null
  dueOn: string
  counting: Counting
  days: number
  state: 'open' | 'met' | 'closed'
  metOn: string | null
  extended: boolean
  overdue: boolean
  /** Days left (negative when overdue); null when no longer open. */
  daysLeft: number | null
}

/** A case on the home card's overdue / due-soon list. */
export interface DueCase {
  caseId: string
  caseNumber: string | null
  status: CaseStatus
  riskLevel: RiskLevel
  officeId: string
  officeName: string
  applicants: string[]
  dueOn: string
  dueKind: DeadlineKind
  overdue: boolean
  daysLeft: number
}

export interface DeadlineOverview {
  today: string
  withinDays: number
  /** Counts per office (only this office when the scope is this installation's). */
  offices: Array<{ officeId: string; officeName: string; overdue: number; dueSoon: number }>
  overdue: number
  dueSoon: number
  /** Red risk first, then the earliest due. */
  cases: DueCase[]
}
