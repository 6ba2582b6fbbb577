/* Parties to a dispute: natural persons and organisations, and the roles they take in a case. */

export const PARTY_KINDS = ['person', 'organisation'] as const
export type PartyKind = (typeof PARTY_KINDS)[number]
export const PARTY_KIND_LABELS: Record<PartyKind, string> = { person: '自然人', organisation: '单位' }

export const PARTY_ROLES = ['applicant', 'respondent', 'third_party', 'agent'] as const
export type PartyRole = (typeof PARTY_ROLES)[number]
export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  third_party: '第三人',
  agent: '代理人'
}

/** Identity documents. The first three carry the GB 11643 check; the others are recorded as typed. */
export const ID_TYPES = [
  'resident_id',
  'hk_mo_tw_permit',
  'foreigner_permanent',
  'passport',
  'officer_card',
  'old_permanent_residence',
  'other'
] as const
export type IdType = (typeof ID_TYPES)[number]
export const CHECKED_ID_TYPES: readonly IdType[] = ['resident_id', 'hk_mo_tw_permit', 'foreigner_permanent']
export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  hk_mo_tw_permit: '港澳台居民居住证',
  foreigner_permanent: '外国人永久居留身份证',
  passport: '护照',
  officer_card: '军官证',
  old_permanent_residence: '外国人永久居留证（旧版）',
  other: '其他证件'
}

export type Gender = 'male' | 'female'
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' }

/** A party as lists and the detail page show it: ID numbers and phones masked. */
export interface PartySummary {
  id: string
  kind: PartyKind
  name: string
  idType: IdType | null
  maskedIdNumber: string | null
  maskedCreditCode: string | null
  maskedPhone: string | null
  birthDate: string | null
  gender: Gender | null
  ethnicity: string | null
  address: string | null
  occupation: string | null
  employer: string | null
  legalRepresentative: string | null
  contactPerson: string | null
}

export interface CaseParty extends PartySummary {
  role: PartyRole
  /** For an agent: the party they act for. */
  actsForPartyId: string | null
}

/** An earlier case of a party found by ID number, credit code or phone (the repeat-party warning). */
/**
 * One person or organisation seen before, with their cases. A party
 * registered again without reusing the record has several records; they are
 * one history (the same ID number or credit code, or the same phone and
 * name), so the count says how often they came, not how often each record did.
 */
export interface PartyCaseHistory {
  /** The newest record: the one to reuse, with what was typed last. */
  party: PartySummary
  /** How many records the party is on (more than one when registered again without reusing). */
  records: number
  /** How the party was recognised. */
  matchedBy: Array<'idNumber' | 'creditCode' | 'phone'>
  /** Cases of any of the records, each counted once. */
  caseCount: number
  cases: Array<{
    caseId: string
    caseNumber: string | null
    status: string
    disputeType: string
    role: PartyRole
    registeredAt: string
  }>
}
