/*
 * Parties across cases: a party seen before is found again by ID number,
 * credit code or phone, reused without a duplicate record, and never has its
 * identity overwritten through reuse.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { chooseOffice, creditCode, registration, residentId } from '../../../tests/support/intake-fixtures'
import { tableCounts } from '../../../tests/support/temp-app'
import { api, app, clock, failure, ok, person, register, trail, useFreshApp } from '../../../tests/support/case-harness'

useFreshApp()

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

  it('counts a party registered again without reusing the record as one party, with every case once', async () => {
    const records: string[] = []
    for (const [day, phone] of [
      ['01', '13857712345'],
      ['02', '13857712345'],
      ['03', '13905776688']
    ] as const) {
      clock.set(`2026-12-${day}T01:00:00Z`)
      const detail = await register({
        parties: [
          person('applicant', '王芳', { idNumber: wangFangId, phone }),
          person('respondent', '赵磊', { idNumber: residentId('1975-10-02', 311) })
        ]
      })
      records.push(detail.parties[0].id)
    }
    // Her sister shares the first phone: found by it, but another person.
    clock.set('2026-12-04T01:00:00Z')
    await register({
      parties: [
        person('applicant', '王芬', { idNumber: residentId('1981-03-03', 138), phone: '13857712345' }),
        person('respondent', '赵磊', { idNumber: residentId('1975-10-02', 311) })
      ]
    })
    expect(new Set(records).size).toBe(3)

    const found = ok(await api['parties.lookup']({ idNumber: wangFangId, phone: '13857712345' }))
    expect(found.map((h) => [h.party.name, h.records, h.caseCount, h.matchedBy])).toEqual([
      ['王芳', 3, 3, ['idNumber', 'phone']],
      ['王芬', 1, 1, ['phone']]
    ])
    // The record offered for reuse is the newest, with the phone she gave last.
    expect(found[0].party).toMatchObject({ id: records[2], maskedPhone: '139****6688' })
    expect(found[0].cases.map((c) => c.registeredAt.slice(0, 10))).toEqual(['2026-12-03', '2026-12-02', '2026-12-01'])
    // Her ID number alone finds the same three cases; 赵磊, reused by no one, is one party of three records too.
    expect(ok(await api['parties.lookup']({ idNumber: wangFangId }))).toEqual([
      { ...found[0], matchedBy: ['idNumber'] }
    ])
    const zhao = ok(await api['parties.lookup']({ idNumber: residentId('1975-10-02', 311) }))
    expect(zhao.map((h) => [h.records, h.caseCount])).toEqual([[4, 4]])
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
    expect(byId[0].party.maskedIdNumber).toBe(`330***********${xId.slice(-4)}`)

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
