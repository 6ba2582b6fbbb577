import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dayInfo } from '../../../../shared/rules/working-days'
import { services } from '../index'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { loadWorkingCalendar, seedHolidayCalendar } from './working-calendar'

let app: TempApp
beforeEach(async () => {
  app = await startTempApp({ clock: fixedClock('2026-11-29T02:00:00Z') })
})
afterEach(() => app.dispose())

const kinds = (days: { date: string; kind: string }[]) => days.map((d) => `${d.date} ${d.kind}`)

describe('the working-day calendar seeded from the library', () => {
  it('has the 2026 Spring Festival and National Day holidays and their 调休 working weekends', async () => {
    const calendar = await loadWorkingCalendar(app.ctx.db)
    const spring = (await services['calendar.days'](app.ctx, { from: '2026-02-13', to: '2026-03-01' })).days
    expect(kinds(spring.filter((d) => d.kind === 'holiday'))).toEqual(
      ['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d} holiday`)
    )
    expect(kinds(spring.filter((d) => d.kind === 'adjusted_workday'))).toEqual([
      '2026-02-14 adjusted_workday',
      '2026-02-28 adjusted_workday'
    ])
    expect(dayInfo(calendar, '2026-02-14')).toMatchObject({ working: true, name: '春节', yearCovered: true })
    expect(dayInfo(calendar, '2026-03-01')).toMatchObject({ kind: 'weekend', working: false })

    const national = (await services['calendar.days'](app.ctx, { from: '2026-09-19', to: '2026-10-11' })).days
    expect(kinds(national.filter((d) => d.kind === 'holiday' && d.name === '国庆节'))).toEqual(
      ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d} holiday`)
    )
    expect(kinds(national.filter((d) => d.kind === 'adjusted_workday'))).toEqual([
      '2026-09-20 adjusted_workday',
      '2026-10-10 adjusted_workday'
    ])
    expect(national.find((d) => d.date === '2026-09-20')).toMatchObject({ working: true, name: '国庆节' })
  })

  it('falls back to weekends for 2027, which the library lacks, and says so', async () => {
    const answer = await services['calendar.days'](app.ctx, { from: '2026-12-28', to: '2027-01-04' })
    expect(answer.uncoveredYears).toEqual([2027])
    expect(answer.days.find((d) => d.date === '2027-01-01')).toMatchObject({
      kind: 'workday',
      working: true,
      yearCovered: false
    })
    expect(answer.days.find((d) => d.date === '2027-01-02')).toMatchObject({ kind: 'weekend', yearCovered: false })
    const years = await services['calendar.years'](app.ctx, {})
    expect(years[0]).toMatchObject({ year: 2027, source: null, inLibrary: false })
    expect(years.find((y) => y.year === 2026)).toMatchObject({
      source: 'library',
      holidays: 33,
      adjustedWorkdays: 6,
      inLibrary: true
    })
    expect(years.at(-1)?.year).toBe(2004)
  })

  it('lets the office add 2027, correct a day, and re-seed a year; a restart keeps its corrections', async () => {
    await services['calendar.setDay'](app.ctx, { date: '2027-01-01', kind: 'holiday', name: '元旦' })
    let answer = await services['calendar.days'](app.ctx, { from: '2027-01-01', to: '2027-01-01' })
    expect(answer).toEqual({
      days: [{ date: '2027-01-01', kind: 'holiday', working: false, name: '元旦', yearCovered: true }],
      uncoveredYears: []
    })

    await services['calendar.setDay'](app.ctx, { date: '2026-10-10', kind: 'holiday', name: '国庆节' })
    await services['calendar.removeDay'](app.ctx, { date: '2026-09-20' })
    expect((await services['calendar.years'](app.ctx, {})).find((y) => y.year === 2026)).toMatchObject({
      source: 'office',
      holidays: 34,
      adjustedWorkdays: 4
    })
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.removeDay')
      .executeTakeFirstOrThrow()
    const removal = JSON.parse(audit.summary)
    expect(removal.before.days).toHaveLength(39)
    expect(removal.after.days).toHaveLength(38)

    // Seeding again (a restart) adds nothing and leaves the office's corrections alone.
    const before = await tableCounts(app)
    expect(await seedHolidayCalendar(app.ctx)).toEqual([])
    expect(await tableCounts(app)).toEqual(before)

    await services['calendar.reseedYear'](app.ctx, { year: 2026 })
    answer = await services['calendar.days'](app.ctx, { from: '2026-09-20', to: '2026-09-20' })
    expect(answer.days[0]).toMatchObject({ kind: 'adjusted_workday', working: true })
    expect((await services['calendar.years'](app.ctx, {})).find((y) => y.year === 2026)?.source).toBe('library')
  })

  it('keeps office hours per office, the default until set', async () => {
    const office = await app.ctx.db
      .selectFrom('offices')
      .select('id')
      .where('code', '=', 'wutian')
      .executeTakeFirstOrThrow()
    expect(await services['calendar.officeHours'](app.ctx, { officeId: office.id })).toMatchObject({
      isDefault: true,
      periods: [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' }
      ]
    })
    const periods = [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' }
    ]
    expect(await services['calendar.setOfficeHours'](app.ctx, { officeId: office.id, periods })).toEqual({
      officeId: office.id,
      periods,
      isDefault: false
    })
  })
})
