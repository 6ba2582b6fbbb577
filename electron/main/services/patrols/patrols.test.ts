/*
 * Patrol reports against a real store: passing one on to intake leaves the
 * case and its link together or not at all, the statistics report's patrol
 * figures equal the reports entered (this office, this month only), and
 * edits keep to their version and to a linked report's handling.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { savePatrolSchema } from '../../../../shared/contract/patrols'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import { gridListXlsx, patrolInput, savedPatrolId, seedGrids } from '../../../../tests/support/contract-cases-patrols'
import { services } from '../index'
import { patrolFigures } from './figures'

let app: TempApp
const clock = fixedClock('2026-11-29T02:00:00Z')

beforeEach(async () => {
  app = await startTempApp({ clock })
  await seedGrids(app)
})
afterEach(async () => {
  await app.dispose()
})

const officeIdOf = async (code: string) =>
  (await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

describe('passing a patrol report on to intake', () => {
  it('registers a case with source 网格员上报 and links the report in the same audited transaction', async () => {
    const patrolId = await savedPatrolId(app)
    const prefill = await services['patrols.passToIntake'](app.ctx, { id: patrolId })
    const detail = await services['patrols.registerCase'](app.ctx, {
      patrolId,
      registration: registerCaseSchema.parse(
        registration({
          source: prefill.source,
          summary: prefill.summary,
          placeTownship: prefill.placeTownship,
          placeVillage: prefill.placeVillage
        })
      )
    })
    expect(detail).toMatchObject({ source: 'grid_report', status: 'registered', placeVillage: '老殿后村' })
    const report = await services['patrols.get'](app.ctx, { id: patrolId })
    expect(report).toMatchObject({ caseId: detail.id, handling: 'passed_on' })
    const byCase = await services['patrols.list'](app.ctx, { caseId: detail.id, offset: 0, limit: 50 })
    expect(byCase.rows.map((r) => r.id)).toEqual([patrolId])

    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'at'])
      .where('entity', 'in', ['cases', 'patrol_reports'])
      .where('action', '=', 'cases.register')
      .execute()
    expect(audit.map((a) => a.entity).sort()).toEqual(['cases', 'patrol_reports'])
    expect(new Set(audit.map((a) => a.at)).size).toBe(1)
    await expect(services['patrols.passToIntake'](app.ctx, { id: patrolId })).rejects.toMatchObject({
      code: 'CONFLICT'
    })
  })

  it('leaves no case and no link when the registration is refused', async () => {
    const patrolId = await savedPatrolId(app)
    const before = await tableCounts(app)
    const bad = registration({ source: 'grid_report', disputeType: 'no_such_type' })
    await expect(
      services['patrols.registerCase'](app.ctx, { patrolId, registration: registerCaseSchema.parse(bad) })
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { disputeType: '没有这个纠纷类型' } })
    expect(await tableCounts(app)).toEqual(before)
    expect((await services['patrols.get'](app.ctx, { id: patrolId })).caseId).toBeNull()
  })

  it('lets only one of two registrations from the same report through', async () => {
    const patrolId = await savedPatrolId(app)
    const input = { patrolId, registration: registerCaseSchema.parse(registration({ source: 'grid_report' })) }
    const results = await Promise.allSettled([
      services['patrols.registerCase'](app.ctx, input),
      services['patrols.registerCase'](app.ctx, input)
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const cases = await app.ctx.db.selectFrom('cases').select('id').execute()
    expect(cases).toHaveLength(1)
    expect((await services['patrols.get'](app.ctx, { id: patrolId })).caseId).toBe(cases[0].id)
  })
})

describe('the statistics report counts the reports entered', () => {
  it('equals this office’s reports of the month, and ignores another month and another office', async () => {
    await savedPatrolId(app, { disputesFound: 2 })
    await savedPatrolId(app, { patrolledAt: '2026-11-01 00:00', handling: 'none', disputesFound: 0, parties: [] })
    await savedPatrolId(app, { patrolledAt: '2026-11-28 23:59' })
    await savedPatrolId(app, { patrolledAt: '2026-10-31 23:59', disputesFound: 5 })
    // Another office, with its own grid, in the same month.
    await chooseOffice(app, 'louqiao')
    await services['grids.importCommit'](app.ctx, { base64: await gridListXlsx([['LQ-001', '娄桥街道', null, null]]) })
    await savedPatrolId(app, { gridCode: 'LQ-001', disputesFound: 7 })
    await chooseOffice(app, 'wutian')

    const wutian = await officeIdOf('wutian')
    const figures = await patrolFigures(app.ctx.db, { officeIds: [wutian], from: '2026-11-01', to: '2026-11-30' })
    expect(figures).toEqual({ patrols: 3, disputesFound: 3 })
    const months = await services['patrols.monthly'](app.ctx, { year: 2026 })
    expect(months.find((m) => m.month === '2026-11')).toEqual({ month: '2026-11', ...figures })
    expect(months.find((m) => m.month === '2026-10')).toEqual({ month: '2026-10', patrols: 1, disputesFound: 5 })
    const listed = await services['patrols.list'](app.ctx, { month: '2026-11', offset: 0, limit: 50 })
    expect(listed.total).toBe(3)
    expect(listed.rows.map((r) => r.patrolledAt)).toEqual(['2026-11-28 23:59', '2026-11-20 09:30', '2026-11-01 00:00'])
  })

  it('refuses a grid of another office', async () => {
    await chooseOffice(app, 'louqiao')
    await expect(savedPatrolId(app)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { gridCode: expect.any(String) }
    })
  })
})

describe('correcting a report', () => {
  it('refuses a stale version and a linked report’s change of handling', async () => {
    const id = await savedPatrolId(app)
    const saved = await services['patrols.save'](
      app.ctx,
      savePatrolSchema.parse({ ...patrolInput({ place: '老殿后村14号' }), id, version: 1 })
    )
    expect(saved).toMatchObject({ place: '老殿后村14号', version: 2 })
    await expect(
      services['patrols.save'](app.ctx, savePatrolSchema.parse({ ...patrolInput(), id, version: 1 }))
    ).rejects.toMatchObject({ code: 'CONFLICT' })

    await services['patrols.registerCase'](app.ctx, {
      patrolId: id,
      registration: registerCaseSchema.parse(registration({ source: 'grid_report' }))
    })
    const edit = { ...patrolInput({ handling: 'on_spot', handlingNote: '已化解' }), id, version: 3 }
    await expect(services['patrols.save'](app.ctx, savePatrolSchema.parse(edit))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { handling: expect.stringContaining('不能再改') }
    })
  })
})

describe('the grid list import', () => {
  it('refuses a code another office holds, and imports the rest', async () => {
    await chooseOffice(app, 'louqiao')
    const base64 = await gridListXlsx([
      ['WT-001', '娄桥街道', null, null],
      ['LQ-001', '娄桥街道', '娄东村', null]
    ])
    const result = await services['grids.importCommit'](app.ctx, { base64 })
    expect(result).toMatchObject({ valid: 1, creating: 1 })
    expect(result.problems).toEqual([{ row: 2, column: '网格编码', message: '该网格编码已登记在其他调解组织名下' }])
    const grids = await services['grids.list'](app.ctx, {})
    expect(grids.map((g) => g.code)).toEqual(['LQ-001'])
  })
})
