import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../ipc/register'
import { services } from '../index'
import { scheduleHearingSchema } from '../../../../shared/domain/hearing-input'
import type { CaseDetail } from '../../../../shared/domain/case'
import type { Mediator } from '../../../../shared/domain/mediator'
import type { Room } from '../../../../shared/domain/room'
import { AppError } from '../../errors'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { addMediator } from '../../../../tests/support/roster-fixtures'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { acceptedCase, addRoom, otherParties, sessionInput } from '../../../../tests/support/hearing-fixtures'

let app: TempApp
let lin: Mediator
let zhou: Mediator
let room: Room
let first: CaseDetail

beforeEach(async () => {
  app = await startTempApp({ clock: fixedClock('2026-11-29T02:00:00Z') })
  lin = await addMediator(app, { name: '林海燕', officeCodes: ['wutian', 'ouhai'] })
  zhou = await addMediator(app, { name: '周建华', idNumber: residentId('1970-02-02', 311), phone: '13906770000' })
  room = await addRoom(app)
  first = await acceptedCase(app)
})
afterEach(() => app.dispose())

const schedule = (
  input: Parameters<typeof sessionInput>[3] & { caseDetail?: CaseDetail; lead?: string; roomId?: string | null }
) => {
  const { caseDetail, lead, roomId, ...rest } = input
  return services['hearings.schedule'](
    app.ctx,
    scheduleHearingSchema.parse(
      sessionInput(caseDetail ?? first, lead ?? lin.id, roomId === undefined ? room.id : roomId, rest)
    )
  )
}

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  const before = await tableCounts(app)
  const error = await run().then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  expect(await tableCounts(app), 'nothing written on refusal').toEqual(before)
  return error as AppError
}

describe('scheduling a session', () => {
  it('writes the session, its people and parties, an audit row and a timeline event', async () => {
    const hearing = await schedule({})
    expect(hearing).toMatchObject({
      status: 'scheduled',
      startsAt: '2026-12-03T09:00',
      endsAt: '2026-12-03T11:00',
      placeText: '第一调解室',
      caseNumber: first.caseNumber
    })
    expect(hearing.mediators).toEqual([{ mediatorId: lin.id, name: '林海燕', role: 'lead' }])
    expect(hearing.parties.map((p) => p.name)).toEqual(['王芳', '陈建国'])
    const detail = await services['cases.get'](app.ctx, { caseId: first.id })
    expect(detail.events.at(-1)).toMatchObject({ kind: 'hearing_scheduled', detail: { hearingId: hearing.id } })
    const audit = await app.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'hearings').execute()
    expect(audit).toHaveLength(1)
    const changes = await app.ctx.db.selectFrom('change_log').selectAll().where('entity_id', '=', hearing.id).execute()
    expect(changes).toHaveLength(1)
    expect(await services['hearings.byCase'](app.ctx, { caseId: first.id })).toEqual([hearing])
  })

  it('refuses the same mediator in an overlapping session, naming who and which session, writing nothing', async () => {
    await schedule({})
    const second = await acceptedCase(app, otherParties(1))
    const error = await refusal(() =>
      schedule({ caseDetail: second, roomId: null, startsAt: '2026-12-03T10:00', endsAt: '2026-12-03T12:00' })
    )
    expect(error.code).toBe('HEARING_OVERLAP')
    expect(error.message).toContain('调解员林海燕')
    expect(error.message).toContain(`${first.caseNumber} 的调解会`)
    expect(error.message).toContain('2026-12-03 09:00–11:00')
    expect(error.fields?.leadMediatorId).toContain('林海燕')
  })

  it('lets a session start when the other ends (touching is no clash)', async () => {
    await schedule({})
    const second = await acceptedCase(app, otherParties(2))
    const next = await schedule({ caseDetail: second, startsAt: '2026-12-03T11:00', endsAt: '2026-12-03T12:00' })
    expect(next.status).toBe('scheduled')
  })

  it('catches the same mediator booked by two offices at once', async () => {
    await schedule({})
    const districtRoom = await addRoom(app, { officeCode: 'ouhai', name: '大厅调解室' })
    const atDistrict = await acceptedCase(app, otherParties(3), 'ouhai')
    const error = await refusal(() =>
      schedule({
        caseDetail: atDistrict,
        roomId: districtRoom.id,
        startsAt: '2026-12-03T10:30',
        endsAt: '2026-12-03T11:30'
      })
    )
    expect(error.code).toBe('HEARING_OVERLAP')
    expect(error.message).toContain('林海燕')
  })

  it('catches the room and the same person as party in another case', async () => {
    await schedule({})
    // 王芳 again (same ID number, a new party record), with another mediator, in the same room.
    const again = await acceptedCase(app, {
      summary: '王芳与物业公司因停车费发生争议。',
      parties: [
        {
          kind: 'person',
          role: 'applicant',
          name: '王芳',
          idType: 'resident_id',
          idNumber: residentId('1978-04-12', 122)
        },
        {
          kind: 'person',
          role: 'respondent',
          name: '孙伟',
          idType: 'resident_id',
          idNumber: residentId('1977-07-07', 455)
        }
      ]
    })
    const error = await refusal(() => schedule({ caseDetail: again, lead: zhou.id }))
    expect(error.code).toBe('HEARING_OVERLAP')
    expect(error.message).toContain('当事人王芳')
    expect(error.message).toContain('第一调解室')
    expect(error.fields).toMatchObject({ partyIds: expect.stringContaining('王芳'), roomId: expect.any(String) })
  })

  it('refuses a mediator on leave', async () => {
    const away = await addMediator(app, {
      name: '吴静',
      idNumber: residentId('1982-08-08', 188),
      phone: '13906779999',
      leaves: [{ from: '2026-12-01', to: '2026-12-05', reason: '年休假' }]
    })
    const error = await refusal(() => schedule({ lead: away.id }))
    expect(error.code).toBe('HEARING_OVERLAP')
    expect(error.message).toContain('吴静在 2026-12-01 至 2026-12-05 休假')
  })

  it('asks for confirmation on a holiday, a weekend or after hours, but not on a 调休 working Sunday', async () => {
    const holiday = await refusal(() => schedule({ startsAt: '2026-10-02T09:00', endsAt: '2026-10-02T10:00' }))
    expect(holiday.code).toBe('CONFLICT')
    expect(holiday.message).toContain('2026-10-02 是国庆节假期')
    const late = await refusal(() => schedule({ startsAt: '2026-12-03T18:00', endsAt: '2026-12-03T19:30' }))
    expect(late.message).toContain('不在办公时间内')
    const saturday = await refusal(() => schedule({ startsAt: '2026-12-05T09:00', endsAt: '2026-12-05T10:00' }))
    expect(saturday.message).toContain('周末')

    const confirmed = await schedule({
      startsAt: '2026-10-02T09:00',
      endsAt: '2026-10-02T10:00',
      confirmWarnings: true
    })
    expect(confirmed.status).toBe('scheduled')
    const detail = await services['cases.get'](app.ctx, { caseId: first.id })
    expect(detail.events.at(-1)?.detail.warnings).toEqual(['2026-10-02 是国庆节假期'])

    const adjusted = await schedule({ startsAt: '2026-09-20T09:00', endsAt: '2026-09-20T10:00' })
    expect(adjusted.status).toBe('scheduled')
  })

  it('offers the next free slots for the same people and room', async () => {
    await schedule({})
    const second = await acceptedCase(app, otherParties(4))
    const check = await services['hearings.check'](
      app.ctx,
      scheduleHearingSchema.parse(
        sessionInput(second, lin.id, room.id, { startsAt: '2026-12-03T10:00', endsAt: '2026-12-03T12:00' })
      )
    )
    expect(check.hard.map((c) => c.kind)).toEqual(['mediator', 'room'])
    expect(check.freeSlots).toEqual([
      { startsAt: '2026-12-03T13:30', endsAt: '2026-12-03T15:30' },
      { startsAt: '2026-12-03T15:30', endsAt: '2026-12-03T17:30' },
      { startsAt: '2026-12-04T08:30', endsAt: '2026-12-04T10:30' }
    ])
  })
})

describe('the life of a session', () => {
  it('postpones and cancels only with reasons, reschedules, and puts each on the timeline', async () => {
    const handlers = createHandlerTable(app.ctx)
    const hearing = await schedule({})
    for (const method of ['hearings.postpone', 'hearings.cancel'] as const) {
      const before = await tableCounts(app)
      const result = await handlers[method]({ id: hearing.id, reason: '  ' })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.fields?.reason).toBe('此项不能为空')
      expect(await tableCounts(app)).toEqual(before)
    }
    await services['hearings.markNotified'](app.ctx, {
      id: hearing.id,
      partyId: first.parties[0].id,
      how: 'phone',
      note: null
    })
    const postponed = await services['hearings.postpone'](app.ctx, { id: hearing.id, reason: '被申请人住院' })
    expect(postponed).toMatchObject({ status: 'postponed', statusReason: '被申请人住院' })

    const moved = await services['hearings.reschedule'](
      app.ctx,
      scheduleHearingSchema
        .transform(({ caseId: _caseId, ...rest }) => ({ ...rest, id: hearing.id, reason: '被申请人出院' }))
        .parse(sessionInput(first, lin.id, room.id, { startsAt: '2026-12-10T14:00', endsAt: '2026-12-10T16:00' }))
    )
    expect(moved).toMatchObject({ status: 'scheduled', startsAt: '2026-12-10T14:00', version: 3 })
    expect(
      moved.parties.every((p) => p.notifiedAt === null),
      'told of the old time: to be told again'
    ).toBe(true)

    const cancelled = await services['hearings.cancel'](app.ctx, { id: hearing.id, reason: '双方已自行和解' })
    expect(cancelled.status).toBe('cancelled')
    const cancelAgain = await refusal(() =>
      services['hearings.cancel'](app.ctx, { id: hearing.id, reason: '再次取消' })
    )
    expect(cancelAgain.code).toBe('CONFLICT')

    const detail = await services['cases.get'](app.ctx, { caseId: first.id })
    expect(detail.events.map((e) => e.kind).filter((k) => k.startsWith('hearing_'))).toEqual([
      'hearing_scheduled',
      'hearing_notified',
      'hearing_postponed',
      'hearing_rescheduled',
      'hearing_cancelled'
    ])
    expect(detail.events.at(-2)).toMatchObject({ reason: '被申请人出院', detail: { from: '2026-12-03 09:00–11:00' } })
  })

  it('gives the notice data and who still needs telling; marks held with the record link', async () => {
    const hearing = await schedule({})
    let notice = await services['hearings.notice'](app.ctx, { id: hearing.id })
    expect(notice).toMatchObject({
      caseNumber: first.caseNumber,
      timeText: '2026年12月3日（星期四）09:00至11:00',
      placeText: '梧田街道矛盾纠纷调解分中心第一调解室',
      mediators: [{ name: '林海燕', roleLabel: '主持调解员' }],
      pendingNotification: ['王芳', '陈建国']
    })
    expect(notice.parties[0]).toMatchObject({ name: '王芳', address: '梧田街道老殿后村12号', roleLabel: '申请人' })
    await services['hearings.markNotified'](app.ctx, {
      id: hearing.id,
      partyId: first.parties[1].id,
      how: 'sms',
      at: '2026-11-30T09:15:00+08:00',
      note: null
    })
    notice = await services['hearings.notice'](app.ctx, { id: hearing.id })
    expect(notice.pendingNotification).toEqual(['王芳'])
    expect(notice.parties[1]).toMatchObject({
      notified: true,
      notifiedAt: '2026-11-30T01:15:00.000Z',
      notifiedHowLabel: '短信通知'
    })

    const recordId = '01900000-0000-7000-8000-00000000abcd'
    const held = await services['hearings.markHeld'](app.ctx, { id: hearing.id, note: '双方到场', recordId })
    expect(held).toMatchObject({ status: 'held', recordId, heldNote: '双方到场' })
  })
})
