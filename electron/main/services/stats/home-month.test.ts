/*
 * The supervisor's "this month" figure is compared with the same days of last
 * month, not the whole month: on 6 December, 1–6 November.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCasesSchema, registerCaseSchema } from '../../../../shared/domain/case-input'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { sameDaysLastMonth } from './counting'

describe('the same days of last month', () => {
  it('runs from the 1st to today’s day, or to last month’s end when it is shorter', () => {
    expect(sameDaysLastMonth('2026-12-06')).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-11-06' })
    expect(sameDaysLastMonth('2026-12-31')).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' })
    expect(sameDaysLastMonth('2027-03-31')).toEqual({ month: '2027-02', from: '2027-02-01', to: '2027-02-28' })
    expect(sameDaysLastMonth('2028-03-30')).toEqual({ month: '2028-02', from: '2028-02-01', to: '2028-02-29' })
    expect(sameDaysLastMonth('2027-01-15')).toEqual({ month: '2026-12', from: '2026-12-01', to: '2026-12-15' })
    expect(sameDaysLastMonth('2026-12-01')).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-11-01' })
  })
})

describe('the supervisor’s home on 6 December', () => {
  const clock = fixedClock('2026-12-06T01:00:00.000Z')
  let app: TempApp

  beforeAll(async () => {
    app = await startTempApp({ clock })
    await chooseOffice(app, 'wutian')
    // Registered at 09:00 China time on each day: two in November's first six days, two after, one in December.
    for (const day of ['2026-11-01', '2026-11-06', '2026-11-07', '2026-11-30', '2026-12-02']) {
      clock.set(`${day}T01:00:00.000Z`)
      await services['cases.register'](app.ctx, registerCaseSchema.parse(registration({ occurredOn: day })))
    }
    clock.set('2026-12-06T01:00:00.000Z')
  })
  afterAll(() => app.dispose())

  it('counts this month against November 1–6, and November whole apart, each equal to its list', async () => {
    const home = await services['stats.supervisorHome'](app.ctx, {})
    expect(home.thisMonth).toMatchObject({ month: '2026-12', value: 1 })
    expect(home.lastMonthToDate).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-06', value: 2 })
    expect(home.lastMonth).toMatchObject({ month: '2026-11', value: 4 })
    const listed = async (filter: object) =>
      (await services['cases.list'](app.ctx, listCasesSchema.parse({ ...filter, limit: 50 }))).total
    expect(await listed(home.lastMonthToDate.filter)).toBe(2)
    expect(await listed(home.lastMonth.filter)).toBe(4)
  })
})
