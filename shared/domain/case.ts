/*
 * Cases and their lifecycle (DESIGN §5): the status machine, the reasons the
 * law asks for, and the shapes lists and the detail page receive.
 */
import type { CaseParty } from './party'
import type { RiskLevel } from './reference-data'

export const CASE_STATUSES = [
  'registered',
  'accepted',
  'declined',
  'in_mediation',
  'agreement',
  'failed',
  'withdrawn',
  'follow_up',
  'closed',
  'archived'
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '待受理',
  accepted: '已受理',
  declined: '不予受理',
  in_mediation: '调解中',
  agreement: '达成协议',
  failed: '调解不成',
  withdrawn: '当事人撤回',
  follow_up: '回访中',
  closed: '已结案',
  archived: '已归档'
}

/** Legal grounds for not accepting (不予受理), from the People's Mediation Law and practice. */
export const DECLINE_REASONS = [
  'reserved_to_other_organs',
  'already_handled',
  'party_refuses',
  'not_civil_dispute',
  'other'
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  reserved_to_other_organs: '法律、法规规定只能由专门机关管辖处理，或者禁止采用民间调解方式解决的',
  already_handled: '人民法院、公安机关或者其他行政机关已经受理或者解决的',
  party_refuses: '一方当事人明确拒绝调解的（《人民调解法》第十七条）',
  not_civil_dispute: '不属于民间纠纷的',
  other: '其他原因（须写明）'
}

/** Where a declined applicant may go instead; the clerk may also type their own. */
export const DECLINE_ROUTE_SUGGESTIONS = [
  '向人民法院提起诉讼',
  '申请劳动人事争议仲裁',
  '向有关行政机关申请处理',
  '向公安机关报案',
  '通过信访渠道反映'
]

/** Departments a case can be referred to (a case event, the case stays registered here). */
export const REFERRAL_DEPARTMENTS = [
  '人民法院',
  '公安机关',
  '信访部门',
  '人民检察院',
  '劳动保障监察',
  '劳动人事争议仲裁委员会',
  '妇联',
  '市场监督管理部门',
  '住房和城乡建设部门',
  '其他部门'
]

export const CASE_EVENT_KINDS = [
  'registered',
  'accepted',
  'declined',
  'transferred',
  'referred',
  'risk_changed',
  'mediator_assigned',
  'mediator_recused',
  // Hearing scheduling (shared/domain/hearing.ts).
  'hearing_scheduled',
  'hearing_rescheduled',
  'hearing_postponed',
  'hearing_cancelled',
  'hearing_held',
  'hearing_notified',
  // The mediation lifecycle (shared/domain/lifecycle.ts).
  'mediation_started',
  'record_added',
  'referral_set',
  'mediation_extended',
  'agreement_reached',
  'term_performed',
  'mediation_failed',
  'withdrawn',
  'follow_up',
  'confirmation_applied',
  'confirmation_ruled',
  'closed',
  'archived',
  'amended',
  // Documents (shared/domain/document.ts).
  'document_generated',
  'document_attached',
  'case_file_exported'
] as const
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number]
export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  registered: '登记',
  accepted: '受理',
  declined: '不予受理',
  transferred: '移交其他调解组织',
  referred: '转交有关部门',
  risk_changed: '风险等级变更',
  mediator_assigned: '指定调解员',
  mediator_recused: '调解员回避',
  hearing_scheduled: '安排调解会',
  hearing_rescheduled: '调解会改期',
  hearing_postponed: '调解会延期',
  hearing_cancelled: '取消调解会',
  hearing_held: '调解会已召开',
  hearing_notified: '通知当事人到会',
  mediation_started: '开始调解',
  record_added: '制作笔录',
  referral_set: '法院委派委托',
  mediation_extended: '延长调解期限',
  agreement_reached: '达成调解协议',
  term_performed: '协议条款履行',
  mediation_failed: '终止调解',
  withdrawn: '当事人撤回',
  follow_up: '回访',
  confirmation_applied: '申请司法确认',
  confirmation_ruled: '司法确认结果',
  closed: '结案',
  archived: '归档',
  amended: '归档后更正',
  document_generated: '制作文书',
  document_attached: '添加材料',
  case_file_exported: '导出卷宗'
}

export interface CaseEvent {
  id: string
  at: string
  actorName: string
  kind: CaseEventKind
  fromStatus: CaseStatus | null
  toStatus: CaseStatus | null
  reason: string | null
  detail: Record<string, unknown>
}

export interface CaseDetail {
  id: string
  seq: number
  version: number
  caseNumber: string | null
  status: CaseStatus
  source: string
  disputeType: string
  occurredOn: string | null
  placeTownship: string | null
  placeVillage: string | null
  summary: string
  claims: string[]
  amountCents: number | null
  riskLevel: RiskLevel
  riskReason: string | null
  registeredOfficeId: string
  handlingOfficeId: string
  handlingOfficeName: string
  registeredAt: string
  acceptedAt: string | null
  declinedAt: string | null
  declineReason: DeclineReason | null
  declineNote: string | null
  declineRoute: string | null
  parties: CaseParty[]
  events: CaseEvent[]
}

export interface CaseListRow {
  id: string
  seq: number
  caseNumber: string | null
  status: CaseStatus
  source: string
  disputeType: string
  riskLevel: RiskLevel
  handlingOfficeName: string
  summary: string
  applicants: string[]
  respondents: string[]
  amountCents: number | null
  registeredAt: string
  acceptedAt: string | null
  /** The earliest open deadline (shared/rules/deadlines.ts), null when nothing is due. */
  nextDueOn: string | null
}

export interface CaseListPage {
  rows: CaseListRow[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
  /**
   * Matching cases in all (with the search and filters), counted up to a cap. Null on a page asked for with a
   * cursor: the first page's count stands for the list, and counting again costs more than the page itself.
   */
  total: number | null
  /** True when more cases match than were counted: show "total+". False on a cursor page. */
  totalIsLowerBound: boolean
  /** Set when a short search term could only be looked up among recent cases. */
  notice: string | null
}
