/* Row types of the tables of the mediation lifecycle (records, agreements, follow-ups, confirmations). */
import type { Tracked } from './schema'

interface CaseChild extends Tracked {
  id: string
  case_id: string
}

interface Authored extends CaseChild {
  author_id: string
  author_name: string
}

/** Per-case lifecycle facts that are not the case itself: how a court referred it. */
export interface CaseLifecycleTable extends CaseChild {
  referral_kind: string
  referral_court: string | null
  referred_on: string | null
}

export interface CaseRecordTable extends Authored {
  kind: 'investigation' | 'mediation'
  hearing_id: string | null
  /** 'YYYY-MM-DD HH:mm', China time. */
  held_at: string
  place: string
  recorder: string
  investigator: string | null
  person_questioned: string | null
  content: string | null
  subject: string | null
  participants: string | null
  parties_present: string | null
  rights_explained: 0 | 1
  /** JSON: [{ party, statement }]. */
  statements: string
  evidence_checked: string | null
  risk_warnings: string | null
  result: string | null
  result_note: string | null
}

export interface AgreementTable extends Authored {
  kind: 'written' | 'oral'
  case_number: string
  /** JSON: the parties' details as they stood when the agreement was made (full, for the documents). */
  parties: string
  facts: string
  disputed_points: string
  responsibility: string
  performance_manner: string
  performance_deadline: string
  amount_cents: number
  copies: number | null
  signed_on: string | null
  effective_on: string
  mediator_name: string
  seeks_confirmation: 0 | 1
}

export interface AgreementTermTable extends CaseChild {
  agreement_id: string
  number: number
  content: string
  amount_cents: number | null
  due_on: string | null
  performed_on: string | null
  performed_note: string | null
}

export interface TerminationTable extends Authored {
  kind: 'failed' | 'withdrawn'
  reason: string
  /** JSON array of routes told (failed only). */
  routes: string
  withdrawn_by: string | null
  ended_on: string
}

export interface FollowUpTable extends Authored {
  agreement_id: string
  visited_on: string
  method: string
  visited_party: string
  performance: string
  performed_amount_cents: number | null
  satisfaction: string
  escalation_signs: string | null
  measures: string | null
  court_outcome: string | null
  visitor_name: string
  /** JSON: [{ termId, number, performedOn }]. */
  terms_performed: string
}

export interface JudicialConfirmationTable extends Authored {
  agreement_id: string
  applied_on: string
  court: string
  jointly: 1
  accepted_on: string | null
  ruling: string | null
  ruled_on: string | null
  ruling_number: string | null
  note: string | null
}

export interface MediationExtensionTable extends Authored {
  previous_due_on: string
  new_due_on: string
  consented_on: string
  consent: string
}

export interface ClosingReportTable extends Authored {
  closed_on: string
  outcome: string
  result: string
  mediator_name: string | null
  note: string | null
}

export interface CaseArchiveTable extends Authored {
  archived_on: string
  retention: string
  filed_by: string
  note: string | null
}

export interface CaseAmendmentTable extends Authored {
  reason: string
  /** JSON: { field: { before, after } }. */
  changes: string
  note: string | null
}

/** Derived, kept in the transaction of every change that moves it: each case's earliest open due date. */
export interface CaseDueTable {
  case_id: string
  case_seq: number
  next_due_on: string
  next_due_kind: string
}

export interface LifecycleTables {
  case_lifecycle: CaseLifecycleTable
  case_records: CaseRecordTable
  agreements: AgreementTable
  agreement_terms: AgreementTermTable
  terminations: TerminationTable
  follow_ups: FollowUpTable
  judicial_confirmations: JudicialConfirmationTable
  mediation_extensions: MediationExtensionTable
  closing_reports: ClosingReportTable
  case_archives: CaseArchiveTable
  case_amendments: CaseAmendmentTable
  case_due: CaseDueTable
}
