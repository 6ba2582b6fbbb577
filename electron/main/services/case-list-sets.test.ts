/*
 * The lists read straight from a kept set (case-list-sets.ts): which inputs
 * take that path, and that its pages, cursors and counts give exactly the
 * set's cases, in order either way round, on a generated store.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCasesSchema } from '../../../shared/domain/case-input'
import { startSeededApp, type TempApp } from '../../../tests/support/temp-app'
import { chinaDate } from '../../../shared/rules/china-time'
import { addCalendarDays } from '../../../shared/rules/working-days'
import { chooseOffice } from '../../../tests/support/intake-fixtures'
import { keptSetAlone, keptSetCount } from './case-list-sets'
import { registerCaseAt } from './hub/hub-test-kit'
import { services } from './index'

const M = '0190d3c4-0000-7000-8000-000000000001'
const O = '0190d3c4-0000-7000-8000-000000000002'
const T = '2026-11-28'
const parse = (input: Record<string, unknown>) => listCasesSchema.parse(input)

describe('which lists are a kept set alone', () => {
  it('a mediator’s cases or open ones, the unassigned cases all or of one office; with nothing else', () => {
    expect(keptSetAlone(parse({ mediatorId: M }), null, T)?.table).toBe('mediator_cases')
    expect(keptSetAlone(parse({ mediatorId: M, open: true, sort: 'oldest', limit: 20 }), null, T)?.table).toBe(
      'mediator_open_cases'
    )
    expect(keptSetAlone(parse({ mediatorId: M, open: false }), null, T)?.table).toBe('mediator_cases')
    expect(keptSetAlone(parse({ unassigned: true, open: true }), null, T)).toEqual({
      table: 'unassigned_cases',
      seq: 'seq',
      key: null,
      due: null
    })
    // With a deadline: each of the set's cases has its due date looked up, on the day asked.
    expect(keptSetAlone(parse({ unassigned: true, due: 'overdue' }), null, T)?.due).toEqual({
      due: 'overdue',
      dueKind: undefined,
      dueWithinDays: 7,
      today: T
    })
    expect(
      keptSetAlone(parse({ mediatorId: M, open: true, due: 'due_soon', dueKind: 'follow_up' }), null, T)?.due
    ).toMatchObject({ due: 'due_soon', dueKind: 'follow_up' })
    expect(keptSetAlone(parse({ unassigned: true, officeId: O }), [O], T)?.key).toEqual({
      column: 'office_id',
      value: O
    })
  })

  it('not with another filter, nor where the account’s reach would have to be applied', () => {
    for (const other of [
      { status: 'accepted' },
      { riskLevel: 'red' },
      { disputeType: 'neighbour' },
      { source: 'walk_in' },
      { registeredFrom: '2026-01-01' },
      { repeatApplicant: true },
      { officeId: O }
    ]) {
      expect(keptSetAlone(parse({ mediatorId: M, ...other }), null, T), JSON.stringify(other)).toBeNull()
    }
    expect(keptSetAlone(parse({ unassigned: true, riskLevel: 'red' }), null, T)).toBeNull()
    expect(keptSetAlone(parse({ unassigned: true, mediatorId: M }), null, T)).toBeNull()
    expect(keptSetAlone(parse({}), null, T)).toBeNull()
    expect(keptSetAlone(parse({ open: true }), null, T)).toBeNull()
    // An account of some offices: a mediator's cases may lie outside them; all unassigned cases are not all its own.
    expect(keptSetAlone(parse({ mediatorId: M }), [O], T)).toBeNull()
    expect(keptSetAlone(parse({ unassigned: true }), [O], T)).toBeNull()
    expect(keptSetAlone(parse({ unassigned: true, officeId: M }), [O], T)).toBeNull()
  })
})

describe('a kept set’s list on a generated store', () => {
  let app: TempApp
  beforeAll(async () => {
    app = await startSeededApp({ cases: 1500, seed: 9, until: '2026-11-28' })
    // The generated store's cases are nearly all assigned by now: a few new ones await a lead.
    await chooseOffice(app, 'wutian')
    for (const n of [1, 2, 3, 4]) await registerCaseAt(app, n, ['王芳', '陈建国'])
  }, 60_000)
  afterAll(() => app.dispose())

  const seqsOf = async (query: string) =>
    (await sql.raw<{ seq: number }>(query).execute(app.ctx.db)).rows.map((r) => Number(r.seq))

  /** Every page of the list, 2 rows a page by cursor, as seqs; and the first page's total. */
  async function paged(input: Record<string, unknown>): Promise<{ seqs: number[]; total: number | null }> {
    const seqs: number[] = []
    let cursor: string | undefined
    let total: number | null = null
    for (let i = 0; i < 1000; i++) {
      const page = await services['cases.list'](app.ctx, parse({ ...input, limit: 2, cursor }))
      if (i === 0) total = page.total
      seqs.push(...page.rows.map((r) => r.seq))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    return { seqs, total }
  }

  it('pages through exactly the set’s cases, newest or oldest first, with its count', async () => {
    const [busiest] = (
      await sql<{ mediator_id: string; n: number }>`
        select mediator_id, count(*) as n from mediator_open_cases group by 1 order by 2 desc limit 1`.execute(
        app.ctx.db
      )
    ).rows
    const office = (
      await sql<{ office_id: string }>`
        select office_id from unassigned_cases group by 1 order by count(*) desc limit 1`.execute(app.ctx.db)
    ).rows[0].office_id
    // Worked out from the cases and their assignments, not from the kept sets.
    const held = (m: string) => `select c.seq from cases c join assignments a on a.case_id = c.id
      where a.status = 'active' and a.mediator_id = '${m}'`
    const open = `c.status not in ('declined', 'closed', 'archived')`
    const unassigned = `select c.seq from cases c where ${open} and not exists (select 1 from assignments a
      where a.case_id = c.id and a.role = 'lead' and a.status = 'active')`
    const expected: Array<[Record<string, unknown>, string]> = [
      [{ mediatorId: busiest.mediator_id }, `${held(busiest.mediator_id)} group by c.seq`],
      [{ mediatorId: busiest.mediator_id, open: true }, `${held(busiest.mediator_id)} and ${open} group by c.seq`],
      [{ unassigned: true }, unassigned],
      [{ unassigned: true, officeId: office }, `${unassigned} and c.handling_office_id = '${office}'`]
    ]
    for (const [input, query] of expected) {
      const want = (await seqsOf(query)).sort((a, b) => a - b)
      expect(want.length, JSON.stringify(input)).toBeGreaterThan(2)
      await expectPaged(input, want)
    }
  })

  it('pages through the set’s cases with a deadline, each one’s due date looked up', async () => {
    const today = chinaDate(app.ctx.clock.now())
    const { mediator_id: mediator } = (
      await sql<{ mediator_id: string }>`
        select mediator_id from mediator_open_cases m join case_due d on d.case_seq = m.case_seq
        group by 1 order by count(*) desc limit 1`.execute(app.ctx.db)
    ).rows[0]
    // From the cases, their assignments and their deadlines as the deadline service keeps them.
    const open = `c.status not in ('declined', 'closed', 'archived')`
    const unassigned = `select c.seq from cases c where ${open} and not exists (select 1 from assignments a
      where a.case_id = c.id and a.role = 'lead' and a.status = 'active')`
    const due = (condition: string) => `exists (select 1 from case_due d where d.case_id = c.id and ${condition})`
    const overdue = due(`d.next_due_on < '${today}'`)
    const soon = due(`d.next_due_on >= '${today}' and d.next_due_on <= '${addCalendarDays(today, 90)}'`)
    const held = `select c.seq from cases c join assignments a on a.case_id = c.id
      where a.status = 'active' and a.mediator_id = '${mediator}' and ${open}`
    const expected: Array<[Record<string, unknown>, string]> = [
      [{ unassigned: true, due: 'overdue' }, `${unassigned} and ${overdue}`],
      [{ unassigned: true, due: 'due_soon', dueWithinDays: 90 }, `${unassigned} and ${soon}`],
      [{ mediatorId: mediator, open: true, due: 'overdue' }, `${held} and ${overdue} group by c.seq`],
      [{ mediatorId: mediator, due: 'due_soon', dueWithinDays: 90 }, `${held} and ${soon} group by c.seq`]
    ]
    const found: number[] = []
    for (const [input, query] of expected) {
      const want = (await seqsOf(query)).sort((a, b) => a - b)
      found.push(want.length)
      await expectPaged(input, want)
    }
    // The oracle is not vacuous: the new cases are due soon (more than a page of two), and some are overdue.
    expect(found[1]).toBeGreaterThan(2)
    expect(found[0] + found[2]).toBeGreaterThan(0)
    expect(found[1]).toBeLessThan(
      Number((await sql<{ n: number }>`select count(*) as n from unassigned_cases`.execute(app.ctx.db)).rows[0].n)
    )
  })

  async function expectPaged(input: Record<string, unknown>, want: number[]): Promise<void> {
    {
      const oldest = await paged({ ...input, sort: 'oldest' })
      const newest = await paged({ ...input, sort: 'newest' })
      expect(oldest.seqs, JSON.stringify(input)).toEqual(want)
      expect(newest.seqs).toEqual([...want].reverse())
      expect([oldest.total, newest.total]).toEqual([want.length, want.length])
    }
  }

  it('counts one past the cap, to say "more than"', async () => {
    const count = async (cap: number) =>
      Number(
        (
          await sql<{
            n: number
          }>`select ${keptSetCount({ table: 'unassigned_cases', seq: 'seq', key: null, due: null }, cap)} as n`.execute(
            app.ctx.db
          )
        ).rows[0].n
      )
    const all = await count(1_000_000)
    expect(all).toBeGreaterThan(3)
    expect([await count(2), await count(all), await count(all - 1)]).toEqual([3, all, all])
  })
})
