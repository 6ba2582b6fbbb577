/*
 * 统计报表 end to end: with cases accepted and an agreement reached this
 * month through the services, the report page shows the figures, and every
 * cell of its tables is the service's report as formatted by the shared
 * column list; figures typed in by hand save, show in the table, and a
 * change to a saved one asks before overwriting.
 */
import { createAgreementSchema } from '../../shared/domain/lifecycle-input'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { chinaDate } from '../../shared/rules/china-time'
import { MAIN_COLUMNS, ORG_COLUMNS, formatColumnValue, typeColumns } from '../../shared/rules/report-fields'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { writtenAgreement } from '../support/lifecycle-fixtures'
import { test, expect } from './fixtures'
import ExcelJS from 'exceljs'
import { CaseListPage } from './page-models/case-pages'
import { ReportPage, exportCaseList } from './page-models/report-pages'

const OFFICE = '梧田街道矛盾纠纷调解分中心'

test('the report page shows this month’s figures as the service counts them, and hand-entered figures save', async ({
  page,
  desk,
  consoleErrors
}) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  const today = chinaDate(desk.app.ctx.clock.now())
  const ids: string[] = []
  for (const [n, type] of (['neighbour', 'neighbour', 'labour'] as const).entries()) {
    const theCase = await services['cases.register'](
      desk.app.ctx,
      registerCaseSchema.parse(
        registration({ disputeType: type, summary: `第${n + 1}件：报表测试纠纷，双方因琐事争执。` })
      )
    )
    await services['cases.accept'](desk.app.ctx, { caseId: theCase.id })
    ids.push(theCase.id)
  }
  await services['cases.startMediation'](desk.app.ctx, { caseId: ids[0] })
  await services['agreements.create'](
    desk.app.ctx,
    createAgreementSchema.parse(
      writtenAgreement(ids[0], {
        signedOn: today,
        effectiveOn: today,
        performanceDeadline: '2027-01-31',
        terms: [{ content: '被申请人支付赔偿款。', amountCents: 125_050, dueOn: '2027-01-31' }]
      })
    )
  )
  const [year, month] = today.split('-').map(Number)
  const expected = await services['reports.monthly'](desk.app.ctx, { period: 'month', year, month, scope: 'office' })
  expect(expected.total).toMatchObject({ accepted: 3, succeeded: 1, agreementAmountCents: 125_050 })

  await desk.open(page, '/')
  const report = new ReportPage(page)
  await report.open()
  await expect(report.title).toHaveText(`${OFFICE}人民调解工作统计报表（${year}年${month}月）`)

  // Every cell of the three tables, for the office and the 合计 row, equals the service's figure.
  await expect(report.rows('report-main')).toHaveCount(2)
  for (const [line, figures] of [
    [OFFICE, expected.rows[0].figures],
    ['合计', expected.total]
  ] as const) {
    for (const column of MAIN_COLUMNS) {
      await expect(report.cell('report-main', line, column.key), column.key).toHaveText(
        formatColumnValue(column, figures)
      )
    }
  }
  await expect(report.cell('report-main', OFFICE, 'accepted')).toHaveText('3')
  await expect(report.cell('report-main', OFFICE, 'rate')).toHaveText('100.0%')
  await expect(report.cell('report-main', OFFICE, 'amount')).toHaveText('1250.50')
  await desk.screenshot(page, 'main')

  await report.showTab('分类型')
  for (const column of typeColumns(expected.disputeTypes)) {
    await expect(report.cell('report-types', OFFICE, column.key)).toHaveText(
      formatColumnValue(column, expected.rows[0].figures)
    )
  }
  await expect(report.cell('report-types', OFFICE, 'neighbour_accepted')).toHaveText('2')
  await report.showTab('分组织类型')
  for (const column of ORG_COLUMNS) {
    await expect(report.cell('report-orgs', '合计', column.key)).toHaveText(formatColumnValue(column, expected.total))
  }
  await expect(report.cell('report-orgs', OFFICE, 'town_street_accepted')).toHaveText('3')

  // Hand-entered figures: saved, shown in the table, and a change to a saved one is confirmed first.
  await report.showTab('主表')
  await report.enterFigure('防止民转刑（件）', 2)
  await report.enterFigure('防止民转刑（人）', 5)
  await report.saveFigures()
  await expect(report.cell('report-main', OFFICE, 'criminal_cases')).toHaveText('2')
  await expect(report.cell('report-main', '合计', 'criminal_persons')).toHaveText('5')
  await report.enterFigure('防止民转刑（人）', 6)
  await report.saveFigures()
  const dialog = await report.confirmOverwrite()
  await expect(dialog).toContainText('防止民转刑（人）：5 → 6')
  await desk.screenshot(page, 'overwrite')
  await dialog.getByRole('button', { name: '覆盖' }).click()
  await expect(report.cell('report-main', OFFICE, 'criminal_persons')).toHaveText('6')
  const saved = await services['reports.figures'](desk.app.ctx, { month: today.slice(0, 7) })
  expect(saved.entries.filter((e) => e.value !== null).map((e) => [e.field, e.value])).toEqual([
    ['criminal_cases', 2],
    ['criminal_persons', 6]
  ])
  await desk.screenshot(page, 'figures')
})

test('the case list exports the cases its filters match', async ({ page, desk, consoleErrors }) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  for (const summary of ['报表导出甲：邻里通道纠纷', '报表导出乙：邻里噪音纠纷', '另一件：租赁押金纠纷']) {
    await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration({ summary })))
  }
  await desk.open(page, '/cases')
  const list = new CaseListPage(page)
  await list.searchFor('报表导出')
  await expect(list.rows()).toHaveCount(2)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await exportCaseList(page))
  const sheet = workbook.getWorksheet('案件清单')!
  expect(sheet.rowCount).toBe(3)
  const summaries = [2, 3].map((r) => String(sheet.getRow(r).getCell(18).value)).sort()
  expect(summaries).toEqual(['报表导出乙：邻里噪音纠纷', '报表导出甲：邻里通道纠纷'].sort())
})

test('at the district center the report lists each office and the 合计, as the service counts them', async ({
  page,
  desk,
  consoleErrors
}) => {
  void consoleErrors
  // Cases of two offices in the district center's store (as after merging their bundles).
  for (const code of ['wutian', 'jingshan', 'wutian']) {
    await chooseOffice(desk.app, code)
    const theCase = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
    await services['cases.accept'](desk.app.ctx, { caseId: theCase.id })
  }
  await chooseOffice(desk.app, 'ouhai')
  const [year, month] = chinaDate(desk.app.ctx.clock.now()).split('-').map(Number)
  const expected = await services['reports.monthly'](desk.app.ctx, { period: 'month', year, month, scope: 'district' })

  await desk.open(page, '/')
  const report = new ReportPage(page)
  await report.open()
  await report.chooseScope('全区（各组织）')
  await expect(report.title).toHaveText(`瓯海区社会治理中心人民调解工作统计报表（${year}年${month}月）`)
  await expect(report.rows('report-main')).toHaveCount(expected.rows.length + 1)
  for (const row of expected.rows) {
    await expect(report.cell('report-main', row.officeName, 'accepted')).toHaveText(String(row.figures.accepted))
  }
  await expect(report.cell('report-main', '梧田街道矛盾纠纷调解分中心', 'accepted')).toHaveText('2')
  await expect(report.cell('report-main', '合计', 'accepted')).toHaveText('3')
  await desk.screenshot(page, 'district')
})
