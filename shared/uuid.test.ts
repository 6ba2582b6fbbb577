import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UUID_PATTERN, uuidv7 } from './uuid'

describe('uuidv7', () => {
  it('is a version-7, variant-1 UUID whose first 48 bits are the millisecond timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000_000, max: 4_000_000_000_000 }), (millis) => {
        const id = uuidv7(millis)
        expect(id).toMatch(UUID_PATTERN)
        expect(id[14]).toBe('7')
        expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(millis)
      })
    )
  })

  it('ids made one after another sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_800_000_000_000))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('does not go backwards when the clock does', () => {
    const later = uuidv7(1_900_000_000_000)
    const earlierClock = uuidv7(1_700_000_000_000)
    expect(earlierClock > later).toBe(true)
  })
})
