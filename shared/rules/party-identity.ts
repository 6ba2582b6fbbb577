/*
 * One party's identifiers checked together, exactly as main will check them:
 * the form calls this on every keystroke for instant zh-CN feedback, the
 * intake service calls it with its own clock for the final word. Derived
 * facts (birth date, gender from a resident ID) come out normalised.
 */
import type { FieldErrors } from '../errors'
import { CHECKED_ID_TYPES, type Gender, type IdType, type PartyKind } from '../domain/party'
import { checkCreditCode } from './credit-code'
import { checkPhone } from './phone'
import { checkResidentId, type ResidentIdKind } from './resident-id'

export interface PartyIdentityFields {
  kind: PartyKind
  idType?: IdType | null
  idNumber?: string | null
  phone?: string | null
  creditCode?: string | null
  creditCodeConfirmed?: boolean
}

export interface PartyIdentity {
  /** Field (relative to the party) → message; empty when the party may be saved. */
  errors: FieldErrors
  /** Shown but not blocking (a credit code whose check character the clerk confirmed). */
  warnings: FieldErrors
  idType: IdType | null
  idNumber: string | null
  phone: string | null
  creditCode: string | null
  birthDate: string | null
  gender: Gender | null
  /** Province (and Zhejiang city) from the ID's region code. */
  region: string | null
}

const KIND_OF_TYPE: Partial<Record<IdType, ResidentIdKind>> = {
  resident_id: 'mainland',
  hk_mo_tw_permit: 'hk_mo_tw_permit',
  foreigner_permanent: 'foreigner_permanent'
}

export function validatePartyIdentity(party: PartyIdentityFields, today: string): PartyIdentity {
  const result: PartyIdentity = {
    errors: {},
    warnings: {},
    idType: party.idType ?? null,
    idNumber: party.idNumber?.trim() || null,
    phone: party.phone?.trim() || null,
    creditCode: party.creditCode?.trim() || null,
    birthDate: null,
    gender: null,
    region: null
  }

  if (party.kind === 'person' && result.idNumber) {
    const idType = result.idType ?? 'resident_id'
    result.idType = idType
    if (CHECKED_ID_TYPES.includes(idType)) {
      const checked = checkResidentId(result.idNumber, today)
      if (!checked.ok) {
        result.errors.idNumber = checked.message
      } else if (checked.info.kind !== KIND_OF_TYPE[idType]) {
        result.errors.idNumber = '证件号码与所选证件类型不符'
      } else {
        result.idNumber = checked.info.normalized
        result.birthDate = checked.info.birthDate
        result.gender = checked.info.gender
        result.region = checked.info.region
      }
    }
  }
  if (party.kind === 'person' && !result.idNumber) result.idType = null

  if (party.kind === 'organisation' && result.creditCode) {
    const checked = checkCreditCode(result.creditCode)
    if (!checked.ok) {
      result.errors.creditCode = checked.message
    } else {
      result.creditCode = checked.normalized
      if (!checked.checkCharValid) {
        if (party.creditCodeConfirmed) result.warnings.creditCode = checked.warning
        else result.errors.creditCode = checked.warning
      }
    }
  }

  if (result.phone) {
    const checked = checkPhone(result.phone)
    if (checked.ok) result.phone = checked.normalized
    else result.errors.phone = checked.message
  }
  return result
}
