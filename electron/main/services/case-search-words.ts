/*
 * Two-character words in summaries, over every case. Trigrams cannot see a
 * term of two characters, so a summary word used to be looked for only in
 * the newest 20,000 summaries, read row by row (3–6 ms for the window at a
 * million cases, and the list said the search was bounded). Here each case's
 * summary is also indexed as its character bigrams ("借款合同" → 借款 款合
 * 合同), one token each, so a two-character word is one token's doclist,
 * newest first by rowid, in every case ever registered.
 *
 * For a term of two letters or digits this answers exactly what `instr` on
 * the summary did (LIKE's case-insensitivity for Latin letters included,
 * since the tokenizer folds case). A pair with any other character
 * (punctuation, a space) is not a token, so such a term keeps the window.
 */
import { ftsPhrase, ftsTableSource, type InlineSeqSource } from './case-search-driven'
import { isInitialToken, withinScope, type SearchScope } from './case-search-office'

const WORD_CHAR = /^[\p{L}\p{N}]$/u

/** The index text of a summary: every adjacent pair of letters or digits, as one token each. */
export function summaryBigrams(summary: string): string {
  const chars = Array.from(summary)
  const pairs: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) {
    if (WORD_CHAR.test(chars[i]) && WORD_CHAR.test(chars[i + 1])) pairs.push(chars[i] + chars[i + 1])
  }
  return pairs.join(' ')
}

/** The source for a two-character term of letters or digits (within `scope`), or null. */
export function summaryWordSource(term: string, scope: SearchScope = null): InlineSeqSource | null {
  const chars = Array.from(term)
  if (chars.length !== 2 || !chars.every((c) => WORD_CHAR.test(c))) return null
  return ftsTableSource('case_words', withinScope(ftsPhrase(term), scope, 'word'))
}

/**
 * The cases with a name beginning with `initial` within `scope`, through the names' first characters that the word
 * index holds (case-search-office.ts); null with no scope (the first-character keys answer that), or for a
 * character not held exactly (isInitialToken).
 */
export function initialSource(initial: string, scope: SearchScope): InlineSeqSource | null {
  if (!scope || !isInitialToken(initial)) return null
  return ftsTableSource('case_words', withinScope(ftsPhrase(initial), scope, 'word'))
}
