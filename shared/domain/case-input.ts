/*
 * Input schemas of the intake and case methods: their shape, lengths and the
 * structural rules (an applicant and a respondent, agents act for someone).
 * Identity numbers are checked against the clock by validatePartyIdentity,
 * used by the form live and by main for the final word.
 */
import { z, requiredText } from '../validation'
import { CASE_STATUSES, DECLINE_REASONS } from './case'
import { ID_TYPES, PARTY_KINDS, PARTY_ROLES } from './party'
import { RISK_LEVELS } from './reference-data'
import { ISO_DATE } from '../rules/china-time'
import { DEADLINE_KINDS } from '../rules/deadlines'

/** Optional text: trimmed; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字符`)
    .nullish()
    .transform((value) => (value ? value : null))

const isoDate = z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')

export const partyInputSchema = z
  .object({
    /** Reuse an existing party record instead of creating a duplicate. */
    existingPartyId: z.uuid('当事人记录编号无效').optional(),
    kind: z.enum(PARTY_KINDS, '请选择自然人或单位'),
    role: z.enum(PARTY_ROLES, '请选择当事人身份'),
    /** For an agent: the index (in `parties`) of the party they act for. */
    actsFor: z.number().int().min(0).nullish(),
    name: requiredText(100),
    idType: z.enum(ID_TYPES, '请选择证件类型').nullish(),
    idNumber: optionalText(40),
    ethnicity: optionalText(20),
    phone: optionalText(40),
    address: optionalText(200),
    occupation: optionalText(50),
    employer: optionalText(100),
    creditCode: optionalText(30),
    /** The clerk checked the licence: keep a credit code whose check character does not match. */
    creditCodeConfirmed: z.boolean().optional(),
    legalRepresentative: optionalText(50),
    contactPerson: optionalText(50)
  })
  .strict()

export type PartyInput = z.input<typeof partyInputSchema>
export type ParsedPartyInput = z.output<typeof partyInputSchema>

export const registerCaseSchema = z
  .object({
    source: z.string().min(1, '请选择案件来源'),
    disputeType: z.string().min(1, '请选择纠纷类型'),
    occurredOn: isoDate.nullish(),
    placeTownship: optionalText(50),
    placeVillage: optionalText(100),
    summary: requiredText(2000),
    claims: z.array(requiredText(500)).max(50, '请求事项最多 50 项').default([]),
    /** Integer cents: money is never a floating-point number. */
    amountCents: z.number().int('金额须精确到分').min(0, '金额不能为负').max(1e13, '金额过大').nullish(),
    riskLevel: z.enum(RISK_LEVELS, '请选择风险等级'),
    riskReason: optionalText(500),
    parties: z.array(partyInputSchema).min(2, '至少需要申请人和被申请人各一名').max(50)
  })
  .strict()
  .superRefine((input, ctx) => {
    const roles = input.parties.map((p) => p.role)
    if (!roles.includes('applicant')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '至少需要一名申请人' })
    if (!roles.includes('respondent'))
      ctx.addIssue({ code: 'custom', path: ['parties'], message: '至少需要一名被申请人' })
    input.parties.forEach((party, index) => {
      if (party.role === 'agent') {
        const principal = party.actsFor == null ? undefined : input.parties[party.actsFor]
        if (!principal || principal.role === 'agent') {
          ctx.addIssue({ code: 'custom', path: ['parties', index, 'actsFor'], message: '请选择代理人所代理的当事人' })
        }
      }
    })
    if (input.riskLevel !== 'green' && !input.riskReason) {
      ctx.addIssue({ code: 'custom', path: ['riskReason'], message: '红色、黄色风险须写明原因' })
    }
  })

export type RegisterCaseInput = z.input<typeof registerCaseSchema>

const caseRef = { caseId: z.uuid('案件编号无效') }

export const acceptCaseSchema = z.object(caseRef).strict()

export const declineCaseSchema = z
  .object({
    ...caseRef,
    reason: z.enum(DECLINE_REASONS, '请选择不予受理的理由'),
    reasonNote: optionalText(500),
    route: requiredText(200)
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.reason === 'other' && !input.reasonNote) {
      ctx.addIssue({ code: 'custom', path: ['reasonNote'], message: '选择“其他原因”时须写明' })
    }
  })

export const routeCaseSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...caseRef,
      kind: z.literal('transfer'),
      toOfficeId: z.uuid('请选择接收的调解组织'),
      note: requiredText(500)
    })
    .strict(),
  z.object({ ...caseRef, kind: z.literal('refer'), department: requiredText(100), note: requiredText(500) }).strict()
])

export const setRiskSchema = z
  .object({ ...caseRef, riskLevel: z.enum(RISK_LEVELS, '请选择风险等级'), reason: requiredText(500) })
  .strict()

export const CASE_SORTS = ['newest', 'oldest'] as const

/** Statuses after which a case is no longer worked on: what the `open` filter leaves out. */
export const ENDED_STATUSES = ['declined', 'closed', 'archived'] as const

/** Every other status: the cases still worked on. */
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => !(ENDED_STATUSES as readonly string[]).includes(s))

/** Deadline filters of every case list: past the next due date, or due within N days (not yet overdue). */
export const DUE_FILTERS = ['overdue', 'due_soon'] as const
export const DUE_FILTER_LABELS: Record<(typeof DUE_FILTERS)[number], string> = {
  overdue: '已逾期',
  due_soon: '即将到期'
}

export const listCasesSchema = z
  .object({
    query: z.string().trim().max(100, '搜索词过长').optional(),
    status: z.enum(CASE_STATUSES).optional(),
    disputeType: z.string().max(40).optional(),
    officeId: z.uuid().optional(),
    source: z.string().max(40).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    registeredFrom: isoDate.optional(),
    registeredTo: isoDate.optional(),
    due: z.enum(DUE_FILTERS, '请选择期限条件').optional(),
    /** With due = 'due_soon': how many days ahead (today included). */
    dueWithinDays: z.number().int('天数须为整数').min(1, '至少 1 天').max(90, '不能超过 90 天').default(7),
    /** With due: only cases whose next deadline is of this kind (e.g. the follow-up visit). */
    dueKind: z.enum(DEADLINE_KINDS, '请选择期限种类').optional(),
    /** Cases this roster entry holds an active assignment on (a mediator's own cases, the load per mediator). */
    mediatorId: z.uuid('调解员编号无效').optional(),
    /** Only cases still open: not declined, closed or archived. */
    open: z.boolean().optional(),
    /** Open cases with no active lead mediator yet. */
    unassigned: z.boolean().optional(),
    /** Cases with an applicant who had another case registered in the 12 months before. */
    repeatApplicant: z.boolean().optional(),
    sort: z.enum(CASE_SORTS).default('newest'),
    cursor: z.string().regex(/^\d+$/, '分页位置无效').optional(),
    limit: z.number().int().min(1).max(10_000).default(50)
  })
  .strict()

export const lookupPartySchema = z
  .object({
    idNumber: optionalText(40),
    creditCode: optionalText(30),
    phone: optionalText(40)
  })
  .strict()
  .refine((input) => input.idNumber || input.creditCode || input.phone, {
    message: '请至少提供证件号码、统一社会信用代码或电话之一',
    path: ['idNumber']
  })
