/*
 * Keeps the search structures in step with a case, inside the same
 * transaction as the write: the FTS5 trigram row (rowid = the case's
 * registration-order key) and the short-name keys for names of one or two
 * characters, which trigrams cannot see.
 */
import { sql } from 'kysely'
import type { Trx } from './write'

/** `|a|b|`: bars let a trigram match a whole name, a name's start, or an ID's ending. */
export function barJoin(values: Array<string | null>): string {
  const present = values.filter((v): v is string => Boolean(v))
  return present.length ? `|${present.join('|')}|` : ''
}

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
  await sql`insert into case_search (rowid, case_number, summary, names, id_numbers, phones) values (
    ${found.seq}, ${found.case_number ?? ''}, ${found.summary},
    ${barJoin(parties.map((p) => p.name))},
    ${barJoin(parties.flatMap((p) => [p.id_number, p.credit_code]))},
    ${barJoin(parties.map((p) => p.phone))})`.execute(trx)

  await trx.deleteFrom('case_name_keys').where('case_seq', '=', found.seq).execute()
  const names = [...new Set(parties.map((p) => p.name))]
  if (names.length > 0) {
    await trx
      .insertInto('case_name_keys')
      .values(
        names.map((name) => ({ name, first_char: String.fromCodePoint(name.codePointAt(0)!), case_seq: found.seq }))
      )
      .execute()
  }
}
