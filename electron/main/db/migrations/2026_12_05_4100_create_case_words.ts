/*
 * An FTS5 index of each case's summary as its character bigrams, so that a
 * two-character word is found in every case, not only in the newest 20,000
 * summaries (services/case-search-words.ts says why). Filled here from the
 * trigram table's own text, a few thousand cases a statement.
 *
 * Frozen in time: never imports app code, never edited once released. The
 * bigram rule below is therefore written out here as it stands today; the
 * app's writer must produce the same text (a test compares the two).
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const BATCH = 2000
const WORD_CHAR = /^[\p{L}\p{N}]$/u

/** Every adjacent pair of letters or digits, one token each. */
function bigrams(summary: string): string {
  const chars = Array.from(summary)
  const pairs: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) {
    if (WORD_CHAR.test(chars[i]) && WORD_CHAR.test(chars[i + 1])) pairs.push(chars[i] + chars[i + 1])
  }
  return pairs.join(' ')
}

export async function up(db: AnyDb): Promise<void> {
  // Diacritics kept: a word matches as the summary spells it, as the row-by-row search did.
  await sql`create virtual table case_words using fts5(
    bigrams, tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)`.execute(db)
  let after = 0
  for (;;) {
    const { rows } = await sql<{ seq: number; summary: string }>`select rowid as seq, summary from case_search
       where rowid > ${after} order by rowid limit ${BATCH}`.execute(db)
    if (rows.length === 0) break
    const values = rows.map((r) => [r.seq, bigrams(r.summary)])
    await sql`insert into case_words (rowid, bigrams)
      select value ->> 0, value ->> 1 from json_each(${JSON.stringify(values)})`.execute(db)
    after = rows[rows.length - 1].seq
  }
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop table case_words`.execute(db)
}
