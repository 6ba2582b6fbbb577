/* The suggestion rule and the review dates, as tables. */
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  DEFAULT_REVIEW_INTERVALS,
  nextReviewOn,
  suggestRegistration,
  type PersonCaseFact
} from './key-persons'

const TODAY = '2026-11-29'
const fact = (caseId: string, registeredOn: string, riskLevel: PersonCaseFact['riskLevel'] = 'green') => ({
  caseId,
  registeredOn,
  riskLevel
})

describe('suggestRegistration', () => {
  const table: Array<[string, PersonCaseFact[], boolean, number | null]> = [
    ['2 cases in 12 months: no', [fact('a', '2026-03-01'), fact('b', '2026-10-01')], false, null],
    ['3 cases in 12 months: yes', [fact('a', '2026-03-01'), fact('b', '2026-10-01'), fact('c', TODAY)], false, 3],
    [
      '3 cases, one older than 12 months: no',
      [fact('a', '2025-11-29'), fact('b', '2026-10-01'), fact('c', TODAY)],
      false,
      null
    ],
    ['the same case counted once', [fact('a', '2026-03-01'), fact('a', '2026-03-01'), fact('b', TODAY)], false, null],
    ['one red-risk case: yes', [fact('a', '2024-01-01', 'red')], false, 0],
    [
      'already registered: no duplicate',
      [fact('a', '2026-03-01', 'red'), fact('b', '2026-10-01'), fact('c', TODAY)],
      true,
      null
    ]
  ]
  for (const [name, cases, registered, inYear] of table) {
    it(name, () => {
      const verdict = suggestRegistration(cases, registered, TODAY)
      if (inYear === null) expect(verdict).toBeNull()
      else expect(verdict?.casesInYear).toBe(inYear)
    })
  }

  it('says why in words', () => {
    expect(suggestRegistration([fact('a', '2026-03-01', 'red')], false, TODAY)?.why).toBe('涉及 1 件红色风险案件')
  })
})

describe('nextReviewOn', () => {
  const table: Array<[string, 'red' | 'yellow' | 'green', string]> = [
    ['2026-11-29', 'red', '2026-12-06'],
    ['2026-11-29', 'yellow', '2026-12-29'],
    ['2026-11-29', 'green', '2027-02-28'],
    ['2026-01-31', 'yellow', '2026-02-28'],
    ['2026-12-28', 'red', '2027-01-04']
  ]
  for (const [from, level, due] of table) {
    it(`${level} from ${from} → ${due}`, () => expect(nextReviewOn(from, level, DEFAULT_REVIEW_INTERVALS)).toBe(due))
  }
  it('follows the settings', () => {
    expect(nextReviewOn('2026-11-29', 'red', { ...DEFAULT_REVIEW_INTERVALS, redDays: 3 })).toBe('2026-12-02')
  })
  it('adds months across years, both ways', () => {
    expect(addMonths('2026-11-29', -12)).toBe('2025-11-29')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
  })
})
