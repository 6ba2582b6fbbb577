/*
 * Lifecycle inputs a mediator could have typed, for the service, contract
 * and browser tests: a mediation record, a written agreement with two terms,
 * a follow-up visit; and a case brought to a given stage through the real
 * services.
 */
import type { z } from 'zod'
import { addFollowUpSchema, addRecordSchema, createAgreementSchema } from '../../shared/domain/lifecycle-input'
import { registerCaseSchema } from '../../shared/domain/case-input'
import type { RunningApp } from '../../electron/main/startup'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from './intake-fixtures'

type RecordInput = z.input<typeof addRecordSchema>
type AgreementInput = z.input<typeof createAgreementSchema>
type FollowUpInput = z.input<typeof addFollowUpSchema>

export function mediationRecord(caseId: string, overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    caseId,
    kind: 'mediation',
    heldAt: '2026-11-27 09:30',
    place: '梧田街道矛盾纠纷调解分中心第一调解室',
    subject: '通道及排水沟纠纷',
    recorder: '郑晓丽',
    participants: '调解员林海燕、记录员郑晓丽、老殿后村调解委员会主任',
    partiesPresent: '申请人王芳，被申请人陈建国',
    rightsExplained: true,
    statements: [
      { party: '王芳', statement: '被申请人翻建房屋占用公共通道，排水沟被堵，雨天积水进屋。' },
      { party: '陈建国', statement: '同意拆除占用部分，但要求申请人分担疏通费用。' }
    ],
    evidenceChecked: '现场照片六张，村委会出具的通道宽度证明',
    riskWarnings: '告知双方不得采取过激行为',
    result: 'agreement',
    resultNote: null,
    ...overrides
  } as RecordInput
}

export function investigationRecord(caseId: string): RecordInput {
  return {
    caseId,
    kind: 'investigation',
    heldAt: '2026-11-26 14:00',
    place: '老殿后村12号现场',
    investigator: '林海燕',
    recorder: '郑晓丽',
    personQuestioned: '邻居张阿婆',
    content: '张阿婆称排水沟自今年八月起堵塞，雨天积水。'
  }
}

export function writtenAgreement(caseId: string, overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    caseId,
    kind: 'written',
    facts: '被申请人翻建房屋时占用公共通道约0.8米，并堵塞排水沟。',
    disputedPoints: '占用部分是否拆除；排水沟疏通费用由谁承担。',
    responsibility: '被申请人对占用通道、堵塞排水沟负主要责任。',
    terms: [
      { content: '被申请人于2026年12月10日前拆除占用公共通道部分，恢复原状。', amountCents: null, dueOn: '2026-12-10' },
      { content: '被申请人向申请人支付清淤及损失费用人民币1,250.50元。', amountCents: 125_050, dueOn: '2026-11-28' }
    ],
    performanceManner: '拆除由被申请人自行完成；款项以银行转账方式一次性支付。',
    performanceDeadline: '2026-12-10',
    amountCents: 125_050,
    copies: 3,
    signedOn: '2026-11-27',
    effectiveOn: '2026-11-27',
    mediatorName: '林海燕',
    seeksConfirmation: true,
    ...overrides
  } as AgreementInput
}

export function followUp(caseId: string, overrides: Partial<FollowUpInput> = {}): FollowUpInput {
  return {
    caseId,
    visitedOn: '2026-11-29',
    method: 'phone',
    visitedParty: '申请人王芳',
    performance: 'partial',
    performedAmountCents: 125_050,
    satisfaction: 'satisfied',
    escalationSigns: null,
    measures: null,
    courtOutcome: null,
    visitorName: '林海燕',
    termsPerformed: [],
    ...overrides
  }
}

/** A case at the Wutian sub-center, registered and accepted; with `mediating`, in mediation too. */
export async function acceptedCase(app: RunningApp, options: { mediating?: boolean } = {}): Promise<string> {
  await chooseOffice(app, 'wutian')
  const theCase = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))
  await services['cases.accept'](app.ctx, { caseId: theCase.id })
  if (options.mediating) await services['cases.startMediation'](app.ctx, { caseId: theCase.id })
  return theCase.id
}

/** A case with the written agreement above; returns the case and the two term ids. */
export async function caseWithAgreement(app: RunningApp): Promise<{ caseId: string; termIds: string[] }> {
  const caseId = await acceptedCase(app, { mediating: true })
  const lifecycle = await services['agreements.create'](app.ctx, createAgreementSchema.parse(writtenAgreement(caseId)))
  return { caseId, termIds: lifecycle.agreement!.terms.map((t) => t.id) }
}
