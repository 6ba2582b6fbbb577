/*
 * Prevention (issue #13 parts 1, 2, 4): the key-person register (重点人员)
 * with its three-colour levels, psychological-support referrals, and what the
 * similar-cases panel shows. Labels, types, settings and input schemas are
 * written here once; the rules are in shared/rules/key-persons.ts.
 */
import { z, requiredText } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import { RISK_LEVELS, type RiskLevel } from './reference-data'
import type { UserRole } from './user'

export const KEY_PERSON_REASONS = [
  'repeat_disputant',
  'escalation_risk',
  'group_organiser',
  'psychological_support',
  'other'
] as const
export type KeyPersonReason = (typeof KEY_PERSON_REASONS)[number]
export const KEY_PERSON_REASON_LABELS: Record<KeyPersonReason, string> = {
  repeat_disputant: '反复纠纷当事人',
  escalation_risk: '矛盾激化风险',
  group_organiser: '群体性纠纷组织者',
  psychological_support: '需心理疏导',
  other: '其他'
}

/** The register's three colours are the case risk colours (红/黄/绿). */
export type KeyPersonLevel = RiskLevel
export const KEY_PERSON_LEVEL_LABELS: Record<KeyPersonLevel, string> = {
  red: '红色',
  yellow: '黄色',
  green: '绿色'
}

export const KEY_PERSON_LOG_KINDS = [
  'registered',
  'level_changed',
  'responsible_changed',
  'visit',
  'review',
  'closed'
] as const
export type KeyPersonLogKind = (typeof KEY_PERSON_LOG_KINDS)[number]
export const KEY_PERSON_LOG_LABELS: Record<KeyPersonLogKind, string> = {
  registered: '列入重点人员',
  level_changed: '等级调整',
  responsible_changed: '更换责任人',
  visit: '走访',
  review: '评估',
  closed: '解除管控'
}

export const REFERRAL_SERVICES = ['womens_federation', 'counsellor'] as const
export type ReferralService = (typeof REFERRAL_SERVICES)[number]
export const REFERRAL_SERVICE_LABELS: Record<ReferralService, string> = {
  womens_federation: '区妇联“瓯嫂来帮忙”服务中心',
  counsellor: '专家库心理咨询师'
}

export const REFERRAL_STATUSES = ['referred', 'accepted', 'in_progress', 'closed'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  referred: '已转介',
  accepted: '已接收',
  in_progress: '跟进中',
  closed: '已结束'
}

/** Review intervals by level: red in days, yellow and green in months (DESIGN: weekly, monthly, quarterly). */
const count = (unit: string, max: number) =>
  z.number(`请输入${unit}数`).int(`${unit}数须为整数`).min(1, `至少 1 ${unit}`).max(max, `不能超过 ${max} ${unit}`)
export const KEY_PERSON_SETTING_DEFINITIONS = {
  'keyPersons.reviewDaysRed': { label: '红色重点人员回访间隔（天）', schema: count('天', 60) },
  'keyPersons.reviewMonthsYellow': { label: '黄色重点人员回访间隔（月）', schema: count('个月', 12) },
  'keyPersons.reviewMonthsGreen': { label: '绿色重点人员回访间隔（月）', schema: count('个月', 24) }
} as const

export interface KeyPersonFlag {
  keyPersonId: string
  partyId: string
  level: KeyPersonLevel
  reason: KeyPersonReason
}

export interface KeyPersonSummary extends KeyPersonFlag {
  name: string
  maskedIdNumber: string | null
  levelReason: string
  reasonNote: string | null
  officeId: string
  officeName: string
  responsibleUserId: string | null
  responsibleName: string
  nextReviewOn: string
  overdue: boolean
  status: 'active' | 'closed'
  registeredAt: string
}

export interface KeyPersonLogEntry {
  id: string
  kind: KeyPersonLogKind
  at: string
  actorName: string
  fromLevel: KeyPersonLevel | null
  toLevel: KeyPersonLevel | null
  note: string
  nextReviewOn: string | null
}

export interface ReferralSummary {
  id: string
  partyId: string
  partyName: string
  caseId: string | null
  service: ReferralService
  counsellorId: string | null
  counsellorName: string | null
  status: ReferralStatus
  outcome: string | null
  /** Whether sensitive notes exist; the notes themselves only through referrals.notes. */
  hasNotes: boolean
  responsibleUserId: string | null
  referredAt: string
  referredByName: string
}

export interface KeyPersonDetail extends KeyPersonSummary {
  closeReason: string | null
  log: KeyPersonLogEntry[]
  referrals: ReferralSummary[]
  cases: Array<{ caseId: string; caseNumber: string | null; status: string; disputeType: string; registeredAt: string }>
}

export interface KeyPersonSuggestion {
  partyId: string
  name: string
  maskedIdNumber: string | null
  casesInYear: number
  redCaseIds: string[]
  why: string
}

export interface KeyPersonFlags {
  byParty: Record<string, KeyPersonFlag>
  byIdNumber: Record<string, KeyPersonFlag>
  byCase: Record<string, KeyPersonFlag>
}

export interface ReferralNotes {
  referralId: string
  notes: string | null
}

export interface SimilarCase {
  caseId: string
  caseNumber: string | null
  disputeType: string
  status: string
  officeName: string
  summary: string
  claims: string[]
  amountCents: number | null
  partyNames: string[]
  outcome: string
  terms: string[]
  score: number
  why: string[]
}

const id = (what: string) => z.uuid(`${what}编号无效`)
const isoDate = z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字符`)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null))
const level = z.enum(RISK_LEVELS, '请选择红、黄、绿等级')

export const listKeyPersonsSchema = z
  .object({
    level: level.optional(),
    status: z.enum(['active', 'closed'], '状态无效').default('active'),
    dueWithinDays: z.int('应为整数').min(0, '不能为负数').max(365, '不能超过 365 天').optional(),
    query: z.string().trim().max(50, '不能超过 50 个字符').optional()
  })
  .strict()

export const keyPersonIdSchema = z.object({ id: id('重点人员') }).strict()

export const registerKeyPersonSchema = z
  .object({
    partyId: id('当事人'),
    caseId: id('案件').nullable().default(null),
    reason: z.enum(KEY_PERSON_REASONS, '请选择列管原因'),
    reasonNote: optionalText(500),
    level,
    levelReason: requiredText(500),
    responsibleUserId: id('责任人').nullable().default(null)
  })
  .strict()

/**
 * Whom a responsible worker may be chosen from: for a party about to be registered (the office is the one the
 * registration would file under), or for a key person already on the register (the person's office).
 */
export const keyPersonWorkersSchema = z
  .object({
    partyId: id('当事人').optional(),
    caseId: id('案件').nullable().default(null),
    keyPersonId: id('重点人员').optional()
  })
  .strict()
  .refine((input) => (input.partyId === undefined) !== (input.keyPersonId === undefined), {
    message: '请指定要列入的当事人，或已列入的重点人员（二者选一）',
    path: ['partyId']
  })

export const setKeyPersonResponsibleSchema = z
  .object({ id: id('重点人员'), responsibleUserId: id('责任人'), reason: requiredText(500) })
  .strict()

/** An account that may be a key person's responsible worker. */
export interface KeyPersonWorker {
  id: string
  displayName: string
  role: UserRole
}

export const setKeyPersonLevelSchema = z.object({ id: id('重点人员'), level, reason: requiredText(500) }).strict()

export const logKeyPersonReviewSchema = z
  .object({
    id: id('重点人员'),
    kind: z.enum(['visit', 'review'], '请选择走访或评估'),
    on: isoDate,
    note: requiredText(2000)
  })
  .strict()

export const closeKeyPersonSchema = z.object({ id: id('重点人员'), reason: requiredText(500) }).strict()

export const keyPersonFlagsSchema = z
  .object({
    partyIds: z.array(id('当事人')).max(500, '一次最多查询 500 人').default([]),
    idNumbers: z.array(z.string().trim().min(1, '此项不能为空').max(30, '证件号码过长')).max(50).default([]),
    caseIds: z.array(id('案件')).max(500, '一次最多查询 500 件').default([])
  })
  .strict()

export const dueReviewsSchema = z
  .object({ withinDays: z.int('应为整数').min(0, '不能为负数').max(90, '不能超过 90 天').default(7) })
  .strict()

export const listReferralsSchema = z
  .object({
    partyId: id('当事人').optional(),
    caseId: id('案件').optional(),
    status: z.enum(REFERRAL_STATUSES, '状态无效').optional()
  })
  .strict()

export const createReferralSchema = z
  .object({
    partyId: id('当事人'),
    caseId: id('案件').nullable().default(null),
    service: z.enum(REFERRAL_SERVICES, '请选择转介服务'),
    counsellorId: id('心理咨询师').nullable().default(null),
    notes: optionalText(4000)
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.service === 'counsellor' && !v.counsellorId) {
      ctx.addIssue({ code: 'custom', message: '请从专家库选择心理咨询师', path: ['counsellorId'] })
    }
  })

export const setReferralStatusSchema = z
  .object({
    id: id('转介'),
    status: z.enum(REFERRAL_STATUSES, '状态无效'),
    outcome: optionalText(1000),
    note: optionalText(4000)
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === 'closed' && !v.outcome) {
      ctx.addIssue({ code: 'custom', message: '结束转介时请填写结果', path: ['outcome'] })
    }
  })

export const referralIdSchema = z.object({ id: id('转介') }).strict()

export const similarCasesSchema = z.object({ caseId: id('案件'), openId: id('相似案件').optional() }).strict()
