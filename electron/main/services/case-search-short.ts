/*
 * Search terms of two characters, which trigrams cannot see. Names are found
 * through the bar-delimited names column ("|王芳" starts a name); a word in a
 * summary through the summary-word index (case-search-words.ts), in every
 * case. The two used to be one `or` in one query, which SQLite answered by
 * walking every case's seq (83 ms at p95 for a rare name at a million cases,
 * docs/performance.md cause 4). Here each is its own newest-first source and
 * the two are merged in page order (inlineUnion, in the page's own
 * statement; unionSource for the window, the names first so that its last
 * seq bounds how far the window is read). A term with a character the
 * word index does not hold (punctuation, a space) still reads the summaries
 * of the newest SHORT_WORD_WINDOW cases, and the list says so.
 */
import { sql } from 'kysely'
import {
  ftsPhrase,
  ftsSource,
  inlineUnion,
  unionSource,
  type InlineSeqSource,
  type SeqSource
} from './case-search-driven'
import { summaryWordSource } from './case-search-words'
import { withinScope, type SearchScope } from './case-search-office'

/** How far back a two-character term with punctuation or a space is looked for in summaries. */
export const SHORT_WORD_WINDOW = 20_000

/** The notice for a two-character search with punctuation or a space, in a register larger than the window. */
export const shortWordNotice = () =>
  `含标点或空格的两字检索词只在最近 ${SHORT_WORD_WINDOW.toLocaleString('zh-CN')} 件案件的案情中查找；人名不受此限`

/**
 * Cases after `floor` whose summary holds `term`, read by seq. The summary is read from the FTS table's own content
 * table (`case_search_content`, column c1 = summary; its id is the FTS rowid, the case's seq), so a seq range is a
 * range of its primary key read in order: at a million cases 20,000 summaries took ≈ 6 ms this way against ≈ 14 ms
 * through the `cases` seq index and ≈ 10 ms through the FTS table's scan (medians, load 10 on 2 cores). A term with
 * ASCII letters keeps LIKE's case-insensitive match; any other term is the same under `instr`, which is cheaper.
 */
export function recentSummarySource(term: string, floor: number): SeqSource {
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`)
  const holds = /[A-Za-z]/.test(term) ? sql`c1 like ${`%${escaped}%`} escape '\\'` : sql`instr(c1, ${term}) > 0`
  return async (db, order, bound, chunk, stop) => {
    // Exclusive limits of the seq range still to read: above `low`, below `high`.
    let low = floor
    let high: number | null = null
    if (order === 'desc') {
      if (bound !== null) high = bound
      if (stop != null) low = Math.max(low, stop - 1)
    } else {
      if (bound !== null) low = Math.max(low, bound)
      if (stop != null) high = stop + 1
    }
    const below = high === null ? sql`` : sql`and id < ${high}`
    const rows = await sql<{ seq: number }>`select id as seq from case_search_content
      where id > ${low} ${below} and ${holds} order by id ${sql.raw(order)} limit ${chunk}`.execute(db)
    return rows.rows.map((r) => Number(r.seq))
  }
}

/** Names beginning with the term, through the bar-delimited names column (within `scope`). */
const namePrefixSource = (term: string, scope: SearchScope = null) =>
  ftsSource(withinScope(`names : ${ftsPhrase(`|${term}`)}`, scope, 'trigram'))

/**
 * A two-character term of letters or digits: names beginning with it, and summaries holding it through the
 * summary-word index (case-search-words.ts), in every case or within `scope`. Null for any other term.
 */
export function shortWordSource(term: string, scope: SearchScope = null): InlineSeqSource | null {
  const words = summaryWordSource(term, scope)
  return words && inlineUnion(namePrefixSource(term, scope), words)
}

/** Any other two-character term: names beginning with it (no limit), and summary words among cases after `floor`. */
export function shortTermSource(term: string, floor: number): SeqSource {
  return unionSource(namePrefixSource(term), recentSummarySource(term, floor))
}
