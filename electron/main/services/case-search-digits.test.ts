/*
 * The digit-run index's text and terms (case-search-digits.ts): what a
 * case's searched text becomes, which terms it answers, and that a phrase
 * never joins two runs.
 */
import { describe, expect, it } from 'vitest'
import { digitGrams, digitsSource } from './case-search-digits'

describe('digit grams', () => {
  it('index every run of four digits or more as overlapping 4-digit grams, runs kept apart', () => {
    expect(
      digitGrams([
        '(2026)瓯海梧田调字第12号',
        '借款50000元，2025年还清',
        '|王芳|',
        '|33030219780412122X|',
        '|0577-88881234|'
      ])
    ).toBe(
      [
        '2026',
        '5000 0000',
        '2025',
        '3303 3030 0302 3021 0219 2197 1978 9780 7804 8041 0412 4121 1212 2122',
        '0577',
        '8888 8881 8812 8123 1234'
      ].join(' x ')
    )
  })

  it('leave out runs shorter than four digits and empty texts', () => {
    expect(digitGrams(['第12号', null, '', '|王芳|'])).toBe('')
  })
})

describe('digit terms', () => {
  it('answer a term of four digits or more, and nothing else', () => {
    for (const term of ['1234', '330302', '13857712345']) expect(digitsSource(term)).not.toBeNull()
    for (const term of ['123', '12a4', '0577-8888', '1234X', '１２３４', ' 1234', '王芳'])
      expect(digitsSource(term)).toBeNull()
  })
})
