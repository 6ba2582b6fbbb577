/*
 * The roster form's working copy of a MediatorRecord: text fields as strings
 * ('' for empty), sub-table rows with a stable key for v-for, and the checks
 * the form runs before sending (the same rules main applies, so the message
 * lands at the field without a round trip).
 */
import type {
  ConflictRelation,
  CredentialType,
  Mediator,
  MediatorKind,
  MediatorRecord,
  MediatorStatus,
  Profession
} from '../../../../shared/domain/mediator'
import type { FieldErrors } from '../../../../shared/errors'
import { checkCreditCode } from '../../../../shared/rules/credit-code'
import { checkPhone } from '../../../../shared/rules/phone'
import { checkResidentId } from '../../../../shared/rules/resident-id'

let nextKey = 1
const key = () => nextKey++

export interface CredentialDraft {
  key: number
  type: CredentialType | ''
  number: string
  issuer: string
  validUntil: string | null
}

export interface ConflictDraft {
  key: number
  name: string
  idNumber: string
  creditCode: string
  relation: ConflictRelation | ''
  note: string
}

export interface LeaveDraft {
  key: number
  from: string | null
  to: string | null
  reason: string
}

export interface MediatorDraft {
  kind: MediatorKind | ''
  name: string
  gender: 'male' | 'female' | ''
  idNumber: string
  phone: string
  profession: Profession | ''
  status: MediatorStatus
  capacity: number
  officeCodes: string[]
  specialties: string[]
  chambers: string[]
  credentials: CredentialDraft[]
  conflicts: ConflictDraft[]
  leaves: LeaveDraft[]
  note: string
}

export const emptyCredential = (): CredentialDraft => ({
  key: key(),
  type: '',
  number: '',
  issuer: '',
  validUntil: null
})
export const emptyConflict = (): ConflictDraft => ({
  key: key(),
  name: '',
  idNumber: '',
  creditCode: '',
  relation: '',
  note: ''
})
export const emptyLeave = (): LeaveDraft => ({ key: key(), from: null, to: null, reason: '' })

export function emptyDraft(officeCode: string | null): MediatorDraft {
  return {
    kind: '',
    name: '',
    gender: '',
    idNumber: '',
    phone: '',
    profession: '',
    status: 'active',
    capacity: 10,
    officeCodes: officeCode ? [officeCode] : [],
    specialties: [],
    chambers: [],
    credentials: [],
    conflicts: [],
    leaves: [],
    note: ''
  }
}

export function draftOf(m: Mediator): MediatorDraft {
  return {
    kind: m.kind,
    name: m.name,
    gender: m.gender ?? '',
    idNumber: m.idNumber ?? '',
    phone: m.phone ?? '',
    profession: m.profession ?? '',
    status: m.status,
    capacity: m.capacity,
    officeCodes: [...m.officeCodes],
    specialties: [...m.specialties],
    chambers: [...m.chambers],
    credentials: m.credentials.map((c) => ({ key: key(), ...c, issuer: c.issuer ?? '' })),
    conflicts: m.conflicts.map((c) => ({
      key: key(),
      ...c,
      idNumber: c.idNumber ?? '',
      creditCode: c.creditCode ?? '',
      note: c.note ?? ''
    })),
    leaves: m.leaves.map((l) => ({ key: key(), ...l, reason: l.reason ?? '' })),
    note: m.note ?? ''
  }
}

const orNull = <T extends string>(value: T | ''): T | null => (value === '' ? null : value)

/** What is sent as `record`: empty optional text becomes null (the schema trims and nulls it again). */
export function recordOf(d: MediatorDraft) {
  return {
    kind: d.kind as MediatorRecord['kind'],
    name: d.name,
    gender: orNull(d.gender),
    idNumber: d.idNumber,
    phone: d.phone,
    profession: orNull(d.profession),
    status: d.status,
    capacity: d.capacity,
    officeCodes: d.officeCodes,
    specialties: d.specialties,
    chambers: d.chambers,
    credentials: d.credentials.map((c) => ({
      type: c.type as MediatorRecord['credentials'][number]['type'],
      number: c.number,
      issuer: c.issuer,
      validUntil: c.validUntil || null
    })),
    conflicts: d.conflicts.map((c) => ({
      name: c.name,
      idNumber: c.idNumber,
      creditCode: c.creditCode,
      relation: c.relation as MediatorRecord['conflicts'][number]['relation'],
      note: c.note
    })),
    leaves: d.leaves.map((l) => ({ from: l.from ?? '', to: l.to ?? '', reason: l.reason })),
    note: d.note
  }
}

/** A half-typed number is not wrong yet: live checks wait until it is long enough to be whole. */
const whole = (text: string, length: number) => text.replace(/\s/g, '').length >= length

/**
 * Identity and business checks the schema does not make: ID numbers, credit
 * codes, phone, a profession for experts, missing leave dates. `live` judges
 * only what looks complete; before saving everything is judged.
 */
export function checkDraft(d: MediatorDraft, today: string, live: boolean): FieldErrors {
  const errors: FieldErrors = {}
  const judge = (text: string, length: number) => text.trim() !== '' && (!live || whole(text, length))
  if (judge(d.idNumber, 18)) {
    const checked = checkResidentId(d.idNumber, today)
    if (!checked.ok) errors.idNumber = checked.message
  }
  if (judge(d.phone, 11)) {
    const checked = checkPhone(d.phone)
    if (!checked.ok) errors.phone = checked.message
  }
  d.conflicts.forEach((c, i) => {
    if (judge(c.idNumber, 18)) {
      const checked = checkResidentId(c.idNumber, today)
      if (!checked.ok) errors[`conflicts.${i}.idNumber`] = checked.message
    }
    if (judge(c.creditCode, 18)) {
      const checked = checkCreditCode(c.creditCode)
      if (!checked.ok) errors[`conflicts.${i}.creditCode`] = checked.message
    }
  })
  if (!live) {
    if (d.kind === 'expert' && !d.profession) errors.profession = '专家库成员须注明专业领域'
    d.leaves.forEach((l, i) => {
      if (!l.from) errors[`leaves.${i}.from`] = '请选择开始日期'
      if (!l.to) errors[`leaves.${i}.to`] = '请选择结束日期'
    })
  }
  return errors
}

/** A credit code whose check character does not match is kept (real licences carry some): say so. */
export function creditCodeWarning(code: string): string {
  if (!whole(code, 18)) return ''
  const checked = checkCreditCode(code)
  return checked.ok && !checked.checkCharValid ? '校验位不符，请核对营业执照；确认无误可保存' : ''
}
