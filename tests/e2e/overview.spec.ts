/*
 * The overview in the browser: the supervisor's home shows the overdue
 * red-risk cases and a click opens the case list of exactly those; the
 * charts page draws its charts and its tables carry the service's figures;
 * the clerk's and the mediator's homes show their own office's figures, and
 * the clerk's search finds their own office's cases only; the
 * lawyer-mediator's home counts their office's unassigned cases and opens
 * exactly those.
 */
import { listCasesSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { SEED_PASSWORD, seedOverview, type OverviewSeed } from '../../electron/main/services/stats/stats-test-kit'
import { test, expect } from './fixtures'
import { CaseListPage } from './page-models/case-pages'
import { ChartsPage, HomeFigures } from './page-models/overview-pages'
import type { Desk } from './fixtures'

/** The seeded district, with `who` signed in (the session is the app's, so the window opens as them). */
async function seededAs(desk: Desk, who: keyof OverviewSeed['users']): Promise<OverviewSeed> {
  const seed = await seedOverview(desk.app)
  await services['auth.signIn'](desk.app.ctx, { username: seed.users[who], password: SEED_PASSWORD })
  return seed
}

test('the supervisor sees the overdue red-risk cases and opens exactly them from the home screen', async ({
  page,
  desk,
  consoleErrors
}) => {
  const seed = await seededAs(desk, 'supervisor')
  await desk.open(page, '/')
  const home = new HomeFigures(page)
  await expect(home.figure('figure-overdue-red')).toBeVisible()
  // a3 at 梧田 and b2 at 景山: red, registered long ago, never decided on.
  expect(await home.value('figure-overdue-red')).toBe(2)
  await expect(page.getByTestId('office-alerts')).toContainText('梧田街道')
  await expect(page.getByTestId('office-alerts')).toContainText('景山街道')
  await expect(page.getByTestId('mediator-load')).toContainText('林海燕')
  await desk.screenshot(page, 'supervisor-home')

  await home.figure('figure-overdue-red').click()
  await expect(page).toHaveURL(/#\/cases\?/)
  const list = new CaseListPage(page)
  await expect(list.total).toHaveText('共 2 件')
  await expect(page.getByTestId('active-filter-due')).toContainText('已逾期')
  await expect(page.getByTestId('active-filter-riskLevel')).toContainText('红色')
  await expect(list.rows()).toHaveCount(2)
  // Exactly those cases: the rows' summaries are the seeded ones, and their ids are the expected two.
  const expected = await services['cases.list'](
    desk.app.ctx,
    listCasesSchema.parse({ due: 'overdue', riskLevel: 'red' })
  )
  expect(expected.rows.map((r) => r.id).sort()).toEqual([seed.cases.a3, seed.cases.b2].sort())
  for (const row of expected.rows) await expect(list.table).toContainText(row.summary.slice(0, 12))
  await desk.screenshot(page, 'overdue-red-list')

  // Taking the deadline filter off widens the list to every red-risk case: a2 (today's) as well.
  await page.getByTestId('active-filter-due').locator('.el-tag__close').click()
  await expect(list.total).toHaveText('共 3 件')

  // Open cases with no lead mediator yet (a2, a3, b1, b2): the list counts them from the newest end, and the same
  // total either way round.
  for (const sort of ['newest', 'oldest']) {
    await page.evaluate((hash) => (window.location.hash = hash), `#/cases?unassigned=1&sort=${sort}`)
    await expect(page.getByTestId('active-filter-unassigned')).toContainText('尚未分派承办调解员')
    await expect(list.total).toHaveText('共 4 件')
    await expect(list.rows()).toHaveCount(4)
  }
  await desk.screenshot(page, 'unassigned-list')
  expect(consoleErrors).toEqual([])
})

test('the charts page draws its charts, and each table holds the service’s figures', async ({
  page,
  desk,
  consoleErrors
}) => {
  const seed = await seededAs(desk, 'supervisor')
  const figures = await services['stats.charts'](desk.app.ctx, {})
  await desk.open(page, '/')
  await page.getByRole('menuitem', { name: '统计图表' }).click()
  const charts = new ChartsPage(page)
  await expect(charts.total).toContainText(`共登记 ${figures.total} 件`, { timeout: 60_000 }) // a loaded machine draws nine charts slowly
  for (const name of ['month', 'risk', 'type', 'office', 'status', 'source']) await charts.expectDrawn(name)

  const pairs = (rows: string[][]) => rows.map(([label, value]) => [label, Number(value)])
  expect(pairs(await charts.table('type'))).toEqual(figures.byDisputeType.map((r) => [r.label, r.value]))
  expect(pairs(await charts.table('office'))).toEqual(figures.byOffice.map((r) => [r.label, r.value]))
  expect(pairs(await charts.table('status'))).toEqual(figures.byStatus.map((r) => [r.label, r.value]))
  expect(pairs(await charts.table('source'))).toEqual(figures.bySource.map((r) => [r.label, r.value]))
  expect(pairs(await charts.table('risk'))).toEqual(figures.byRisk.map((r) => [r.label, r.value]))
  expect(pairs(await charts.table('month'))).toEqual(figures.byMonth.map((r) => [r.label, r.value]))
  expect(await charts.table('success-office')).toEqual(
    figures.successByOffice.map((r) => [r.label, String(r.concluded), String(r.succeeded), `${r.rate!.toFixed(1)}%`])
  )
  expect((await charts.table('amount')).map((r) => r[1])).toEqual(
    figures.agreementAmounts.map((r) => String(r.agreements))
  )
  // The page scrolls inside the layout: one screenshot per stretch of charts.
  for (const name of ['month', 'type', 'status', 'success-office', 'amount']) {
    await charts.panel(name).scrollIntoViewIfNeeded()
    await desk.screenshot(page, `charts-${name}`)
  }

  // Narrowed to 景山: the office's own figures.
  await page.getByTestId('charts-office').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '景山街道' }).click()
  await page.getByTestId('charts-apply').click()
  const jingshan = await services['stats.charts'](desk.app.ctx, { officeId: seed.officeB })
  await expect(charts.total).toContainText(`共登记 ${jingshan.total} 件`)
  expect(pairs(await charts.table('office'))).toEqual([['景山街道矛盾纠纷调解分中心', jingshan.total]])
  expect(consoleErrors).toEqual([])
})

test('the clerk’s and the mediator’s homes show their own office’s figures', async ({ page, desk, consoleErrors }) => {
  const seed = await seededAs(desk, 'clerkA')
  await desk.open(page, '/')
  const home = new HomeFigures(page)
  await expect(home.figure('figure-today-intake')).toBeVisible()
  // At 梧田 today: a2 (王芳's second case); waiting for a decision: a2 and a3.
  expect(await home.value('figure-today-intake')).toBe(1)
  expect(await home.value('figure-awaiting-decision')).toBe(2)
  expect(await home.value('figure-repeat-applicants')).toBe(1)
  await desk.screenshot(page, 'clerk-home')
  await home.figure('figure-awaiting-decision').click()
  await expect(new CaseListPage(page).total).toHaveText('共 2 件')
  await expect(page.getByTestId('active-filter-officeId')).toContainText('梧田街道')

  // The clerk's search carries the office: 王芳's two cases at 梧田 (a1, a2), not her case at 景山 (b1).
  const list = new CaseListPage(page)
  await page.getByRole('button', { name: '重置' }).click()
  await expect(page.getByTestId('active-filter-officeId')).toHaveCount(0)
  await list.searchFor('王芳')
  await expect(list.total).toHaveText('共 2 件')
  const found = await services['cases.list'](desk.app.ctx, listCasesSchema.parse({ query: '王芳' }))
  expect(found.rows.map((r) => r.id).sort()).toEqual([seed.cases.a1, seed.cases.a2].sort())
  await expect(list.rows()).toHaveCount(2)
  // a1 was accepted at 梧田 and has its number; a2 waits for a decision.
  const numbered = found.rows.find((r) => r.id === seed.cases.a1)!
  await expect(list.table).toContainText(numbered.caseNumber!)
  await desk.screenshot(page, 'clerk-search')

  await services['auth.signIn'](desk.app.ctx, { username: seed.users.mediator, password: SEED_PASSWORD })
  await page.reload()
  await page.getByRole('menuitem', { name: '首页' }).click()
  await expect(home.figure('figure-open-total')).toBeVisible()
  await expect(page.getByTestId('mediator-home')).toContainText('林海燕')
  // a1, a4, a5 at 梧田 (b3 at 景山 is outside the account's office).
  expect(await home.value('figure-open-total')).toBe(3)
  await desk.screenshot(page, 'mediator-home')
  await home.figure('figure-open-total').click()
  await expect(new CaseListPage(page).total).toHaveText('共 3 件')
  await expect(page.getByTestId('active-filter-mediatorId')).toContainText('林海燕')
  expect(consoleErrors).toEqual([])
})

test('the lawyer-mediator’s home counts the office’s unassigned cases and opens exactly them', async ({
  page,
  desk,
  consoleErrors
}) => {
  const seed = await seededAs(desk, 'lawyer')
  await desk.open(page, '/')
  const home = new HomeFigures(page)
  await expect(home.figure('figure-conflict-checks')).toBeVisible()
  // Unassigned at 梧田: a2 and a3. b1 and b2 wait at 景山, outside the account's office.
  expect(await home.value('figure-conflict-checks')).toBe(2)
  await desk.screenshot(page, 'lawyer-home')

  await home.figure('figure-conflict-checks').click()
  const list = new CaseListPage(page)
  await expect(list.total).toHaveText('共 2 件')
  await expect(page.getByTestId('active-filter-unassigned')).toContainText('尚未分派承办调解员')
  await expect(page.getByTestId('active-filter-officeId')).toContainText('梧田街道')
  await expect(list.rows()).toHaveCount(2)
  const expected = await services['cases.list'](
    desk.app.ctx,
    listCasesSchema.parse({ unassigned: true, officeId: seed.officeA })
  )
  expect(expected.rows.map((r) => r.id).sort()).toEqual([seed.cases.a2, seed.cases.a3].sort())
  for (const row of expected.rows) await expect(list.table).toContainText(row.summary.slice(0, 12))
  await desk.screenshot(page, 'lawyer-unassigned-list')

  // Oldest first: the same two.
  await page.evaluate(() => {
    const [path, query] = window.location.hash.split('?')
    const params = new URLSearchParams(query)
    params.set('sort', 'oldest')
    window.location.hash = `${path}?${params}`
  })
  await expect(list.total).toHaveText('共 2 件')
  await expect(list.rows()).toHaveCount(2)
  expect(consoleErrors).toEqual([])
})
