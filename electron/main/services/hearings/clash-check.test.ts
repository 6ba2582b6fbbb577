/*
 * hearings.check as the form sees it, where the check reads less than the
 * whole horizon: free slots read sessions only as far as the search needs
 * (the day, then four days, then thirty) and not for days before today;
 * leave is read once for the horizon; the room, the office's hours and the
 * calendar come from the store as it is now.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scheduleHearingSchema } from '../../../../shared/domain/hearing-input'
import type { CaseDetail } from '../../../../shared/domain/case'
import type { Mediator } from '../../../../shared/domain/mediator'
import { services } from '../index'
import * as timeHearingPeople from '../../db/migrations/2026_12_05_5000_time_hearing_people'
import { fixedClock, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { addMediator } from '../../../../tests/support/roster-fixtures'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { acceptedCase, addRoom, otherParties, sessionInput } from '../../../../tests/support/hearing-fixtures'

let app: TempApp
let clock: ReturnType<typeof fixedClock>
let lin: Mediator
let first: CaseDetail
let other: CaseDetail

beforeEach(async () => {
  // Sunday 2026-11-29, 10:00 in China.
  clock = fixedClock('2026-11-29T02:00:00Z')
  app = await startTempApp({ clock })
  lin = await addMediator(app, { name: '林海燕' })
  first = await acceptedCase(app)
  other = await acceptedCase(app, otherParties(1))
})
afterEach(() => app.dispose())

/** Book 林海燕 on-site for the other case (no shared party, no room). */
async function book(startsAt: string, endsAt: string) {
  await services['hearings.schedule'](
    app.ctx,
    scheduleHearingSchema.parse(sessionInput(other, lin.id, null, { startsAt, endsAt, confirmWarnings: true }))
  )
}

function check(startsAt: string, endsAt: string, overrides: { lead?: string; roomId?: string | null } = {}) {
  return services['hearings.check'](
    app.ctx,
    scheduleHearingSchema.parse(
      sessionInput(first, overrides.lead ?? lin.id, overrides.roomId ?? null, { startsAt, endsAt })
    )
  )
}

describe('free slots read only as far as they must', () => {
  it('avoids a booking two days on (the second reading, four days)', async () => {
    await book('2026-12-07T08:30', '2026-12-07T12:00')
    // Saturday: a rest-day warning; Monday morning is taken.
    const answer = await check('2026-12-05T09:00', '2026-12-05T11:00')
    expect(answer.soft.map((c) => c.kind)).toEqual(['rest_day'])
    expect(answer.freeSlots).toEqual([
      { startsAt: '2026-12-07T13:30', endsAt: '2026-12-07T15:30' },
      { startsAt: '2026-12-07T15:30', endsAt: '2026-12-07T17:30' },
      { startsAt: '2026-12-08T08:30', endsAt: '2026-12-08T10:30' }
    ])
  })

  it('reads on to thirty days when the first four are full, and avoids bookings there too', async () => {
    for (const day of ['2026-12-07', '2026-12-08']) {
      await book(`${day}T08:30`, `${day}T12:00`)
      await book(`${day}T13:30`, `${day}T17:30`)
    }
    await book('2026-12-09T08:30', '2026-12-09T10:00')
    const answer = await check('2026-12-05T09:00', '2026-12-05T11:00')
    expect(answer.freeSlots).toEqual([
      { startsAt: '2026-12-09T10:00', endsAt: '2026-12-09T12:00' },
      { startsAt: '2026-12-09T13:30', endsAt: '2026-12-09T15:30' },
      { startsAt: '2026-12-09T15:30', endsAt: '2026-12-09T17:30' }
    ])
  })

  it('offers nothing before now for a draft in the past, and still avoids what is booked today', async () => {
    await book('2026-12-08T13:30', '2026-12-08T15:30')
    clock.set('2026-12-08T02:00:00Z') // Tuesday, 10:00 in China
    const answer = await check('2026-12-03T18:00', '2026-12-03T20:00')
    expect(answer.soft.map((c) => c.kind)).toEqual(['after_hours'])
    expect(answer.freeSlots).toEqual([
      { startsAt: '2026-12-08T10:00', endsAt: '2026-12-08T12:00' },
      { startsAt: '2026-12-08T15:30', endsAt: '2026-12-08T17:30' },
      { startsAt: '2026-12-09T08:30', endsAt: '2026-12-09T10:30' }
    ])
    const monthAgo = await check('2026-11-06T18:00', '2026-11-06T20:00')
    expect(monthAgo).toMatchObject({ soft: [{ kind: 'after_hours' }], freeSlots: [] })
  })

  it('skips days of leave after the session day without calling them a clash', async () => {
    const wu = await addMediator(app, {
      name: '吴静',
      idNumber: residentId('1982-08-08', 188),
      phone: '13906779999',
      leaves: [{ from: '2026-12-07', to: '2026-12-08', reason: '年休假' }]
    })
    const answer = await check('2026-12-05T09:00', '2026-12-05T11:00', { lead: wu.id })
    expect(answer.hard).toEqual([])
    expect(answer.freeSlots[0]).toEqual({ startsAt: '2026-12-09T08:30', endsAt: '2026-12-09T10:30' })
    const onLeave = await check('2026-12-08T09:00', '2026-12-08T11:00', { lead: wu.id })
    expect(onLeave.hard.map((c) => c.kind)).toEqual(['leave'])
  })
})

describe('what the check reads with the case', () => {
  it("uses the room's office hours, then the office's new hours and a new holiday at once", async () => {
    const districtRoom = await addRoom(app, { officeCode: 'ouhai', name: '大厅调解室' })
    const ouhai = districtRoom.officeId
    await services['calendar.setOfficeHours'](app.ctx, {
      officeId: ouhai,
      periods: [{ start: '09:00', end: '17:00' }]
    })
    // The case is Wutian's (default hours from 08:30); the room is the district's, which opens at 09:00.
    const early = await check('2026-12-03T08:30', '2026-12-03T09:30', { roomId: districtRoom.id })
    expect(early.soft.map((c) => c.kind)).toEqual(['after_hours'])
    expect(early.soft[0].message).toContain('09:00–17:00')
    expect((await check('2026-12-03T08:30', '2026-12-03T09:30')).soft).toEqual([])

    await services['calendar.setOfficeHours'](app.ctx, {
      officeId: ouhai,
      periods: [{ start: '08:00', end: '17:00' }]
    })
    expect((await check('2026-12-03T08:30', '2026-12-03T09:30', { roomId: districtRoom.id })).soft).toEqual([])

    await services['calendar.setDay'](app.ctx, { date: '2026-12-03', kind: 'holiday', name: '停电检修' })
    const holiday = await check('2026-12-03T08:30', '2026-12-03T09:30', { roomId: districtRoom.id })
    expect(holiday.soft.map((c) => c.message)).toEqual(['2026-12-03 是停电检修假期'])
  })

  it('names an unknown or retired room on the room field', async () => {
    const room = await addRoom(app)
    await services['rooms.save'](app.ctx, {
      id: room.id,
      officeId: room.officeId,
      name: room.name,
      capacity: room.capacity,
      videoCapable: false,
      active: false,
      note: null
    })
    await expect(check('2026-12-03T09:00', '2026-12-03T10:00', { roomId: room.id })).rejects.toMatchObject({
      fields: { roomId: '“第一调解室”已停用' }
    })
    await expect(
      check('2026-12-03T09:00', '2026-12-03T10:00', { roomId: '01900000-0000-7000-8000-000000000000' })
    ).rejects.toMatchObject({ fields: { roomId: '调解室不存在' } })
  })
})

describe("a session is found from its people's and parties' side", () => {
  /** Every link row whose copied start differs from its session's: what the clash check would misread. */
  async function staleLinks() {
    const { rows } = await sql<{ link: string; id: string }>`
      select 'hearing_mediators' as link, l.id from hearing_mediators l join hearings h on h.id = l.hearing_id
       where l.starts_at is not h.starts_at
      union all
      select 'hearing_parties', l.id from hearing_parties l join hearings h on h.id = l.hearing_id
       where l.starts_at is not h.starts_at`.execute(app.ctx.db)
    return rows
  }

  it('follows a rescheduled session: the clash moves with it, for the mediator and for the party', async () => {
    const zhou = await addMediator(app, {
      name: '周建国',
      idNumber: residentId('1979-03-03', 155),
      phone: '13906771111'
    })
    await book('2026-12-07T09:00', '2026-12-07T11:00')
    // A second session of the same case (its parties) with another mediator.
    const partySession = await services['hearings.schedule'](
      app.ctx,
      scheduleHearingSchema.parse(
        sessionInput(first, zhou.id, null, { startsAt: '2026-12-10T09:00', endsAt: '2026-12-10T11:00' })
      )
    )
    expect((await check('2026-12-07T09:30', '2026-12-07T10:30')).hard.map((c) => c.kind)).toEqual(['mediator'])
    expect((await check('2026-12-10T09:30', '2026-12-10T10:30')).hard.map((c) => c.kind)).toEqual(['party', 'party']) // both of the case's parties

    const booked = await app.ctx.db
      .selectFrom('hearings')
      .select('id')
      .where('starts_at', '=', '2026-12-07T09:00')
      .executeTakeFirstOrThrow()
    for (const [id, theCase, lead, startsAt, endsAt] of [
      [booked.id, other, lin.id, '2026-12-08T14:00', '2026-12-08T16:00'],
      [partySession.id, first, zhou.id, '2026-12-11T14:00', '2026-12-11T16:00']
    ] as const) {
      await services['hearings.reschedule'](
        app.ctx,
        scheduleHearingSchema
          .transform(({ caseId: _caseId, ...rest }) => ({ ...rest, id, reason: '当事人申请改期' }))
          .parse(sessionInput(theCase, lead, null, { startsAt, endsAt, confirmWarnings: true }))
      )
    }
    expect(await staleLinks()).toEqual([])
    expect((await check('2026-12-07T09:30', '2026-12-07T10:30')).hard).toEqual([])
    expect((await check('2026-12-10T09:30', '2026-12-10T10:30')).hard).toEqual([])
    expect((await check('2026-12-08T14:30', '2026-12-08T15:30')).hard.map((c) => c.kind)).toEqual(['mediator'])
    expect((await check('2026-12-11T14:30', '2026-12-11T15:30')).hard.map((c) => c.kind)).toEqual(['party', 'party']) // both of the case's parties
  })

  it('keeps the copied start right whoever writes the link, in either order, and fills it for an existing store', async () => {
    await book('2026-12-07T09:00', '2026-12-07T11:00')
    const link = await app.ctx.db.selectFrom('hearing_mediators').select(['id', 'hearing_id']).executeTakeFirstOrThrow()
    // A writer that sets a wrong start, or moves the link to another session, is put right by the store.
    await sql`update hearing_mediators set starts_at = '2030-01-01T08:00' where id = ${link.id}`.execute(app.ctx.db)
    expect(await staleLinks()).toEqual([])
    await book('2026-12-09T09:00', '2026-12-09T11:00')
    const later = await app.ctx.db
      .selectFrom('hearings')
      .select('id')
      .where('starts_at', '=', '2026-12-09T09:00')
      .executeTakeFirstOrThrow()
    // (The two sessions share their parties: the later one's are removed first, to make room.)
    await sql`delete from hearing_parties where hearing_id = ${later.id}`.execute(app.ctx.db)
    await sql`update hearing_parties set hearing_id = ${later.id} where hearing_id = ${link.hearing_id}`.execute(
      app.ctx.db
    )
    expect(await staleLinks()).toEqual([])
    // A bulk load with foreign keys off (the generator's) may write a link before its session: the session,
    // once written, gives the link its start.
    const early = '01900000-0000-7000-8000-0000000000aa'
    await sql`pragma foreign_keys = off`.execute(app.ctx.db)
    try {
      await sql`insert into hearing_mediators (id, hearing_id, mediator_id, role, starts_at, created_at, updated_at, version)
        select '01900000-0000-7000-8000-0000000000ab', ${early}, mediator_id, role, '2031-05-05T08:00', created_at,
          updated_at, 1 from hearing_mediators where id = ${link.id}`.execute(app.ctx.db)
      await sql`insert into hearings (id, case_id, office_id, kind, starts_at, ends_at, place_kind, room_id, address,
          video_link, purpose, bring, status, status_reason, record_id, held_note, created_at, updated_at, version)
        select ${early}, case_id, office_id, kind, '2026-12-11T09:00', '2026-12-11T10:00', place_kind, room_id, address,
          video_link, purpose, bring, status, status_reason, record_id, held_note, created_at, updated_at, version
        from hearings where id = ${link.hearing_id}`.execute(app.ctx.db)
    } finally {
      await sql`pragma foreign_keys = on`.execute(app.ctx.db)
    }
    expect(await staleLinks()).toEqual([])

    const copied = () =>
      sql`select id, starts_at from hearing_mediators union all select id, starts_at from hearing_parties order by id`.execute(
        app.ctx.db
      )
    const before = (await copied()).rows
    expect(before.length).toBeGreaterThan(2)
    await timeHearingPeople.down(app.ctx.db)
    await timeHearingPeople.up(app.ctx.db)
    expect((await copied()).rows).toEqual(before)
  })
})
