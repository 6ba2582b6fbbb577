/*
 * Keeps the search structures in step with a case, inside the same
 * transaction as the write: the FTS5 trigram row (rowid = the case's
 * registration-order key), its digit-run and summary-word rows
 * (case-search-digits.ts, case-search-words.ts), and the short-name keys for names of one or two characters, which trigrams
 * cannot see.
 */
import { sql } from 'kysely'
import type { CaseRow, PartyRow } from '../db/schema'
import { writeCaseDigits } from './case-search-digits'
import { writeCaseWords } from './case-search-words'
import type { Trx } from './write'

/** `|a|b|`: bars let a trigram match a whole name, a name's start, or an ID's ending. */
export function barJoin(values: Array<string | null>): string {
  const present = values.filter((v): v is string => Boolean(v))
  return present.length ? `|${present.join('|')}|` : ''
}

/** What a case's search rows are made of: the case, and its parties in their sort order. */
export type SearchedCase = Pick<CaseRow, 'seq' | 'case_number' | 'summary'>
export type SearchedParty = Pick<PartyRow, 'name' | 'id_number' | 'credit_code' | 'phone'>

export async function refreshCaseSearch(trx: Trx, caseId: string): Promise<void> {
  const found = await trx
    .selectFrom('cases')
    .select(['seq', 'case_number', 'summary'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const parties = await trx
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['parties.name', 'parties.id_number', 'parties.credit_code', 'parties.phone'])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()

  await sql`delete from case_search where rowid = ${found.seq}`.execute(trx)
  await sql`delete from case_digits where rowid = ${found.seq}`.execute(trx)
  await sql`delete from case_words where rowid = ${found.seq}`.execute(trx)
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
  const texts = [
    theCase.case_number ?? '',
    theCase.summary,
    barJoin(parties.map((p) => p.name)),
    barJoin(parties.flatMap((p) => [p.id_number, p.credit_code])),
    barJoin(parties.map((p) => p.phone))
  ]
  await sql`insert into case_search (rowid, case_number, summary, names, id_numbers, phones)
    values (${theCase.seq}, ${sql.join(texts)})`.execute(trx)
  await writeCaseDigits(trx, theCase.seq, texts)
  await writeCaseWords(trx, theCase.seq, theCase.summary)

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
