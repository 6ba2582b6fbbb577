/*
 * Parties: the records behind every applicant and respondent. A person or
 * organisation seen before (same ID number, credit code or phone) is found
 * again while the clerk types, and can be reused rather than duplicated.
 */
import type { CaseParty, IdType, PartyCaseHistory, PartyRole, PartySummary } from '../../../shared/domain/party'
import type { ParsedPartyInput } from '../../../shared/domain/case-input'
import type { ParsedInput } from '../../../shared/ipc-contract'
import { maskCreditCode, maskIdNumber, maskPhone } from '../../../shared/rules/masking'
import type { PartyIdentity } from '../../../shared/rules/party-identity'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import type { PartyRow } from '../db/schema'
import { checkPhone } from '../../../shared/rules/phone'
import { checkCreditCode } from '../../../shared/rules/credit-code'
import type { RecordChange, Trx } from './write'

/** How many earlier cases a lookup lists per party (the count is always exact). */
const HISTORY_LIMIT = 20

export function toPartySummary(row: PartyRow): PartySummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    idType: row.id_type as IdType | null,
    maskedIdNumber: maskIdNumber(row.id_number),
    maskedCreditCode: maskCreditCode(row.credit_code),
    maskedPhone: maskPhone(row.phone),
    birthDate: row.birth_date,
    gender: row.gender,
    ethnicity: row.ethnicity,
    address: row.address,
    occupation: row.occupation,
    employer: row.employer,
    legalRepresentative: row.legal_representative,
    contactPerson: row.contact_person
  }
}

export function toCaseParty(row: PartyRow & { role: PartyRole; acts_for_party_id: string | null }): CaseParty {
  return { ...toPartySummary(row), role: row.role, actsForPartyId: row.acts_for_party_id }
}

/** The columns a party's input sets, with identifiers already normalised by validatePartyIdentity. */
function partyColumns(input: ParsedPartyInput, identity: PartyIdentity) {
  const person = input.kind === 'person'
  return {
    kind: input.kind,
    name: input.name,
    id_type: person ? identity.idType : null,
    id_number: person ? identity.idNumber : null,
    birth_date: person ? identity.birthDate : null,
    gender: person ? identity.gender : null,
    ethnicity: person ? input.ethnicity : null,
    phone: identity.phone,
    address: input.address,
    occupation: person ? input.occupation : null,
    employer: person ? input.employer : null,
    credit_code: person ? null : identity.creditCode,
    legal_representative: person ? null : input.legalRepresentative,
    contact_person: person ? null : input.contactPerson
  }
}

/** A party of a registration after its save: the record as it now stands, and whether an existing one changed. */
export interface SavedParty {
  row: PartyRow
  /** An existing record took new values: its other cases' search rows must then follow. */
  changedExisting: boolean
}

/**
 * Save a registration's parties, in input order: insert the new ones, or
 * bring an existing one up to date with what the clerk typed now (a new
 * phone, an address). New rows go in as one multi-row insert (one round trip
 * through the binding instead of one per party); they are recorded in input
 * order all the same, so the audit trail reads as before.
 */
export async function saveParties(
  trx: Trx,
  record: RecordChange,
  inputs: ParsedPartyInput[],
  identities: PartyIdentity[],
  now: string
): Promise<SavedParty[]> {
  const saved: SavedParty[] = []
  const inserts: PartyRow[] = []
  for (const [index, input] of inputs.entries()) {
    const columns = partyColumns(input, identities[index])
    if (input.existingPartyId) {
      saved.push(await updateParty(trx, record, input.existingPartyId, columns, now))
      continue
    }
    const row = { id: uuidv7(), ...columns, created_at: now, updated_at: now, version: 1 }
    record({ entity: 'parties', entityId: row.id, operation: 'insert', version: 1, after: row })
    inserts.push(row)
    saved.push({ row, changedExisting: false })
  }
  if (inserts.length > 0) await trx.insertInto('parties').values(inserts).execute()
  return saved
}

async function updateParty(
  trx: Trx,
  record: RecordChange,
  partyId: string,
  columns: ReturnType<typeof partyColumns>,
  now: string
): Promise<SavedParty> {
  const before = await trx.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirstOrThrow()
  // Only fill in or change what was typed; never blank out what the record already knows.
  const changes = Object.fromEntries(
    Object.entries(columns).filter(([key, value]) => value !== null && value !== before[key as keyof PartyRow])
  )
  if (Object.keys(changes).length === 0) return { row: before, changedExisting: false }
  const after = { ...before, ...changes, updated_at: now, version: before.version + 1 }
  await trx
    .updateTable('parties')
    .set({ ...changes, updated_at: now, version: after.version })
    .where('id', '=', before.id)
    .execute()
  record({ entity: 'parties', entityId: before.id, operation: 'update', version: after.version, before, after })
  return { row: after, changedExisting: true }
}

type MatchedBy = PartyCaseHistory['matchedBy']

/**
 * Which records are one party: the same ID number or credit code is the same
 * person or organisation; a record found by phone alone is the same party
 * only under the same name (a family shares a phone).
 */
function identityKey(party: PartyRow, matchedBy: MatchedBy): string {
  if (matchedBy.includes('idNumber')) return `id:${party.id_number}`
  if (matchedBy.includes('creditCode')) return `code:${party.credit_code}`
  return `phone:${party.phone}:${party.name}`
}

export async function lookupParties(
  ctx: AppContext,
  input: ParsedInput<'parties.lookup'>
): Promise<PartyCaseHistory[]> {
  // Compare in the normalised form the store keeps; a half-typed value simply finds nothing.
  const idNumber = input.idNumber?.toUpperCase() ?? null
  const creditCode = input.creditCode
    ? checkCreditCode(input.creditCode).ok
      ? input.creditCode.toUpperCase()
      : null
    : null
  const phoneCheck = input.phone ? checkPhone(input.phone) : null
  const phone = phoneCheck?.ok ? phoneCheck.normalized : null
  if (!idNumber && !creditCode && !phone) return []

  const parties = await ctx.db
    .selectFrom('parties')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(idNumber ? [eb('id_number', '=', idNumber)] : []),
        ...(creditCode ? [eb('credit_code', '=', creditCode)] : []),
        ...(phone ? [eb('phone', '=', phone)] : [])
      ])
    )
    .orderBy('created_at')
    .limit(20)
    .execute()

  const groups = new Map<string, { records: PartyRow[]; matchedBy: Set<MatchedBy[number]> }>()
  for (const party of parties) {
    const matchedBy: MatchedBy = []
    if (idNumber && party.id_number === idNumber) matchedBy.push('idNumber')
    if (creditCode && party.credit_code === creditCode) matchedBy.push('creditCode')
    if (phone && party.phone === phone) matchedBy.push('phone')
    const key = identityKey(party, matchedBy)
    const group = groups.get(key) ?? { records: [], matchedBy: new Set() }
    group.records.push(party)
    for (const m of matchedBy) group.matchedBy.add(m)
    groups.set(key, group)
  }

  const histories: PartyCaseHistory[] = []
  for (const group of groups.values()) {
    const ids = group.records.map((p) => p.id)
    // A case both records are on (a clerk's slip) is listed once.
    const cases = await ctx.db
      .selectFrom('case_parties')
      .innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .select((eb) => [
        'cases.id',
        'cases.case_number',
        'cases.status',
        'cases.dispute_type',
        eb.fn.min('case_parties.role').as('role'),
        'cases.registered_at'
      ])
      .where('case_parties.party_id', 'in', ids)
      .groupBy('cases.id')
      .orderBy('cases.seq', 'desc')
      .limit(HISTORY_LIMIT)
      .execute()
    const { count } = await ctx.db
      .selectFrom('case_parties')
      .select((eb) => eb.fn.count<number>('case_id').distinct().as('count'))
      .where('party_id', 'in', ids)
      .executeTakeFirstOrThrow()
    histories.push({
      party: toPartySummary(group.records[group.records.length - 1]),
      records: group.records.length,
      matchedBy: (['idNumber', 'creditCode', 'phone'] as const).filter((m) => group.matchedBy.has(m)),
      caseCount: Number(count),
      cases: cases.map((c) => ({
        caseId: c.id,
        caseNumber: c.case_number,
        status: c.status,
        disputeType: c.dispute_type,
        role: c.role as PartyRole,
        registeredAt: c.registered_at
      }))
    })
  }
  return histories.sort((a, b) => b.caseCount - a.caseCount)
}
