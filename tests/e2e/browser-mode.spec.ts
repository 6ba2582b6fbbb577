/*
 * Browser mode as a user meets it: the real server process on a temp
 * database, opened in Chromium through the address it prints.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import { SignInPage } from './page-models/sign-in-page'
import { FirstRunPage } from './page-models/first-run-page'
import { LayoutPage } from './page-models/layout-page'
import { runToExit, startProcess } from './processes'
import { SCREENSHOT_DIR } from './fixtures'

const BROWSER_ENTRY = path.resolve('out/main/browser.js')
let dir: string
let dbPath: string

test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-browser-'))
  dbPath = path.join(dir, 'desk.sqlite')
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('first run through browser mode; a second start on the same database is refused; Ctrl-C closes cleanly', async ({
  page
}) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))

  const server = await startProcess(process.execPath, [BROWSER_ENTRY, '--db', dbPath, '--no-open'], {}, 30_000)
  try {
    expect(server.openingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/)
    await page.goto(server.openingUrl)
    const firstRun = new FirstRunPage(page)
    await expect(firstRun.heading).toBeVisible()
    // The token left the address bar at once.
    expect(page.url()).not.toContain('token=')

    await firstRun.chooseOffice('梧田')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    // Then the first administrator's account.
    await new SignInPage(page).setUpAdmin({ username: 'admin', displayName: '王主任', password: 'Ouhai2026' })
    const layout = new LayoutPage(page)
    await expect(layout.headerOffice).toHaveText('梧田街道矛盾纠纷调解分中心')

    // Reload: the token is kept for this tab, the office is remembered.
    await page.reload()
    await expect(layout.headerOffice).toHaveText('梧田街道矛盾纠纷调解分中心')
    await layout.goTo('关于')
    await expect(page.getByTestId('about')).toContainText('本机浏览器')
    await expect(page.getByTestId('about-db-path')).toHaveText(dbPath)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'browser-mode-about.png'), fullPage: true })

    // The same page without the token cannot reach the data.
    const stranger = await page.context().browser()!.newPage()
    await stranger.goto(server.openingUrl.replace(/#.*$/, ''))
    await expect(stranger.getByTestId('startup-error')).toContainText('缺少访问令牌')
    await stranger.screenshot({ path: path.join(SCREENSHOT_DIR, 'browser-mode-no-token.png'), fullPage: true })
    await stranger.close()

    const second = await runToExit(process.execPath, [BROWSER_ENTRY, '--db', dbPath, '--no-open'], {})
    expect(second.code).toBe(1)
    expect(second.output).toContain(`进程 ${server.child.pid}`)
    expect(second.output).toContain(server.openingUrl.replace(/\/#.*$/, ''))
  } finally {
    expect(await server.stop()).toBe(0)
  }
  expect(server.output()).toContain('正在关闭')
  expect(existsSync(`${dbPath}.lock`)).toBe(false)
  expect(errors).toEqual([])
})

test('`npm start` on a machine without the Electron binary serves the app in browser mode', async ({ page }) => {
  test.setTimeout(180_000)
  const started = await startProcess('npm', ['start', '--', '--no-open'], { MCD_DB: dbPath }, 150_000)
  try {
    expect(started.output()).toContain('改为在本机浏览器中运行')
    await page.goto(started.openingUrl)
    await expect(new FirstRunPage(page).heading).toBeVisible()
  } finally {
    // npm itself ends on the signal; what matters is that the app closed its database and lock.
    await started.stop()
  }
  await expect.poll(() => existsSync(`${dbPath}.lock`), { timeout: 10_000 }).toBe(false)
  await expect
    .poll(
      () =>
        fetch(started.openingUrl).then(
          () => 'up',
          () => 'down'
        ),
      { timeout: 10_000 }
    )
    .toBe('down')
})
