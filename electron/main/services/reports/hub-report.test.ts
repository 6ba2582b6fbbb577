/*
 * The district report at a hub with two imported offices: each office's
 * row at the hub equals that office's own report at its installation (for
 * what bundles carry: cases and their lifecycle), and every row and the
 * 合计 equal the independent count over the hub's merged tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportPeriodInput } from '../../../../shared/domain/report'
import { fixedClock, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { exportFrom, importAt, officeApp, registerAt, registerCaseAt } from '../hub/hub-test-kit'
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

let wutian: TempApp
let jingshan: TempApp
let hub: TempApp
const NOV: ReportPeriodInput = { period: 'month', year: 2026, month: 11, scope: 'district' }

async function acceptedCases(app: TempApp, first: number, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let n = first; n < first + count; n++) {
    const id = await registerCaseAt(app, n, [`王${'甲乙丙丁戊己庚辛'[n % 8]}`, `陈${'子丑寅卯辰巳午未'[n % 8]}`])
    await services['cases.accept'](app.ctx, { caseId: id })
    ids.push(id)
  }
  return ids
}

beforeAll(async () => {
  // The report is November's: the cases are registered and accepted on its last working days.
  const clock = fixedClock('2026-11-27T02:00:00.000Z')
  ;[wutian, jingshan, hub] = await Promise.all([
    officeApp('wutian', clock),
    officeApp('jingshan', clock),
    officeApp('ouhai', clock)
  ])
  const a = await acceptedCases(wutian, 1, 5)
  await reachAgreement(wutian, a[0], '2026-11-20', 300_000)
  const terms = await reachAgreement(wutian, a[1], '2026-11-21', 45_000)
  for (const termId of terms)
    await services['agreements.markTerm'](wutian.ctx, { termId, performedOn: '2026-11-25', note: null })
  await confirm(wutian, a[1], '2026-11-26', 'confirmed')
  await failMediation(wutian, a[2], '2026-11-22')
  await registerCaseAt(wutian, 9, ['李某甲', '李某乙']) // registered, never accepted: not counted

  const b = await acceptedCases(jingshan, 20, 3)
  await reachAgreement(jingshan, b[0], '2026-11-18', 88_800)
  await failMediation(jingshan, b[1], '2026-11-19')
  // Patrols and typed-in figures travel in the bundles too.
  const wutianId = (
    await wutian.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
  ).id
  await addPatrol(wutian, wutianId, '2026-11-12 10:00', 2)
  await services['reports.saveFigures'](wutian.ctx, {
    month: '2026-11',
    figures: [{ field: 'suicide_cases', value: 1 }]
  })

  await registerAt(hub, wutian)
  await registerAt(hub, jingshan)
  for (const office of [wutian, jingshan]) {
    const entry = await importAt(hub, await exportFrom(office))
    expect(entry.reason).toBeNull()
    expect(entry.status).toBe('accepted')
  }
}, 120_000)

afterAll(async () => {
  await Promise.all([wutian?.dispose(), jingshan?.dispose(), hub?.dispose()])
})

describe('the district report at the hub', () => {
  it('lists both offices with their own figures, and the total is their sum', async () => {
    const report = await services['reports.monthly'](hub.ctx, NOV)
    expect(report.isHub).toBe(true)
    const codes = new Map(
      (await hub.ctx.db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.id, o.code])
    )
    const byCode = new Map(report.rows.map((r) => [codes.get(r.officeId), r]))
    for (const office of [wutian, jingshan]) {
      const own = await services['reports.monthly'](office.ctx, { ...NOV, scope: 'office' })
      const code =
        codes.get(own.rows[0].officeId) ??
        (
          await office.ctx.db
            .selectFrom('offices')
            .select('code')
            .where('id', '=', own.rows[0].officeId)
            .executeTakeFirstOrThrow()
        ).code
      expect(flatten(byCode.get(code)!.figures), code).toEqual(flatten(own.total))
    }
    expect(byCode.get('wutian')!.figures).toMatchObject({
      accepted: 5,
      succeeded: 2,
      failed: 1,
      performed: 1,
      judiciallyConfirmed: 1,
      agreementAmountCents: 345_000
    })
    expect(byCode.get('wutian')!.figures).toMatchObject({
      patrols: 1,
      disputesFound: 2,
      prevented: { suicide: { cases: 1, persons: 0 } }
    })
    expect(byCode.get('jingshan')!.figures).toMatchObject({ accepted: 3, succeeded: 1, failed: 1, successRate: 50 })
    expect(report.total).toMatchObject({ accepted: 8, succeeded: 3, failed: 2, successRate: 60 })
  })

  it('every row and the total equal the independent count over the merged tables', async () => {
    const report = await services['reports.monthly'](hub.ctx, NOV)
    const { from, to, months } = resolvePeriod(NOV)
    const counts = await independentCounts(hub.ctx.db, from, to, months)
    expect(counts.size).toBe(2)
    for (const row of report.rows)
      expect(flatten(row.figures), row.officeName).toEqual(counts.get(row.officeId) ?? sumFlats([]))
    expect(flatten(report.total)).toEqual(sumFlats(counts.values()))
  })

  it('takes typed-in figures for an office only when that office sends no bundles', async () => {
    const id = async (code: string) =>
      (await hub.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
    await expect(
      services['reports.saveFigures'](hub.ctx, {
        officeId: await id('wutian'),
        month: '2026-11',
        figures: [{ field: 'fight_cases', value: 1 }]
      })
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { officeId: expect.stringContaining('数据包') } })
    const saved = await services['reports.saveFigures'](hub.ctx, {
      officeId: await id('xinqiao'),
      month: '2026-11',
      figures: [{ field: 'fight_cases', value: 1 }]
    })
    expect(saved.officeName).toBe('新桥街道矛盾纠纷调解分中心')
  })
})
