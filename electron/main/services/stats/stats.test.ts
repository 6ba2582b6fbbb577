/*
 * The overview's figures against counts written separately in plain SQL (or
 * JavaScript over raw rows) on a seeded district of two offices, per role
 * and reach: a clerk of 梧田 never counts 景山's cases. Every figure must also
 * equal the total of the case list its link opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { listCasesSchema } from '../../../../shared/domain/case-input'
import type { CaseListFilter, Figure } from '../../../../shared/domain/stats'
import { createHandlerTable, type HandlerTable } from '../../ipc/register'
import { fixedClock, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { addRoom, sessionInput } from '../../../../tests/support/hearing-fixtures'
import { scheduleHearingSchema } from '../../../../shared/domain/hearing-input'
import { services } from '../index'
import { capturingContext, inlineParameters } from '../../tools/bench-cli'
import { SEED_PASSWORD, seedOverview, type OverviewSeed } from './stats-test-kit'

// Monday 30 November 2026, 09:00 in China: the week runs 11-30 to 12-06.
const clock = fixedClock('2026-11-30T01:00:00.000Z')
let app: TempApp
let handlers: HandlerTable
let seed: OverviewSeed

beforeAll(async () => {
  app = await startTempApp({ clock })
  await services['auth.setupAdmin'](app.ctx, { username: 'admin', displayName: '王主任', password: SEED_PASSWORD })
  seed = await seedOverview(app)
  const room = await addRoom(app)
  const a5 = await services['cases.get'](app.ctx, { caseId: seed.cases.a5 })
  await services['hearings.schedule'](
    app.ctx,
    scheduleHearingSchema.parse({ ...sessionInput(a5, seed.mediatorM, room.id), confirmWarnings: true })
  )
  handlers = createHandlerTable(app.ctx)
}, 120_000)
afterAll(() => app.dispose())

async function signInAs(username: string): Promise<void> {
  const result = await handlers['auth.signIn']({ username, password: SEED_PASSWORD })
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

async function data<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.data
}

/** The raw count, written apart from the services. */
async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return Number((await query.execute(app.ctx.db)).rows[0].n)
}

/** The case list (as an administrator sees it, unscoped) for a figure's filter: its total must equal the figure. */
async function listTotal(filter: CaseListFilter): Promise<number> {
  return (await services['cases.list'](app.ctx, listCasesSchema.parse({ ...filter, limit: 500 }))).total!
}

async function expectFigure(f: Figure, expected: number): Promise<void> {
  expect(f.value).toBe(expected)
  const saved = app.ctx.session.accountsEnabled
  app.ctx.session.accountsEnabled = false
  try {
    expect(await listTotal(f.filter)).toBe(expected)
  } finally {
    app.ctx.session.accountsEnabled = saved
  }
}

const ENDED = sql.raw(`('declined', 'closed', 'archived')`)
const TODAY = '2026-11-30'

describe('clerk home', () => {
  for (const who of ['clerkA', 'clerkB'] as const) {
    it(`${who}: today's intake, awaiting decision and repeat applicants of their own office only`, async () => {
      await signInAs(seed.users[who])
      const office = who === 'clerkA' ? seed.officeA : seed.officeB
      const home = await data(handlers['stats.clerkHome']({}))
      const startUtc = '2026-11-29T16:00:00.000Z'
      const endUtc = '2026-11-30T16:00:00.000Z'
      await expectFigure(
        home.todayIntake,
        await count(sql<{ n: number }>`select count(*) as n from cases where handling_office_id = ${office}
          and registered_at >= ${startUtc} and registered_at < ${endUtc}`)
      )
      await expectFigure(
        home.awaitingDecision,
        await count(sql<{ n: number }>`select count(*) as n from cases
          where handling_office_id = ${office} and status = 'registered'`)
      )
      // Repeat applicants, in JavaScript over the raw rows: this month's cases whose applicant (same record or
      // ID number) appears in another case registered in the 12 months before.
      const links = (
        await sql<{
          case_id: string
          role: string
          party_id: string
          id_number: string | null
          at: string
          office: string
        }>`
        select cp.case_id, cp.role, cp.party_id, p.id_number, c.registered_at as at, c.handling_office_id as office
        from case_parties cp join parties p on p.id = cp.party_id join cases c on c.id = cp.case_id`.execute(app.ctx.db)
      ).rows
      const keyOf = (l: (typeof links)[number]) => l.id_number ?? l.party_id
      const repeat = new Set(
        links
          .filter((l) => l.office === office && l.role === 'applicant' && l.at >= '2026-10-31T16:00:00.000Z')
          .filter((l) =>
            links.some(
              (e) =>
                e.case_id !== l.case_id &&
                keyOf(e) === keyOf(l) &&
                e.at < l.at &&
                e.at >= new Date(new Date(l.at).setUTCFullYear(new Date(l.at).getUTCFullYear() - 1)).toISOString()
            )
          )
          .map((l) => l.case_id)
      )
      await expectFigure(home.repeatApplicants, repeat.size)
      // The seed has one repeat applicant at each office (王芳 came back), so the figure is not trivially zero.
      expect(repeat.size).toBe(1)
      expect(home.todayIntake.filter.officeId).toBe(office)
    })
  }

  it('a clerk may not open the supervisor home nor another office’s charts', async () => {
    await signInAs(seed.users.clerkA)
    expect(await handlers['stats.supervisorHome']({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await handlers['stats.charts']({ officeId: seed.officeB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('本组织') }
    })
  })
})

describe('mediator home', () => {
  it('counts the linked roster entry’s own open cases, sessions and deadlines at their office', async () => {
    await signInAs(seed.users.mediator)
    const home = await data(handlers['stats.mediatorHome']({}))
    expect(home.mediatorId).toBe(seed.mediatorM)
    expect(home.conflictChecksPending).toBeNull()
    const mine = sql`select a.case_id from assignments a where a.mediator_id = ${seed.mediatorM} and a.status = 'active'`
    const byStatus = (
      await sql<{ status: string; n: number }>`select status, count(*) as n from cases
        where id in (${mine}) and handling_office_id = ${seed.officeA} and status not in ${ENDED}
        group by status`.execute(app.ctx.db)
    ).rows
    expect(Object.fromEntries(home.openByStatus.map((s) => [s.status, s.value]))).toEqual(
      Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))
    )
    for (const s of home.openByStatus) await expectFigure(s, s.value)
    // b3 at 景山 (M assists there) is outside the account's office.
    await expectFigure(home.openTotal, 3)
    const due = (cond: ReturnType<typeof sql>) =>
      count(sql<{ n: number }>`select count(*) as n from case_due d join cases c on c.id = d.case_id
        where c.id in (${mine}) and c.handling_office_id = ${seed.officeA} and ${cond}`)
    await expectFigure(home.overdue, await due(sql`d.next_due_on < ${TODAY}`))
    await expectFigure(home.dueSoon, await due(sql`d.next_due_on between ${TODAY} and '2026-12-07'`))
    expect(home.dueSoon.value).toBeGreaterThan(0)
    await expectFigure(
      home.followUpsOverdue,
      await due(sql`d.next_due_on < ${TODAY} and d.next_due_kind = 'follow_up'`)
    )
    await expectFigure(
      home.followUpsDueSoon,
      await due(sql`d.next_due_on between ${TODAY} and '2026-12-07' and d.next_due_kind = 'follow_up'`)
    )
    const sessions = await count(sql<{ n: number }>`select count(*) as n from hearings h
      join hearing_mediators hm on hm.hearing_id = h.id
      where hm.mediator_id = ${seed.mediatorM} and h.status <> 'cancelled'
        and substr(h.starts_at, 1, 10) between '2026-11-30' and '2026-12-06'`)
    expect(home.sessionsThisWeek).toBe(sessions)
    expect(sessions).toBe(1)
    expect(home.sessionsToday).toBe(0)
  })

  it('a lawyer-mediator also sees the open cases of their office awaiting a mediator (and a conflict check)', async () => {
    await signInAs(seed.users.lawyer)
    const home = await data(handlers['stats.mediatorHome']({ dueWithinDays: 30 }))
    expect(home.mediatorId).toBeNull()
    const expected = await count(sql<{ n: number }>`select count(*) as n from cases c
      where c.handling_office_id = ${seed.officeA} and c.status not in ${ENDED}
        and not exists (select 1 from assignments a where a.case_id = c.id and a.role = 'lead' and a.status = 'active')`)
    await expectFigure(home.conflictChecksPending!, expected)
    expect(expected).toBe(2)
  })
})

describe('supervisor home', () => {
  it('overdue and red-risk cases by office, load per mediator, this month against last', async () => {
    await signInAs(seed.users.supervisor)
    const home = await data(handlers['stats.supervisorHome']({}))
    const perOffice = async (cond: ReturnType<typeof sql>) =>
      new Map(
        (
          await sql<{ office: string; n: number }>`select c.handling_office_id as office, count(*) as n from cases c
            left join case_due d on d.case_id = c.id where ${cond} group by c.handling_office_id`.execute(app.ctx.db)
        ).rows.map((r) => [r.office, Number(r.n)])
      )
    const overdue = await perOffice(sql`d.next_due_on < ${TODAY}`)
    const red = await perOffice(sql`c.risk_level = 'red' and c.status not in ${ENDED}`)
    const overdueRed = await perOffice(sql`d.next_due_on < ${TODAY} and c.risk_level = 'red'`)
    expect(home.offices.map((o) => o.officeId).sort()).toEqual([seed.officeA, seed.officeB].sort())
    for (const o of home.offices) {
      await expectFigure(o.overdue, overdue.get(o.officeId) ?? 0)
      await expectFigure(o.redRisk, red.get(o.officeId) ?? 0)
      await expectFigure(o.overdueRed, overdueRed.get(o.officeId) ?? 0)
    }
    // a3 and b2: red, never decided on, long overdue.
    await expectFigure(home.totals.overdueRed, 2)
    const load = (
      await sql<{ m: string; n: number }>`select a.mediator_id as m, count(distinct a.case_id) as n from assignments a
        join cases c on c.id = a.case_id where a.status = 'active' and c.status not in ${ENDED}
        group by a.mediator_id`.execute(app.ctx.db)
    ).rows
    expect(Object.fromEntries(home.load.map((l) => [l.mediatorId, l.active.value]))).toEqual(
      Object.fromEntries(load.map((r) => [r.m, Number(r.n)]))
    )
    for (const l of home.load) await expectFigure(l.active, l.active.value)
    const inMonth = (from: string, to: string) =>
      count(
        sql<{ n: number }>`select count(*) as n from cases where registered_at >= ${from} and registered_at < ${to}`
      )
    await expectFigure(home.thisMonth, await inMonth('2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'))
    await expectFigure(home.lastMonth, await inMonth('2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'))
    expect(home.lastMonth.month).toBe('2026-10')
  })

  it('counts each mediator’s open cases index to index: the open cases, then the mediators holding each', async () => {
    // Through the assignments by case id it read every open case's row and every assignment's (250 → 50 ms at a
    // million cases).
    await signInAs(seed.users.supervisor)
    const capture = capturingContext(app.ctx, app.store.handle)
    await services['stats.supervisorHome'](capture.ctx, {})
    const [load] = capture.take().filter((s) => s.sql.includes('"mediator_cases"'))
    const { rows } = await sql<{ detail: string }>`explain query plan ${sql.raw(inlineParameters(load))}`.execute(
      app.ctx.db
    )
    const plan = rows.map((r) => r.detail).join('\n')
    expect(plan).toMatch(/SEARCH cases USING (COVERING )?INDEX cases_ended_seq \(<expr>=\?\)/)
    expect(plan).toMatch(/SEARCH mediator_cases USING COVERING INDEX mediator_cases_by_case \(case_seq=\?\)/)
  })
})

describe('a clerk’s case list', () => {
  it('names their office, whose indexes then drive as if they had picked it; the same cases as that office’s list', async () => {
    // The reach as an indexed "office in (…)" competed with the filters' own indexes: open red cases of the busiest
    // office went through the office's open cases (2 → 67 ms at a million cases).
    const filters = [{ open: true, riskLevel: 'red' }, { due: 'overdue' }, { disputeType: 'contract' }] as const
    const expectedIndex = ['cases_office_risk_ended_seq', 'cases_office_ended_seq', 'cases_office_type_seq']
    await signInAs(seed.users.clerkA)
    const capture = capturingContext(app.ctx, app.store.handle)
    for (const filter of filters) await services['cases.list'](capture.ctx, listCasesSchema.parse(filter))
    // Each list: the account's offices, then the page with its count.
    const statements = capture.take().filter((s) => s.sql.includes('"case_list_rows"'))
    expect(statements).toHaveLength(filters.length)
    for (const [i, statement] of statements.entries()) {
      const { rows } = await sql<{
        detail: string
      }>`explain query plan ${sql.raw(inlineParameters(statement))}`.execute(app.ctx.db)
      const page = rows.map((r) => r.detail).find((d) => d.startsWith('SEARCH cases'))
      expect(page, JSON.stringify(filters[i])).toMatch(new RegExp(`INDEX ${expectedIndex[i]} \\(`))
    }
    for (const filter of filters) {
      const own = await services['cases.list'](app.ctx, listCasesSchema.parse(filter))
      app.ctx.session.accountsEnabled = false
      try {
        const office = await services['cases.list'](
          app.ctx,
          listCasesSchema.parse({ ...filter, officeId: seed.officeA })
        )
        expect(own.rows.map((r) => r.id)).toEqual(office.rows.map((r) => r.id))
        expect(own.total).toBe(office.total)
      } finally {
        app.ctx.session.accountsEnabled = true
      }
    }
  })
})

describe('charts', () => {
  const grouped = async (column: string, office: string | null) =>
    new Map(
      (
        await sql<{ k: string; n: number }>`select ${sql.ref(column)} as k, count(*) as n from cases
          where registered_at >= '2025-11-30T16:00:00.000Z' and registered_at < '2026-11-30T16:00:00.000Z'
          ${office ? sql`and handling_office_id = ${office}` : sql``}
          group by ${sql.ref(column)}`.execute(app.ctx.db)
      ).rows.map((r) => [r.k, Number(r.n)])
    )

  for (const who of ['supervisor', 'clerkA'] as const) {
    it(`${who}: every series equals a plain count over the period${who === 'clerkA' ? ', own office only' : ''}`, async () => {
      await signInAs(seed.users[who])
      const office = who === 'clerkA' ? seed.officeA : null
      const charts = await data(handlers['stats.charts']({}))
      expect(charts).toMatchObject({ from: '2025-12-01', to: TODAY, officeId: office })
      const series = {
        byDisputeType: 'dispute_type',
        byOffice: 'handling_office_id',
        byStatus: 'status',
        bySource: 'source',
        byRisk: 'risk_level'
      } as const
      for (const [name, column] of Object.entries(series)) {
        const expected = await grouped(column, office)
        const got = charts[name as keyof typeof series]
        expect(new Map(got.map((r) => [r.key, r.value])), name).toEqual(expected)
        for (const row of got) await expectFigure(row, row.value)
      }
      const months = await sql<{ k: string; n: number }>`select substr(datetime(registered_at, '+8 hours'), 1, 7) as k,
        count(*) as n from cases ${office ? sql`where handling_office_id = ${office}` : sql``} group by k`.execute(
        app.ctx.db
      )
      const byMonth = new Map(months.rows.map((r) => [r.k, Number(r.n)]))
      expect(charts.byMonth).toHaveLength(12)
      for (const row of charts.byMonth) expect(row.value, row.key).toBe(byMonth.get(row.key) ?? 0)
      // A period ending mid-month: its last month counts up to that day, and says so.
      const midMonth = await data(handlers['stats.charts']({ to: '2026-11-15' }))
      const november = midMonth.byMonth.at(-1)!
      expect(november).toMatchObject({ key: '2026-11', label: '2026年11月（截至15日）' })
      expect(november.filter).toMatchObject({ registeredFrom: '2026-11-01', registeredTo: '2026-11-15' })
      const early = await count(sql<{ n: number }>`select count(*) as n from cases
        where registered_at >= '2026-10-31T16:00:00.000Z' and registered_at < '2026-11-15T16:00:00.000Z'
        ${office ? sql`and handling_office_id = ${office}` : sql``}`)
      expect(november.value).toBe(early)
      expect(november.value).toBeLessThan(byMonth.get('2026-11')!)
      await expectFigure(november, early)
      const outcomes = await sql<{ k: string; ok: number; done: number }>`select c.handling_office_id as k,
        sum(exists (select 1 from agreements a where a.case_id = c.id)) as ok,
        sum(exists (select 1 from agreements a where a.case_id = c.id)
          or exists (select 1 from terminations t where t.case_id = c.id and t.kind = 'failed')) as done
        from cases c ${office ? sql`where c.handling_office_id = ${office}` : sql``}
        group by c.handling_office_id having done > 0`.execute(app.ctx.db)
      expect(charts.successByOffice.map((r) => [r.key, r.succeeded, r.concluded])).toEqual(
        outcomes.rows.map((r) => [r.k, Number(r.ok), Number(r.done)])
      )
      expect(charts.successByOffice.find((r) => r.key === seed.officeA)?.rate).toBe(50)
      const amounts = await sql<{ k: string; n: number; cents: number }>`select c.dispute_type as k, count(*) as n,
        sum(a.amount_cents) as cents from agreements a join cases c on c.id = a.case_id
        ${office ? sql`where c.handling_office_id = ${office}` : sql``} group by c.dispute_type`.execute(app.ctx.db)
      expect(charts.agreementAmounts.map((r) => [r.key, r.agreements, r.amountCents])).toEqual(
        amounts.rows.map((r) => [r.k, Number(r.n), Number(r.cents)])
      )
      if (office) expect(charts.byOffice.map((r) => r.key)).toEqual([office])
    })
  }

  it('filters by office and period', async () => {
    await signInAs(seed.users.supervisor)
    const charts = await data(handlers['stats.charts']({ officeId: seed.officeB, from: '2026-11-01', to: TODAY }))
    const expected = await count(sql<{
      n: number
    }>`select count(*) as n from cases where handling_office_id = ${seed.officeB}
      and registered_at >= '2026-10-31T16:00:00.000Z' and registered_at < '2026-11-30T16:00:00.000Z'`)
    expect(charts.total).toBe(expected)
    expect(charts.byOffice).toEqual([expect.objectContaining({ key: seed.officeB, value: expected })])
  })
})

describe('the case list within reach', () => {
  it('a clerk lists and searches only their own office’s cases, and may not ask for another office', async () => {
    await signInAs(seed.users.clerkA)
    const page = await data(handlers['cases.list']({ limit: 500 }))
    const own = await count(
      sql<{ n: number }>`select count(*) as n from cases where handling_office_id = ${seed.officeA}`
    )
    expect(page.total).toBe(own)
    expect(page.total).toBeLessThan(await count(sql<{ n: number }>`select count(*) as n from cases`))
    const refused = await handlers['cases.list']({ officeId: seed.officeB })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    await signInAs(seed.users.supervisor)
    const all = await data(handlers['cases.list']({ limit: 500 }))
    expect(all.total).toBe(await count(sql<{ n: number }>`select count(*) as n from cases`))
  })
})
