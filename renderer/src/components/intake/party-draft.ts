import type { PartyInput } from '../../../../shared/domain/case-input'
import type { IdType, PartyKind, PartyRole } from '../../../../shared/domain/party'

/** A party as the form holds it while the clerk types: every text field a string. */
export interface PartyDraft {
  key: number
  existingPartyId: string | null
  kind: PartyKind
  role: PartyRole
  actsFor: number | null
  name: string
  idType: IdType
  idNumber: string
  ethnicity: string
  phone: string
  address: string
  occupation: string
  employer: string
  creditCode: string
  creditCodeConfirmed: boolean
  legalRepresentative: string
  contactPerson: string
}

let nextKey = 1

export function emptyParty(role: PartyRole): PartyDraft {
  return {
    key: nextKey++,
    existingPartyId: null,
    kind: 'person',
    role,
    actsFor: null,
    name: '',
    idType: 'resident_id',
    idNumber: '',
    ethnicity: '汉族',
    phone: '',
    address: '',
    occupation: '',
    employer: '',
    creditCode: '',
    creditCodeConfirmed: false,
    legalRepresentative: '',
    contactPerson: ''
  }
}

/** What is sent to main: only the fields that belong to the party's kind. */
export function toPartyInput(draft: PartyDraft): PartyInput {
  const common = {
    ...(draft.existingPartyId ? { existingPartyId: draft.existingPartyId } : {}),
    kind: draft.kind,
    role: draft.role,
    actsFor: draft.role === 'agent' ? draft.actsFor : null,
    name: draft.name,
    phone: draft.phone,
    address: draft.address
  }
  if (draft.kind === 'organisation') {
    return {
      ...common,
      creditCode: draft.creditCode,
      creditCodeConfirmed: draft.creditCodeConfirmed,
      legalRepresentative: draft.legalRepresentative,
      contactPerson: draft.contactPerson
    }
  }
  return {
    ...common,
    idType: draft.idNumber.trim() ? draft.idType : null,
    idNumber: draft.idNumber,
    ethnicity: draft.ethnicity,
    occupation: draft.occupation,
    employer: draft.employer
  }
}
