/*
 * An FTS5 index of the digit runs in each case's searched text, as 4-digit
 * grams, for searches by part of an ID number or a phone (services/
 * case-search-digits.ts says why). Filled here from the trigram table's own
 * text, a few thousand cases a statement, so an existing store finds its
 * old cases by digits at once.
 *
 * Frozen in time: never imports app code, never edited once released. The
 * gram rule below is therefore written out here as it stands today; the
 * app's writer must produce the same text (a test compares the two).
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const BATCH = 2000

/** Each run of four digits or more as its overlapping 4-digit grams; runs apart by the token `x`. */
function grams(texts: Array<string | null>): string {
  return texts
    .flatMap((text) => (text ? (text.match(/\d{4,}/g) ?? []) : []))
    .map((run) => Array.from({ length: run.length - 3 }, (_, i) => run.slice(i, i + 4)).join(' '))
    .join(' x ')
}

export async function up(db: AnyDb): Promise<void> {
  await sql`create virtual table case_digits using fts5(grams, columnsize = 0)`.execute(db)
  let after = 0
  for (;;) {
    const { rows } = await sql<{
      seq: number
      case_number: string
      summary: string
      names: string
      id_numbers: string
      phones: string
    }>`select rowid as seq, case_number, summary, names, id_numbers, phones from case_search
       where rowid > ${after} order by rowid limit ${BATCH}`.execute(db)
    if (rows.length === 0) break
    // One statement a batch: the rows go in as one JSON text that SQLite unpacks.
    const values = rows.map((r) => [r.seq, grams([r.case_number, r.summary, r.names, r.id_numbers, r.phones])])
    await sql`insert into case_digits (rowid, grams)
      select value ->> 0, value ->> 1 from json_each(${JSON.stringify(values)})`.execute(db)
    after = rows[rows.length - 1].seq
  }
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop table case_digits`.execute(db)
}
