import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  bookingClashes,
  checkHearing,
  chinaWallClock,
  findFreeSlots,
  overlaps,
  timeShapeProblem,
  wallClockOf,
  wallMinutes,
  DEFAULT_OFFICE_HOURS,
  type BookedSession,
  type CandidateSession
} from './hearing-clash'
import { makeWorkingCalendar } from './working-days'

const MEDIATORS = ['m1', 'm2', 'm3', 'm4']
const PARTIES = ['p1', 'p2', 'p3', 'p4', 'p5']
const ROOMS = ['r1', 'r2', null]
const DAY = '2026-12-03'
const calendar = makeWorkingCalendar([{ date: '2026-10-02', kind: 'holiday', name: '国庆节' }], [2026])

/** A session on one day, on a 15-minute grid, with some of the people and maybe a room. */
const sessionArb = fc
  .record({
    start: fc.integer({ min: 0, max: 90 }),
    length: fc.integer({ min: 1, max: 16 }),
    people: fc.subarray(MEDIATORS, { minLength: 1 }),
    parties: fc.subarray(PARTIES),
    room: fc.constantFrom(...ROOMS)
  })
  .map(({ start, length, people, parties, room }) => {
    const from = wallMinutes(`${DAY}T00:00`) + start * 15
    return {
      startsAt: wallClockOf(from),
      endsAt: wallClockOf(Math.min(from + length * 15, wallMinutes(`${DAY}T23:59`))),
      people,
      parties,
      room
    }
  })

type Raw = fc.Arbitrary<typeof sessionArb extends fc.Arbitrary<infer T> ? T : never>
const booked = (s: Raw extends fc.Arbitrary<infer T> ? T : never, id: string): BookedSession => ({
  id,
  label: `会${id}`,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  roomId: s.room,
  roomName: s.room,
  people: s.people.map((p) => ({ id: p, name: p })),
  parties: s.parties.map((p) => ({ id: p, name: p }))
})
const candidateOf = (s: Raw extends fc.Arbitrary<infer T> ? T : never): CandidateSession => ({
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  roomId: s.room,
  roomName: s.room,
  roomCapacity: null,
  mediators: s.people.map((p) => ({ id: p, name: p })),
  experts: [],
  parties: s.parties.map((p) => ({ id: p, name: p }))
})

/** The obvious check, minute by minute: two sessions clash if some minute is in both and they share someone. */
function bruteForce(candidate: CandidateSession, others: BookedSession[]): Set<string> {
  const minutes = (s: { startsAt: string; endsAt: string }) => {
    const set = new Set<number>()
    for (let m = wallMinutes(s.startsAt); m < wallMinutes(s.endsAt); m++) set.add(m)
    return set
  }
  const mine = minutes(candidate)
  const found = new Set<string>()
  for (const other of others) {
    if (![...minutes(other)].some((m) => mine.has(m))) continue
    for (const p of candidate.mediators)
      if (other.people.some((o) => o.id === p.id)) found.add(`mediator:${p.id}:${other.id}`)
    for (const p of candidate.parties)
      if (other.parties.some((o) => o.id === p.id)) found.add(`party:${p.id}:${other.id}`)
    if (candidate.roomId && candidate.roomId === other.roomId) found.add(`room:${candidate.roomId}:${other.id}`)
  }
  return found
}

describe('clash detection', () => {
  it('finds exactly the clashes a minute-by-minute pairwise check finds, on random schedules', () => {
    fc.assert(
      fc.property(sessionArb, fc.array(sessionArb, { maxLength: 12 }), (raw, rawOthers) => {
        const candidate = candidateOf(raw)
        const others = rawOthers.map((s, i) => booked(s, `h${i}`))
        const found = new Set(bookingClashes(candidate, others).map((c) => `${c.kind}:${c.who}:${c.hearingId}`))
        expect(found).toEqual(bruteForce(candidate, others))
      }),
      { numRuns: 400 }
    )
  })

  it('never calls touching sessions a clash, and always calls a shared minute one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8 * 60, max: 16 * 60 }), fc.integer({ min: 1, max: 120 }), (start, length) => {
        const a = { startsAt: wallClockOf(wallMinutes(`${DAY}T00:00`) + start), endsAt: '' }
        a.endsAt = wallClockOf(wallMinutes(a.startsAt) + length)
        const after = { startsAt: a.endsAt, endsAt: wallClockOf(wallMinutes(a.endsAt) + 30) }
        const before = { startsAt: wallClockOf(wallMinutes(a.startsAt) - 30), endsAt: a.startsAt }
        const sharing = { startsAt: wallClockOf(wallMinutes(a.endsAt) - 1), endsAt: after.endsAt }
        expect(overlaps(a, after)).toBe(false)
        expect(overlaps(a, before)).toBe(false)
        expect(overlaps(a, sharing)).toBe(true)
      })
    )
  })

  it('rejects every session that crosses midnight, and none that stays within a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 400 }), fc.integer({ min: 1, max: 60 * 30 }), (at, length) => {
        const startsAt = wallClockOf(wallMinutes('2026-01-01T00:00') + at)
        const endsAt = wallClockOf(wallMinutes(startsAt) + length)
        const crosses = startsAt.slice(0, 10) !== endsAt.slice(0, 10)
        expect(timeShapeProblem(startsAt, endsAt)).toBe(crosses ? '调解会不能跨越午夜，请分成两次安排' : null)
      })
    )
  })

  it('splits hard clashes from warnings: leave is hard, holiday and after-hours are soft', () => {
    const candidate: CandidateSession = {
      startsAt: '2026-10-02T18:00',
      endsAt: '2026-10-02T19:00',
      roomId: 'r1',
      roomName: '第一调解室',
      roomCapacity: 2,
      mediators: [{ id: 'm1', name: '林海燕' }],
      experts: [],
      parties: [
        { id: 'p1', name: '王芳' },
        { id: 'p2', name: '陈建国' }
      ]
    }
    const report = checkHearing({
      candidate,
      others: [],
      leaves: [{ mediatorId: 'm1', name: '林海燕', from: '2026-10-01', to: '2026-10-07' }],
      calendar,
      hours: DEFAULT_OFFICE_HOURS
    })
    expect(report.hard.map((c) => c.kind)).toEqual(['leave'])
    expect(report.soft.map((c) => c.kind)).toEqual(['holiday', 'after_hours', 'capacity'])
    expect(report.soft.map((c) => c.message)).toContain('第一调解室可容纳 2 人，本次邀请 3 人')
  })

  it('offers free slots that clash with nothing, inside office hours, on working days', () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { maxLength: 10 }), fc.integer({ min: 1, max: 8 }), (raw, quarters) => {
        const busy = raw.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }))
        const slots = findFreeSlots({
          durationMinutes: quarters * 15,
          fromDate: '2026-10-01',
          notBefore: '2026-09-30T00:00',
          busy,
          blockedDates: new Set(['2026-10-09']),
          calendar,
          hours: DEFAULT_OFFICE_HOURS
        })
        expect(slots).toHaveLength(3)
        for (const slot of slots) {
          expect(busy.some((b) => overlaps(b, slot))).toBe(false)
          expect(slot.startsAt.slice(0, 10)).not.toBe('2026-10-02')
          expect(slot.startsAt.slice(0, 10)).not.toBe('2026-10-09')
          expect(
            DEFAULT_OFFICE_HOURS.some((p) => p.start <= slot.startsAt.slice(11) && slot.endsAt.slice(11) <= p.end)
          ).toBe(true)
        }
      })
    )
  })
})

describe('China time whatever the machine zone', () => {
  it('reads an instant as Beijing wall clock with no local-time Date methods', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        // Intl with an explicit zone is the independent witness.
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-CA', {
            timeZone: 'Asia/Shanghai',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23'
          })
            .formatToParts(d)
            .map((p) => [p.type, p.value])
        )
        expect(chinaWallClock(d)).toBe(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`)
      })
    )
  })
})
