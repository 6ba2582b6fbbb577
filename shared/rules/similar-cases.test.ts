/* Ranking of similar cases, as tables. */
import { describe, expect, it } from 'vitest'
import { amountNearness, candidateQuery, relatedTypes, similarity, trigrams } from './similar-cases'

describe('similar-cases rules', () => {
  it('cuts text into three-character runs, split at punctuation', () => {
    expect([...trigrams('借款未还，要求还款')]).toEqual(['借款未', '款未还', '要求还', '求还款'])
    expect(trigrams('借款').size).toBe(0)
  })

  it('knows related dispute types', () => {
    expect(relatedTypes('contract', 'consumer')).toBe(true)
    expect(relatedTypes('contract', 'contract')).toBe(false)
    expect(relatedTypes('contract', 'traffic')).toBe(false)
  })

  const table: Array<[number | null, number | null, number]> = [
    [100_000, 100_000, 1],
    [100_000, 1_000_000, 0.5],
    [100_000, 10_000_000, 0],
    [null, 100_000, 0]
  ]
  for (const [a, b, expected] of table) {
    it(`amount nearness of ${a} and ${b} is ${expected}`, () => expect(amountNearness(a, b)).toBeCloseTo(expected))
  }

  it('ranks a loan case with the same words above one of the same type with other words', () => {
    const open = { disputeType: 'contract', text: '借款到期未归还，要求归还借款本金', amountCents: 5_000_000 }
    const loan = similarity(open, { disputeType: 'contract', text: '朋友借款到期未归还', amountCents: 3_000_000 })
    const goods = similarity(open, { disputeType: 'contract', text: '买卖货物质量不合格', amountCents: 5_000_000 })
    const unrelated = similarity(open, { disputeType: 'traffic', text: '车辆追尾', amountCents: null })
    expect(loan.score).toBeGreaterThan(goods.score)
    expect(goods.score).toBeGreaterThan(unrelated.score)
    expect(unrelated.score).toBe(0)
    expect(loan.why).toContain('纠纷类型相同')
  })

  it('quotes each trigram in the FTS5 query', () => {
    expect(candidateQuery(new Set(['借款未', 'a"b']))).toBe('summary : ("借款未" OR "a""b")')
    expect(candidateQuery(new Set())).toBeNull()
  })
})
