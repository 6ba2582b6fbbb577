/*
 * What the register tells other screens: the flag beside a person typed at
 * intake or a case in the list, and the rule's suggestions for supervisors.
 * A person is recognised by party id or by ID number, since the same person
 * may have been saved twice when the clerk did not reuse the earlier record.
 */
import type {
  KeyPersonFlag,
  KeyPersonFlags,
  KeyPersonReason,
  KeyPersonSuggestion
} from '../../../../shared/domain/key-person'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import { suggestRegistration, SUGGEST_WINDOW_MONTHS, addMonths } from '../../../../shared/rules/key-persons'
import { maskIdNumber } from '../../../../shared/rules/masking'
import type { AppContext } from '../../context'
import { reachableOffices } from '../accounts/scope'

const RANK = { red: 0, yellow: 1, green: 2 } as const

function higher(a: KeyPersonFlag | undefined, b: KeyPersonFlag): KeyPersonFlag {
  return a && RANK[a.level] <= RANK[b.level] ? a : b
}

export async function keyPersonFlags(ctx: AppContext, input: ParsedInput<'keyPersons.flags'>): Promise<KeyPersonFlags> {
  const out: KeyPersonFlags = { byParty: {}, byIdNumber: {}, byCase: {} }
  const idNumbers = input.idNumbers.map((n) => n.toUpperCase())
  const caseParties =
    input.caseIds.length > 0
      ? await ctx.db
          .selectFrom('case_parties')
          .select(['case_id', 'party_id'])
          .where('case_id', 'in', input.caseIds)
          .execute()
      : []
  const partyIds = [...new Set([...input.partyIds, ...caseParties.map((c) => c.party_id)])]
  if (partyIds.length === 0 && idNumbers.length === 0) return out
  // The ID numbers of the asked-for parties, so a second record of a registered person is flagged too.
  const asked =
    partyIds.length > 0
      ? await ctx.db.selectFrom('parties').select(['id', 'id_number']).where('id', 'in', partyIds).execute()
      : []
  const numbers = [...new Set([...idNumbers, ...asked.map((p) => p.id_number).filter((n): n is string => !!n)])]
  const rows = await ctx.db
    .selectFrom('key_persons')
    .innerJoin('parties', 'parties.id', 'key_persons.party_id')
    .select(['key_persons.id', 'key_persons.party_id', 'key_persons.level', 'key_persons.reason', 'parties.id_number'])
    .where('key_persons.status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(partyIds.length > 0 ? [eb('key_persons.party_id', 'in', partyIds)] : []),
        ...(numbers.length > 0 ? [eb('parties.id_number', 'in', numbers)] : [])
      ])
    )
    .execute()
  const flagOf = (r: (typeof rows)[number]): KeyPersonFlag => ({
    keyPersonId: r.id,
    partyId: r.party_id,
    level: r.level,
    reason: r.reason as KeyPersonReason
  })
  const byNumber = new Map<string, KeyPersonFlag>()
  for (const r of rows) {
    if (r.id_number) byNumber.set(r.id_number, higher(byNumber.get(r.id_number), flagOf(r)))
    out.byParty[r.party_id] = higher(out.byParty[r.party_id], flagOf(r))
  }
  for (const p of asked) {
    const viaNumber = p.id_number ? byNumber.get(p.id_number) : undefined
    if (viaNumber) out.byParty[p.id] = higher(out.byParty[p.id], viaNumber)
  }
  for (const n of idNumbers) {
    const flag = byNumber.get(n)
    if (flag) out.byIdNumber[n] = flag
  }
  for (const c of caseParties) {
    const flag = out.byParty[c.party_id]
    if (flag) out.byCase[c.case_id] = higher(out.byCase[c.case_id], flag)
  }
  for (const id of Object.keys(out.byParty)) if (!partyIds.includes(id)) delete out.byParty[id]
  return out
}

/**
 * The people the rule suggests: those with cases in the last twelve months
 * or in a red-risk case, grouped by ID number (else by party record), minus
 * those already on the register.
 */
export async function keyPersonSuggestions(ctx: AppContext): Promise<KeyPersonSuggestion[]> {
  const today = chinaDate(ctx.clock.now())
  const since = new Date(`${addMonths(today, -SUGGEST_WINDOW_MONTHS)}T00:00:00+08:00`).toISOString()
  const offices = await reachableOffices(ctx)
  if (offices && offices.length === 0) return []
  let query = ctx.db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select([
      'parties.id as party_id',
      'parties.name',
      'parties.id_number',
      'cases.id as case_id',
      'cases.registered_at',
      'cases.risk_level'
    ])
    .where('parties.kind', '=', 'person')
    .where('case_parties.role', 'in', ['applicant', 'respondent', 'third_party'])
    .where((eb) => eb.or([eb('cases.registered_at', '>=', since), eb('cases.risk_level', '=', 'red')]))
  if (offices) query = query.where('cases.handling_office_id', 'in', offices)
  const rows = await query.limit(20_000).execute()
  const registered = await ctx.db
    .selectFrom('key_persons')
    .innerJoin('parties', 'parties.id', 'key_persons.party_id')
    .select(['key_persons.party_id', 'parties.id_number'])
    .where('key_persons.status', '=', 'active')
    .execute()
  const registeredKeys = new Set(registered.flatMap((r) => [r.party_id, ...(r.id_number ? [r.id_number] : [])]))

  const people = new Map<string, typeof rows>()
  for (const r of rows) {
    const key = r.id_number ?? r.party_id
    people.set(key, [...(people.get(key) ?? []), r])
  }
  const out: KeyPersonSuggestion[] = []
  for (const [key, cases] of people) {
    const already = registeredKeys.has(key) || cases.some((c) => registeredKeys.has(c.party_id))
    const verdict = suggestRegistration(
      cases.map((c) => ({
        caseId: c.case_id,
        registeredOn: chinaDate(new Date(c.registered_at)),
        riskLevel: c.risk_level
      })),
      already,
      today
    )
    if (!verdict) continue
    const latest = cases.reduce((a, b) => (a.registered_at > b.registered_at ? a : b))
    out.push({
      partyId: latest.party_id,
      name: latest.name,
      maskedIdNumber: maskIdNumber(latest.id_number),
      ...verdict
    })
  }
  return out.sort((a, b) => b.redCaseIds.length - a.redCaseIds.length || b.casesInYear - a.casesInYear).slice(0, 100)
}
