/*
 * The key-person register in the browser: a mediator's supervisor registers
 * a party from a case with a red level and its reason, and makes a mediator
 * of the office the responsible worker, later handed to another; the person's review
 * then falls due on the home screen; the flag shows at intake as soon as the
 * person's ID number is typed, and beside the case in the list; the register
 * lists the person with the level history in the drawer.
 */
import { registerCaseSchema } from '../../shared/domain/case-input'
import { chinaDate } from '../../shared/rules/china-time'
import { addDays } from '../../shared/rules/key-persons'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration, residentId } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { CaseListPage } from './page-models/case-pages'
import { IntakePage } from './page-models/intake-page'
import { KeyPersonReviewsCard, KeyPersonsPage, RegisterKeyPersonDialog } from './page-models/key-person-pages'
import { LayoutPage } from './page-models/layout-page'

const RESPONDENT_ID = residentId('1969-09-30', 351)

test('a red key person registered from a case: due on the home screen, flagged at intake and in the list', async ({
  page,
  desk,
  consoleErrors
}) => {
  const wutian = await chooseOffice(desk.app, 'wutian')
  for (const [username, displayName] of [
    ['linhaiyan', '林海燕'],
    ['zhangjianguo', '张建国']
  ]) {
    await services['users.save'](desk.app.ctx, {
      username,
      displayName,
      role: 'mediator',
      officeIds: [wutian],
      mediatorId: null,
      password: 'Mediator2026'
    })
  }
  const theCase = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))

  await desk.open(page, `/cases/${theCase.id}`)
  const dialog = new RegisterKeyPersonDialog(page)
  await dialog.openFor('陈建国')
  await expect(dialog.dialog).toBeVisible()
  await dialog.level('red').click()
  await dialog.save.click()
  await expect(dialog.dialog.locator('.el-form-item__error')).toHaveText('此项不能为空')
  await dialog.levelReason.fill('多次扬言报复对方，情绪失控')
  // The message was about the empty field: it goes once the field is filled.
  await expect(dialog.dialog.locator('.el-form-item__error')).toHaveCount(0)
  // The one registering is offered first; the office's mediator is chosen instead.
  await expect(dialog.responsible).toContainText('王主任（系统管理员）')
  await dialog.chooseResponsible('林海燕（调解员）')
  await expect(dialog.responsible).toContainText('林海燕（调解员）')
  await desk.screenshot(page, '1-register-dialog')
  await dialog.save.click()
  await expect(dialog.dialog).toBeHidden()
  await expect(page.getByTestId('party-flag-陈建国')).toHaveText('重点人员·红色')
  await expect(page.getByTestId('register-key-person-王芳')).toBeVisible()
  await desk.screenshot(page, '2-case-parties-flag')

  // Red: reviewed within the week, so it is on the home screen's card at once, due in seven days.
  const layout = new LayoutPage(page)
  await layout.goTo('首页')
  const card = new KeyPersonReviewsCard(page)
  await expect(card.row('陈建国')).toContainText(addDays(chinaDate(new Date()), 7))
  // A review left undone: seeded a day overdue, the card says so.
  await desk.app.ctx.db
    .updateTable('key_persons')
    .set({ next_review_on: addDays(chinaDate(new Date()), -1) })
    .execute()
  await page.reload()
  await expect(card.row('陈建国')).toContainText('逾期')
  await card.card.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '3-home-due')

  // The register and the person's drawer with the level history.
  await card.row('陈建国').click()
  const register = new KeyPersonsPage(page)
  await expect(register.drawer).toBeVisible()
  await expect(register.log).toContainText('列入重点人员')
  await expect(register.log).toContainText('多次扬言报复对方，情绪失控')
  await expect(register.drawer).toContainText('林海燕')
  await desk.screenshot(page, '4-drawer')
  // 林海燕 moves to another post: the person is handed to 张建国, and the log says so.
  await register.handOver('张建国（调解员）', '林海燕调岗')
  await expect(register.log).toContainText('更换责任人')
  await expect(register.log).toContainText('林海燕 → 张建国：林海燕调岗')
  await expect(register.drawer.locator('.el-descriptions')).toContainText('张建国')
  await desk.screenshot(page, '4a-handed-over')
  // A referral to the women's federation centre; its notes are read on purpose (main audits the view).
  await register.drawer.getByTestId('referral-new').click()
  await register.drawer.getByTestId('referral-notes-input').fill('自述长期失眠，需心理疏导')
  await register.drawer.getByTestId('referral-save').click()
  await expect(register.drawer.getByTestId('referrals-panel')).toContainText('瓯嫂来帮忙')
  await register.drawer.getByTestId('referral-read-notes').click()
  await expect(register.drawer.getByTestId('referral-notes')).toContainText('自述长期失眠，需心理疏导')
  await desk.screenshot(page, '4b-referral')
  await page.keyboard.press('Escape')
  await expect(register.drawer).toBeHidden()
  await expect(register.row('陈建国')).toContainText('红色')
  await desk.screenshot(page, '5-register')

  // At intake, the flag shows once the person's ID number is typed.
  await layout.goTo('受理登记')
  const intake = new IntakePage(page)
  await intake.party(1, 'idNumber').fill(RESPONDENT_ID)
  await expect(page.getByTestId('intake-key-person-flag')).toContainText('重点人员·红色')
  await expect(page.getByTestId('intake-key-person-flag')).toContainText('此人已列入重点人员')
  await page.getByTestId('intake-key-person-flag').scrollIntoViewIfNeeded()
  await desk.screenshot(page, '6-intake-flag')
  await intake.party(1, 'idNumber').fill(residentId('1985-07-03', 457))
  await expect(page.getByTestId('intake-key-person-flag')).toBeHidden()

  // And beside the case in the list.
  await layout.goTo('案件')
  const list = new CaseListPage(page)
  await expect(list.table.getByTestId(`case-flag-${theCase.id}`)).toHaveText('重点人员·红色')
  await desk.screenshot(page, '7-case-list')
  expect(consoleErrors).toEqual([])
})

test('an open loan dispute shows the resolved loan cases first, names masked; opening one is audited', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  const register = (summary: string, type: string, n: number) =>
    services['cases.register'](
      desk.app.ctx,
      registerCaseSchema.parse(
        registration({
          disputeType: type,
          summary,
          claims: [],
          parties: [
            {
              kind: 'person',
              role: 'applicant',
              name: `孙${n}明`.replace(/\d/, '建'),
              idType: 'resident_id',
              idNumber: residentId('1970-01-01', n)
            },
            {
              kind: 'person',
              role: 'respondent',
              name: '李国华',
              idType: 'resident_id',
              idNumber: residentId('1985-01-01', n)
            }
          ]
        })
      )
    )
  const loan = await register(
    '被申请人向申请人借款五万元，借款到期后经多次催讨未归还，李国华称经营困难。',
    'contract',
    1
  )
  const goods = await register('申请人购买建材一批，货物质量不合格，要求退货。', 'contract', 2)
  for (const done of [loan, goods]) {
    // Seed data: resolved straight in the store; the lifecycle's own tests cover how a case gets there.
    await desk.app.ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', done.id).execute()
  }
  const open = await register('被申请人借款三万元到期未归还，申请人要求归还借款。', 'contract', 3)

  await desk.open(page, `/cases/${open.id}`)
  const panel = page.getByTestId('similar-cases')
  await expect(panel.locator('.el-table__row').first()).toContainText('李某')
  await expect(panel.locator('.el-table__row').first()).toContainText('借款')
  await expect(panel).not.toContainText('李国华')
  await panel.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '8-similar-cases')
  await panel.locator('.el-table__row').first().click()
  await expect(page.getByTestId('similar-case-dialog')).toContainText('李某称经营困难')
  await desk.screenshot(page, '9-similar-case-opened')
  const audited = await desk.app.ctx.db
    .selectFrom('audit_log')
    .select('entity_id')
    .where('action', '=', 'cases.similarOpened')
    .execute()
  expect(audited).toEqual([{ entity_id: loan.id }])
  expect(consoleErrors).toEqual([])
})
