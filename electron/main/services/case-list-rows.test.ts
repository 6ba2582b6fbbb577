/*
 * The case list reads each case's row from case_list_rows, which the store's
 * triggers keep. Every write a clerk or mediator makes that changes what the
 * list shows must reach that row in the same transaction: registration,
 * acceptance (the case number), mediation and its due date, a new risk
 * level, a transfer, a party's new name typed at a later registration, and
 * (lifecycle.test.ts) a summary amended after archiving. After each, the stored rows equal what the cases, links,
 * parties and due dates say (tests/support/list-rows.ts), and the list shows
 * the change.
 */
import { describe, expect, it } from 'vitest'
import * as caseListRows from '../db/migrations/2026_12_05_6000_create_case_list_rows'
import { chooseOffice, residentId } from '../../../tests/support/intake-fixtures'
import { expectedListRows, storedListRows } from '../../../tests/support/list-rows'
import { accept, api, app, clock, officeId, ok, person, register, useFreshApp } from '../../../tests/support/case-harness'

useFreshApp()

async function expectInStep() {
  const stored = await storedListRows(app.ctx.db)
  expect(stored).toEqual(await expectedListRows(app.ctx.db))
  return stored
}

async function listed(caseId: string) {
  const page = ok(await api['cases.list']({ limit: 200 }))
  const row = page.rows.find((r) => r.id === caseId)
  if (!row) throw new Error(`case ${caseId} is not listed`)
  return row
}

describe('each case’s list row follows every write', () => {
  it('from registration to mediation: names, summary, case number, status, due date and risk', async () => {
    await chooseOffice(app, 'wutian')
    // A summary longer than the list shows: the row keeps 81 characters and the list cuts at 80 with an ellipsis.
    // The 80th is a rare character outside the BMP (two UTF-16 units): SQLite and the list count it as one.
    const first = await register({ summary: '甲'.repeat(79) + '𠮷丙丁戊己' })
    expect(await expectInStep()).toHaveLength(1)
    let row = await listed(first.id)
    expect(row).toMatchObject({ applicants: ['王芳'], respondents: ['陈建国'], status: 'registered', caseNumber: null })
    expect(row.summary).toBe('甲'.repeat(79) + '𠮷…')
    expect(row.nextDueOn).not.toBeNull()

    const accepted = await accept(first.id)
    await expectInStep()
    row = await listed(first.id)
    expect(row.caseNumber).toBe(accepted.caseNumber)
    expect(row.acceptedAt).toBe(accepted.acceptedAt)

    ok(await api['cases.startMediation']({ caseId: first.id }))
    const due = (await expectInStep())[0].next_due_on
    expect((await listed(first.id)).status).toBe('in_mediation')
    expect((await listed(first.id)).nextDueOn).toBe(due)

    ok(await api['cases.setRisk']({ caseId: first.id, riskLevel: 'red', reason: '一方扬言报复' }))
    await expectInStep()
    expect((await listed(first.id)).riskLevel).toBe('red')
  })

  it('a transfer moves the case to the receiving office in the list', async () => {
    await chooseOffice(app, 'wutian')
    const theCase = await register()
    const toOfficeId = await officeId('ouhai')
    ok(await api['cases.route']({ caseId: theCase.id, kind: 'transfer', toOfficeId, note: '涉及多个街道，移交区中心' }))
    await expectInStep()
    const district = await app.ctx.db.selectFrom('offices').select('name').where('id', '=', toOfficeId).executeTakeFirstOrThrow()
    expect((await listed(theCase.id)).handlingOfficeName).toBe(district.name)
  })

  it('a party’s name corrected at a later registration shows in every case of theirs', async () => {
    await chooseOffice(app, 'wutian')
    const first = await register()
    const wangFang = first.parties[0]
    clock.set('2026-11-30T01:00:00Z')
    const second = await register({
      parties: [
        person('applicant', '李强', { idNumber: residentId('1983-05-06', 219) }),
        person('respondent', '王芳芳', { existingPartyId: wangFang.id, idNumber: residentId('1978-04-12', 122) }),
        person('agent', '赵律师', { actsFor: 0 })
      ]
    })
    await expectInStep()
    expect(await listed(first.id)).toMatchObject({ applicants: ['王芳芳'], respondents: ['陈建国'] })
    // An agent is no applicant or respondent: the list does not name them.
    expect(await listed(second.id)).toMatchObject({ applicants: ['李强'], respondents: ['王芳芳'] })
  })

  it('the migration fills the rows of a store that already holds cases, the same as the triggers wrote them', async () => {
    await chooseOffice(app, 'wutian')
    const theCase = await register()
    await accept(theCase.id)
    await register({ summary: '双方因宅基地界址发生争执，被申请人砌墙占用申请人宅基地约两平方米。' })
    const before = await expectInStep()
    await caseListRows.down(app.ctx.db)
    await caseListRows.up(app.ctx.db)
    expect(await expectInStep()).toEqual(before)
  })
})
