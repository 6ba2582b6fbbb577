/*
 * Accounts as people meet them: the first run ends with the administrator's
 * account; the administrator adds a clerk, who signs in and does not see the
 * administrator's screens; three wrong passwords lock an account; the idle
 * lock hides the screen and gives back the half-typed form after the password.
 */
import { services } from '../../electron/main/services/index'
import { chooseOffice } from '../support/intake-fixtures'
import { E2E_ADMIN, test, expect } from './fixtures'
import { FirstRunPage } from './page-models/first-run-page'
import { IntakePage } from './page-models/intake-page'
import { LayoutPage } from './page-models/layout-page'
import { SignInPage } from './page-models/sign-in-page'

test.describe('a new installation', () => {
  test.use({ accounts: 'not-set-up' })

  test('first run sets up the administrator, who adds a clerk; the clerk sees no admin screens', async ({
    page,
    desk,
    consoleErrors
  }) => {
    void consoleErrors
    await desk.open(page)
    await new FirstRunPage(page).chooseOffice('梧田')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const signIn = new SignInPage(page)
    await expect(page.getByText('设置系统管理员账户')).toBeVisible()
    await signIn.password.fill('short')
    await signIn.setUpAdmin({ ...E2E_ADMIN, password: 'ouhaiwenzhou' })
    await expect(page.getByText('密码须同时包含字母和数字')).toBeVisible()
    await desk.screenshot(page, '1-admin-setup-refused')
    await signIn.setUpAdmin(E2E_ADMIN)

    const layout = new LayoutPage(page)
    await expect(page.getByTestId('user-menu')).toContainText('王主任（系统管理员）')
    await layout.goTo('账户管理')
    await page.getByTestId('add-user').click()
    await page.getByTestId('user-display-name').fill('李受理')
    await page.getByTestId('user-username').fill('lishouli')
    await page.getByTestId('user-password').fill('Clerk2026a')
    await page.getByTestId('save-user').click()
    await expect(page.getByTestId('user-table')).toContainText('李受理')
    await expect(page.getByTestId('user-table')).toContainText('受理窗口')
    await desk.screenshot(page, '2-accounts')

    await page.getByTestId('user-menu').click()
    await page.getByTestId('sign-out').click()
    await signIn.signIn('lishouli', 'Clerk2026a')
    await expect(page.getByTestId('user-menu')).toContainText('李受理（受理窗口）')
    await expect(layout.menu).toContainText('受理登记')
    for (const hidden of ['账户管理', '审计日志', '设置']) await expect(layout.menu).not.toContainText(hidden)
    await desk.screenshot(page, '3-clerk-menu')
    // Typing the address of an admin screen shows nothing the clerk may not have.
    await page.goto(page.url().replace(/#.*$/, '#/users'))
    await expect(page.getByText('当前账户没有权限打开此页面')).toBeVisible()
    await expect(page.getByTestId('user-table')).toHaveCount(0)
  })
})

test('three wrong passwords lock the account; the right one then waits fifteen minutes', async ({ page, desk }) => {
  await chooseOffice(desk.app, 'wutian')
  await services['auth.signOut'](desk.app.ctx, {})
  await desk.open(page)
  const signIn = new SignInPage(page)
  for (let attempt = 1; attempt <= 2; attempt++) {
    await signIn.signIn('admin', 'wrong-pass1')
    await expect(signIn.error).toHaveText('登录名或密码不正确')
  }
  await signIn.signIn('admin', 'wrong-pass1')
  await expect(signIn.error).toContainText('连续输错密码 3 次，账户已锁定')
  await signIn.signIn('admin', E2E_ADMIN.password)
  await expect(signIn.error).toContainText('账户已锁定')
  await desk.screenshot(page, '4-locked-out')
})

test('the idle lock hides the screen and keeps the half-typed form', async ({ page, desk, consoleErrors }) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  await services['settings.set'](desk.app.ctx, { key: 'security.idleLockMinutes', value: 1 })
  await page.clock.install()
  await desk.open(page, '/intake')
  const intake = new IntakePage(page)
  await intake.input('summary').fill('夫妻因抚养费产生纠纷，协商未果')

  await page.clock.fastForward('01:05')
  const cover = page.getByTestId('idle-lock')
  await expect(cover).toBeVisible()
  await expect(cover).toContainText('王主任，请输入密码解锁')
  await desk.screenshot(page, '5-idle-lock')
  // Main refuses every call meanwhile, whatever the window does.
  expect(await services['auth.status'](desk.app.ctx, {})).toMatchObject({ locked: true })

  await page.getByTestId('unlock-password').fill('wrong-pass1')
  await page.getByTestId('unlock').click()
  await expect(cover).toContainText('密码不正确')
  await page.getByTestId('unlock-password').fill(E2E_ADMIN.password)
  await page.getByTestId('unlock').click()
  await expect(cover).toHaveCount(0)
  await expect(intake.input('summary')).toHaveValue('夫妻因抚养费产生纠纷，协商未果')
})
