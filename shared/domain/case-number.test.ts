import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caseNumberText, formatCaseNumber, parseCaseNumber } from './case-number'

describe('case numbers', () => {
  it('reads like the standard form', () => {
    expect(formatCaseNumber(2026, '瓯海梧田', 12)).toBe('(2026)瓯海梧田调字第12号')
  })

  it('parses back what it formats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.constantFrom('瓯海', '瓯海梧田', '瓯海南白象', '瓯海商调'),
        fc.integer({ min: 1, max: 999_999 }),
        (year, office, sequence) => {
          expect(parseCaseNumber(formatCaseNumber(year, office, sequence))).toEqual({
            year,
            officeShortName: office,
            sequence
          })
        }
      )
    )
  })

  it('refuses what is not a case number', () => {
    for (const text of [
      '(2026)瓯海梧田调字第0号',
      '2026瓯海梧田调字第3号',
      '(26)瓯海调字第3号',
      '(2026)调字第3号',
      ''
    ]) {
      expect(parseCaseNumber(text)).toBeNull()
    }
  })
})

describe('the number a list shows', () => {
  it('is the number once accepted, says a case waits for the decision, and that a declined one never gets one', () => {
    expect(caseNumberText('(2026)瓯海梧田调字第2号', 'accepted')).toBe('(2026)瓯海梧田调字第2号')
    expect(caseNumberText(null, 'registered')).toBe('（待受理）')
    expect(caseNumberText(null)).toBe('（待受理）')
    expect(caseNumberText(null, 'declined')).toBe('（不予受理，无编号）')
  })
})
