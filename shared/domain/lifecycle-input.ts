/*
 * Input schemas of the lifecycle methods: shape, lengths and the rules one
 * input can check by itself (an Art. 29 field present, amounts in whole
 * cents that add up, dates in order). Rules that need the store or the clock
 * are checked in main, reported against the same field paths.
 */
import { z, requiredText } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import { REFERRAL_KINDS } from '../rules/deadlines'
import { optionalText } from './case-input'
import {
  FOLLOW_UP_METHODS,
  MEDIATION_RESULTS,
  PERFORMANCE_LEVELS,
  RETENTION_PERIODS,
  RULINGS,
  SATISFACTION_LEVELS,
  TERMINATION_ROUTES
} from './lifecycle'

const caseId = z.uuid('案件编号无效')
const isoDate = (message = '请选择日期') => z.string(message).regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')
const dateTime = z.string('请填写时间').regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, '时间格式应为 YYYY-MM-DD HH:mm')
const cents = (message = '请输入金额') =>
  z.number(message).int('金额须精确到分').min(0, '金额不能为负').max(1e13, '金额过大')
const hearingId = z.uuid('调解排期编号无效').nullish()

export const addRecordSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        caseId,
        kind: z.literal('investigation'),
        hearingId,
        heldAt: dateTime,
        place: requiredText(200),
        investigator: requiredText(100),
        recorder: requiredText(50),
        personQuestioned: requiredText(200),
        content: requiredText(10_000)
      })
      .strict(),
    z
      .object({
        caseId,
        kind: z.literal('mediation'),
        hearingId,
        heldAt: dateTime,
        place: requiredText(200),
        subject: optionalText(200),
        recorder: requiredText(50),
        participants: requiredText(500),
        partiesPresent: requiredText(500),
        rightsExplained: z.literal(true, '调解前须告知当事人的权利义务'),
        statements: z
          .array(z.object({ party: requiredText(100), statement: requiredText(5000) }).strict())
          .min(1, '请记录各方当事人的陈述'),
        evidenceChecked: optionalText(5000),
        riskWarnings: optionalText(2000),
        result: z.enum(MEDIATION_RESULTS, '请选择调解结果'),
        resultNote: optionalText(2000)
      })
      .strict()
      .superRefine((input, ctx) => {
        if (input.result === 'failed' && !input.resultNote) {
          ctx.addIssue({ code: 'custom', path: ['resultNote'], message: '调解不成须写明原因' })
        }
      })
  ],
  { error: () => '请选择记录类型' }
)

const termSchema = z
  .object({
    content: requiredText(1000),
    amountCents: cents().nullish(),
    dueOn: isoDate().nullish()
  })
  .strict()

/** Art. 29: parties (from the case), facts, points in dispute, responsibility, terms, manner and deadline. */
const agreementFields = {
  caseId,
  facts: requiredText(5000),
  disputedPoints: requiredText(2000),
  responsibility: requiredText(2000),
  terms: z.array(termSchema).min(1, '请至少写明一项协议内容').max(50, '协议条款最多 50 项'),
  performanceManner: requiredText(500),
  performanceDeadline: isoDate('请选择履行期限'),
  amountCents: cents('请填写协议金额（无金额内容填 0）'),
  mediatorName: requiredText(50),
  seeksConfirmation: z.boolean().default(false)
}

function termsAddUp(
  input: { amountCents: number; terms: Array<{ amountCents?: number | null; dueOn?: string | null }> },
  ctx: z.RefinementCtx,
  latest: string
): void {
  const withAmount = input.terms.filter((t) => t.amountCents != null)
  const sum = withAmount.reduce((total, t) => total + (t.amountCents ?? 0), 0)
  if (withAmount.length > 0 && sum !== input.amountCents) {
    ctx.addIssue({ code: 'custom', path: ['amountCents'], message: '协议金额与各项条款金额之和不一致' })
  }
  input.terms.forEach((term, index) => {
    if (term.dueOn && term.dueOn > latest) {
      ctx.addIssue({ code: 'custom', path: ['terms', index, 'dueOn'], message: '条款履行日期不能晚于履行期限' })
    }
  })
}

export const createAgreementSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        ...agreementFields,
        kind: z.literal('written'),
        copies: z.number('请填写协议份数').int('份数须为整数').min(2, '至少 2 份').max(50, '份数过多'),
        signedOn: isoDate('请选择签订日期'),
        effectiveOn: isoDate('请选择生效日期')
      })
      .strict()
      .superRefine((input, ctx) => {
        if (input.effectiveOn < input.signedOn) {
          ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: '生效日期不能早于签订日期' })
        }
        termsAddUp(input, ctx, input.performanceDeadline)
      }),
    z
      .object({ ...agreementFields, kind: z.literal('oral'), reachedOn: isoDate('请选择达成日期') })
      .strict()
      .superRefine((input, ctx) => termsAddUp(input, ctx, input.performanceDeadline))
  ],
  { error: () => '请选择协议形式' }
)

export const markTermSchema = z
  .object({
    termId: z.uuid('协议条款编号无效'),
    performedOn: isoDate('请选择履行日期'),
    note: optionalText(500)
  })
  .strict()

export const addFollowUpSchema = z
  .object({
    caseId,
    visitedOn: isoDate('请选择回访日期'),
    method: z.enum(FOLLOW_UP_METHODS, '请选择回访方式'),
    visitedParty: requiredText(200),
    performance: z.enum(PERFORMANCE_LEVELS, '请选择履行情况'),
    performedAmountCents: cents().nullish(),
    satisfaction: z.enum(SATISFACTION_LEVELS, '请选择满意程度'),
    escalationSigns: optionalText(2000),
    measures: optionalText(2000),
    courtOutcome: optionalText(1000),
    visitorName: requiredText(50),
    termsPerformed: z
      .array(z.object({ termId: z.uuid('协议条款编号无效'), performedOn: isoDate('请选择履行日期') }).strict())
      .default([])
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.performance === 'partial' && input.performedAmountCents == null) {
      ctx.addIssue({ code: 'custom', path: ['performedAmountCents'], message: '部分履行须填写已履行金额' })
    }
    if (input.escalationSigns && !input.measures) {
      ctx.addIssue({ code: 'custom', path: ['measures'], message: '发现激化苗头须写明采取的措施' })
    }
  })

export const applyConfirmationSchema = z
  .object({
    caseId,
    appliedOn: isoDate('请选择申请日期'),
    court: requiredText(100),
    jointly: z.literal(true, '司法确认须由双方当事人共同申请'),
    note: optionalText(1000)
  })
  .strict()

export const recordRulingSchema = z
  .object({
    confirmationId: z.uuid('司法确认记录编号无效'),
    acceptedOn: isoDate().nullish(),
    ruling: z.enum(RULINGS, '请选择裁定结果').nullish(),
    ruledOn: isoDate().nullish(),
    rulingNumber: optionalText(100),
    note: optionalText(1000)
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!input.acceptedOn && !input.ruling) {
      ctx.addIssue({ code: 'custom', path: ['acceptedOn'], message: '请填写法院受理日期或裁定结果' })
    }
    if (input.ruling && !input.ruledOn) ctx.addIssue({ code: 'custom', path: ['ruledOn'], message: '请选择裁定日期' })
    if (input.ruling && !input.rulingNumber) {
      ctx.addIssue({ code: 'custom', path: ['rulingNumber'], message: '请填写裁定书文号' })
    }
    if (input.acceptedOn && input.ruledOn && input.ruledOn < input.acceptedOn) {
      ctx.addIssue({ code: 'custom', path: ['ruledOn'], message: '裁定日期不能早于受理日期' })
    }
  })

export const caseRefSchema = z.object({ caseId }).strict()

export const failCaseSchema = z
  .object({
    caseId,
    reason: requiredText(1000),
    routes: z.array(z.enum(TERMINATION_ROUTES, '没有这种途径')).min(1, '请至少选择一种已告知当事人的途径'),
    notifiedOn: isoDate('请选择告知日期')
  })
  .strict()

export const withdrawCaseSchema = z
  .object({ caseId, withdrawnBy: requiredText(100), reason: requiredText(1000) })
  .strict()

export const extendCaseSchema = z
  .object({
    caseId,
    newDueOn: isoDate('请选择延长后的期限'),
    consentedOn: isoDate('请选择当事人同意的日期'),
    consent: requiredText(500)
  })
  .strict()

export const setReferralSchema = z
  .object({
    caseId,
    referralKind: z.enum(REFERRAL_KINDS, '请选择案件是否由法院委派或委托'),
    court: optionalText(100),
    referredOn: isoDate().nullish()
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.referralKind !== 'none' && !input.court) {
      ctx.addIssue({ code: 'custom', path: ['court'], message: '请填写委派或委托的人民法院' })
    }
  })

export const closeCaseSchema = z.object({ caseId, result: requiredText(2000), note: optionalText(1000) }).strict()

export const archiveCaseSchema = z
  .object({
    caseId,
    retention: z.enum(RETENTION_PERIODS, '请选择保管期限'),
    filedBy: requiredText(50),
    note: optionalText(1000)
  })
  .strict()

export const amendCaseSchema = z
  .object({
    caseId,
    reason: requiredText(1000),
    summary: requiredText(2000).optional(),
    occurredOn: isoDate().nullish(),
    // Absent means "unchanged"; an empty text clears the field.
    placeTownship: optionalText(50).optional(),
    placeVillage: optionalText(100).optional(),
    note: optionalText(2000)
  })
  .strict()
  .superRefine((input, ctx) => {
    const changes = ['summary', 'occurredOn', 'placeTownship', 'placeVillage'] as const
    if (!input.note && changes.every((key) => input[key] === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请写明更正的内容' })
    }
  })

export const deadlineOverviewSchema = z
  .object({
    scope: z.enum(['office', 'all'], '请选择范围').default('office'),
    withinDays: z.number().int('天数须为整数').min(1, '至少 1 天').max(90, '不能超过 90 天').default(7),
    limit: z.number().int().min(1).max(200).default(50)
  })
  .strict()
