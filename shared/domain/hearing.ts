/*
 * Hearings (调解会 / 听证) as the interface and the documents see them, with
 * their zh-CN labels. Times are China wall-clock text 'YYYY-MM-DDTHH:mm'
 * (see shared/rules/hearing-clash.ts for why).
 */
import type { Clash, Slot } from '../rules/hearing-clash'

export const HEARING_KINDS = ['mediation', 'hearing'] as const
export type HearingKind = (typeof HEARING_KINDS)[number]
export const HEARING_KIND_LABELS: Record<HearingKind, string> = { mediation: '调解会', hearing: '听证' }

export const HEARING_STATUSES = ['scheduled', 'held', 'postponed', 'cancelled'] as const
export type HearingStatus = (typeof HEARING_STATUSES)[number]
export const HEARING_STATUS_LABELS: Record<HearingStatus, string> = {
  scheduled: '已安排',
  held: '已召开',
  postponed: '已延期',
  cancelled: '已取消'
}
/** Sessions that occupy their people and room: the others no longer block anyone. */
export const BOOKED_STATUSES: readonly HearingStatus[] = ['scheduled', 'held']

export const PLACE_KINDS = ['room', 'onsite', 'video'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = { room: '调解室', onsite: '现场', video: '视频' }

export const HEARING_ROLES = ['lead', 'assistant', 'expert'] as const
export type HearingRole = (typeof HEARING_ROLES)[number]
export const HEARING_ROLE_LABELS: Record<HearingRole, string> = {
  lead: '主持调解员',
  assistant: '协助调解员',
  expert: '特邀专家'
}

export const NOTIFY_METHODS = ['phone', 'sms', 'in_person', 'post', 'wechat'] as const
export type NotifyMethod = (typeof NOTIFY_METHODS)[number]
export const NOTIFY_METHOD_LABELS: Record<NotifyMethod, string> = {
  phone: '电话通知',
  sms: '短信通知',
  in_person: '当面送达',
  post: '邮寄送达',
  wechat: '微信通知'
}

/** What a notice of session asks the parties to bring, unless the clerk writes otherwise. */
export const DEFAULT_BRING = [
  '居民身份证或其他有效身份证件（单位提交营业执照副本及法定代表人身份证明）',
  '与纠纷有关的证据材料',
  '委托他人参加的，须提交授权委托书'
]

export interface HearingPerson {
  mediatorId: string
  name: string
  role: HearingRole
}

export interface HearingParty {
  partyId: string
  name: string
  role: string
  roleLabel: string
  address: string | null
  maskedPhone: string | null
  notifiedAt: string | null
  notifiedHow: NotifyMethod | null
  notifiedNote: string | null
}

export interface Hearing {
  id: string
  version: number
  caseId: string
  caseNumber: string | null
  caseSeq: number
  officeId: string
  officeName: string
  kind: HearingKind
  startsAt: string
  endsAt: string
  placeKind: PlaceKind
  roomId: string | null
  roomName: string | null
  address: string | null
  videoLink: string | null
  /** One line: the room, the address or the link. */
  placeText: string
  purpose: string
  bring: string[]
  status: HearingStatus
  statusReason: string | null
  /** The session's record (调解记录), once the lifecycle has written it. */
  recordId: string | null
  heldNote: string | null
  mediators: HearingPerson[]
  parties: HearingParty[]
  createdAt: string
  updatedAt: string
}

/** A calendar entry: enough to draw it and to filter by. */
export interface HearingSummary {
  id: string
  caseId: string
  caseLabel: string
  officeId: string
  kind: HearingKind
  startsAt: string
  endsAt: string
  placeKind: PlaceKind
  placeText: string
  roomId: string | null
  status: HearingStatus
  mediatorNames: string[]
  partyNames: string[]
}

export interface HearingCheck {
  hard: Clash[]
  soft: Clash[]
  /** The next free slots of the same length for the same people and room. */
  freeSlots: Slot[]
}

/** The data of a notice of session (调解通知书); the documents capability renders it. */
export interface HearingNotice {
  hearingId: string
  caseNumber: string | null
  officeName: string
  kindLabel: string
  /** '2026年12月3日（星期四）09:00至11:00' */
  timeText: string
  startsAt: string
  endsAt: string
  placeText: string
  purpose: string
  mediators: Array<{ name: string; roleLabel: string }>
  parties: Array<{
    partyId: string
    name: string
    roleLabel: string
    address: string | null
    notified: boolean
    notifiedAt: string | null
    notifiedHowLabel: string | null
  }>
  bring: string[]
  /** Expected parties not yet told. */
  pendingNotification: string[]
}
