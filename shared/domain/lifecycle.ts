/*
 * The mediation lifecycle as the case page and the documents read it:
 * investigation and mediation records, the agreement and its terms, the end
 * of mediation without one, follow-up visits, judicial confirmation, the
 * closing report, the archive and amendments after it. zh-CN labels here.
 */
import type { CaseDeadline } from './deadline'
import type { ReferralKind } from '../rules/deadlines'

export const RECORD_KINDS = ['investigation', 'mediation'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]
export const RECORD_KIND_LABELS: Record<RecordKind, string> = { investigation: '调查记录', mediation: '调解记录' }

export const MEDIATION_RESULTS = ['agreement', 'failed', 'continued'] as const
export type MediationResult = (typeof MEDIATION_RESULTS)[number]
export const MEDIATION_RESULT_LABELS: Record<MediationResult, string> = {
  agreement: '达成协议',
  failed: '调解不成',
  continued: '未达成一致，择期继续调解'
}

export const AGREEMENT_KINDS = ['written', 'oral'] as const
export type AgreementKind = (typeof AGREEMENT_KINDS)[number]
export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = {
  written: '书面调解协议（人民调解协议书）',
  oral: '口头协议（人民调解口头协议登记表）'
}

/** Routes the parties are told of when mediation ends without agreement (Art. 26). */
export const TERMINATION_ROUTES = ['arbitration', 'administrative', 'court'] as const
export type TerminationRoute = (typeof TERMINATION_ROUTES)[number]
export const TERMINATION_ROUTE_LABELS: Record<TerminationRoute, string> = {
  arbitration: '申请仲裁',
  administrative: '请求有关行政机关处理',
  court: '向人民法院提起诉讼'
}

export const FOLLOW_UP_METHODS = ['phone', 'visit', 'video'] as const
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number]
export const FOLLOW_UP_METHOD_LABELS: Record<FollowUpMethod, string> = {
  phone: '电话回访',
  visit: '上门回访',
  video: '视频回访'
}

export const PERFORMANCE_LEVELS = ['full', 'partial', 'none'] as const
export type PerformanceLevel = (typeof PERFORMANCE_LEVELS)[number]
export const PERFORMANCE_LABELS: Record<PerformanceLevel, string> = {
  full: '已全部履行',
  partial: '部分履行',
  none: '未履行'
}

export const SATISFACTION_LEVELS = ['satisfied', 'basically', 'dissatisfied'] as const
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number]
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically: '基本满意',
  dissatisfied: '不满意'
}

export const RULINGS = ['confirmed', 'rejected'] as const
export type Ruling = (typeof RULINGS)[number]
export const RULING_LABELS: Record<Ruling, string> = {
  confirmed: '裁定确认调解协议有效',
  rejected: '裁定驳回申请'
}

export const RETENTION_PERIODS = ['permanent', 'long', 'short'] as const
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number]
export const RETENTION_LABELS: Record<RetentionPeriod, string> = { permanent: '永久', long: '长期', short: '短期' }

/** Fields of an archived case that an amendment (归档后更正) may change. */
export const AMENDABLE_FIELD_LABELS = {
  summary: '纠纷简要情况',
  occurredOn: '发生日期',
  placeTownship: '发生地镇街',
  placeVillage: '发生地村社'
} as const

interface Authored {
  id: string
  authorName: string
  createdAt: string
}

export interface InvestigationRecord extends Authored {
  kind: 'investigation'
  hearingId: string | null
  heldAt: string
  place: string
  investigator: string
  recorder: string
  personQuestioned: string
  content: string
}

export interface MediationRecord extends Authored {
  kind: 'mediation'
  hearingId: string | null
  heldAt: string
  place: string
  subject: string | null
  recorder: string
  participants: string
  partiesPresent: string
  rightsExplained: true
  statements: Array<{ party: string; statement: string }>
  evidenceChecked: string | null
  riskWarnings: string | null
  result: MediationResult
  resultNote: string | null
}

export type CaseRecord = InvestigationRecord | MediationRecord

/** A party as the agreement names them, copied when it was made (identifiers masked here). */
export interface AgreementParty {
  role: string
  kind: 'person' | 'organisation'
  name: string
  gender: 'male' | 'female' | null
  birthDate: string | null
  ethnicity: string | null
  occupation: string | null
  address: string | null
  maskedPhone: string | null
  maskedIdNumber: string | null
  maskedCreditCode: string | null
  legalRepresentative: string | null
}

export interface AgreementTerm {
  id: string
  number: number
  content: string
  amountCents: number | null
  dueOn: string | null
  performedOn: string | null
  performedNote: string | null
}

export interface Agreement extends Authored {
  kind: AgreementKind
  /** The agreement keeps the case number. */
  caseNumber: string
  parties: AgreementParty[]
  facts: string
  disputedPoints: string
  responsibility: string
  performanceManner: string
  performanceDeadline: string
  amountCents: number
  /** Written agreements: one per party and one on file. Null for an oral agreement. */
  copies: number | null
  signedOn: string | null
  /** Written: when every party and the mediator have signed; oral: the day it was reached (Art. 30). */
  effectiveOn: string
  mediatorName: string
  seeksConfirmation: boolean
  terms: AgreementTerm[]
}

export interface Termination extends Authored {
  kind: 'failed' | 'withdrawn'
  reason: string
  routes: TerminationRoute[]
  withdrawnBy: string | null
  endedOn: string
}

export interface FollowUp extends Authored {
  visitedOn: string
  method: FollowUpMethod
  visitedParty: string
  performance: PerformanceLevel
  performedAmountCents: number | null
  satisfaction: Satisfaction
  escalationSigns: string | null
  measures: string | null
  courtOutcome: string | null
  visitorName: string
  /** Terms marked performed at this visit. */
  termsPerformed: Array<{ termId: string; number: number; performedOn: string }>
}

export interface JudicialConfirmation extends Authored {
  agreementId: string
  appliedOn: string
  court: string
  jointly: true
  acceptedOn: string | null
  ruling: Ruling | null
  ruledOn: string | null
  rulingNumber: string | null
  note: string | null
  version: number
}

export interface Extension extends Authored {
  previousDueOn: string
  newDueOn: string
  consentedOn: string
  consent: string
}

export interface ClosingReport extends Authored {
  closedOn: string
  outcome: string
  result: string
  mediatorName: string | null
  note: string | null
}

export interface ArchiveEntry extends Authored {
  archivedOn: string
  retention: RetentionPeriod
  filedBy: string
  note: string | null
}

export interface Amendment extends Authored {
  reason: string
  changes: Record<string, { before: unknown; after: unknown }>
  note: string | null
}

/** Everything the lifecycle area of the case page shows. */
export interface CaseLifecycle {
  caseId: string
  referralKind: ReferralKind
  referralCourt: string | null
  referredOn: string | null
  records: CaseRecord[]
  agreement: (Agreement & { id: string }) | null
  termination: Termination | null
  followUps: FollowUp[]
  confirmations: JudicialConfirmation[]
  extensions: Extension[]
  closing: ClosingReport | null
  archive: ArchiveEntry | null
  amendments: Amendment[]
  deadlines: CaseDeadline[]
  /** True when the case may be closed now; otherwise `closeBlocker` says why not. */
  canClose: boolean
  closeBlocker: string | null
}
