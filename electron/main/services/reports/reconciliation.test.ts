/*
 * Reconciliation (issue 9): on a generated register of 10,000 cases,
 * with outcomes, confirmations, patrols and hand-entered figures added
 * through the services, every figure of the report — for this office and,
 * at the district center, for every office and the 合计 — equals the
 * independent count of report-test-kit.ts, for a month, a quarter and a year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { ReportPeriodInput } from '../../../../shared/domain/report'
import { capturingContext, inlineParameters } from '../../tools/bench-cli'
import { startSeededApp, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { setSetting } from '../settings'
import {
  addPatrol,
  confirm,
  failMediation,
  flatten,
  independentCounts,
  reachAgreement,
  sumFlats
} from './report-test-kit'
import { resolvePeriod } from './period'

let app: TempApp
let district: string

const PERIODS: ReportPeriodInput[] = [
  { period: 'month', year: 2026, month: 11, scope: 'district' },
  { period: 'month', year: 2026, month: 10, scope: 'district' },
  { period: 'quarter', year: 2026, quarter: 4, scope: 'district' },
  { period: 'year', year: 2026, scope: 'district' },
  { period: 'year', year: 2025, scope: 'district' }
]

beforeAll(async () => {
  // 10,000 cases: the generator carries most to their close, and the test needs 24 still open to decide.
  app = await startSeededApp({ cases: 10_000, seed: 19, until: '2026-11-28', transactionSize: 1000 })
  district = (await app.ctx.db.selectFrom('offices').select('id').where('code', '=', 'ouhai').executeTakeFirstOrThrow())
    .id

  // Outcomes on seeded accepted cases, through the lifecycle services, spread over October and November.
  const accepted = await app.ctx.db
    .selectFrom('cases')
    .select('id')
    .where('status', 'in', ['accepted', 'in_mediation'])
    .orderBy('seq')
    .limit(24)
    .execute()
  expect(accepted.length).toBe(24)
  for (const [i, { id }] of accepted.entries()) {
    const on =
      i % 2 === 0
        ? `2026-11-${String(10 + (i % 17)).padStart(2, '0')}`
        : `2026-10-${String(5 + (i % 20)).padStart(2, '0')}`
    if (i % 5 === 4) {
      await failMediation(app, id, on)
      continue
    }
    const terms = await reachAgreement(app, id, on, 10_000 * (i + 1) + 55)
    // Some fully performed (in November), one only half performed (not counted as performed).
    if (i % 3 === 0) {
      for (const termId of terms)
        await services['agreements.markTerm'](app.ctx, { termId, performedOn: '2026-11-27', note: null })
    }
    if (i === 1)
      await services['agreements.markTerm'](app.ctx, { termId: terms[0], performedOn: '2026-11-20', note: null })
    if (i % 4 === 0) await confirm(app, id, '2026-11-26', i % 8 === 0 ? 'confirmed' : 'rejected')
  }
  const offices = await app.ctx.db.selectFrom('offices').select(['id', 'code']).execute()
  const wutian = offices.find((o) => o.code === 'wutian')!.id
  await addPatrol(app, wutian, '2026-11-03 09:00', 2)
  await addPatrol(app, wutian, '2026-11-30 23:59', 1)
  await addPatrol(app, wutian, '2026-10-31 23:59', 0)
  await addPatrol(app, district, '2026-12-01 00:00', 4)
  await services['reports.saveFigures'](app.ctx, {
    month: '2026-11',
    figures: [
      { field: 'criminal_cases', value: 2 },
      { field: 'criminal_persons', value: 7 }
    ]
  })
  // The district center is the hub: it types in the returns of other offices too.
  await services['reports.saveFigures'](app.ctx, {
    officeId: wutian,
    month: '2026-10',
    figures: [
      { field: 'fight_cases', value: 1 },
      { field: 'fight_persons', value: 12 }
    ]
  })
}, 240_000)

afterAll(() => app?.dispose())

describe('the report reconciles with the raw tables', () => {
  for (const input of PERIODS) {
    it(`district, ${input.period} ${input.year}-${input.month ?? input.quarter ?? ''}: every office and the total`, async () => {
      const report = await services['reports.monthly'](app.ctx, input)
      const { from, to, months } = resolvePeriod(input)
      const counts = await independentCounts(app.ctx.db, from, to, months)
      const zero = sumFlats([])
      // Every office with anything to count is on the report, with exactly its counts.
      const listed = new Set(report.rows.map((r) => r.officeId))
      for (const office of counts.keys()) expect(listed.has(office), office).toBe(true)
      for (const row of report.rows)
        expect(flatten(row.figures), row.officeName).toEqual(counts.get(row.officeId) ?? zero)
      expect(flatten(report.total)).toEqual(sumFlats(counts.values()))
      expect(report.total.accepted).toBeGreaterThan(0)
    })
  }

  it('has outcomes to count: agreements, failures, performance, confirmations, patrols and typed-in figures', async () => {
    const nov = await services['reports.monthly'](app.ctx, {
      period: 'month',
      year: 2026,
      month: 11,
      scope: 'district'
    })
    expect(nov.total.succeeded).toBeGreaterThan(5)
    expect(nov.total.failed).toBeGreaterThan(0)
    expect(nov.total.performed).toBeGreaterThan(0)
    expect(nov.total.judiciallyConfirmed).toBeGreaterThan(0)
    // The two reports added here (on their own grid), on top of what the generator's grid workers filed.
    const { rows: generated } = await sql<{ n: number; found: number }>`
      select count(*) as n, coalesce(sum(disputes_found), 0) as found from patrol_reports
      where patrolled_at >= '2026-11' and patrolled_at < '2026-11~' and grid_code <> '330304001001'`.execute(app.ctx.db)
    expect(generated[0].n).toBeGreaterThan(0)
    expect(nov.total.patrols).toBe(generated[0].n + 2)
    expect(nov.total.disputesFound).toBe(generated[0].found + 3)
    expect(nov.total.prevented.criminal).toEqual({ cases: 2, persons: 7 })
    expect(nov.total.successRate).toBeCloseTo((100 * nov.total.succeeded) / (nov.total.succeeded + nov.total.failed), 1)
    const q4 = await services['reports.monthly'](app.ctx, {
      period: 'quarter',
      year: 2026,
      quarter: 4,
      scope: 'district'
    })
    expect(q4.total.prevented.fight).toEqual({ cases: 1, persons: 12 })
  })

  it('reads the period through its date indexes, never a whole table of cases, agreements or terms', async () => {
    // At a million cases a whole-table read made a month's report take 4–5 s (migration 2026_12_06_1000).
    const capture = capturingContext(app.ctx, app.store.handle)
    await services['reports.monthly'](capture.ctx, { period: 'month', year: 2026, month: 11, scope: 'district' })
    const plans: string[] = []
    for (const statement of capture.take()) {
      const { rows } = await sql<{
        detail: string
      }>`explain query plan ${sql.raw(inlineParameters(statement))}`.execute(app.ctx.db)
      plans.push(rows.map((r) => r.detail).join('\n'))
    }
    const all = plans.join('\n')
    for (const index of ['cases_accepted_at', 'agreements_effective_on', 'agreement_terms_performed_on']) {
      expect(all).toContain(index)
    }
    // A full scan names its table (or its alias) without an index: "SCAN c", "SCAN agreement_terms". (Terminations
    // and confirmations, a tenth of the cases, are still scanned: 40 ms each at a million cases.)
    expect(all).not.toMatch(/^SCAN (c|a|cases|agreements|agreement_terms)$/m)
  })

  it('for this office alone, equals its own independent count', async () => {
    const input: ReportPeriodInput = { period: 'year', year: 2026, scope: 'office' }
    const report = await services['reports.monthly'](app.ctx, input)
    const { from, to, months } = resolvePeriod(input)
    const counts = await independentCounts(app.ctx.db, from, to, months)
    expect(report.rows.map((r) => r.officeId)).toEqual([district])
    expect(flatten(report.rows[0].figures)).toEqual(counts.get(district))
    expect(flatten(report.total)).toEqual(counts.get(district))
  })

  it('an office that is not the hub reports only itself', async () => {
    const wutian = (
      await app.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
    ).id
    await setSetting(app.ctx, { key: 'installation.officeId', value: wutian })
    try {
      const input: ReportPeriodInput = { period: 'month', year: 2026, month: 11, scope: 'office' }
      const report = await services['reports.monthly'](app.ctx, input)
      const { from, to, months } = resolvePeriod(input)
      expect(flatten(report.total)).toEqual((await independentCounts(app.ctx.db, from, to, months)).get(wutian))
      await expect(
        services['reports.monthly'](app.ctx, { period: 'month', year: 2026, month: 11, scope: 'district' })
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { scope: expect.stringContaining('汇总端') } })
    } finally {
      await setSetting(app.ctx, { key: 'installation.officeId', value: district })
    }
  })
})
