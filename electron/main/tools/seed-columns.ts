/*
 * The columns the bulk loader writes for the lifecycle tables, by batch key:
 * each list names every column of the table (the row types in
 * db/schema-hearings.ts and db/schema-lifecycle.ts), and the loader reads
 * exactly these from each generated row.
 */
import type { CaseBatch } from './seed-data'
import type { LifecycleRows } from './seed-lifecycle'
import type { PreventionRows } from './seed-prevention'

export type Columns<K extends keyof CaseBatch> = ReadonlyArray<keyof CaseBatch[K][number] & string>

const TRACKED = ['created_at', 'updated_at', 'version'] as const
const AUTHORED = ['id', 'case_id', 'author_id', 'author_name'] as const

export const LIFECYCLE_TABLES: { [K in keyof LifecycleRows]: { table: string; columns: Columns<K> } } = {
  hearings: {
    table: 'hearings',
    columns: [
      'id', 'case_id', 'office_id', 'kind', 'starts_at', 'ends_at', 'place_kind', 'room_id', 'address', 'video_link',
      'purpose', 'bring', 'status', 'status_reason', 'record_id', 'held_note', ...TRACKED
    ]
  },
  hearingMediators: { table: 'hearing_mediators', columns: ['id', 'hearing_id', 'mediator_id', 'role', 'starts_at', ...TRACKED] },
  hearingParties: {
    table: 'hearing_parties',
    columns: [
      'id', 'hearing_id', 'party_id', 'party_key', 'notified_at', 'notified_how', 'notified_note', 'starts_at', ...TRACKED
    ]
  },
  records: {
    table: 'case_records',
    columns: [
      ...AUTHORED, 'kind', 'hearing_id', 'held_at', 'place', 'recorder', 'investigator', 'person_questioned', 'content',
      'subject', 'participants', 'parties_present', 'rights_explained', 'statements', 'evidence_checked',
      'risk_warnings', 'result', 'result_note', ...TRACKED
    ]
  },
  agreements: {
    table: 'agreements',
    columns: [
      ...AUTHORED, 'kind', 'case_number', 'parties', 'facts', 'disputed_points', 'responsibility', 'performance_manner',
      'performance_deadline', 'amount_cents', 'copies', 'signed_on', 'effective_on', 'mediator_name',
      'seeks_confirmation', ...TRACKED
    ]
  },
  agreementTerms: {
    table: 'agreement_terms',
    columns: [
      'id', 'case_id', 'agreement_id', 'number', 'content', 'amount_cents', 'due_on', 'performed_on',
      'performed_note', ...TRACKED
    ]
  },
  terminations: {
    table: 'terminations',
    columns: [...AUTHORED, 'kind', 'reason', 'routes', 'withdrawn_by', 'ended_on', ...TRACKED]
  },
  followUps: {
    table: 'follow_ups',
    columns: [
      ...AUTHORED, 'agreement_id', 'visited_on', 'method', 'visited_party', 'performance', 'performed_amount_cents',
      'satisfaction', 'escalation_signs', 'measures', 'court_outcome', 'visitor_name', 'terms_performed', ...TRACKED
    ]
  },
  confirmations: {
    table: 'judicial_confirmations',
    columns: [
      ...AUTHORED, 'agreement_id', 'applied_on', 'court', 'jointly', 'accepted_on', 'ruling', 'ruled_on',
      'ruling_number', 'note', ...TRACKED
    ]
  },
  closingReports: {
    table: 'closing_reports',
    columns: [...AUTHORED, 'closed_on', 'outcome', 'result', 'mediator_name', 'note', ...TRACKED]
  },
  archives: {
    table: 'case_archives',
    columns: [...AUTHORED, 'archived_on', 'retention', 'filed_by', 'note', ...TRACKED]
  },
  caseDue: { table: 'case_due', columns: ['case_id', 'case_seq', 'next_due_on', 'next_due_kind'] }
} // prettier-ignore

/** The grids, patrol reports and key-person register (db/schema-prevention.ts, db/schema-key-persons.ts). */
export const PREVENTION_TABLES: { [K in keyof PreventionRows]: { table: string; columns: Columns<K> } } = {
  grids: { table: 'grids', columns: ['id', 'code', 'office_id', 'township', 'village', 'name', 'active', ...TRACKED] },
  patrols: {
    table: 'patrol_reports',
    columns: [
      'id', 'office_id', 'grid_code', 'reporter_name', 'reporter_phone', 'patrolled_at', 'place', 'findings',
      'disputes_found', 'parties', 'handling', 'handling_note', 'case_id', 'created_by', ...TRACKED
    ]
  },
  keyPersons: {
    table: 'key_persons',
    columns: [
      'id', 'party_id', 'office_id', 'case_id', 'reason', 'reason_note', 'level', 'level_reason', 'responsible_user_id',
      'responsible_name', 'next_review_on', 'status', 'close_reason', 'registered_at', 'registered_by', ...TRACKED
    ]
  },
  keyPersonLogs: {
    table: 'key_person_logs',
    columns: [
      'id', 'key_person_id', 'kind', 'at', 'on_date', 'actor_id', 'actor_name', 'from_level', 'to_level', 'note',
      'next_review_on', ...TRACKED
    ]
  }
} // prettier-ignore
