/*
 * The case list at scale (DESIGN §7, last row): a generated store of 12,000
 * cases, 10,000 of them loaded into the list by scrolling, while the
 * virtualised table keeps only the rows on screen in the page; search as you
 * type asks once after a pause, and an answer to an older question never
 * replaces a newer one. No timing is asserted here (that is `npm run bench`).
 */
import { rmSync } from 'node:fs'
import { sql } from 'kysely'
import { caseNumberText } from '../../shared/domain/case-number'
import { listCasesSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { seedDatabase } from '../../electron/main/tools/seed'
import { E2E_ADMIN, test, expect, type Desk } from './fixtures'
import { CaseListPage } from './page-models/case-pages'
import { RosterPage } from './page-models/roster-pages'

const CASES = 12_000

/** Replace the test's store by a generated one (the district's whole roster, and CASES cases), and sign the administrator in. */
async function generatedStore(desk: Desk, cases = CASES): Promise<void> {
  await desk.restart(async () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${desk.dbPath}${suffix}`, { force: true })
    await seedDatabase({ dbPath: desk.dbPath, cases, seed: 11, until: '2026-11-28' })
  })
  await services['auth.setupAdmin'](desk.app.ctx, E2E_ADMIN)
}

/** How many rows the list says it has loaded ("已显示 N 件"), or the total when everything is shown. */
async function shownCount(list: CaseListPage): Promise<number> {
  const text = (await list.page.locator('.case-list__summary').innerText()).replace(/,/g, '')
  const shown = /已显示 (\d+) 件/.exec(text) ?? /共 (\d+) 件/.exec(text)
  return Number(shown![1])
}

test.describe.configure({ timeout: 180_000 })

test('all 12,000 rows of a generated store load by scrolling, with only the visible rows in the page', async ({
  page,
  desk,
  consoleErrors
}) => {
  await generatedStore(desk)
  await page.setViewportSize({ width: 1360, height: 860 })
  await desk.open(page, '/cases')
  const list = new CaseListPage(page)
  // More than the count cap: the list says "1,000+" rather than counting 12,000 matches.
  await expect(list.total).toHaveText('共 1,000+ 件')
  await expect(list.rows().first()).toBeVisible()

  // Scroll with the wheel to the end of what is loaded, again and again: each end loads the next keyset page.
  await list.rows().first().hover()
  const toEnd = () => page.mouse.wheel(0, 100_000 * 44)
  const toTop = () => page.mouse.wheel(0, -100_000 * 44)
  let shown = await shownCount(list)
  let domRowsMax = 0
  while (shown < CASES) {
    await expect
      .poll(
        async () => {
          await toEnd()
          return shownCount(list)
        },
        { timeout: 15_000 }
      )
      .toBeGreaterThan(shown)
    shown = await shownCount(list)
    domRowsMax = Math.max(domRowsMax, await list.rows().count())
  }
  expect(shown).toBe(CASES)
  // At the end the count is exact: every case is loaded.
  await expect(list.total).toHaveText('共 12,000 件')
  // Virtualised: thousands of rows loaded, a screenful (plus a small buffer) in the page.
  expect(domRowsMax).toBeGreaterThan(5)
  expect(domRowsMax).toBeLessThan(60)

  // The Nth newest case, as the service pages them.
  const nthNewest = async (n: number) => {
    const row = await desk.app.ctx.db
      .selectFrom('cases')
      .select(['case_number', 'status'])
      .orderBy('seq', 'desc')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirstOrThrow()
    return caseNumberText(row.case_number, row.status)
  }
  // Everything is loaded, so the end stays the end: its last row is the oldest case.
  await toEnd()
  await expect(list.rows().last()).toContainText(await nthNewest(CASES))
  await desk.screenshot(page, 'list-10000-rows')

  // Back to the top is instant and shows the newest case again.
  await toTop()
  await expect(list.rows().first()).toContainText(await nthNewest(1))
  expect(consoleErrors).toEqual([])
})

test('search as you type asks once after a pause, and a late answer to an older question is dropped', async ({
  page,
  desk,
  consoleErrors
}) => {
  await generatedStore(desk)
  // A three-character name from the data, and a two-character surname-and-name start of another.
  const { name } = await sql<{ name: string }>`select name from parties
    where kind = 'person' and length(name) = 3 order by id limit 1`
    .execute(desk.app.ctx.db)
    .then((r) => r.rows[0])
  await desk.open(page, '/cases')
  const list = new CaseListPage(page)
  await expect(list.rows().first()).toBeVisible()

  // Count the list requests, and hold the first one back so that it answers after the second.
  await page.evaluate(() => {
    const cases = (window as unknown as { api: { cases: { list: (input: unknown) => Promise<unknown> } } }).api.cases
    const list = cases.list
    const w = window as unknown as { listCalls: unknown[] }
    w.listCalls = []
    cases.list = async (input) => {
      w.listCalls.push(input)
      const answer = await list(input)
      if (w.listCalls.length === 1) await new Promise((resolve) => setTimeout(resolve, 1_500))
      return answer
    }
  })
  const calls = () => page.evaluate(() => (window as unknown as { listCalls: Array<{ query?: string }> }).listCalls)

  // Typing a name quickly, character by character: one request after the pause, not one per key.
  await list.search.pressSequentially(name.slice(0, 2), { delay: 40 })
  await expect.poll(async () => (await calls()).length).toBe(1)
  expect((await calls())[0].query).toBe(name.slice(0, 2))
  // Before that (held-back) answer arrives, the full name is typed: its answer comes first and must stay.
  await list.search.pressSequentially(name.slice(2), { delay: 40 })
  await expect.poll(async () => (await calls()).length).toBe(2)
  expect((await calls())[1].query).toBe(name)

  const expected = await services['cases.list'](desk.app.ctx, listCasesSchema.parse({ query: name, limit: 200 }))
  expect(expected.rows.length).toBeGreaterThan(0)
  // The two answers differ, so the list shows which one won.
  const stale = await services['cases.list'](
    desk.app.ctx,
    listCasesSchema.parse({ query: name.slice(0, 2), limit: 200 })
  )
  // First pages (no cursor) always carry their count.
  expect(stale.total!).toBeGreaterThan(expected.total!)
  const expectedTotal = `共 ${expected.total!.toLocaleString('zh-CN')}${expected.totalIsLowerBound ? '+' : ''} 件`
  await expect(list.total).toHaveText(expectedTotal)
  // Wait out the stale answer; the list still shows the full name's results.
  await page.waitForTimeout(1_800)
  await expect(list.total).toHaveText(expectedTotal)
  await expect(list.rows().first()).toContainText(caseNumberText(expected.rows[0].caseNumber, expected.rows[0].status))
  await desk.screenshot(page, 'search-as-you-type')
  expect(consoleErrors).toEqual([])
})

test('the district’s whole roster shows twenty people a page, in the service’s order, and a search starts at its first page', async ({
  page,
  desk,
  consoleErrors
}) => {
  await generatedStore(desk, 40)
  const everyone = (await services['mediators.list'](desk.app.ctx, {})).rows.map((r) => r.name)
  expect(everyone).toHaveLength(647)
  await desk.open(page, '/mediators')
  const roster = new RosterPage(page)
  const names = () => roster.rows().locator('.roster__name').allInnerTexts()
  await expect(roster.total).toHaveText('共 647 人')
  await expect(roster.rows()).toHaveCount(20)
  expect(await names()).toEqual(everyone.slice(0, 20))

  const pager = page.getByTestId('roster-pager')
  await pager.locator('.el-pager li', { hasText: /^2$/ }).click()
  await expect.poll(names).toEqual(everyone.slice(20, 40))
  await pager.scrollIntoViewIfNeeded()
  await desk.screenshot(page, 'roster-page-2')
  // Opening someone on page 2 and coming back returns to page 2, not to the top of the roster.
  await roster.rows().first().click()
  await expect(page).toHaveURL(/#\/mediators\/[0-9a-f-]{36}$/)
  await page.goBack()
  await expect(roster.total).toHaveText('共 647 人')
  await expect.poll(names).toEqual(everyone.slice(20, 40))
  await pager.locator('.el-pager li', { hasText: /^33$/ }).click()
  await expect.poll(names).toEqual(everyone.slice(640))

  // A search narrows the roster and shows its first page, not page 33 of the new answer.
  const surname = everyone[0].slice(0, 1)
  const found = (await services['mediators.list'](desk.app.ctx, { query: surname })).rows.map((r) => r.name)
  await page.getByPlaceholder('姓名或电话').fill(surname)
  await expect(roster.total).toHaveText(`共 ${found.length} 人`)
  await expect.poll(names).toEqual(found.slice(0, 20))
  await desk.screenshot(page, 'roster-paged')
  expect(consoleErrors).toEqual([])
})
