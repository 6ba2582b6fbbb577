/*
 * A search within offices, or of open cases, answered by the full-text
 * indexes alone. A clerk's or a mediator's search always carries an office,
 * and found through the office's own index, every match of the term was
 * looked up there: 拆迁 in 瓯海新桥 at a million cases read 10,108 matches for
 * 1,000 (83 ms with the store's pages not yet in SQLite's cache), 纠纷 158,367
 * (0.52 s). "Open" as well read the office's open cases one by one against
 * the term's matches.
 *
 * So each case's row in the three full-text indexes also holds a token for
 * its handling office and, while the case is open, a token saying so
 * (migration 2026_12_06_2100). "This term in these offices, open" is one
 * FTS5 query, `(term) AND (office) AND open`: doclists merged in C, 1–8 ms for
 * the same searches. An office's token comes from its mark, a small number
 * the store gives each office once (office_marks):
 *
 * - in the trigram index, three characters of the Private Use Area at the end
 *   of the case-number column (one trigram no typed term contains), and after
 *   them, for an open case, three more;
 * - in the digit-run and word indexes, `om` and the mark, and `oopen`: tokens
 *   longer than any digit gram (four digits) or summary bigram (two letters).
 *
 * The word index also holds the first character of each party's name as a
 * token of its own (one character: no bigram is one), so a one-character
 * search is the same kind of query.
 *
 * The rows follow the case: every writer writes the tokens of the case as it
 * is (case-search-index.ts, the hub's rebuild, the generator), and a change to
 * its office or to whether it has ended rewrites them (cases.ts updateCase).
 */
import { ENDED_STATUSES } from '../../../shared/domain/case-input'
import type { AppContext } from '../context'
import { ftsPhrase } from './case-search-driven'

/** The trigram index's office token for `mark`, in JavaScript and as SQL of an integer expression. */
export const trigramMark = (mark: number) =>
  String.fromCharCode(0xf000, 0xe000 + Math.floor(mark / 4096), 0xe000 + (mark % 4096))
export const trigramMarkSql = (mark: string) => `char(61440, 57344 + ${mark} / 4096, 57344 + ${mark} % 4096)`
/** The trigram index's token of an open case. */
export const TRIGRAM_OPEN = '\uf001\uf001\uf001'
const TRIGRAM_OPEN_SQL = 'char(61441, 61441, 61441)'

/** The digit-run and word indexes' office token for `mark`, in JavaScript and as SQL, and their open case's. */
export const wordMark = (mark: number) => `om${mark}`
export const wordMarkSql = (mark: string) => `'om' || ${mark}`
export const WORD_OPEN = 'oopen'

/** Whether a case of this status is open (not declined, closed or archived), in JavaScript and as SQL. */
export const isOpenStatus = (status: string) => !(ENDED_STATUSES as readonly string[]).includes(status)
/** Whether the case of `status` (SQL) has ended, written as the indexes of the open cases write it. */
export const hasEndedSql = (status: string) => `(${status} in (${ENDED_STATUSES.map((s) => `'${s}'`).join(', ')}))`
export const isOpenStatusSql = (status: string) => `(${hasEndedSql(status)} = 0)`

/** The tokens of a case: its office's mark and whether it is open. */
export interface CaseTokens {
  mark: number
  open: boolean
}

/** The trigram row's case-number column: the number, then the case's tokens. */
export const markedNumber = (number: string, tokens: CaseTokens) =>
  number + trigramMark(tokens.mark) + (tokens.open ? TRIGRAM_OPEN : '')
/** The same in SQL, of a text, an integer (the mark) and a boolean expression. */
export const markedNumberSql = (number: string, mark: string, open: string) =>
  `${number} || ${trigramMarkSql(mark)} || (case when ${open} then ${TRIGRAM_OPEN_SQL} else '' end)`

/** A digit-run or word row's text with the case's tokens last; a blank text is left out. */
export const markedText = (text: string, tokens: CaseTokens) =>
  [text, wordMark(tokens.mark), tokens.open ? WORD_OPEN : ''].filter((t) => t !== '').join(' ')
/** The same in SQL, of a text, an integer (the mark) and a boolean expression. */
export const markedTextSql = (text: string, mark: string, open: string) =>
  `concat_ws(' ', nullif(${text}, ''), ${wordMarkSql(mark)}, case when ${open} then '${WORD_OPEN}' end)`

/**
 * The first character of each name in a bar-joined names text (`|王芳|李四|`), once each, in code-point order
 * (SQLite's own order of UTF-8 text, so SQL can write the same): the word index's tokens for names.
 */
export function nameInitials(names: string): string {
  const initials = new Set(
    names
      .split('|')
      .filter((n) => n !== '')
      .map((n) => String.fromCodePoint(n.codePointAt(0)!))
  )
  return [...initials].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join(' ')
}

/**
 * Whether a one-character term is found exactly through its token in the word index: a letter or digit of the
 * Basic Multilingual Plane with no case (the tokenizer folds case, and a name's first character is matched as
 * typed). Any other character is looked up in the first-character keys.
 */
export function isInitialToken(char: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(char) && char.length === 1 && char.toLowerCase() === char && char.toUpperCase() === char
}

/** Which index a query is for: the trigram index, or the digit-run and word indexes. */
export type MarkedIndex = 'trigram' | 'word'

/**
 * What a search keeps to through its tokens: the offices (their marks; null for every office) and whether only
 * open cases. Null when it keeps to nothing.
 */
export type SearchScope = { offices: readonly number[] | null; open: boolean } | null

/**
 * The scope of a search within `officeIds` (null: every office) and, with `open`, of open cases only. Offices the
 * store has no mark for (an unknown id) leave the offices to the filters: `offices` is then null and `officesKept`
 * false.
 */
export async function searchScope(
  ctx: AppContext,
  officeIds: readonly string[] | null,
  open: boolean
): Promise<{ scope: SearchScope; officesKept: boolean }> {
  let offices: number[] | null = null
  if (officeIds && officeIds.length > 0) {
    const rows = await ctx.db.selectFrom('office_marks').select('mark').where('office_id', 'in', officeIds).execute()
    if (rows.length === new Set(officeIds).size) offices = rows.map((r) => r.mark)
  }
  return { scope: offices || open ? { offices, open } : null, officesKept: offices !== null }
}

/** `(match) AND (office OR office …) AND open`: the term within `scope`, or `match` itself for none. */
export function withinScope(match: string, scope: SearchScope, index: MarkedIndex): string {
  if (!scope) return match
  const parts = [`(${match})`]
  if (scope.offices) {
    const token = index === 'trigram' ? trigramMark : wordMark
    parts.push(`(${scope.offices.map((m) => ftsPhrase(token(m))).join(' OR ')})`)
  }
  if (scope.open) parts.push(ftsPhrase(index === 'trigram' ? TRIGRAM_OPEN : WORD_OPEN))
  return parts.join(' AND ')
}
