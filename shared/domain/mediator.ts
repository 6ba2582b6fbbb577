/*
 * The mediator roster (DESIGN §3.2): full-time, part-time and expert-pool
 * members, what they are qualified for, where they serve, and what would
 * make them unfit for a case (declared conflicts, leave, capacity).
 */

export const MEDIATOR_KINDS = ['full_time', 'part_time', 'expert'] as const
export type MediatorKind = (typeof MEDIATOR_KINDS)[number]
export const MEDIATOR_KIND_LABELS: Record<MediatorKind, string> = {
  full_time: '专职调解员',
  part_time: '兼职调解员',
  expert: '专家库成员'
}

export const PROFESSIONS = [
  'lawyer',
  'psychological_counselor',
  'doctor',
  'engineer',
  'accountant',
  'retired_judge',
  'teacher',
  'other'
] as const
export type Profession = (typeof PROFESSIONS)[number]
export const PROFESSION_LABELS: Record<Profession, string> = {
  lawyer: '律师',
  psychological_counselor: '心理咨询师',
  doctor: '医生',
  engineer: '工程师',
  accountant: '会计师',
  retired_judge: '退休法官',
  teacher: '教师',
  other: '其他'
}

export const MEDIATOR_STATUSES = ['active', 'suspended', 'retired'] as const
export type MediatorStatus = (typeof MEDIATOR_STATUSES)[number]
export const MEDIATOR_STATUS_LABELS: Record<MediatorStatus, string> = {
  active: '在册',
  suspended: '暂停',
  retired: '退出'
}

export const CREDENTIAL_TYPES = ['lawyer_licence', 'counselor_certificate', 'mediator_training', 'other'] as const
export type CredentialType = (typeof CREDENTIAL_TYPES)[number]
export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  lawyer_licence: '律师执业证',
  counselor_certificate: '心理咨询师证书',
  mediator_training: '人民调解员培训证书',
  other: '其他证书'
}

export const CONFLICT_RELATIONS = ['client', 'relative', 'employer', 'shareholder', 'other'] as const
export type ConflictRelation = (typeof CONFLICT_RELATIONS)[number]
export const CONFLICT_RELATION_LABELS: Record<ConflictRelation, string> = {
  client: '委托人（客户）',
  relative: '亲属',
  employer: '任职单位',
  shareholder: '持股单位',
  other: '其他利害关系'
}

export interface Credential {
  type: CredentialType
  number: string
  issuer: string | null
  /** 'YYYY-MM-DD'; null when it does not expire. */
  validUntil: string | null
}

/** A person or organisation the mediator declared a relation with. */
export interface DeclaredConflict {
  name: string
  idNumber: string | null
  creditCode: string | null
  relation: ConflictRelation
  note: string | null
}

export interface Leave {
  from: string
  to: string
  reason: string | null
}

/**
 * One roster entry as a whole: what the detail page edits and what a row of
 * the roster spreadsheet holds. Offices by code, specialties by dispute-type
 * code, chambers by name: the forms people already keep.
 */
export interface MediatorRecord {
  kind: MediatorKind
  name: string
  gender: 'male' | 'female' | null
  idNumber: string | null
  phone: string | null
  profession: Profession | null
  status: MediatorStatus
  /** Open cases at most. */
  capacity: number
  officeCodes: string[]
  specialties: string[]
  chambers: string[]
  credentials: Credential[]
  conflicts: DeclaredConflict[]
  leaves: Leave[]
  note: string | null
}

export interface Mediator extends MediatorRecord {
  id: string
  version: number
  /** Cases where this mediator is lead or assistant and which are not finished. */
  openCases: number
}

/** A roster row as lists show it (phone masked). */
export interface MediatorListRow {
  id: string
  kind: MediatorKind
  name: string
  profession: Profession | null
  status: MediatorStatus
  maskedPhone: string | null
  officeNames: string[]
  specialties: string[]
  openCases: number
  capacity: number
  onLeaveToday: boolean
  /** The credential that expires soonest within the asked window, if any. */
  expiringCredential: { type: CredentialType; validUntil: string } | null
}

/** Counts by kind for one office: how the district reports its roster. */
export interface RosterCounts {
  officeId: string
  officeName: string
  full_time: number
  part_time: number
  expert: number
}

export interface MediatorListPage {
  rows: MediatorListRow[]
  counts: RosterCounts[]
}

export interface Chamber {
  id: string
  name: string
  active: boolean
}

export interface CaseAssignment {
  id: string
  mediatorId: string
  mediatorName: string
  mediatorKind: MediatorKind
  role: 'lead' | 'assistant' | 'expert'
  chosenByParties: boolean
  status: 'active' | 'recused' | 'removed'
  overrideReason: string | null
  endedReason: string | null
  assignedAt: string
  endedAt: string | null
}

/** One mediator in the ranked suggestion for a case, with the reasons in words. */
export interface MediatorSuggestion {
  id: string
  name: string
  kind: MediatorKind
  score: number
  eligible: boolean
  reasons: string[]
  blockers: string[]
}

/** row is the spreadsheet's 1-based row; 0 with column '' means the sheet or file as a whole. */
export interface RosterProblem {
  sheet: string
  row: number
  column: string
  message: string
}

export interface RosterImportPreview {
  counts: Record<MediatorKind, number>
  creating: number
  updating: number
  /** People already on the roster exactly as the file has them: left untouched. */
  unchanged: number
  problems: RosterProblem[]
}

export interface SpreadsheetFile {
  fileName: string
  base64: string
}

/** How far ahead the roster warns of a credential running out (the 证书60日内到期 filter). */
export const CREDENTIAL_EXPIRY_WARNING_DAYS = 60
