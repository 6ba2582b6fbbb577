/*
 * A mediator takes a case from the first session to closing: a mediation
 * record, a written agreement with two terms, a follow-up that marks one term
 * performed, a joint application for judicial confirmation, the closing
 * report. A second case left past its 30 days shows as overdue on the home
 * screen, in red and first.
 */
import { registerCaseSchema } from '../../shared/domain/case-input'
import { chinaDate } from '../../shared/rules/china-time'
import { addCalendarDays } from '../../shared/rules/working-days'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { fixedClock } from '../support/temp-app'
import { test, expect } from './fixtures'
import { CaseDetailPage } from './page-models/case-pages'
import { DeadlinesCard, LifecyclePanel } from './page-models/lifecycle-pages'

test('a mediator records a session, an agreement, a follow-up and a confirmation, then closes the case', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  const theCase = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  await services['cases.accept'](desk.app.ctx, { caseId: theCase.id })
  const today = chinaDate(new Date())

  await desk.open(page, `/cases/${theCase.id}`)
  const detail = new CaseDetailPage(page)
  const lc = new LifecyclePanel(page)
  await expect(detail.status).toHaveText('已受理')
  await expect(lc.deadline('调解期限')).toContainText('30 个自然日')
  await expect(lc.deadline('受理审查')).toContainText('工作日')
  await lc.panel.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '1-accepted')

  // The first mediation record starts mediation.
  await lc.open('open-record')
  await lc.date('record-held-at', `${today} 09:30`)
  await lc.fill('record-place', '梧田街道矛盾纠纷调解分中心第一调解室')
  await lc.fill('record-participants', '调解员林海燕、记录员郑晓丽')
  await lc.fill('record-parties-present', '申请人王芳、被申请人陈建国')
  await lc.check('record-rights-explained')
  await lc.fill('record-statement-0', '被申请人占用公共通道，排水沟被堵。')
  await lc.fill('record-statement-1', '同意拆除，但要求分担疏通费用。')
  await lc.fill('record-recorder', '郑晓丽')
  await desk.screenshot(page, '2-record-form')
  await lc.save('save-record')
  await expect(detail.status).toHaveText('调解中')
  await expect(lc.records).toContainText('调解记录')

  // A written agreement with two terms and an exact amount.
  await lc.open('open-agreement')
  await lc.fill('agreement-facts', '被申请人翻建房屋时占用公共通道约0.8米，并堵塞排水沟。')
  await lc.fill('agreement-disputed', '占用部分是否拆除；疏通费用由谁承担。')
  await lc.fill('agreement-responsibility', '被申请人负主要责任。')
  await lc.fill('term-content-0', '被申请人拆除占用公共通道部分，恢复原状。')
  await lc.date('term-due-0', addCalendarDays(today, 10))
  await page.getByTestId('add-term').click()
  await lc.fill('term-content-1', '被申请人向申请人支付清淤及损失费用。')
  await lc.amount('term-amount-1', '1,250.50')
  await lc.date('term-due-1', addCalendarDays(today, 5))
  await lc.fill('agreement-manner', '自行拆除；款项银行转账一次付清。')
  await lc.date('agreement-deadline', addCalendarDays(today, 10))
  await lc.amount('agreement-amount', '1250.5')
  await lc.date('agreement-signed', today)
  await lc.date('agreement-effective', today)
  await lc.fill('agreement-mediator', '林海燕')
  await lc.check('agreement-seeks-confirmation')
  await desk.screenshot(page, '3-agreement-form')
  await lc.save('save-agreement')
  await expect(detail.status).toHaveText('达成协议')
  await expect(lc.terms.locator('.el-table__row')).toHaveCount(2)
  await expect(page.getByTestId('agreement-view')).toContainText('1,250.50 元')
  await expect(lc.deadline('司法确认申请')).toContainText('30 个自然日')
  await lc.panel.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '4-agreement')

  // The follow-up: the payment (term 2) has been made.
  await lc.open('open-follow-up')
  await lc.fill('follow-up-party', '申请人王芳')
  await lc.check('perform-term-2')
  await lc.amount('follow-up-amount', '1,250.50')
  await lc.fill('follow-up-visitor', '林海燕')
  await desk.screenshot(page, '5-follow-up-form')
  await lc.save('save-follow-up')
  await expect(detail.status).toHaveText('回访中')
  await expect(page.getByTestId('term-performed-2')).toContainText(`已于 ${today} 履行`)
  await expect(page.getByTestId('mark-term-1')).toBeVisible()

  // The joint application for judicial confirmation.
  await lc.open('open-confirmation')
  await lc.fill('confirm-court', '温州市瓯海区人民法院')
  await lc.check('confirm-jointly')
  await lc.save('confirm-step')
  await expect(page.getByTestId('confirmation-list')).toContainText('温州市瓯海区人民法院')
  await expect(lc.deadline('司法确认申请')).toContainText('已完成')

  // Closing, with its report.
  await lc.open('open-close')
  await lc.fill('close-result', '双方达成书面协议，赔偿款已付清，拆除尚在履行期内。')
  await desk.screenshot(page, '6-close-dialog')
  await lc.save('confirm-step')
  await expect(detail.status).toHaveText('已结案')
  await expect(page.getByTestId('closing-report')).toContainText(today)
  await expect(detail.timeline).toContainText('达成调解协议')
  await expect(detail.timeline).toContainText('第 2 项于')
  await lc.panel.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '7-closed')

  // Filed: read-only from now on; only an amendment with its reason remains.
  await lc.open('open-archive')
  await lc.fill('archive-filed-by', '郑晓丽')
  await desk.screenshot(page, '8-archive-dialog')
  await lc.save('confirm-step')
  await expect(detail.status).toHaveText('已归档')
  await expect(page.getByTestId('open-amend')).toBeVisible()
  await expect(page.getByTestId('open-record')).toHaveCount(0)

  const stored = await desk.app.ctx.db
    .selectFrom('agreement_terms')
    .select(['number', 'amount_cents', 'performed_on'])
    .orderBy('number')
    .execute()
  expect(stored).toEqual([
    { number: 1, amount_cents: null, performed_on: null },
    { number: 2, amount_cents: 125_050, performed_on: today }
  ])
  expect(consoleErrors).toEqual([])
})

test('a case left past its 30 days is overdue on the home screen, red risk first', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  // Accepted 45 days ago: its 30-day mediation limit has passed.
  const past = { ...desk.app.ctx, clock: fixedClock(new Date(Date.now() - 45 * 86_400_000).toISOString()) }
  const late = await services['cases.register'](
    past,
    registerCaseSchema.parse(registration({ riskLevel: 'red', riskReason: '一方扬言报复', occurredOn: null }))
  )
  await services['cases.accept'](past, { caseId: late.id })
  const fresh = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  await services['cases.accept'](desk.app.ctx, { caseId: fresh.id })

  await desk.open(page, '/')
  const card = new DeadlinesCard(page)
  await expect(card.overdue).toContainText('1 件已逾期')
  const first = card.cases.locator('.el-table__row').first()
  await expect(first).toContainText('调字第1号')
  await expect(first).toContainText('逾期')
  await expect(first.locator('.dc__red')).toBeVisible()
  await desk.screenshot(page, '9-home-overdue')

  await card.scope('全部组织')
  await expect(page.getByTestId('deadline-offices')).toContainText('梧田街道矛盾纠纷调解分中心')
  await desk.screenshot(page, '10-home-all-offices')

  // The count opens the case list filtered to the overdue cases.
  await card.overdue.click()
  await expect(page.getByTestId('case-total')).toContainText('共 1 件')
  await desk.screenshot(page, '11-list-overdue')

  // The defaults live in Settings, each saying how it counts.
  await page.evaluate(() => (window.location.hash = '#/settings'))
  await page.getByRole('tab', { name: '期限' }).click()
  await expect(page.getByTestId('deadline-settings')).toContainText('工作日（不计周末和法定节假日，计调休上班日）')
  await desk.screenshot(page, '12-settings')
  expect(consoleErrors).toEqual([])
})
