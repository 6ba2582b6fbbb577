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
import { barJoin, wordsText } from '../services/case-search-index'
import { digitGrams } from '../services/case-search-digits'
import { isOpenStatus, markedNumber, markedText } from '../services/case-search-office'
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

/**
 * The rows refreshCaseSearch writes for a case, with the case's tokens (its office's mark and whether it is open,
 * case-search-office.ts): the FTS row (rowid = seq, `|a|b|` columns), its digit-run and word rows, and the
 * short-name keys. `idNumbers` holds each party's ID number and credit code.
 */
export function pushSearchRows(
  out: CaseBatch,
  row: CaseRow,
  mark: number,
  parties: { names: string[]; idNumbers: Array<string | null>; phones: Array<string | null> }
): void {
  const tokens = { mark, open: isOpenStatus(row.status) }
  const search = {
    rowid: row.seq,
    case_number: markedNumber(row.case_number ?? '', tokens),
    summary: row.summary,
    names: barJoin(parties.names),
    id_numbers: barJoin(parties.idNumbers),
    phones: barJoin(parties.phones)
  }
  out.search.push(search)
  const texts = [search.case_number, search.summary, search.names, search.id_numbers, search.phones]
  out.digits.push({ rowid: row.seq, grams: markedText(digitGrams(texts), tokens) })
  out.words.push({ rowid: row.seq, bigrams: markedText(wordsText(search), tokens) })
  for (const name of new Set(parties.names)) {
    out.nameKeys.push({ name, first_char: String.fromCodePoint(name.codePointAt(0)!), case_seq: row.seq })
  }
}
