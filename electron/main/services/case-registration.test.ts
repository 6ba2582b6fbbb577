/*
 * Registration as one all-or-nothing write: what it stores, what it checks
 * against the store and the clock, and what it refuses without a trace.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { PartyInput } from '../../../shared/domain/case-input'
import { creditCodeCheckChar } from '../../../shared/rules/credit-code'
import { chooseOffice, creditCode, registration, residentId } from '../../../tests/support/intake-fixtures'
import { tableCounts } from '../../../tests/support/temp-app'
import {
  api,
  app,
  clock,
  failure,
  ok,
  person,
  register,
  UNKNOWN_ID,
  useFreshApp
} from '../../../tests/support/case-harness'

useFreshApp()

describe('registering a case', () => {
  it('is refused before the installation office is chosen, pointing to first-run setup, and writes nothing', async () => {
    const before = await tableCounts(app)
    const error = failure(await api['cases.register'](registration()))
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toMatch(/首次使用设置/)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('is refused when the chosen office is no longer in the directory, and writes nothing', async () => {
    // As a store carried over from another installation might hold: the setting names an office this one lacks.
    await chooseOffice(app, 'wutian')
    await sql`update settings set value = ${JSON.stringify(UNKNOWN_ID)} where key = 'installation.officeId'`.execute(
      app.ctx.db
    )
    const before = await tableCounts(app)
    const error = failure(await api['cases.register'](registration()))
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toBe('本机所属调解组织已不在组织名录中，请在设置中重新选择')
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

  it('answers with the case exactly as it reads back: parties in order, a reused record updated, an agent, the event', async () => {
    await chooseOffice(app, 'wutian')
    const first = await register()
    const good = registration()
    const detail = await register({
      parties: [
        // The applicant's record is reused with a new phone and address: the answer shows the record as it now is.
        {
          ...good.parties[0],
          existingPartyId: first.parties[0].id,
          phone: '13900001111',
          address: '梧田街道南湖路8号'
        },
        good.parties[1],
        person('agent', '林律师', { phone: '13700002222', actsFor: 0 })
      ]
    })
    expect(detail.parties.map((p) => [p.role, p.name])).toEqual([
      ['applicant', '王芳'],
      ['respondent', '陈建国'],
      ['agent', '林律师']
    ])
    expect(detail.parties[2].actsForPartyId).toBe(first.parties[0].id)
    expect(detail.handlingOfficeName).toBe('梧田街道矛盾纠纷调解分中心')
    expect(detail.events.map((e) => e.kind)).toEqual(['registered'])
    expect(detail).toEqual(ok(await api['cases.get']({ caseId: detail.id })))
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
