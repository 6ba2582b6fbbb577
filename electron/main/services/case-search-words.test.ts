/*
 * The summary-word index's text and terms (case-search-words.ts): a
 * summary's bigrams, and which two-character terms the index answers.
 */
import { describe, expect, it } from 'vitest'
import { summaryBigrams, summaryWordSource } from './case-search-words'

describe('summary bigrams', () => {
  it('hold every adjacent pair of letters or digits, and no pair with punctuation or a space', () => {
    expect(summaryBigrams('借款3万，未还。')).toBe('借款 款3 3万 未还')
    expect(summaryBigrams('ATM 取款')).toBe('AT TM 取款')
  })

  it('keep a character outside the BMP whole', () => {
    expect(summaryBigrams('𠮷田家')).toBe('𠮷田 田家')
  })
})

describe('summary word terms', () => {
  it('answer two letters or digits, and nothing else', () => {
    for (const term of ['借款', 'AT', '3万', '𠮷田']) expect(summaryWordSource(term)).not.toBeNull()
    for (const term of ['还。', ' 借', '借', '借款合同', '借-']) expect(summaryWordSource(term)).toBeNull()
  })
})
