/*
 * A search within offices, answered by the full-text indexes alone. A clerk's
 * or a mediator's search always carries an office, and found through the
 * office's own index, every match of the term was looked up there: 拆迁 in
 * 瓯海新桥 at a million cases read 10,108 matches for 1,000 (83 ms with the
 * store's pages not yet in SQLite's cache), 纠纷 158,367 (0.52 s).
 *
 * So each case's row in the three full-text indexes also holds a token for
 * its handling office (migration 2026_12_06_2100), and "this term in these
 * offices" is one FTS5 query, `(term) AND (office)`: two doclists merged in C,
 * 1–8 ms for the same searches. An office's token comes from its mark, a
 * small number the store gives each office once (office_marks):
 *
 * - in the trigram index, three characters of the Private Use Area at the end
 *   of the case-number column: one trigram no typed term contains;
 * - in the digit-run and word indexes, `om` and the mark, a token longer than
 *   any digit gram (four digits) or summary bigram (two characters).
 *
 * The word index also holds the first character of each party's name as a
 * token of its own (one character: no bigram is one), so a one-character
 * search within an office is the same kind of query.
 *
 * The rows follow the case's office: every writer of them writes the mark of
 * the office the case is in (case-search-index.ts, the hub's rebuild, the
 * generator), and a transfer rewrites them (cases.ts routeCase).
 */
import type { AppContext } from '../context'
import { ftsPhrase } from './case-search-driven'

/** The trigram index's office token for `mark`, in JavaScript and as SQL of an integer expression. */
export const trigramMark = (mark: number) =>
  String.fromCharCode(0xf000, 0xe000 + Math.floor(mark / 4096), 0xe000 + (mark % 4096))
export const trigramMarkSql = (mark: string) => `char(61440, 57344 + ${mark} / 4096, 57344 + ${mark} % 4096)`

/** The digit-run and word indexes' office token for `mark`, in JavaScript and as SQL. */
export const wordMark = (mark: number) => `om${mark}`
export const wordMarkSql = (mark: string) => `'om' || ${mark}`

/** A digit-run or word row's text (JavaScript) with the office's token last; a blank text is left out. */
export const markedText = (text: string, mark: number) => (text === '' ? wordMark(mark) : `${text} ${wordMark(mark)}`)
/** The same in SQL, of a text expression and an integer expression. */
export const markedTextSql = (text: string, mark: string) => `concat_ws(' ', nullif(${text}, ''), ${wordMarkSql(mark)})`

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

/**
 * The scope of a search within `officeIds`: their marks, or null when there is none to search within (no offices
 * named, or none the store knows), so that the office filters apply as they are.
 */
export async function officeScope(ctx: AppContext, officeIds: readonly string[] | null): Promise<OfficeScope> {
  if (!officeIds || officeIds.length === 0) return null
  const rows = await ctx.db.selectFrom('office_marks').select('mark').where('office_id', 'in', officeIds).execute()
  return rows.length === new Set(officeIds).size ? rows.map((r) => r.mark) : null
}

/** Which index a query is for: the trigram index, or the digit-run and word indexes. */
export type MarkedIndex = 'trigram' | 'word'

/** The offices a search is within, by their marks; null for a search of the whole register. */
export type OfficeScope = readonly number[] | null

/** `(match) AND (office OR office …)`: the term within the offices of `scope`, or `match` itself for no scope. */
export function withinOffices(match: string, scope: OfficeScope, index: MarkedIndex): string {
  if (!scope) return match
  const token = index === 'trigram' ? trigramMark : wordMark
  return `(${match}) AND (${scope.map((m) => ftsPhrase(token(m))).join(' OR ')})`
}
