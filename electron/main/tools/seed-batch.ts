/*
 * One batch of generated rows, by table (what the bulk loader writes per
 * batch key), and the small row shapes the app's own row types do not cover.
 */
import type {
  AssignmentRow,
  CaseDigitsTable,
  CaseEventRow,
  CasePartyRow,
  CaseRow,
  CaseSearchTable,
  CaseWordsTable,
  PartyRow
} from '../db/schema'
import type { LifecycleRows } from './seed-lifecycle'
import type { PreventionRows } from './seed-prevention'

/** A row of the FTS table, exactly as the schema declares it. */
export type SearchRow = CaseSearchTable

export interface NameKeyRow {
  name: string
  first_char: string
  case_seq: number
}

export interface CaseBatch extends LifecycleRows, PreventionRows {
  parties: PartyRow[]
  cases: CaseRow[]
  caseParties: CasePartyRow[]
  events: CaseEventRow[]
  assignments: AssignmentRow[]
  search: SearchRow[]
  digits: CaseDigitsTable[]
  words: CaseWordsTable[]
  nameKeys: NameKeyRow[]
}

export interface SequenceRow {
  office_id: string
  year: number
  last_sequence: number
}

export function emptyBatch(): CaseBatch {
  return {
    parties: [],
    cases: [],
    caseParties: [],
    events: [],
    assignments: [],
    search: [],
    digits: [],
    words: [],
    nameKeys: [],
    hearings: [],
    hearingMediators: [],
    hearingParties: [],
    records: [],
    agreements: [],
    agreementTerms: [],
    terminations: [],
    followUps: [],
    confirmations: [],
    closingReports: [],
    archives: [],
    caseDue: [],
    grids: [],
    patrols: [],
    keyPersons: [],
    keyPersonLogs: []
  }
}
