/*
 * Keeps the search structures in step with a case, inside the same
 * transaction as the write: the FTS5 trigram row (rowid = the case's
 * registration-order key), its digit-run and summary-word rows
 * (case-search-digits.ts, case-search-words.ts), and the short-name keys
 * for names of one or two characters, which trigrams cannot see. Each FTS
 * row also carries its case's tokens: the office's, and an open case's
 * (case-search-office.ts).
 */
import { sql } from 'kysely'
import type { CaseRow, PartyRow } from '../db/schema'
import { digitGrams } from './case-search-digits'
import { summaryBigrams } from './case-search-words'
import { isOpenStatus, isOpenStatusSql, markedNumberSql, markedTextSql, nameInitials } from './case-search-office'
import type { Trx } from './write'

/** The FTS tables keyed by the case's seq (their rowid): deleting a case's search rows deletes from each. */
export const SEARCH_FTS_TABLES = ['case_search', 'case_digits', 'case_words'] as const

/** The trigram row's columns, in order: the texts the digit and word rows are made from too. */
const SEARCH_COLUMNS = ['case_number', 'summary', 'names', 'id_numbers', 'phones'] as const
type SearchTexts = Record<(typeof SEARCH_COLUMNS)[number], string>

/** The word row's text: the summary's bigrams, then the first character of each name. */
export const wordsText = (texts: Pick<SearchTexts, 'summary' | 'names'>) =>
  [summaryBigrams(texts.summary), nameInitials(texts.names)].filter((t) => t !== '').join(' ')

/**
 * The digit-run and summary-word rows of cases whose trigram texts are known, each table in one statement (the
 * rows go in as one JSON text that SQLite unpacks, and each takes its case's tokens from the store): one
 * case at intake, thousands in the hub's rebuild.
 */
async function insertGramRows(trx: Trx, rows: Array<{ seq: number } & SearchTexts>): Promise<void> {
  const tables = [
    { table: 'case_digits', column: 'grams', text: (r: SearchTexts) => digitGrams(SEARCH_COLUMNS.map((c) => r[c])) },
    { table: 'case_words', column: 'bigrams', text: wordsText }
  ]
  for (const { table, column, text } of tables) {
    const values = JSON.stringify(rows.map((r) => [r.seq, text(r)]))
    await sql`insert into ${sql.table(table)} (rowid, ${sql.ref(column)})
      select j.value ->> 0, ${sql.raw(markedTextSql('j.value ->> 1', 'm.mark', isOpenStatusSql('c.status')))}
      from json_each(${values}) j
      join cases c on c.seq = j.value ->> 0 join office_marks m on m.office_id = c.handling_office_id`.execute(trx)
  }
}

const GRAM_BATCH = 2000

/**
 * Write the digit-run and word rows of the cases `ofSeqs` selects (SQL returning their seqs) from their trigram
 * rows, already written: the hub's set-wise rebuild, a batch at a time. The seqs are read once and each batch
 * names its own: with the selection itself in every batch's `rowid in (…)`, SQLite looked up every selected
 * case's trigram row again for each batch (51 batches × 100,000 lookups: 12.6 s of a 100,000-case import).
 */
export async function writeGramRowsFromSearch(trx: Trx, ofSeqs: string): Promise<void> {
  const { rows: selected } = await sql<{ seq: number }>`select seq from (${sql.raw(ofSeqs)}) order by seq`.execute(trx)
  const seqs = selected.map((r) => r.seq)
  for (let i = 0; i < seqs.length; i += GRAM_BATCH) {
    const batch = JSON.stringify(seqs.slice(i, i + GRAM_BATCH))
    const { rows } = await sql<{ seq: number } & SearchTexts>`
      select rowid as seq, ${sql.join(SEARCH_COLUMNS.map((c) => sql.ref(c)))} from case_search
      where rowid in (select value from json_each(${batch})) order by rowid`.execute(trx)
    await insertGramRows(trx, rows)
  }
}

/** `|a|b|`: bars let a trigram match a whole name, a name's start, or an ID's ending. */
export function barJoin(values: Array<string | null>): string {
  const present = values.filter((v): v is string => Boolean(v))
  return present.length ? `|${present.join('|')}|` : ''
}

/** What a case's search rows are made of: the case, and its parties in their sort order. */
export type SearchedCase = Pick<CaseRow, 'seq' | 'case_number' | 'summary' | 'handling_office_id' | 'status'>
export type SearchedParty = Pick<PartyRow, 'name' | 'id_number' | 'credit_code' | 'phone'>

export async function refreshCaseSearch(trx: Trx, caseId: string): Promise<void> {
  const found = await trx
    .selectFrom('cases')
    .select(['seq', 'case_number', 'summary', 'handling_office_id', 'status'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const parties = await trx
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['parties.name', 'parties.id_number', 'parties.credit_code', 'parties.phone'])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()

  for (const table of SEARCH_FTS_TABLES) {
    await sql`delete from ${sql.table(table)} where rowid = ${found.seq}`.execute(trx)
  }
  await trx.deleteFrom('case_name_keys').where('case_seq', '=', found.seq).execute()
  await addNewCaseSearch(trx, found, parties)
}

/**
 * Write a case's search rows from rows the caller holds. On its own it is
 * for a case inserted in this same transaction: nothing to read back, and no
 * old rows to delete (a new seq has none; a deleted case takes its rows with
 * it, hub/merge.ts), which spares an intake save four statements.
 */
export async function addNewCaseSearch(trx: Trx, theCase: SearchedCase, parties: SearchedParty[]): Promise<void> {
  const texts: SearchTexts = {
    case_number: theCase.case_number ?? '',
    summary: theCase.summary,
    names: barJoin(parties.map((p) => p.name)),
    id_numbers: barJoin(parties.flatMap((p) => [p.id_number, p.credit_code])),
    phones: barJoin(parties.map((p) => p.phone))
  }
  // The case-number column ends with the case's tokens: its office's, and an open case's (case-search-office.ts).
  const [number, ...rest] = SEARCH_COLUMNS.map((c) => texts[c])
  await sql`insert into case_search (rowid, ${sql.join(SEARCH_COLUMNS.map((c) => sql.ref(c)))})
    with n (number, open) as (values (${number}, ${isOpenStatus(theCase.status) ? 1 : 0}))
    select ${theCase.seq}, ${sql.raw(markedNumberSql('n.number', 'm.mark', 'n.open'))}, ${sql.join(rest)}
    from n, office_marks m where m.office_id = ${theCase.handling_office_id}`.execute(trx)
  await insertGramRows(trx, [{ seq: theCase.seq, ...texts }])

  const names = [...new Set(parties.map((p) => p.name))]
  if (names.length > 0) {
    await trx
      .insertInto('case_name_keys')
      .values(
        names.map((name) => ({ name, first_char: String.fromCodePoint(name.codePointAt(0)!), case_seq: theCase.seq }))
      )
      .execute()
  }
}
