/*
 * Intake against a real store: case numbers (per office, per China year, no
 * gap under concurrent accepts), the status rules, registration as one
 * all-or-nothing write, party reuse and lookup, routing, risk, the
 * append-only timeline and exact money. Complements the per-method good/bad
 * inputs of tests/support/contract-cases.ts.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaseDetail } from '../../../shared/domain/case'
import type { PartyInput, RegisterCaseInput } from '../../../shared/domain/case-input'
import type { ErrorPayload, IpcResult } from '../../../shared/errors'
import { creditCodeCheckChar } from '../../../shared/rules/credit-code'
import { chooseOffice, creditCode, registration, residentId } from '../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { SqliteError } from '../db/sqlite3-dialect'
import { createHandlerTable, type HandlerTable } from '../ipc/register'

const clock = fixedClock('2026-11-29T02:00:00.000Z')
let app: TempApp
let api: HandlerTable

beforeEach(async () => {
  clock.set('2026-11-29T02:00:00.000Z')
  app = await startTempApp({ clock })
  api = createHandlerTable(app.ctx)
})
afterEach(async () => app.dispose())

const WUTIAN_NAME = '梧田街道矛盾纠纷调解分中心'
const CHAMBER_NAME = '瓯海区商协会行业调解工作中心'
const UNKNOWN_ID = '0190a1b2-0000-7000-8000-000000000000'

function ok<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.data
}

function failure(result: IpcResult<unknown>): ErrorPayload {
  if (result.ok) throw new Error('expected a failure, got success')
  return result.error
}

async function officeId(code: string): Promise<string> {
  const row = await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

async function register(overrides: Partial<RegisterCaseInput> = {}): Promise<CaseDetail> {
  return ok(await api['cases.register'](registration(overrides)))
}

async function accept(caseId: string): Promise<CaseDetail> {
  return ok(await api['cases.accept']({ caseId }))
}

const person = (role: PartyInput['role'], name: string, extra: Partial<PartyInput> = {}): PartyInput => ({
  kind: 'person',
  role,
  name,
  ...extra
})

/** Audit and change-log rows of one entity, oldest first. */
async function trail(entity: string, entityId: string) {
  const audit = await app.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'summary'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
  const changes = await app.ctx.db
    .selectFrom('change_log')
    .select(['operation', 'version'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute()
  return { audit: audit.map((a) => ({ action: a.action, ...JSON.parse(a.summary) })), changes }
}

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

describe('registering a case', () => {
  it('is refused before the installation office is chosen, pointing to first-run setup, and writes nothing', async () => {
    const before = await tableCounts(app)
    const error = failure(await api['cases.register'](registration()))
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toMatch(/首次使用设置/)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('writes the case, its parties, their links, one event, one audit and change-log row per record, and search keys', async () => {
    await chooseOffice(app, 'wutian')
    const before = await tableCounts(app)

    const detail = await register()

    const after = await tableCounts(app)
    const delta = (table: string) => after[table] - before[table]
    expect({
      cases: delta('cases'),
      parties: delta('parties'),
      case_parties: delta('case_parties'),
      case_events: delta('case_events'),
      audit_log: delta('audit_log'),
      change_log: delta('change_log'),
      case_search: delta('case_search'),
      case_name_keys: delta('case_name_keys'),
      case_number_sequences: delta('case_number_sequences')
    }).toEqual({
      cases: 1,
      parties: 2,
      case_parties: 2,
      case_events: 1,
      audit_log: 6,
      change_log: 6,
      case_search: 1,
      case_name_keys: 2,
      case_number_sequences: 0
    })
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('action', '=', 'cases.register')
      .execute()
    expect(audit.map((a) => a.entity).sort()).toEqual([
      'case_events',
      'case_parties',
      'case_parties',
      'cases',
      'parties',
      'parties'
    ])
    const { n } = await sql<{ n: number }>`select count(*) as n from case_search where rowid = ${detail.seq}`
      .execute(app.ctx.db)
      .then((r) => r.rows[0])
    expect(n).toBe(1)
    const keys = await app.ctx.db.selectFrom('case_name_keys').select(['name', 'first_char']).orderBy('name').execute()
    expect(keys).toEqual([
      { name: '王芳', first_char: '王' },
      { name: '陈建国', first_char: '陈' }
    ])
  })

  it('leaves no row anywhere when the last step (the search keys) fails', async () => {
    await chooseOffice(app, 'wutian')
    await sql`create temp trigger fail_name_keys before insert on case_name_keys
              begin select raise(abort, 'disk full'); end`.execute(app.ctx.db)
    const before = await tableCounts(app)

    const error = failure(await api['cases.register'](registration()))

    expect(error.code).toBe('INTERNAL')
    expect(error.correlationId).toBeTruthy()
    expect(app.errors).toHaveLength(1)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('refuses to reuse a party record that does not exist, naming that party, and writes nothing', async () => {
    await chooseOffice(app, 'wutian')
    const good = registration()
    const before = await tableCounts(app)

    const error = failure(
      await api['cases.register']({
        ...good,
        parties: [good.parties[0], { ...good.parties[1], existingPartyId: UNKNOWN_ID }]
      })
    )

    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.fields).toEqual({ 'parties.1.existingPartyId': '要沿用的当事人记录不存在' })
    expect(await tableCounts(app)).toEqual(before)
  })

  it('refuses to reuse a person’s record for an organisation', async () => {
    await chooseOffice(app, 'wutian')
    const wangFang = (await register()).parties[0]
    const before = await tableCounts(app)

    const error = failure(
      await register2({ kind: 'organisation', role: 'respondent', name: '王芳', existingPartyId: wangFang.id })
    )

    expect(error.fields).toHaveProperty(['parties.1.kind'])
    expect(await tableCounts(app)).toEqual(before)
  })

  it('refuses an organisation’s credit code with a wrong check character unless the clerk confirmed it', async () => {
    await chooseOffice(app, 'wutian')
    const valid = creditCode('330304MA2H8K7P0')
    const wrongCheck = valid.slice(0, 17) + (creditCodeCheckChar(valid.slice(0, 17)) === '1' ? '2' : '1')
    const company = {
      kind: 'organisation',
      role: 'respondent',
      name: '温州梧田鞋业有限公司',
      creditCode: wrongCheck
    } as const
    const before = await tableCounts(app)

    const refused = failure(await register2(company))
    expect(refused.code).toBe('VALIDATION_FAILED')
    expect(refused.fields?.['parties.1.creditCode']).toMatch(/校验位/)
    expect(await tableCounts(app)).toEqual(before)

    const saved = ok(await register2({ ...company, creditCode: wrongCheck.toLowerCase(), creditCodeConfirmed: true }))
    expect(saved.parties[1]).toMatchObject({ kind: 'organisation', name: '温州梧田鞋业有限公司' })
    const row = await app.ctx.db
      .selectFrom('parties')
      .select('credit_code')
      .where('id', '=', saved.parties[1].id)
      .executeTakeFirstOrThrow()
    expect(row.credit_code).toBe(wrongCheck)
  })

  it('judges birth dates in IDs and the date of the dispute by today in China, from the clock', async () => {
    await chooseOffice(app, 'wutian')
    clock.set('2026-11-29T16:30:00Z') // 2026-11-30 00:30 in Wenzhou
    const before = await tableCounts(app)

    const future = failure(await register2(person('respondent', '刘宝宝', { idNumber: residentId('2026-12-01', 12) })))
    expect(future.fields).toEqual({ 'parties.1.idNumber': '身份证号码中的出生日期晚于今天' })
    const lateDispute = failure(await api['cases.register'](registration({ occurredOn: '2026-12-01' })))
    expect(lateDispute.fields).toEqual({ occurredOn: '发生日期不能晚于今天' })
    expect(await tableCounts(app)).toEqual(before)

    // Born today in China (UTC still says yesterday): accepted, with the birth date read from the ID.
    const newborn = ok(await register2(person('respondent', '刘宝宝', { idNumber: residentId('2026-11-30', 12) })))
    expect(newborn.parties[1]).toMatchObject({ birthDate: '2026-11-30', gender: 'female' })
    ok(await api['cases.register'](registration({ occurredOn: '2026-11-30' })))
  })
})

/** The default registration with its respondent replaced. */
function register2(respondent: PartyInput) {
  const good = registration()
  return api['cases.register']({ ...good, parties: [good.parties[0], respondent] })
}

describe('parties seen before', () => {
  const wangFangId = residentId('1978-04-12', 122)

  beforeEach(async () => {
    await chooseOffice(app, 'wutian')
  })

  it('reuses 王芳’s record for her second case and lists both cases, newest first, with her role in each', async () => {
    const first = await register()
    const wangFang = first.parties[0]
    const partiesBefore = (await tableCounts(app)).parties

    clock.set('2026-11-30T01:00:00Z')
    const second = await register({
      disputeType: 'contract',
      summary: '申请人向被申请人借款两万元未还。',
      parties: [
        person('applicant', '李强', { idNumber: residentId('1983-05-06', 219), phone: '13705771111' }),
        person('respondent', '王芳', { existingPartyId: wangFang.id, idNumber: wangFangId, phone: '13857712345' })
      ]
    })

    expect((await tableCounts(app)).parties).toBe(partiesBefore + 1)
    expect(second.parties[1].id).toBe(wangFang.id)
    // Nothing she typed differed: no update of her record is audited.
    expect((await trail('parties', wangFang.id)).changes).toEqual([{ operation: 'insert', version: 1 }])

    const found = ok(await api['parties.lookup']({ idNumber: wangFangId }))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ matchedBy: ['idNumber'], caseCount: 2, party: { id: wangFang.id, name: '王芳' } })
    expect(found[0].cases.map((c) => [c.caseId, c.role, c.disputeType])).toEqual([
      [second.id, 'respondent', 'contract'],
      [first.id, 'applicant', 'neighbour']
    ])
  })

  it('brings a reused record up to date with a new phone, audited as an update, without blanking what it knew', async () => {
    const wangFang = (await register()).parties[0]

    await register({
      parties: [
        person('applicant', '王芳', { existingPartyId: wangFang.id, phone: '139 0577 6688' }),
        person('respondent', '赵磊', { idNumber: residentId('1975-10-02', 311) })
      ]
    })

    const row = await app.ctx.db
      .selectFrom('parties')
      .selectAll()
      .where('id', '=', wangFang.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      phone: '13905776688',
      id_number: wangFangId,
      address: '梧田街道老殿后村12号',
      version: 2
    })
    const { audit, changes } = await trail('parties', wangFang.id)
    expect(changes).toEqual([
      { operation: 'insert', version: 1 },
      { operation: 'update', version: 2 }
    ])
    expect(audit[1]).toEqual({
      action: 'cases.register',
      before: { phone: '13857712345' },
      after: { phone: '13905776688' }
    })
    expect(ok(await api['parties.lookup']({ phone: '13857712345' }))).toEqual([])
    expect(ok(await api['parties.lookup']({ phone: '13905776688' }))[0]).toMatchObject({
      caseCount: 2,
      party: { name: '王芳' }
    })
  })

  it('finds a party by a full ID number (typed with a lower-case x), a credit code, or a phone typed with spaces', async () => {
    let endsInX = 1
    while (!residentId('1988-08-08', endsInX).endsWith('X')) endsInX++
    const xId = residentId('1988-08-08', endsInX)
    const code = creditCode('330304MA2H9Q3T0')
    const detail = await register({
      parties: [
        person('applicant', '林晓', { idNumber: xId.toLowerCase() }),
        {
          kind: 'organisation',
          role: 'respondent',
          name: '温州瓯海物业服务有限公司',
          creditCode: code,
          phone: '0577 8866 1234'
        }
      ]
    })

    const byId = ok(await api['parties.lookup']({ idNumber: xId.toLowerCase() }))
    expect(byId.map((h) => [h.party.name, h.matchedBy, h.caseCount])).toEqual([['林晓', ['idNumber'], 1]])
    expect(byId[0].party.maskedIdNumber).toBe(`330304********${xId.slice(-4)}`)

    const byCode = ok(await api['parties.lookup']({ creditCode: code.toLowerCase() }))
    expect(byCode.map((h) => [h.party.name, h.matchedBy])).toEqual([['温州瓯海物业服务有限公司', ['creditCode']]])
    expect(byCode[0].cases).toEqual([expect.objectContaining({ caseId: detail.id, role: 'respondent' })])

    const byLandline = ok(await api['parties.lookup']({ phone: '(0577) 8866 1234' }))
    expect(byLandline.map((h) => [h.party.name, h.matchedBy])).toEqual([['温州瓯海物业服务有限公司', ['phone']]])
  })

  it('finds nothing for unknown or half-typed numbers', async () => {
    await register()
    expect(ok(await api['parties.lookup']({ idNumber: residentId('1978-04-12', 123) }))).toEqual([])
    expect(ok(await api['parties.lookup']({ idNumber: wangFangId.slice(0, 17) }))).toEqual([])
    expect(ok(await api['parties.lookup']({ phone: '13857700000' }))).toEqual([])
    expect(ok(await api['parties.lookup']({ phone: '1385771' }))).toEqual([])
    expect(ok(await api['parties.lookup']({ creditCode: creditCode() }))).toEqual([])
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

describe('reusing a party record found by phone', () => {
  it('refuses a different ID number rather than overwrite the earlier person, and writes nothing', async () => {
    await chooseOffice(app, 'wutian')
    const first = await register()
    const wangFang = first.parties[0]
    const before = await tableCounts(app)
    const result = await api['cases.register'](
      registration({
        parties: [
          person('applicant', '王芳', {
            existingPartyId: wangFang.id,
            idNumber: residentId('1990-01-01', 11),
            phone: '13857712345'
          }),
          registration().parties[1]
        ]
      })
    )
    expect(failure(result)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'parties.0.idNumber': '证件号码与要沿用的当事人记录不一致，请核对或不沿用该记录' }
    })
    expect(await tableCounts(app)).toEqual(before)
  })
})
