/*
 * The merge rebuilds the hub's search rows, name keys and due dates set-wise
 * (derived-indexes.ts). They must be exactly what the per-case code writes:
 * an office store seeded for one office (every lifecycle stage the generator
 * makes) plus cases brought to mediation and to a written agreement through
 * the services is imported, then every case is refreshed the per-case way
 * and the three tables compared row for row. The list rows, which the
 * store's triggers keep, are compared with what the merged rows say.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '../../../../shared/rules/china-time'
import { acceptedCase, caseWithAgreement } from '../../../../tests/support/lifecycle-fixtures'
import { expectStoreKeptInStep } from '../../../../tests/support/list-rows'
import { startSeededApp, type TempApp } from '../../../../tests/support/temp-app'
import { refreshCaseSearch } from '../case-search-index'
import { refreshCaseDue } from '../lifecycle/deadline-store'
import { writeChange } from '../write'
import { exportFrom, importAt, officeApp, registerAt } from './hub-test-kit'

async function snapshot(app: TempApp) {
  const read = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(app.ctx.db)).rows
  return {
    search: await read('select rowid, case_number, summary, names, id_numbers, phones from case_search order by rowid'),
    digits: await read('select rowid, grams from case_digits order by rowid'),
    words: await read('select rowid, bigrams from case_words order by rowid'),
    nameKeys: await read('select name, first_char, case_seq from case_name_keys order by case_seq, name'),
    due: await read('select case_id, case_seq, next_due_on, next_due_kind from case_due order by case_id')
  }
}

describe('derived tables after a merge', () => {
  let office: TempApp
  let hub: TempApp
  beforeAll(async () => {
    office = await startSeededApp({ cases: 400, seed: 5, until: '2026-11-28', office: 'wutian' })
    await caseWithAgreement(office)
    await acceptedCase(office, { mediating: true })
    hub = await officeApp('ouhai')
    await registerAt(hub, office)
  }, 60_000)
  afterAll(async () => {
    await Promise.all([office.dispose(), hub.dispose()])
  })

  it('equal what the per-case refresh writes, for every case', async () => {
    const entry = await importAt(hub, await exportFrom(office, 'full'))
    expect(entry.reason).toBeNull()
    expect(entry.status).toBe('accepted')
    const merged = await snapshot(hub)
    expect(merged.search).toHaveLength(402)
    // The generator carries most cases to their close; the open ones and the two above have due dates.
    expect(merged.due.length).toBeGreaterThan(2)
    expect(merged.due.some((d) => d.next_due_kind === 'performance')).toBe(true)

    const today = chinaDate(hub.ctx.clock.now())
    const ids = (await hub.ctx.db.selectFrom('cases').select('id').execute()).map((c) => c.id)
    await writeChange(hub.ctx, 'test.refresh', async (trx) => {
      await trx.deleteFrom('case_due').execute()
      for (const id of ids) {
        await refreshCaseSearch(trx, id)
        await refreshCaseDue(trx, id, today)
      }
    })
    expect(merged).toEqual(await snapshot(hub))
  })

  it('keeps every table the store keeps by triggers in step through the merge, whichever order it wrote the rows', async () => {
    // The list rows (cases, links, parties, due dates), the unassigned cases and each mediator's cases.
    const listed = await expectStoreKeptInStep(hub.ctx.db, {
      listRows: 402,
      unassigned: 1,
      mediatorCases: 101,
      mediatorOpenCases: 1,
      sessionLinks: 400
    })
    expect(listed).toHaveLength(402)
    expect(listed.filter((r) => r.next_due_on !== null).length).toBeGreaterThan(2)
  })

  it('registers every seeded case at the office of the store', async () => {
    const offices = await sql<{ code: string; n: number }>`
      select o.code, count(*) as n from cases c join offices o on o.id = c.registered_office_id group by o.code`.execute(
      office.ctx.db
    )
    expect(offices.rows).toEqual([{ code: 'wutian', n: 402 }])
  })
})
