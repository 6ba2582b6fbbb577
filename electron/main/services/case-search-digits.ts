/*
 * Digit fragments (part of an ID number, a phone, a case number's sequence,
 * an amount) through their own index. In the trigram index a fragment of six
 * digits is a phrase of four digit trigrams, and with only a thousand digit
 * trigrams each one's doclist holds a few per cent of all cases: a rare
 * fragment read all four whole (12 ms at p95 at a million cases,
 * docs/performance.md). Here every run of four digits or more in a case's
 * searched text is indexed as its overlapping 4-digit grams, ten thousand
 * distinct tokens, so a fragment is a phrase of far shorter doclists (a
 * quarter of the time at 100,000 cases, measured).
 *
 * For a term of digits only, four or more, this answers exactly what the
 * trigram index does: such a term can only lie inside a run of digits, and
 * every run is here. Runs are kept apart by a break token, so a phrase never
 * spans two runs. The table is an ordinary FTS5 table (rowid = the case's
 * seq), written with case_search (case-search-index.ts).
 */
import { ftsPhrase, ftsTableSource, type InlineSeqSource } from './case-search-driven'
import { withinScope, type SearchScope } from './case-search-office'

/** Digits a token holds. */
export const DIGIT_GRAM = 4
const DIGIT_RUN = /\d{4,}/g
const ONLY_DIGITS = /^\d{4,}$/
/** Between two runs: a token no term contains, so no phrase crosses it. */
const RUN_BREAK = ' x '

const gramsOf = (run: string) =>
  Array.from({ length: run.length - DIGIT_GRAM + 1 }, (_, i) => run.slice(i, i + DIGIT_GRAM)).join(' ')

/** The index text of a case's searched texts (the case_search columns): each digit run as its grams. */
export function digitGrams(texts: ReadonlyArray<string | null>): string {
  return texts
    .flatMap((text) => (text ? (text.match(DIGIT_RUN) ?? []) : []))
    .map(gramsOf)
    .join(RUN_BREAK)
}

/** The source for a term of four digits or more (within `scope`), or null for any other term. */
export function digitsSource(term: string, scope: SearchScope = null): InlineSeqSource | null {
  if (!ONLY_DIGITS.test(term)) return null
  return ftsTableSource('case_digits', withinScope(ftsPhrase(gramsOf(term)), scope, 'word'))
}
