/*
 * Two sets the store keeps from the assignments, by triggers: the seqs of the
 * open cases with no active lead (unassigned_cases, migration 2026_12_06_1400:
 * the "unassigned" list and the overview's figure), and each mediator's cases
 * (mediator_cases, 2026_12_06_1600: a mediator's list and home) and their
 * open ones (mediator_open_cases, 2026_12_07_0100: a mediator's open list). Every write
 * that changes either must reach it in the same transaction: registration, a
 * lead or an assistant assigned, a recusal with and without a replacement, a
 * case declined. After each, both tables hold exactly what the cases and
 * their assignments say (tests/support/list-rows.ts), and the lists show it.
 * The hub's merge and the generator's load are checked the same way in their
 * own suites.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import * as unassignedCases from '../db/migrations/2026_12_06_1400_create_unassigned_cases'
import * as unassignedOffice from '../db/migrations/2026_12_06_2200_keep_unassigned_cases_office'
import * as mediatorCases from '../db/migrations/2026_12_06_1600_create_mediator_cases'
import * as mediatorOpenCases from '../db/migrations/2026_12_07_0100_create_mediator_open_cases'
import { chooseOffice, residentId } from '../../../tests/support/intake-fixtures'
import {
  expectedMediatorCases,
  expectedUnassigned,
  storedMediatorCases,
  storedMediatorOpenCases,
  storedUnassigned,
  unassignedOfficesOutOfStep
} from '../../../tests/support/list-rows'
import { addMediator } from '../../../tests/support/roster-fixtures'
import { api, app, failure, ok, register, useFreshApp } from '../../../tests/support/case-harness'

useFreshApp()

/** Both stored sets equal the oracle's; the unassigned ones returned as case ids for reading. */
async function expectInStep(): Promise<string[]> {
  expect(await storedMediatorCases(app.ctx.db)).toEqual(await expectedMediatorCases(app.ctx.db))
  expect(await storedMediatorOpenCases(app.ctx.db)).toEqual(await expectedMediatorCases(app.ctx.db, true))
  const stored = await storedUnassigned(app.ctx.db)
  expect(stored).toEqual(await expectedUnassigned(app.ctx.db))
  expect(await unassignedOfficesOutOfStep(app.ctx.db)).toEqual([])
  if (stored.length === 0) return []
  const rows = await app.ctx.db.selectFrom('cases').select(['id', 'seq']).where('seq', 'in', stored).execute()
  return rows.sort((a, b) => a.seq - b.seq).map((r) => r.id)
}

/** The unassigned list's case ids, oldest first, and its total. */
async function listed(): Promise<{ ids: string[]; total: number | null }> {
  const page = ok(await api['cases.list']({ unassigned: true, sort: 'oldest', limit: 200 }))
  return { ids: page.rows.map((r) => r.id), total: page.total }
}

/** A mediator's list (by the roster filter, or their open cases as their overview links to), oldest first. */
async function mediatorsCases(mediatorId: string, open = false): Promise<string[]> {
  const page = ok(await api['cases.list']({ mediatorId, open, sort: 'oldest', limit: 200 }))
  return page.rows.map((r) => r.id)
}

async function lead(caseId: string, mediatorId: string) {
  const assigned = ok(await api['assignments.assign']({ caseId, mediatorId, role: 'lead' }))
  return assigned.find((a) => a.role === 'lead' && a.status === 'active')!
}

describe('the unassigned cases and each mediator’s cases follow every write', () => {
  it('registration, a lead, an assistant, a recusal with and without a replacement, a decline', async () => {
    await chooseOffice(app, 'wutian')
    const [first, second, third] = [(await register()).id, (await register()).id, (await register()).id]
    expect(await expectInStep()).toEqual([first, second, third])
    expect(await listed()).toEqual({ ids: [first, second, third], total: 3 })

    const linHaiyan = await addMediator(app)
    const zhengGuoping = await addMediator(app, {
      name: '郑国平',
      idNumber: residentId('1968-10-02', 515),
      phone: '13806779876'
    })
    const firstLead = await lead(first, linHaiyan.id)
    // An assistant is not a lead: the second case still awaits one.
    ok(await api['assignments.assign']({ caseId: second, mediatorId: zhengGuoping.id, role: 'assistant' }))
    expect(await expectInStep()).toEqual([second, third])
    expect([await mediatorsCases(linHaiyan.id), await mediatorsCases(zhengGuoping.id)]).toEqual([[first], [second]])

    // Recused with no replacement, the first case awaits a lead again; with one, it does not.
    ok(await api['assignments.recuse']({ assignmentId: firstLead.id, reason: '申请人申请回避' }))
    expect(await expectInStep()).toEqual([first, second, third])
    expect(await mediatorsCases(linHaiyan.id)).toEqual([])
    const secondLead = await lead(first, zhengGuoping.id)
    ok(
      await api['assignments.recuse']({
        assignmentId: secondLead.id,
        reason: '被申请人申请回避',
        replacementMediatorId: linHaiyan.id
      })
    )
    expect(await expectInStep()).toEqual([second, third])
    expect([await mediatorsCases(linHaiyan.id), await mediatorsCases(zhengGuoping.id)]).toEqual([[first], [second]])

    ok(
      await api['cases.decline']({
        caseId: third,
        reason: 'already_handled',
        reasonNote: null,
        route: '告知向人民法院起诉'
      })
    )
    expect(await expectInStep()).toEqual([second])
    expect(await listed()).toEqual({ ids: [second], total: 1 })
  })

  it('a refused assignment writes nothing: the case stays unassigned', async () => {
    await chooseOffice(app, 'wutian')
    const theCase = (await register()).id
    const suspended = await addMediator(app, { status: 'suspended' })
    expect(
      failure(await api['assignments.assign']({ caseId: theCase, mediatorId: suspended.id, role: 'lead' })).code
    ).toBe('VALIDATION_FAILED')
    expect(await expectInStep()).toEqual([theCase])
  })

  it('a lead written before its case (a bulk load with foreign keys off) keeps the case out when it comes', async () => {
    await chooseOffice(app, 'wutian')
    const theCase = (await register()).id
    await lead(theCase, (await addMediator(app)).id)
    // A copy of the case and of its lead under a new id, the lead written first, as a bulk load may.
    const db = app.ctx.db
    await sql`pragma foreign_keys = off`.execute(db)
    try {
      await sql`create temp table lead_copy as select * from assignments where case_id = ${theCase}`.execute(db)
      await sql`update lead_copy set id = 'copy-lead', case_id = 'copy-case'`.execute(db)
      await sql`insert into assignments select * from lead_copy`.execute(db)
      await sql`create temp table case_copy as select * from cases where id = ${theCase}`.execute(db)
      await sql`update case_copy set id = 'copy-case', seq = seq + 1000, case_number = null`.execute(db)
      await sql`insert into cases select * from case_copy`.execute(db)
    } finally {
      await sql`pragma foreign_keys = on`.execute(db)
    }
    expect(await expectInStep()).toEqual([])
    // A second active assignment of the same mediator on the copy (an expert's, written by hand): one pair, which
    // stays while either is active.
    await sql`update lead_copy set id = 'copy-expert', role = 'expert'`.execute(db)
    await sql`insert into assignments select * from lead_copy`.execute(db)
    expect(await expectInStep()).toEqual([])
    // Its lead recused, the copy awaits one like any case, and its mediator still holds it as an expert.
    await sql`update assignments set status = 'recused' where id = 'copy-lead'`.execute(db)
    expect(await expectInStep()).toEqual(['copy-case'])
    const [{ mediator_id: mediatorId }] = await sql<{
      mediator_id: string
    }>`select mediator_id from assignments where id = 'copy-expert'`
      .execute(db)
      .then((r) => r.rows)
    expect(await mediatorsCases(mediatorId)).toEqual([theCase, 'copy-case'])
    await sql`delete from assignments where id = 'copy-expert'`.execute(db)
    expect(await expectInStep()).toEqual(['copy-case'])
    expect(await mediatorsCases(mediatorId)).toEqual([theCase])
    await sql`drop table temp.lead_copy`.execute(db)
    await sql`drop table temp.case_copy`.execute(db)
  })

  it('an unassigned case keeps its office: a transfer moves it to the receiving office’s unassigned list', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    const chamber = (
      await app.ctx.db.selectFrom('offices').select('id').where('code', '=', 'chamber').executeTakeFirstOrThrow()
    ).id
    const [stays, moves] = [(await register()).id, (await register()).id]
    const unassignedOf = async (officeId: string) =>
      ok(await api['cases.list']({ unassigned: true, officeId, sort: 'oldest' })).rows.map((r) => r.id)
    expect(await unassignedOf(wutian)).toEqual([stays, moves])
    ok(await api['cases.route']({ caseId: moves, kind: 'transfer', toOfficeId: chamber, note: '商会会员' }))
    await expectInStep()
    expect(await unassignedOf(wutian)).toEqual([stays])
    expect(await unassignedOf(chamber)).toEqual([moves])
  })

  it('a mediator’s open cases follow each case’s status, whoever writes it, and so does their open list', async () => {
    await chooseOffice(app, 'wutian')
    const [first, second] = [(await register()).id, (await register()).id]
    const mediator = (await addMediator(app)).id
    await lead(first, mediator)
    await lead(second, mediator)
    expect(await mediatorsCases(mediator, true)).toEqual([first, second])
    const setStatus = (id: string, status: string) =>
      sql`update cases set status = ${status} where id = ${id}`.execute(app.ctx.db)
    // Ended: still the mediator's case, no longer an open one.
    await setStatus(first, 'closed')
    await expectInStep()
    expect([await mediatorsCases(mediator), await mediatorsCases(mediator, true)]).toEqual([[first, second], [second]])
    // From one ended status to another, and from one open status to another: nothing moves.
    await setStatus(first, 'archived')
    await setStatus(second, 'in_mediation')
    await expectInStep()
    expect(await mediatorsCases(mediator, true)).toEqual([second])
    // Open again (a closed case taken up anew, written by hand): back in the open list.
    await setStatus(first, 'accepted')
    await expectInStep()
    expect(await mediatorsCases(mediator, true)).toEqual([first, second])
    const page = ok(await api['cases.list']({ mediatorId: mediator, open: true }))
    expect(page.total).toBe(2)
  })

  it('the migrations fill the tables of a store that already holds cases, the same as the triggers kept them', async () => {
    await chooseOffice(app, 'wutian')
    const [first, second, third] = [(await register()).id, (await register()).id, (await register()).id]
    const mediator = (await addMediator(app)).id
    await lead(first, mediator)
    await lead(third, mediator)
    await sql`update cases set status = 'closed' where id = ${third}`.execute(app.ctx.db)
    expect(await expectInStep()).toEqual([second])
    const pairs = await storedMediatorCases(app.ctx.db)
    const openPairs = await storedMediatorOpenCases(app.ctx.db)
    expect([pairs.length, openPairs.length]).toEqual([2, 1])
    const migrations = [unassignedCases, unassignedOffice, mediatorCases, mediatorOpenCases]
    for (const migration of [...migrations].reverse()) await migration.down(app.ctx.db)
    for (const migration of migrations) await migration.up(app.ctx.db)
    expect(await expectInStep()).toEqual([second])
    expect(await storedMediatorCases(app.ctx.db)).toEqual(pairs)
    expect(await storedMediatorOpenCases(app.ctx.db)).toEqual(openPairs)
  })
})
