import { MIGRATIONS } from '../../electron/main/db/migrator'
import { E2E_ADMIN, test, expect } from './fixtures'
import { FirstRunPage } from './page-models/first-run-page'
import { LayoutPage } from './page-models/layout-page'

const WUTIAN = '梧田街道矛盾纠纷调解分中心'

test('first run: the clerk picks the Wutian sub-center, and it is remembered across reloads and restarts', async ({
  page,
  desk,
  consoleErrors
}) => {
  await desk.open(page)
  const firstRun = new FirstRunPage(page)
  const layout = new LayoutPage(page)

  await expect(firstRun.heading).toBeVisible()
  await expect(page).toHaveTitle(/首次使用设置/)
  await desk.screenshot(page, '1-first-run')

  // Confirming without a choice says so in zh-CN and saves nothing.
  await firstRun.confirm.click()
  await expect(firstRun.fieldError()).toHaveText('请选择本机所服务的调解组织')
  const before = await desk.app.ctx.db.selectFrom('settings').selectAll().execute()
  expect(before).toEqual([])

  await firstRun.chooseOffice('梧田')
  await expect(firstRun.sampleNumber).toHaveText(`(${new Date().getFullYear()})瓯海梧田调字第1号`)
  await desk.screenshot(page, '2-office-chosen')
  // Keyboard only: Tab to 确定, Enter.
  await page.keyboard.press('Tab')
  await expect(firstRun.confirm).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(layout.headerOffice).toHaveText(WUTIAN)
  await expect(page.getByTestId('office-card')).toContainText('镇街调解分中心')
  await expect(page.getByTestId('dispute-types')).toContainText('婚姻家庭纠纷')
  await desk.screenshot(page, '3-home')

  // What the store holds: the setting, and its audit row naming the acting user.
  const office = await desk.app.ctx.db
    .selectFrom('offices')
    .select(['id', 'name'])
    .where('code', '=', 'wutian')
    .executeTakeFirstOrThrow()
  const setting = await desk.app.ctx.db
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', 'installation.officeId')
    .executeTakeFirstOrThrow()
  expect(JSON.parse(setting.value)).toBe(office.id)
  const audit = await desk.app.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.set').execute()
  expect(audit).toHaveLength(1)
  expect(audit[0].actor_name).toBe(E2E_ADMIN.displayName)

  // Reload: the choice is remembered, no first-run screen.
  await page.reload()
  await expect(layout.headerOffice).toHaveText(WUTIAN)
  await expect(firstRun.heading).toHaveCount(0)

  // About shows app.info from the same database.
  await layout.goTo('关于')
  await expect(page.getByTestId('about-db-path')).toHaveText(desk.dbPath)
  await expect(page.getByTestId('about')).toContainText(Object.keys(MIGRATIONS).sort().at(-1)!)
  await desk.screenshot(page, '4-about')

  // Restart the app on the same file: still remembered.
  await desk.restart()
  await page.goto(page.url().replace(/#.*$/, ''))
  await expect(layout.headerOffice).toHaveText(WUTIAN)
  expect(consoleErrors).toEqual([])
})
