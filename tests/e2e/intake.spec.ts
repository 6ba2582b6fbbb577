/*
 * Intake as the clerk at the window does it: keyboard through the form, the
 * repeat-party warning, accept with a number, the receipt, finding the case
 * again, declining another, and a wrong ID number stopped at the field.
 */
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration, residentId } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { CaseDetailPage, CaseListPage } from './page-models/case-pages'
import { IntakePage } from './page-models/intake-page'
import { LayoutPage } from './page-models/layout-page'

const YEAR = new Date().getFullYear()
const APPLICANT_ID = residentId('1978-04-12', 122)
const RESPONDENT_ID = residentId('1985-07-03', 457)

test('a clerk registers a dispute from the keyboard, is warned of a repeat party, accepts it and finds it again', async ({
  page,
  desk,
  consoleErrors
}) => {
  // An earlier case of the same applicant (same ID number).
  await chooseOffice(desk.app, 'wutian')
  await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))

  await desk.open(page)
  const layout = new LayoutPage(page)
  await layout.goTo('受理登记')
  const intake = new IntakePage(page)
  await expect(intake.input('source')).toBeFocused()

  await intake.pick('来访')
  await intake.tab()
  await intake.pick('邻里')
  await intake.tab(2) // date (left empty), township
  await intake.pick('梧田')
  await intake.tab()
  await intake.type('南村社区')
  await intake.tab()
  await intake.type('3,500.50')
  await intake.tab()
  await page.keyboard.press('ArrowLeft') // green → yellow
  await intake.tab()
  await expect(intake.input('risk-reason')).toBeFocused()
  await intake.type('双方曾发生肢体冲突')
  await intake.tab()
  await intake.type('申请人与被申请人系上下楼邻居，被申请人家中卫生间漏水致申请人天花板霉变，协商未果。')
  await intake.tab()
  await intake.type('修复漏水点\n赔偿装修损失3500.50元')
  await intake.tab(3) // 添加当事人, party 0 role, kind
  await intake.tab()
  await expect(intake.party(0, 'name')).toBeFocused()
  await intake.type('王芳')
  await intake.tab(2) // ID type stays 居民身份证
  await intake.type(APPLICANT_ID)
  await expect(intake.partyText(0, 'derived')).toContainText('1978-04-12出生 · 女')
  await expect(intake.partyText(0, 'derived')).toContainText('浙江省温州市')
  await expect(intake.repeatWarnings.first()).toContainText('已有 1 件案件')
  await page.getByTestId('reuse-party-0').click()
  await expect(page.getByText('沿用已有当事人记录')).toBeVisible()
  await desk.screenshot(page, '1-intake-form')

  await intake.party(1, 'name').focus()
  await intake.type('陈刚')
  await intake.tab(2)
  await intake.type(RESPONDENT_ID)
  await intake.tab(2) // ethnicity, phone
  await intake.type('13967712345')
  await page.keyboard.press('Enter')

  const detail = new CaseDetailPage(page)
  await expect(detail.status).toHaveText('待受理')
  await expect(detail.parties).toContainText('王芳')
  await expect(detail.parties).toContainText('139****2345')
  await expect(detail.parties).toContainText('330***********')
  await detail.acceptCase()
  await expect(detail.number).toHaveText(`(${YEAR})瓯海梧田调字第1号`)
  await expect(detail.status).toHaveText('已受理')
  await expect(detail.timeline).toContainText('受理')
  await desk.screenshot(page, '2-case-detail')

  // What the store holds: the new case with its number and exact amount, the applicant reused (no duplicate person).
  const stored = await desk.app.ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('case_number', '=', `(${YEAR})瓯海梧田调字第1号`)
    .executeTakeFirstOrThrow()
  expect(stored).toMatchObject({
    amount_cents: 350_050,
    risk_level: 'yellow',
    dispute_type: 'neighbour',
    source: 'walk_in'
  })
  expect(JSON.parse(stored.claims)).toEqual(['修复漏水点', '赔偿装修损失3500.50元'])
  const people = await desk.app.ctx.db
    .selectFrom('parties')
    .select('id')
    .where('id_number', '=', APPLICANT_ID)
    .execute()
  expect(people).toHaveLength(1)

  await page.getByTestId('print-receipt').click()
  await expect(page.getByTestId('receipt')).toContainText(`王芳：`)
  await expect(page.getByTestId('receipt')).toContainText(`案件编号为(${YEAR})瓯海梧田调字第1号`)
  await expect(page.getByTestId('receipt')).toContainText('梧田街道矛盾纠纷调解分中心（印章）')
  await desk.screenshot(page, '3-receipt')

  await page.goBack()
  await layout.goTo('案件')
  const list = new CaseListPage(page)
  await expect(list.total).toHaveText('共 2 件')
  await list.searchFor('陈刚')
  await expect(list.total).toHaveText('共 1 件')
  await expect(list.rows().first()).toContainText(`(${YEAR})瓯海梧田调字第1号`)
  await list.searchFor(RESPONDENT_ID.slice(10, 14))
  await expect(list.total).toHaveText('共 1 件')
  await expect(list.rows().first()).toContainText('王芳 / 陈刚')
  await list.searchFor('')
  await expect(list.total).toHaveText('共 2 件')
  // Search as you type: no Enter needed.
  await list.search.pressSequentially('陈刚')
  await expect(list.total).toHaveText('共 1 件')
  await list.search.fill('')
  await expect(list.total).toHaveText('共 2 件')
  await desk.screenshot(page, '4-case-list')
  expect(consoleErrors).toEqual([])
})

test('a clerk declines a case with its legal ground and the route the applicant is told', async ({ page, desk }) => {
  await chooseOffice(desk.app, 'wutian')
  const registered = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  await desk.open(page, `/cases/${registered.id}`)

  const detail = new CaseDetailPage(page)
  await detail.decline.click()
  await page.getByTestId('confirm-decline').click()
  await expect(page.getByTestId('decline-form')).toContainText('请选择不予受理的理由')

  await page.getByTestId('decline-reason').click()
  await page.getByRole('option', { name: /已经受理或者解决/ }).click()
  await page.getByTestId('decline-route').click()
  await page.getByRole('option', { name: '向人民法院提起诉讼' }).click()
  await page.getByTestId('confirm-decline').click()

  await expect(detail.status).toHaveText('不予受理')
  await expect(detail.timeline).toContainText('告知途径：向人民法院提起诉讼')
  await expect(detail.accept).toHaveCount(0)
  await desk.screenshot(page, '5-declined')
  const row = await desk.app.ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', registered.id)
    .executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'declined', decline_reason: 'already_handled', case_number: null })
})

test('a wrong ID number is stopped at the field in zh-CN and nothing is saved', async ({ page, desk }) => {
  await chooseOffice(desk.app, 'wutian')
  await desk.open(page)
  await new LayoutPage(page).goTo('受理登记')
  const intake = new IntakePage(page)
  await intake.input('dispute-type').focus()
  await intake.pick('婚姻')
  await intake.input('summary').fill('夫妻因抚养费产生纠纷')
  await intake.party(0, 'name').fill('李娜')
  const wrong = APPLICANT_ID.slice(0, 17) + (APPLICANT_ID.endsWith('1') ? '2' : '1')
  await intake.party(0, 'idNumber').fill(wrong)
  await intake.party(1, 'name').fill('张伟')
  await expect(intake.itemOf(intake.party(0, 'idNumber'))).toContainText('身份证号码校验位不正确')
  await intake.save.click()
  await expect(page.getByText('请检查标出的字段')).toBeVisible()
  await desk.screenshot(page, '6-wrong-id')
  expect(await desk.app.ctx.db.selectFrom('cases').select('id').execute()).toEqual([])
})

test('a party with many earlier cases, on several records, is one warning with the newest five, the button to reuse first, and the rest on asking', async ({
  page,
  desk,
  consoleErrors
}) => {
  // An applicant who has come with eight earlier cases; three times the clerk did not reuse her record.
  await chooseOffice(desk.app, 'wutian')
  const first = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  const partyId = first.parties.find((p) => p.role === 'applicant')!.id
  for (let i = 1; i < 8; i++) {
    const input = registration({ occurredOn: `2026-10-0${i + 1}` })
    if (i % 2 === 1) input.parties[0] = { ...input.parties[0], existingPartyId: partyId }
    await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(input))
  }
  await desk.open(page)
  await new LayoutPage(page).goTo('受理登记')
  const intake = new IntakePage(page)
  await intake.party(0, 'idNumber').fill(APPLICANT_ID)
  const warning = intake.repeatWarnings.first()
  await expect(warning).toContainText('已有 8 件案件（登记为 4 条当事人记录）')
  await expect(intake.repeatWarnings).toHaveCount(1)
  await expect(warning).toHaveClass(/el-alert--error/)
  const cases = warning.getByTestId('repeat-party-cases').locator('li')
  await expect(cases).toHaveCount(5)
  // A case without a number says 待受理 once, in the number's place.
  await expect(cases.first()).toHaveText(/^（待受理） · 邻里纠纷 · 申请人 · \d{4}-\d{2}-\d{2}$/)
  await expect(page.getByTestId('reuse-party-0')).toBeInViewport()
  await desk.screenshot(page, '7-repeat-party-many')
  await warning.getByTestId('repeat-party-more').click()
  await expect(cases).toHaveCount(8)
  await warning.getByTestId('repeat-party-more').click()
  await expect(cases).toHaveCount(5)
  // Reusing the record still works from where the button now is.
  await page.getByTestId('reuse-party-0').click()
  await expect(page.getByText('沿用已有当事人记录')).toBeVisible()
  expect(consoleErrors).toEqual([])
})
