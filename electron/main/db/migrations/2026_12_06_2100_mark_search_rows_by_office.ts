/*
 * Each case's full-text rows carry a token for its handling office and, while
 * it is open, one saying so, so that a search within offices, or of open
 * cases, is one FTS5 query (services/case-search-office.ts says why). Each
 * office gets a mark, a small number given once and kept (office_marks,
 * filled by a trigger for every office written later, by whoever writes it):
 *
 * - trigram index: the case-number column ends with char(0xF000, 0xE000 +
 *   mark / 4096, 0xE000 + mark % 4096), a trigram of the Private Use Area,
 *   then for an open case char(0xF001, 0xF001, 0xF001);
 * - digit-run and word indexes: `om<mark>` ends the text, then `oopen` for an
 *   open case;
 * - the word index also holds the first character of each party's name, once
 *   each, in code-point order, after the summary's bigrams.
 *
 * Open is every status but declined, closed and archived.
 *
 * The three tables are written again whole: renamed, created anew, filled in
 * rowid order from the old rows (FTS5 then appends to its doclists), and the
 * old dropped. Updating a million rows in place would leave a delete marker
 * for every token. They hold only what is derived from the cases and parties;
 * nothing a user wrote is touched.
 *
 * Frozen in time: never imports app code, never edited once released. The
 * tokens are written out here as they stand today; the app's writers must
 * produce the same rows (a test compares the two).
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const OPEN = `(c.status not in ('declined', 'closed', 'archived'))`
const TRIGRAM_TOKENS = `char(61440, 57344 + m.mark / 4096, 57344 + m.mark % 4096)
  || (case when ${OPEN} then char(61441, 61441, 61441) else '' end)`
const WORD_TOKENS = `'om' || m.mark, case when ${OPEN} then 'oopen' end`
/** The marked row's case `c` and its office's mark `m`, for an old row `o` (rowid = the case's seq). */
const OF_CASE = `join cases c on c.seq = o.rowid join office_marks m on m.office_id = c.handling_office_id`

/** A table's rows written again under a new definition, in rowid order. */
async function rewrite(db: AnyDb, table: string, definition: string, columns: string, values: string) {
  await sql.raw(`alter table ${table} rename to ${table}_unmarked`).execute(db)
  await sql.raw(`create virtual table ${table} using ${definition}`).execute(db)
  await sql
    .raw(
      `insert into ${table} (rowid, ${columns}) select o.rowid, ${values} from ${table}_unmarked o ${OF_CASE}
      order by o.rowid`
    )
    .execute(db)
  await sql.raw(`drop table ${table}_unmarked`).execute(db)
}

export async function up(db: AnyDb): Promise<void> {
  // No foreign key: a mark outlives its office (a store repaired of a missing office may delete and add it back,
  // startup.ts), and an office added back keeps its mark.
  await sql`create table office_marks (mark integer primary key, office_id text not null unique)`.execute(db)
  await sql`insert into office_marks (office_id) select id from offices order by rowid`.execute(db)
  await sql`create trigger office_marks_on_insert after insert on offices begin
    insert or ignore into office_marks (office_id) values (new.id);
  end`.execute(db)

  await rewrite(
    db,
    'case_search',
    `fts5(case_number, summary, names, id_numbers, phones, tokenize = 'trigram')`,
    'case_number, summary, names, id_numbers, phones',
    `o.case_number || ${TRIGRAM_TOKENS}, o.summary, o.names, o.id_numbers, o.phones`
  )
  await rewrite(
    db,
    'case_digits',
    `fts5(grams, columnsize = 0)`,
    'grams',
    `concat_ws(' ', nullif(o.grams, ''), ${WORD_TOKENS})`
  )
  // The names' first characters, as the short-name keys hold them (the case's distinct names).
  const initials = `(select group_concat(f, ' ' order by f) from (
    select distinct k.first_char as f from case_name_keys k where k.case_seq = o.rowid))`
  await rewrite(
    db,
    'case_words',
    `fts5(bigrams, tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)`,
    'bigrams',
    `concat_ws(' ', nullif(o.bigrams, ''), ${initials}, ${WORD_TOKENS})`
  )
}

/**
 * The marks go; the tokens stay in the rows, where the code before this migration never matches them (no typed
 * term holds a Private Use character, `om…` and `oopen` are longer than any gram or bigram, a one-character token
 * is no bigram).
 */
export async function down(db: AnyDb): Promise<void> {
  await sql`drop trigger office_marks_on_insert`.execute(db)
  await sql`drop table office_marks`.execute(db)
}
