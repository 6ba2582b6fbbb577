/*
 * Grid patrols as the intake hall does them: a report entered from the
 * keyboard (a wrong ID number stopped at its field), the month's counts,
 * passing the report on to intake, registering the case and seeing the link
 * both ways; and a grid list imported with a bad row left out.
 */
import { writeFileSync } from 'node:fs'
import { chinaDateTime } from '../../shared/rules/china-time'
import { GRID_ROWS, gridListXlsx, savedPatrolId, seedGrids, wrongCheckChar } from '../support/contract-cases-patrols'
import { chooseOffice, residentId } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { CaseDetailPage } from './page-models/case-pages'
import { IntakePage } from './page-models/intake-page'
import { LayoutPage } from './page-models/layout-page'
import { GridImportPage, PatrolForm, PatrolsPage } from './page-models/patrol-pages'

const APPLICANT_ID = residentId('1978-04-12', 122)
const WRONG_ID = wrongCheckChar(APPLICANT_ID)

test('a report is entered from the keyboard, a wrong ID number is stopped at its field, and the month counts it', async ({
  page,
  desk,
  consoleErrors
}) => {
  await seedGrids(desk.app)
  await desk.open(page)
  await new LayoutPage(page).goTo('网格排查')
  const patrols = new PatrolsPage(page)
  await expect(patrols.monthPatrols).toHaveText('0')

  await patrols.newReport.click()
  const form = new PatrolForm(page)
  await expect(form.input('patrol-grid')).toBeFocused()
  await form.pick('WT-001')
  await form.input('patrol-reporter').focus()
  await form.type('郑晓东')
  await form.tab()
  await form.type('13957700011')
  await form.tab()
  await form.type('老殿后村12号门前')
  await form.tab()
  await form.type('两户村民因翻建房屋占用公共通道发生争执，情绪激动。')
  await form.dialog.getByText('转入受理', { exact: true }).click()
  await page.getByTestId('patrol-add-party').click()
  await form.party(0, 'party-name').fill('王芳')
  await form.party(0, 'party-id').fill(WRONG_ID)
  await page.getByTestId('patrol-add-party').click()
  await form.party(1, 'party-name').fill('陈建国')
  await form.save.click()
  const idError = form.itemOf(form.party(0, 'party-id')).locator('.el-form-item__error')
  await expect(idError).toHaveText('身份证号码校验位不正确')
  await expect(idError).toBeInViewport()
  await desk.screenshot(page, '1-form-wrong-id')

  await form.party(0, 'party-id').fill(APPLICANT_ID)
  await form.party(0, 'party-phone').fill('13857712345')
  await form.party(0, 'party-phone').press('Enter')
  await expect(form.dialog).toBeHidden()
  await expect(patrols.row('郑晓东')).toContainText('转入受理')
  await expect(patrols.monthPatrols).toHaveText('1')
  await expect(patrols.monthFound).toHaveText('1')
  await desk.screenshot(page, '2-list')
  expect(consoleErrors).toEqual([])
})

test('a report passed on to intake opens the form pre-filled, and the registered case is linked both ways', async ({
  page,
  desk,
  consoleErrors
}) => {
  await seedGrids(desk.app)
  // Entered now, so that the list's default month (this month) shows it.
  await savedPatrolId(desk.app, {
    patrolledAt: chinaDateTime(new Date()),
    parties: [{ name: '王芳' }, { name: '陈建国' }]
  })
  await desk.open(page, '/patrols')
  const patrols = new PatrolsPage(page)
  await patrols.row('郑晓东').getByTestId('pass-to-intake').click()
  const intake = new IntakePage(page)
  await expect(page.getByTestId('from-patrol')).toBeVisible()
  await expect(page.getByTestId('source')).toContainText('网格员上报')
  await expect(intake.input('summary')).toHaveValue(/翻建房屋占用公共通道/)
  await expect(intake.party(0, 'name')).toHaveValue('王芳')
  await expect(intake.party(1, 'name')).toHaveValue('陈建国')
  await intake.input('dispute-type').click()
  await intake.pick('邻里')
  await desk.screenshot(page, '3-intake-prefilled')
  await intake.save.click()

  const detail = new CaseDetailPage(page)
  await expect(detail.status).toHaveText('待受理')
  await expect(page.getByTestId('case-patrol-link')).toContainText('来自网格排查：WT-001 老殿后一网格，网格员郑晓东')
  await desk.screenshot(page, '4-case-link')

  const [row] = await desk.app.ctx.db.selectFrom('patrol_reports').select(['case_id', 'handling']).execute()
  const [theCase] = await desk.app.ctx.db.selectFrom('cases').select(['id', 'source']).execute()
  expect(row).toEqual({ case_id: theCase.id, handling: 'passed_on' })
  expect(theCase.source).toBe('grid_report')

  await new LayoutPage(page).goTo('网格排查')
  await expect(patrols.row('郑晓东').getByTestId('patrol-case-link')).toHaveText('已登记案件')
  await expect(patrols.row('郑晓东').getByTestId('pass-to-intake')).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('a grid list is imported: the bad row is shown and left out, the good ones go in', async ({
  page,
  desk,
  consoleErrors
}, testInfo) => {
  await chooseOffice(desk.app, 'wutian')
  const file = testInfo.outputPath('网格清单.xlsx')
  writeFileSync(file, Buffer.from(await gridListXlsx([...GRID_ROWS, ['WT-003', '火星街道', '某村', null]]), 'base64'))

  await desk.open(page, '/patrols')
  const patrols = new PatrolsPage(page)
  await patrols.gridsTab()
  await expect(patrols.gridTable).toContainText('尚无网格')
  await patrols.importGrids.click()
  const dialog = new GridImportPage(page)
  await expect(dialog.confirm).toBeDisabled()
  await dialog.choose(file)
  await expect(dialog.summary).toContainText('新增 2 个')
  await expect(dialog.summary).toContainText('有问题 1 行')
  await expect(dialog.problems).toHaveCount(1)
  await expect(dialog.problems.first()).toContainText('“火星街道”不是本区的镇街')
  await expect(dialog.confirm).toHaveText('导入无问题的 2 行')
  await desk.screenshot(page, '5-grid-import-preview')

  await dialog.confirm.click()
  await expect(page.getByText('网格清单已导入：新增 2 个，更新 0 个，未变化 0 个；1 行有问题未导入')).toBeVisible()
  await expect(dialog.dialog).toBeHidden()
  await expect(patrols.gridTable.locator('.el-table__row')).toHaveCount(2)
  await expect(patrols.gridTable).toContainText('蟾钟二网格')
  await desk.screenshot(page, '6-grid-list')
  expect(consoleErrors).toEqual([])
})
