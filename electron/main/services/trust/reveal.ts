/*
 * Full identifiers on demand (DESIGN §3.7): lists and the case page show
 * ID numbers and phones masked; a user whose work needs the whole number
 * asks for it, party by party, and every such view is in the audit trail on
 * the case's own trail.
 */
import type { RevealedParty } from '../../../../shared/domain/audit'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { notFound } from '../../errors'
import { recordAuditOnly } from '../write'

export async function revealParty(ctx: AppContext, input: ParsedInput<'parties.reveal'>): Promise<RevealedParty> {
  const party = await ctx.db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select([
      'parties.id',
      'parties.name',
      'parties.id_number',
      'parties.credit_code',
      'parties.phone',
      'parties.address'
    ])
    .where('case_parties.case_id', '=', input.caseId)
    .where('case_parties.party_id', '=', input.partyId)
    .executeTakeFirst()
  if (!party) throw notFound('该案件的当事人')
  const shown = (['id_number', 'credit_code', 'phone', 'address'] as const).filter((field) => party[field] !== null)
  await recordAuditOnly(ctx, 'parties.reveal', [
    { entity: 'parties', entityId: party.id, before: null, after: { case_id: input.caseId, shown } }
  ])
  return {
    partyId: party.id,
    name: party.name,
    idNumber: party.id_number,
    creditCode: party.credit_code,
    phone: party.phone,
    address: party.address
  }
}
