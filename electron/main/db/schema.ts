/*
 * Row types of every table, as Kysely sees them. Nullable columns are `T | null`,
 * booleans are 0 | 1, dates are ISO-8601 text, money is integer cents.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type { HearingTables } from './schema-hearings'
import type { LifecycleTables } from './schema-lifecycle'
import type { DocumentTables } from './schema-documents'
import type { HubTables } from './schema-hub'
import type { PreventionTables } from './schema-prevention'
import type { KeyPersonTables } from './schema-key-persons'

/** Columns every synchronised row carries (DESIGN §5). */
export interface Tracked {
  created_at: string
  updated_at: string
  version: number
}

export interface OfficeTable extends Tracked {
  id: string
  code: string
  name: string
  short_name: string
  kind: string
  township: string | null
  parent_id: string | null
  active: 0 | 1
  sort_order: number
}

export interface SettingTable extends Tracked {
  key: string
  /** JSON text of the value. */
  value: string
}

export interface UserTable extends Tracked {
  id: string
  display_name: string
  role: string
  active: 0 | 1
  /** Login name, lower case; null for the built-in system accounts. */
  username: string | null
  /** scrypt hash and salt, hex. */
  password_hash: string | null
  password_salt: string | null
  failed_sign_ins: ColumnType<number, number | undefined, number>
  locked_until: string | null
  password_changed_at: string | null
  /** A mediator's or lawyer-mediator's entry in the roster: their "own cases" are those it is assigned to. */
  mediator_id: string | null
}

export interface UserOfficeTable extends Tracked {
  id: string
  user_id: string
  office_id: string
}

export interface DisputeTypeTable extends Tracked {
  code: string
  label: string
  added_in_newer_forms: 0 | 1
  sort_order: number
  active: 0 | 1
}

export interface CaseSourceTable extends Tracked {
  code: string
  label: string
  sort_order: number
  active: 0 | 1
}

/** Append-only: who did what to which record, when (triggers refuse update and delete). */
export interface AuditLogTable {
  id: string
  at: string
  actor_id: string
  actor_name: string
  action: string
  entity: string
  entity_id: string
  /** JSON: `{ before, after }` of the fields that changed. */
  summary: string
  /** Position in the hash chain (1, 2, …); null only if written outside the app. */
  chain_seq: number | null
  prev_hash: string | null
  hash: string | null
  /** The case the changed record belongs to, if any. */
  case_id: string | null
}

/** Feeds incremental hub exports: one row per changed record, in commit order. */
export interface ChangeLogTable {
  seq: ColumnType<number, never, never>
  entity: string
  entity_id: string
  operation: 'insert' | 'update' | 'delete'
  version: number
  changed_at: string
}

export interface PartyTable extends Tracked {
  id: string
  kind: 'person' | 'organisation'
  name: string
  id_type: string | null
  id_number: string | null
  birth_date: string | null
  gender: 'male' | 'female' | null
  ethnicity: string | null
  phone: string | null
  address: string | null
  occupation: string | null
  employer: string | null
  credit_code: string | null
  legal_representative: string | null
  contact_person: string | null
}

export interface CaseTable extends Tracked {
  id: string
  seq: number
  registered_office_id: string
  handling_office_id: string
  case_number: string | null
  case_year: number | null
  case_sequence: number | null
  status: string
  source: string
  dispute_type: string
  occurred_on: string | null
  place_township: string | null
  place_village: string | null
  summary: string
  /** JSON array of strings. */
  claims: string
  amount_cents: number | null
  risk_level: 'red' | 'yellow' | 'green'
  risk_reason: string | null
  registered_at: string
  accepted_at: string | null
  declined_at: string | null
  decline_reason: string | null
  decline_note: string | null
  decline_route: string | null
  registered_by: string
}

export interface CasePartyTable extends Tracked {
  id: string
  case_id: string
  party_id: string
  role: 'applicant' | 'respondent' | 'third_party' | 'agent'
  acts_for_party_id: string | null
  sort_order: number
}

export interface CaseEventTable extends Tracked {
  id: string
  case_id: string
  at: string
  actor_id: string
  actor_name: string
  kind: string
  from_status: string | null
  to_status: string | null
  reason: string | null
  /** JSON object. */
  detail: string
}

export interface CaseNumberSequenceTable {
  office_id: string
  year: number
  last_sequence: number
}

/** FTS5 trigram index; rowid = cases.seq. */
export interface CaseSearchTable {
  rowid: number
  case_number: string
  summary: string
  names: string
  id_numbers: string
  phones: string
}

/** FTS5 index of the digit runs in a case's searched text, as 4-digit grams (services/case-search-digits.ts); rowid = cases.seq. */
export interface CaseDigitsTable {
  rowid: number
  grams: string
}

/** FTS5 index of each summary's character bigrams (services/case-search-words.ts); rowid = cases.seq. */
export interface CaseWordsTable {
  rowid: number
  bigrams: string
}

/** Each office's mark, given once: its token in the full-text rows (services/case-search-office.ts). */
export interface OfficeMarkTable {
  mark: number
  office_id: string
}

export interface CaseNameKeyTable {
  name: string
  first_char: string
  case_seq: number
}

/**
 * Derived, kept by triggers (migration 2026_12_05_6000): what the case list shows of each case, keyed by its seq,
 * so that a page of scattered cases reads one small row each.
 */
export interface CaseListRowTable
  extends Pick<
    CaseTable,
    | 'seq'
    | 'case_number'
    | 'status'
    | 'source'
    | 'dispute_type'
    | 'risk_level'
    | 'handling_office_id'
    | 'amount_cents'
    | 'registered_at'
    | 'accepted_at'
  > {
  case_id: string
  /** The summary's first 81 characters: enough for the list to show 80 and know there is more. */
  summary_head: string
  /** JSON [[sort_order, role, name], …] of the applicants and respondents. */
  party_names: string
  next_due_on: string | null
}

/**
 * Derived, kept by triggers (migration 2026_12_06_1400): the seqs of the open cases with no active lead mediator,
 * which the "unassigned" list reads in page order as its own index.
 */
export interface UnassignedCaseTable {
  seq: number
  /** The case's handling office (migration 2026_12_06_2200), kept by the same triggers. */
  office_id: string
}

/**
 * Derived, kept by triggers (migration 2026_12_06_1600): which cases each mediator holds an active assignment on, by
 * seq, which a mediator's list reads in page order.
 */
export interface MediatorCaseTable {
  mediator_id: string
  case_seq: number
}

export interface ChamberTable extends Tracked {
  id: string
  name: string
  active: 0 | 1
}

export interface MediatorTable extends Tracked {
  id: string
  kind: 'full_time' | 'part_time' | 'expert'
  name: string
  gender: 'male' | 'female' | null
  id_number: string | null
  phone: string | null
  profession: string | null
  status: 'active' | 'suspended' | 'retired'
  capacity: number
  note: string | null
}

interface MediatorChild extends Tracked {
  id: string
  mediator_id: string
}

export interface MediatorOfficeTable extends MediatorChild {
  office_id: string
}

export interface MediatorSpecialtyTable extends MediatorChild {
  dispute_type: string
}

export interface MediatorChamberTable extends MediatorChild {
  chamber_id: string
}

export interface MediatorCredentialTable extends MediatorChild {
  type: string
  number: string
  issuer: string | null
  valid_until: string | null
}

export interface MediatorConflictTable extends MediatorChild {
  name: string
  id_number: string | null
  credit_code: string | null
  relation: string
  note: string | null
}

export interface MediatorLeaveTable extends MediatorChild {
  from_date: string
  to_date: string
  reason: string | null
}

export interface AssignmentTable extends Tracked {
  id: string
  case_id: string
  mediator_id: string
  role: 'lead' | 'assistant' | 'expert'
  chosen_by_parties: 0 | 1
  status: 'active' | 'recused' | 'removed'
  override_reason: string | null
  ended_reason: string | null
  assigned_at: string
  ended_at: string | null
}

export interface Database
  extends HearingTables, LifecycleTables, DocumentTables, HubTables, PreventionTables, KeyPersonTables {
  offices: OfficeTable
  settings: SettingTable
  users: UserTable
  user_offices: UserOfficeTable
  dispute_types: DisputeTypeTable
  case_sources: CaseSourceTable
  audit_log: AuditLogTable
  change_log: ChangeLogTable
  parties: PartyTable
  cases: CaseTable
  case_parties: CasePartyTable
  case_events: CaseEventTable
  case_number_sequences: CaseNumberSequenceTable
  case_search: CaseSearchTable
  case_digits: CaseDigitsTable
  case_words: CaseWordsTable
  office_marks: OfficeMarkTable
  case_name_keys: CaseNameKeyTable
  case_list_rows: CaseListRowTable
  unassigned_cases: UnassignedCaseTable
  mediator_cases: MediatorCaseTable
  /** The same pairs for the cases that have not ended (migration 2026_12_07_0100), kept by triggers. */
  mediator_open_cases: MediatorCaseTable
  chambers: ChamberTable
  mediators: MediatorTable
  mediator_offices: MediatorOfficeTable
  mediator_specialties: MediatorSpecialtyTable
  mediator_chambers: MediatorChamberTable
  mediator_credentials: MediatorCredentialTable
  mediator_conflicts: MediatorConflictTable
  mediator_leaves: MediatorLeaveTable
  assignments: AssignmentTable
}

export type OfficeRow = Selectable<OfficeTable>
export type NewOfficeRow = Insertable<OfficeTable>
export type SettingRow = Selectable<SettingTable>
export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type UserRowUpdate = Updateable<UserTable>
export type AuditLogRow = Selectable<AuditLogTable>
export type ChangeLogRow = Selectable<ChangeLogTable>
export type PartyRow = Selectable<PartyTable>
export type NewPartyRow = Insertable<PartyTable>
export type CaseRow = Selectable<CaseTable>
export type NewCaseRow = Insertable<CaseTable>
export type CasePartyRow = Selectable<CasePartyTable>
export type CaseEventRow = Selectable<CaseEventTable>
export type MediatorRow = Selectable<MediatorTable>
export type AssignmentRow = Selectable<AssignmentTable>
