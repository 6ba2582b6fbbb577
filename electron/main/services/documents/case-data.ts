/*
 * Everything the documents say about one case, read in one place: the case
 * and its office, the parties with their full details (documents are handed to
 * the parties themselves, so nothing is masked), mediators, sessions, and the
 * lifecycle. Only reads; the document model (document-data.ts) shapes it.
 */
import type { Kysely } from 'kysely'
import type { CaseStatus } from '../../../../shared/domain/case'
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import type { Hearing } from '../../../../shared/domain/hearing'
import type { DocumentFacts } from '../../../../shared/domain/document-availability'
import type { CaseRow, Database, PartyRow } from '../../db/schema'
import { notFound } from '../../errors'
import { loadLifecycle, type StoredAgreementParty } from '../lifecycle/read'
import { loadHearings } from '../hearings/hearing-store'

type Db = Kysely<Database>

export interface CaseDataParty extends PartyRow {
  role: 'applicant' | 'respondent' | 'third_party' | 'agent'
}

export interface CaseData {
  caseRow: CaseRow
  status: CaseStatus
  officeName: string
  officeShortName: string
  disputeTypeLabel: string
  sourceLabel: string
  registrarName: string
  parties: CaseDataParty[]
  mediators: Array<{ name: string; role: string }>
  hearings: Hearing[]
  lifecycle: CaseLifecycle
  /** The agreement's parties as it recorded them, with full identifiers. */
  agreementParties: StoredAgreementParty[]
}

export async function loadCaseData(db: Db, caseId: string, today: string): Promise<CaseData> {
  const caseRow = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
  if (!caseRow) throw notFound('案件')
  const office = await db
    .selectFrom('offices')
    .select(['name', 'short_name'])
    .where('id', '=', caseRow.handling_office_id)
    .executeTakeFirstOrThrow()
  const disputeType = await db
    .selectFrom('dispute_types')
    .select('label')
    .where('code', '=', caseRow.dispute_type)
    .executeTakeFirst()
  const source = await db
    .selectFrom('case_sources')
    .select('label')
    .where('code', '=', caseRow.source)
    .executeTakeFirst()
  const registrar = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', caseRow.registered_by)
    .executeTakeFirst()
  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .selectAll('parties')
    .select('case_parties.role')
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()
  const mediators = await db
    .selectFrom('assignments')
    .innerJoin('mediators', 'mediators.id', 'assignments.mediator_id')
    .select(['mediators.name', 'assignments.role'])
    .where('assignments.case_id', '=', caseId)
    .where('assignments.status', '=', 'active')
    .orderBy('assignments.assigned_at')
    .execute()
  const hearingIds = await db
    .selectFrom('hearings')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '!=', 'cancelled')
    .orderBy('starts_at')
    .execute()
  const hearings = await loadHearings(
    db,
    hearingIds.map((h) => h.id)
  )
  hearings.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  const lifecycle = await loadLifecycle(db, caseId, today)
  const agreementRow = lifecycle.agreement
    ? await db.selectFrom('agreements').select('parties').where('id', '=', lifecycle.agreement.id).executeTakeFirst()
    : undefined
  return {
    caseRow,
    status: caseRow.status as CaseStatus,
    officeName: office.name,
    officeShortName: office.short_name,
    disputeTypeLabel: disputeType?.label ?? caseRow.dispute_type,
    sourceLabel: source?.label ?? caseRow.source,
    registrarName: registrar?.display_name ?? '',
    parties: parties as CaseDataParty[],
    mediators,
    hearings,
    lifecycle,
    agreementParties: agreementRow ? (JSON.parse(agreementRow.parties) as StoredAgreementParty[]) : []
  }
}

/** What the availability rule (shared/domain/document-availability.ts) needs. */
export function factsOf(data: CaseData): DocumentFacts {
  const records = data.lifecycle.records
  return {
    status: data.status,
    hasCaseNumber: data.caseRow.case_number !== null,
    hearings: data.hearings.length,
    investigationRecords: records.filter((r) => r.kind === 'investigation').length,
    mediationRecords: records.filter((r) => r.kind === 'mediation').length,
    agreementKind: data.lifecycle.agreement?.kind ?? null,
    followUps: data.lifecycle.followUps.length,
    confirmations: data.lifecycle.confirmations.length,
    terminated: data.lifecycle.termination !== null,
    closed: data.lifecycle.closing !== null
  }
}
