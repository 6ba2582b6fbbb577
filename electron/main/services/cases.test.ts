/*
 * Intake against a real store: case numbers (per office, per China year, no
 * gap under concurrent accepts), the status rules, registration as one
 * all-or-nothing write, party reuse and lookup, routing, risk, the
 * append-only timeline and exact money. Complements the per-method good/bad
 * inputs of tests/support/contract-cases.ts.
 */
import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { chooseOffice } from '../../../tests/support/intake-fixtures'
import { tableCounts } from '../../../tests/support/temp-app'
import {
  accept,
  api,
  app,
  CHAMBER_NAME,
  clock,
  failure,
  officeId,
  ok,
  register,
  trail,
  UNKNOWN_ID,
  useFreshApp,
  WUTIAN_NAME
} from '../../../tests/support/case-harness'
import { SqliteError } from '../db/sqlite-error'

useFreshApp()

describe('case numbers', () => {
  it('numbers 50 cases accepted at once 第1号…第50号, with no gap and no duplicate', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    const ids: string[] = []
    for (let i = 0; i < 50; i++) ids.push((await register()).id)

    const results = await Promise.all(ids.map((caseId) => api['cases.accept']({ caseId })))

    const numbers = results.map((r) => ok(r).caseNumber)
    expect(numbers).toHaveLength(50)
    expect(new Set(numbers)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `(2026)瓯海梧田调字第${i + 1}号`)))
    const stored = await app.ctx.db.selectFrom('cases').select(['case_number', 'case_sequence', 'status']).execute()
    for (const row of stored) {
      expect(row.status).toBe('accepted')
      expect(row.case_number).toBe(`(2026)瓯海梧田调字第${row.case_sequence}号`)
    }
    expect(await app.ctx.db.selectFrom('case_number_sequences').selectAll().execute()).toEqual([
      { office_id: wutian, year: 2026, last_sequence: 50 }
    ])
  })

  it('gives one number when the same case is accepted twice at once (a double click)', async () => {
    await chooseOffice(app, 'wutian')
    const { id } = await register()
    const [first, second] = await Promise.all([
      api['cases.accept']({ caseId: id }),
      api['cases.accept']({ caseId: id })
    ])

    expect([first.ok, second.ok].sort()).toEqual([false, true])
    expect(failure(first.ok ? second : first).code).toBe('CONFLICT')
    const detail = ok(await api['cases.get']({ caseId: id }))
    expect(detail.caseNumber).toBe('(2026)瓯海梧田调字第1号')
    expect(detail.events.map((e) => e.kind)).toEqual(['registered', 'accepted'])
    const { last_sequence } = await app.ctx.db
      .selectFrom('case_number_sequences')
      .select('last_sequence')
      .executeTakeFirstOrThrow()
    expect(last_sequence).toBe(1)
  })

  it('counts each office separately, under its own short name, by the office handling the case', async () => {
    await chooseOffice(app, 'wutian')
    expect((await accept((await register()).id)).caseNumber).toBe('(2026)瓯海梧田调字第1号')
    expect((await accept((await register()).id)).caseNumber).toBe('(2026)瓯海梧田调字第2号')

    await chooseOffice(app, 'zeya')
    const zeya = await accept((await register()).id)
    expect(zeya.caseNumber).toBe('(2026)瓯海泽雅调字第1号')
    expect(zeya.handlingOfficeName).toBe('泽雅镇矛盾纠纷调解分中心')

    // Transferred before acceptance: the receiving office numbers it.
    const moved = await register()
    ok(
      await api['cases.route']({
        caseId: moved.id,
        kind: 'transfer',
        toOfficeId: await officeId('chamber'),
        note: '商会会员'
      })
    )
    expect((await accept(moved.id)).caseNumber).toBe('(2026)瓯海商调调字第1号')

    await chooseOffice(app, 'wutian')
    expect((await accept((await register()).id)).caseNumber).toBe('(2026)瓯海梧田调字第3号')
  })

  it('takes the year from China time: 23:59 on 31 December is 2026, 00:30 on 1 January is 2027 and starts again at 1', async () => {
    await chooseOffice(app, 'wutian')
    const late = await register()
    const early = await register()

    clock.set('2026-12-31T15:59:00Z') // 2026-12-31 23:59 in Wenzhou
    const lastOf2026 = await accept(late.id)
    expect(lastOf2026.caseNumber).toBe('(2026)瓯海梧田调字第1号')
    expect(lastOf2026.acceptedAt).toBe('2026-12-31T15:59:00.000Z')

    clock.set('2026-12-31T16:30:00Z') // 2027-01-01 00:30 in Wenzhou, still 31 December in UTC
    expect((await accept(early.id)).caseNumber).toBe('(2027)瓯海梧田调字第1号')

    const years = await app.ctx.db
      .selectFrom('case_number_sequences')
      .select(['year', 'last_sequence'])
      .orderBy('year')
      .execute()
    expect(years).toEqual([
      { year: 2026, last_sequence: 1 },
      { year: 2027, last_sequence: 1 }
    ])
  })
})

describe('status rules', () => {
  beforeEach(async () => {
    await chooseOffice(app, 'wutian')
  })

  it('refuses to accept an accepted case again, keeps its number and writes nothing', async () => {
    const { id } = await accept((await register()).id)
    const before = await tableCounts(app)

    const error = failure(await api['cases.accept']({ caseId: id }))

    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/案件当前为“已受理”/)
    expect(await tableCounts(app)).toEqual(before)
    expect(ok(await api['cases.get']({ caseId: id })).caseNumber).toBe('(2026)瓯海梧田调字第1号')
  })

  it('refuses to accept a declined case, writes nothing, and the next case still gets the next number', async () => {
    const first = await accept((await register()).id)
    const declined = await register()
    ok(await api['cases.decline']({ caseId: declined.id, reason: 'not_civil_dispute', route: '向公安机关报案' }))
    const before = await tableCounts(app)

    const error = failure(await api['cases.accept']({ caseId: declined.id }))

    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/案件当前为“不予受理”，不能改为“已受理”/)
    expect(await tableCounts(app)).toEqual(before)
    expect(first.caseNumber).toBe('(2026)瓯海梧田调字第1号')
    expect((await accept((await register()).id)).caseNumber).toBe('(2026)瓯海梧田调字第2号')
  })

  it('refuses to decline an accepted case and writes nothing', async () => {
    const { id } = await accept((await register()).id)
    const before = await tableCounts(app)

    const error = failure(
      await api['cases.decline']({ caseId: id, reason: 'party_refuses', route: '向人民法院提起诉讼' })
    )

    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/已受理.*不予受理/)
    expect(await tableCounts(app)).toEqual(before)
    expect(ok(await api['cases.get']({ caseId: id }))).toMatchObject({ status: 'accepted', declinedAt: null })
  })

  it('refuses to route a declined case and writes nothing', async () => {
    const { id } = await register()
    ok(await api['cases.decline']({ caseId: id, reason: 'already_handled', route: '向人民法院提起诉讼' }))
    const before = await tableCounts(app)

    const error = failure(await api['cases.route']({ caseId: id, kind: 'refer', department: '人民法院', note: '转交' }))

    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/不予受理/)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('answers NOT_FOUND for a well-formed but unknown case id on every case action, writing nothing', async () => {
    await register()
    const before = await tableCounts(app)
    const calls = [
      api['cases.accept']({ caseId: UNKNOWN_ID }),
      api['cases.decline']({ caseId: UNKNOWN_ID, reason: 'party_refuses', route: '向人民法院提起诉讼' }),
      api['cases.route']({ caseId: UNKNOWN_ID, kind: 'refer', department: '人民法院', note: '转交' }),
      api['cases.setRisk']({ caseId: UNKNOWN_ID, riskLevel: 'red', reason: '扬言报复' }),
      api['cases.get']({ caseId: UNKNOWN_ID })
    ]
    for (const result of await Promise.all(calls)) {
      expect(failure(result)).toMatchObject({ code: 'NOT_FOUND', message: '案件不存在' })
    }
    expect(await tableCounts(app)).toEqual(before)
  })
})

describe('routing, risk and the timeline', () => {
  beforeEach(async () => {
    await chooseOffice(app, 'wutian')
  })

  it('transfers a case to another office: the office handling it changes and the event names both offices', async () => {
    const { id, registeredOfficeId } = await register()
    const chamber = await officeId('chamber')
    clock.set('2026-11-29T03:00:00Z')

    const detail = ok(
      await api['cases.route']({ caseId: id, kind: 'transfer', toOfficeId: chamber, note: '双方均为商会会员企业' })
    )

    expect(detail).toMatchObject({
      handlingOfficeId: chamber,
      handlingOfficeName: CHAMBER_NAME,
      registeredOfficeId,
      status: 'registered'
    })
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'transferred',
      at: '2026-11-29T03:00:00.000Z',
      actorName: '本机管理员',
      reason: '双方均为商会会员企业',
      detail: {
        fromOfficeId: registeredOfficeId,
        fromOfficeName: WUTIAN_NAME,
        toOfficeId: chamber,
        toOfficeName: CHAMBER_NAME
      }
    })
    const { audit } = await trail('cases', id)
    expect(audit.at(-1)).toMatchObject({
      action: 'cases.route',
      before: { handling_office_id: registeredOfficeId },
      after: { handling_office_id: chamber }
    })
  })

  it('refers a case to a department as an event, leaving the office and status as they were', async () => {
    const registered = await register()
    const detail = ok(
      await api['cases.route']({
        caseId: registered.id,
        kind: 'refer',
        department: '人民法院',
        note: '涉及房屋产权确认'
      })
    )
    expect(detail).toMatchObject({ handlingOfficeName: WUTIAN_NAME, status: 'registered', version: registered.version })
    expect(detail.events.map((e) => e.kind)).toEqual(['registered', 'referred'])
    expect(detail.events[1]).toMatchObject({ reason: '涉及房屋产权确认', detail: { department: '人民法院' } })
  })

  it('records a risk change with its from and to colours and reason', async () => {
    const { id } = await register()
    const detail = ok(await api['cases.setRisk']({ caseId: id, riskLevel: 'green', reason: '双方已冷静，愿意协商' }))
    expect(detail).toMatchObject({ riskLevel: 'green', riskReason: '双方已冷静，愿意协商' })
    expect(detail.events[1]).toMatchObject({
      kind: 'risk_changed',
      reason: '双方已冷静，愿意协商',
      detail: { from: 'yellow', to: 'green' }
    })
  })

  it('keeps the timeline append-only: an event can be neither rewritten nor deleted', async () => {
    const { id } = await accept((await register()).id)
    const events = () =>
      app.ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute()
    const before = await events()

    await expect(sql`update case_events set reason = ${'改写'}`.execute(app.ctx.db)).rejects.toSatisfy(
      (e: unknown) => e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT' && /append-only/.test(e.message)
    )
    await expect(sql`delete from case_events where case_id = ${id}`.execute(app.ctx.db)).rejects.toSatisfy(
      (e: unknown) => e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT'
    )
    expect(await events()).toEqual(before)
    expect(before.map((e) => e.kind)).toEqual(['registered', 'accepted'])
  })
})

describe('amounts', () => {
  it('keeps 1 fen and 9 999 999 999 999 fen exactly, in the detail, the list and the store', async () => {
    await chooseOffice(app, 'wutian')
    for (const amountCents of [1, 9_999_999_999_999]) {
      const { id } = await register({ amountCents })
      expect(ok(await api['cases.get']({ caseId: id })).amountCents).toBe(amountCents)
      const row = await app.ctx.db
        .selectFrom('cases')
        .select('amount_cents')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(row.amount_cents).toBe(amountCents)
    }
    const page = ok(await api['cases.list']({ sort: 'oldest' }))
    expect(page.rows.map((r) => r.amountCents)).toEqual([1, 9_999_999_999_999])
  })

  it('keeps “no amount” as none, not as zero', async () => {
    await chooseOffice(app, 'wutian')
    expect((await register({ amountCents: null })).amountCents).toBeNull()
  })
})
