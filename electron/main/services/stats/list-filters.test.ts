/*
 * The case-list filters the overview's figures link to (by mediator, open,
 * awaiting a mediator, repeat applicant, next deadline's kind): each picks
 * exactly the seeded cases it names, and their bad values are refused in zh-CN.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCasesSchema } from '../../../../shared/domain/case-input'
import { contract } from '../../../../shared/ipc-contract'
import { addCalendarDays as addDays } from '../../../../shared/rules/working-days'
import { fixedClock, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { capturingContext, inlineParameters } from '../../tools/bench-cli'
import { services } from '../index'
import { seedOverview, type OverviewSeed } from './stats-test-kit'

const clock = fixedClock('2026-11-30T01:00:00.000Z')
let app: TempApp
let seed: OverviewSeed

beforeAll(async () => {
  app = await startTempApp({ clock })
  seed = await seedOverview(app, { accounts: false })
  // a4 failed; closing it ends it, so the open filter has something to leave out.
  await services['cases.close'](app.ctx, { caseId: seed.cases.a4, result: '调解不成，告知诉讼途径，结案', note: null })
}, 120_000)
afterAll(() => app.dispose())

async function listed(filter: Record<string, unknown>): Promise<string[]> {
  const page = await services['cases.list'](app.ctx, listCasesSchema.parse({ ...filter, limit: 100 }))
  const names = Object.fromEntries(Object.entries(seed.cases).map(([name, id]) => [id, name]))
  return page.rows.map((r) => names[r.id]).sort()
}

describe('case-list filters of the overview', () => {
  it('by mediator: the cases the roster entry holds an active assignment on', async () => {
    expect(await listed({ mediatorId: seed.mediatorM })).toEqual(['a1', 'a4', 'a5', 'b3'])
    expect(await listed({ mediatorId: seed.mediatorN })).toEqual(['b3'])
  })

  it('open: leaves out declined, closed and archived cases', async () => {
    expect(await listed({ mediatorId: seed.mediatorM, open: true })).toEqual(['a1', 'a5', 'b3'])
    expect(await listed({ open: true })).not.toContain('a4')
  })

  /** The plans of the list's statements for each filter, newest and oldest first. */
  async function plans(filters: Array<Record<string, unknown>>): Promise<string[]> {
    const capture = capturingContext(app.ctx, app.store.handle)
    for (const filter of filters)
      for (const sort of ['newest', 'oldest'] as const)
        await services['cases.list'](capture.ctx, listCasesSchema.parse({ ...filter, sort }))
    const statements = capture.take()
    expect(statements).toHaveLength(filters.length * 2)
    const explained: string[] = []
    for (const statement of statements) {
      const { rows } = await sql<{
        detail: string
      }>`explain query plan ${sql.raw(inlineParameters(statement))}`.execute(app.ctx.db)
      explained.push(rows.map((r) => r.detail).join('\n'))
    }
    return explained
  }

  it('open: only the open cases are walked, through their index, either way round', async () => {
    // As "status not in the ended ones" no index answered: open cases of one type oldest first read the type's
    // whole history (66 → 4 ms at a million cases).
    for (const plan of await plans([{ open: true }])) {
      expect(plan).toMatch(/USING (COVERING )?INDEX cases_ended_seq \(<expr>=\?\)/)
      expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
    }
  })

  /** Index names in the plan's searches of `cases` (each statement: the page's seqs, then its count). */
  const casesIndexes = (plan: string) =>
    [...plan.matchAll(/SEARCH cases USING (?:COVERING )?INDEX (\S+) \(([^)]*)\)/g)].map((m) => `${m[1]} (${m[2]})`)

  it('one office’s, one type’s, or both: their own index drives the page and its count, either way round', async () => {
    // At a million cases, through the open cases' index or an office's (office, status, seq): an office's whole list
    // 11–17 → 0.8 ms, overdue of an office with 1,115 open cases 130–160 → 1.5–3 ms, open of that office and one
    // type 120–220 → 1 ms, an office and a type 5–14 → 0.8 ms.
    const expected: Array<[Record<string, unknown>, string]> = [
      [{ officeId: seed.officeA }, 'cases_office_seq (handling_office_id=?)'],
      [{ open: true, officeId: seed.officeA }, 'cases_office_ended_seq (handling_office_id=? AND <expr>=?)'],
      [{ due: 'overdue', officeId: seed.officeB }, 'cases_office_ended_seq (handling_office_id=? AND <expr>=?)'],
      [{ due: 'overdue', disputeType: 'labour' }, 'cases_type_ended_seq (dispute_type=? AND <expr>=?)'],
      [
        { officeId: seed.officeA, disputeType: 'contract' },
        'cases_office_type_seq (handling_office_id=? AND dispute_type=?)'
      ],
      [
        { open: true, officeId: seed.officeA, disputeType: 'contract' },
        'cases_office_type_ended_seq (handling_office_id=? AND dispute_type=? AND <expr>=?)'
      ],
      // An office's open cases of one colour have their own index (through the district's open red ones, each looked
      // up for its office: 3–5 → 1–1.5 ms for 557 of 1,446 at a million cases).
      [
        { open: true, riskLevel: 'red', officeId: seed.officeA },
        'cases_office_risk_ended_seq (handling_office_id=? AND risk_level=? AND <expr>=?)'
      ],
      [
        { due: 'overdue', riskLevel: 'red', officeId: seed.officeA },
        'cases_office_risk_ended_seq (handling_office_id=? AND risk_level=? AND <expr>=?)'
      ]
    ]
    const explained = await plans(expected.map(([filter]) => filter))
    // The count has no order: any index with the same constraints serves it as well (every entry it walks matches).
    const constraints = (index: string) => index.slice(index.indexOf(' ('))
    expected.forEach(([filter, index], i) => {
      for (const plan of explained.slice(i * 2, i * 2 + 2)) {
        const [page, count] = casesIndexes(plan)
        expect([page, constraints(count)], JSON.stringify(filter)).toEqual([index, constraints(index)])
        expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
      }
    })
  })

  it('a registration date range drives, through an office’s, a type’s or a risk level’s own dates if one is asked', async () => {
    // Through an office's index the walk reached last month's cases oldest first after the office's whole history
    // (0.3–0.8 s for the busiest office at a million cases, 1–3 ms through its dates); "open" walked every open case.
    // Through the dates alone a year of a rare type took 263 ms, of red cases 143 ms (1–2 ms through their own dates).
    const from = addDays(seed.today, -30)
    const dates = 'cases_registered_at (registered_at>?)'
    const officeDates = 'cases_office_registered_seq (handling_office_id=? AND registered_at>?)'
    const expected: Array<[Record<string, unknown>, string]> = [
      [{ registeredFrom: from }, dates],
      [{ registeredFrom: from, status: 'registered', source: 'walk_in' }, dates],
      [
        { registeredFrom: from, disputeType: 'labour', open: true },
        'cases_type_registered_seq (dispute_type=? AND registered_at>?)'
      ],
      [
        { registeredFrom: from, due: 'overdue', riskLevel: 'red' },
        'cases_risk_registered_seq (risk_level=? AND registered_at>?)'
      ],
      [{ registeredFrom: from, officeId: seed.officeA }, officeDates],
      [{ registeredFrom: from, open: true, officeId: seed.officeA, disputeType: 'contract' }, officeDates]
    ]
    const explained = await plans(expected.map(([filter]) => filter))
    expected.forEach(([filter, index], i) => {
      for (const plan of explained.slice(i * 2, i * 2 + 2)) {
        expect(casesIndexes(plan), JSON.stringify(filter)).toEqual([index, index])
        expect(plan).not.toMatch(/^SCAN cases/m)
      }
    })
  })

  it('whichever index drives, each combination lists exactly the cases that meet every filter', async () => {
    const { rows } = await sql<{
      id: string
      office: string
      type: string
      risk: string
      status: string
      registered: string
      due: string | null
    }>`select c.id, c.handling_office_id as office, c.dispute_type as type, c.risk_level as risk, c.status,
         c.registered_at as registered, d.next_due_on as due
       from cases c left join case_due d on d.case_seq = c.seq`.execute(app.ctx.db)
    const names = Object.fromEntries(Object.entries(seed.cases).map(([name, id]) => [id, name]))
    const from = addDays(seed.today, -30)
    const fromInstant = new Date(`${from}T00:00:00+08:00`).toISOString()
    type Filter = { officeId?: string; disputeType?: string; riskLevel?: string; open?: boolean; due?: 'overdue' }
    const oracle = (f: Filter & { registeredFrom?: string }) =>
      rows
        .filter(
          (r) =>
            (!f.officeId || r.office === f.officeId) &&
            (!f.disputeType || r.type === f.disputeType) &&
            (!f.riskLevel || r.risk === f.riskLevel) &&
            (!f.open || !['declined', 'closed', 'archived'].includes(r.status)) &&
            (!f.due || (r.due !== null && r.due < seed.today)) &&
            (!f.registeredFrom || r.registered >= fromInstant)
        )
        .map((r) => names[r.id])
        .sort()
    const combinations: Filter[] = [
      { officeId: seed.officeA },
      { open: true, officeId: seed.officeA },
      { due: 'overdue', officeId: seed.officeB },
      { open: true, disputeType: 'contract' },
      { officeId: seed.officeA, disputeType: 'contract' },
      { open: true, officeId: seed.officeB, disputeType: 'labour' },
      { open: true, riskLevel: 'red', officeId: seed.officeA },
      { due: 'overdue', riskLevel: 'red', officeId: seed.officeB },
      { riskLevel: 'red' }
    ]
    let nonEmpty = 0
    for (const filter of combinations)
      for (const dated of [false, true]) {
        const asked = dated ? { ...filter, registeredFrom: from } : filter
        const want = oracle(asked)
        if (want.length > 0) nonEmpty++
        expect(await listed(asked), JSON.stringify(asked)).toEqual(want)
      }
    // The oracle is not vacuous: most combinations name some of the seeded cases.
    expect(nonEmpty).toBeGreaterThanOrEqual(12)
  })

  it('open of one risk level: only the open cases of that level are walked, either way round', async () => {
    // The supervisor's overview links its count of open red cases to this list. Through the risk index it walked
    // every red case ever registered, through the open cases' index every open case (73 → 1.3 ms at a million).
    for (const plan of await plans([{ open: true, riskLevel: 'red' }])) {
      expect(plan).toMatch(/USING (COVERING )?INDEX cases_risk_ended_seq \(risk_level=\? AND <expr>=\?\)/)
      expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
    }
  })

  it('one mediator’s: read from the store’s own sets of them, in page order either way round', async () => {
    // By case id SQLite looked up every case of the mediator to sort them (97 → 6 ms for the busiest at a million
    // cases), or fetched every open case's id (33 → 5 ms). As a filter on the cases, each set was copied whole into a
    // temporary index for the page and again for the count (3 ms for the busiest; case-list-sets.ts).
    const [all, allOldest, open, openOldest, red, redOldest] = await plans([
      { mediatorId: seed.mediatorM },
      { mediatorId: seed.mediatorM, open: true },
      { mediatorId: seed.mediatorM, riskLevel: 'red' }
    ])
    for (const [plan, table] of [
      [all, 'mediator_cases'],
      [allOldest, 'mediator_cases'],
      [open, 'mediator_open_cases'],
      [openOldest, 'mediator_open_cases']
    ]) {
      expect(plan.match(new RegExp(`SEARCH ${table} USING PRIMARY KEY \\(mediator_id=\\?\\)`, 'g'))).toHaveLength(2)
      // The set alone: no case looked up, nothing copied into a temporary index.
      expect(plan).not.toMatch(/SEARCH cases|SCAN cases|TEMP B-TREE/)
    }
    // With another filter the set is one filter among the others, each case found by seq.
    for (const plan of [red, redOldest]) {
      expect(plan.match(/SEARCH mediator_cases USING PRIMARY KEY \(mediator_id=\?\)/g)).toHaveLength(2)
      expect(plan).toMatch(/SEARCH cases USING (COVERING )?INDEX \S+ \((risk_level=\? AND )?seq=\?\)/)
      expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
    }
  })

  it('overdue: the open cases drive, alone or of one risk level, each one’s due date looked up by seq', async () => {
    // Collected first by date, every overdue case was found again by seq (29,508 at a million cases): overdue alone
    // 7.7 → 3.3 ms, overdue and red 85 → 2 ms.
    const [alone, aloneOldest, red, redOldest] = await plans([{ due: 'overdue' }, { due: 'overdue', riskLevel: 'red' }])
    for (const plan of [alone, aloneOldest])
      expect(plan).toMatch(/SEARCH cases USING (COVERING )?INDEX cases_ended_seq/)
    for (const plan of [red, redOldest])
      expect(plan).toMatch(/SEARCH cases USING (COVERING )?INDEX cases_risk_ended_seq/)
    for (const plan of [alone, aloneOldest, red, redOldest]) {
      expect(plan).toMatch(
        /SEARCH case_due (EXISTS )?USING COVERING INDEX case_due_seq_on \(case_seq=\? AND next_due_on<\?\)/
      )
      expect(plan).not.toMatch(/case_due_on|^SCAN cases|TEMP B-TREE/m)
    }
    // Due within days, or of one kind, are few: they drive, collected by date (and kind) first.
    for (const plan of await plans([{ due: 'due_soon' }, { due: 'overdue', dueKind: 'follow_up', riskLevel: 'red' }])) {
      expect(plan).toMatch(/SEARCH case_due USING (COVERING )?INDEX case_due_on \(next_due_on[<>]/)
      expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
    }
  })

  it('unassigned: the page and its count read the store’s own table of them, in page order either way round', async () => {
    // Through the open cases, oldest first walked every open case with a lead to fill the page (0.47 s at a million);
    // through an office's index, every case of the office (25 ms); and with a due filter, every due case was
    // collected first (12 ms).
    // Alone, all or one office's (the table's rows carry it, migration 2026_12_06_2200): read from the set itself.
    for (const plan of await plans([{ unassigned: true }, { unassigned: true, officeId: seed.officeA }])) {
      const setRead =
        /SCAN unassigned_cases|SEARCH unassigned_cases USING COVERING INDEX unassigned_cases_office \(office_id=\?\)/g
      expect(plan.match(setRead)).toHaveLength(2)
      expect(plan).not.toMatch(/SEARCH cases|SCAN cases|TEMP B-TREE/)
    }
    // With a deadline, the set is read once, for the page and the count alike, each case's due date looked up by seq.
    for (const plan of await plans([
      { unassigned: true, due: 'overdue' },
      { unassigned: true, officeId: seed.officeA, due: 'due_soon' }
    ])) {
      const setRead =
        /SCAN unassigned_cases|SEARCH unassigned_cases USING COVERING INDEX unassigned_cases_office \(office_id=\?\)/g
      expect(plan.match(setRead)).toHaveLength(1)
      expect(plan).toMatch(/MATERIALIZE matches/)
      // The due date from the index beside the seq (2026_12_07_0400), not from the row: one descent a case.
      expect(plan).toMatch(/SEARCH case_due EXISTS USING COVERING INDEX case_due_seq_on \(case_seq=\?/)
      expect(plan).not.toMatch(/SEARCH cases|SCAN cases|case_due_on/)
    }
    const filters = [
      { unassigned: true, riskLevel: 'red' },
      { unassigned: true, officeId: seed.officeA, riskLevel: 'red' }
    ]
    // With other filters, walked by seq, or the office's stretch.
    const unassignedRead =
      /USING ROWID SEARCH ON TABLE unassigned_cases FOR IN-OPERATOR|unassigned_cases USING COVERING INDEX unassigned_cases_office \(office_id=\?\)/g
    for (const plan of await plans(filters)) {
      expect(plan.match(unassignedRead)).toHaveLength(2)
      // A due date is looked up for each unassigned case, not every due case collected by date first.
      expect(plan).not.toMatch(/case_due USING (COVERING )?INDEX case_due_on/)
      expect(plan).not.toMatch(/^SCAN cases|TEMP B-TREE/m)
    }
  })

  it('unassigned: open cases with no active lead mediator', async () => {
    expect(await listed({ unassigned: true })).toEqual(['a2', 'a3', 'b1', 'b2'])
    expect(await listed({ unassigned: true, officeId: seed.officeA })).toEqual(['a2', 'a3'])
    expect(await listed({ unassigned: true, due: 'overdue' })).toEqual(['a3', 'b2'])
    expect(await listed({ unassigned: true, due: 'overdue', officeId: seed.officeB })).toEqual(['b2'])
    // Its count is exact either way round.
    for (const sort of ['newest', 'oldest'] as const) {
      const page = await services['cases.list'](app.ctx, listCasesSchema.parse({ unassigned: true, sort }))
      expect([page.total, page.totalIsLowerBound]).toEqual([4, false])
    }
  })

  it('repeat applicant: an applicant with another case in the 12 months before', async () => {
    // 王芳 applied in a1 (40 days ago), then again in a2 and b1 today; a1 itself is her first.
    expect(await listed({ repeatApplicant: true })).toEqual(['a2', 'b1'])
  })

  it('next deadline of a kind, with the due filter', async () => {
    expect(await listed({ due: 'overdue', dueKind: 'acceptance' })).toEqual(['a3', 'b2'])
    expect(await listed({ due: 'overdue', dueKind: 'follow_up' })).toEqual([])
    expect(await listed({ due: 'overdue', riskLevel: 'red' })).toEqual(['a3', 'b2'])
  })

  it('refuses bad values with a zh-CN message', () => {
    const bad = listCasesSchema.safeParse({ mediatorId: 'x', dueKind: 'nope' })
    expect(bad.success).toBe(false)
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    expect(messages).toEqual(expect.arrayContaining(['mediatorId:调解员编号无效', 'dueKind:请选择期限种类']))
  })

  it('the charts total agreements in their one pass over the period, from an index that holds the amounts', async () => {
    // A second pass joining the period's cases to their agreements took 0.53 s of the charts' 1.65 s at a million
    // cases; reading each agreement's row for its amount, 0.63 s of the pass (0.17–0.23 s from the index).
    const capture = capturingContext(app.ctx, app.store.handle)
    await services['stats.charts'](capture.ctx, contract['stats.charts'].input.parse({}))
    const statements = capture.take()
    expect(statements.filter((s) => /agreements/.test(s.sql))).toHaveLength(1)
    const period = statements.find((s) => /agreements/.test(s.sql))!
    const { rows } = await sql<{ detail: string }>`explain query plan ${sql.raw(inlineParameters(period))}`.execute(
      app.ctx.db
    )
    // The agreements are aliased `a` in both correlated reads.
    const agreementReads = rows.map((r) => r.detail).filter((d) => /^(SEARCH|SCAN) a\b/.test(d))
    expect(agreementReads.length).toBeGreaterThanOrEqual(2)
    for (const read of agreementReads)
      expect(read).toMatch(/USING COVERING INDEX agreements_case_amount \(case_id=\?\)/)
  })
})
