/* Reads one case whole: the case, its parties (identifiers masked) and its timeline. */
import type { CaseDetail, CaseEventKind, CaseStatus, DeclineReason } from '../../../shared/domain/case'
import type { PartyRole } from '../../../shared/domain/party'
import type { Kysely } from 'kysely'
import type { AppContext } from '../context'
import type { CaseEventRow, CaseRow, Database, PartyRow } from '../db/schema'
import { notFound } from '../errors'
import { toCaseParty } from './parties'

export async function loadCaseDetail(db: Kysely<Database>, caseId: string): Promise<CaseDetail> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('offices', 'offices.id', 'cases.handling_office_id')
    .selectAll('cases')
    .select('offices.name as handling_office_name')
    .where('cases.id', '=', caseId)
    .executeTakeFirst()
  if (!row) throw notFound('案件')

  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .selectAll('parties')
    .select(['case_parties.role', 'case_parties.acts_for_party_id'])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()
  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
  return caseDetailOf(row, parties, events)
}

/**
 * The case as the screens see it, from its rows: the case with its handling office's name, its parties in their
 * order with role and whom an agent acts for, its events in order. Registration passes the rows it has just
 * written (nothing to read back); every other change reads them through loadCaseDetail.
 */
export function caseDetailOf(
  row: CaseRow & { handling_office_name: string },
  parties: Array<PartyRow & { role: PartyRole; acts_for_party_id: string | null }>,
  events: CaseEventRow[]
): CaseDetail {
  return {
    id: row.id,
    seq: row.seq,
    version: row.version,
    caseNumber: row.case_number,
    status: row.status as CaseStatus,
    source: row.source,
    disputeType: row.dispute_type,
    occurredOn: row.occurred_on,
    placeTownship: row.place_township,
    placeVillage: row.place_village,
    summary: row.summary,
    claims: JSON.parse(row.claims) as string[],
    amountCents: row.amount_cents,
    riskLevel: row.risk_level,
    riskReason: row.risk_reason,
    registeredOfficeId: row.registered_office_id,
    handlingOfficeId: row.handling_office_id,
    handlingOfficeName: row.handling_office_name,
    registeredAt: row.registered_at,
    acceptedAt: row.accepted_at,
    declinedAt: row.declined_at,
    declineReason: row.decline_reason as DeclineReason | null,
    declineNote: row.decline_note,
    declineRoute: row.decline_route,
    parties: parties.map(toCaseParty),
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      actorName: e.actor_name,
      kind: e.kind as CaseEventKind,
      fromStatus: e.from_status as CaseStatus | null,
      toStatus: e.to_status as CaseStatus | null,
      reason: e.reason,
      detail: JSON.parse(e.detail) as Record<string, unknown>
    }))
  }
}

export async function getCase(ctx: AppContext, input: { caseId: string }): Promise<CaseDetail> {
  return loadCaseDetail(ctx.db, input.caseId)
}
