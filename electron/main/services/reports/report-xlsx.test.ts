/*
 * The exported workbooks, opened with exceljs: the report's sheets laid
 * out like the paper form (title, merged zh-CN headers, one row per office,
 * 合计) with the service's own numbers; the case list masked for a role that
 * does not see identifiers whole, and whole (and audited) for one that does.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthlyReport } from '../../../../shared/domain/report'
import { exportCaseListSchema } from '../../../../shared/domain/report'
import { MAIN_COLUMNS, ORG_COLUMNS, typeColumns, type ReportColumn } from '../../../../shared/rules/report-fields'
import { fixedClock, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { exportFrom, importAt, officeApp, registerAt, registerCaseAt } from '../hub/hub-test-kit'
import { CASE_LIST_SHEET } from './case-list-xlsx'
import { cellValue, FIRST_DATA_ROW, OFFICE_HEADER, REPORT_SHEETS, TOTAL_LABEL } from './report-xlsx'
import { reachAgreement } from './report-test-kit'

let wutian: TempApp
let jingshan: TempApp
let hub: TempApp
const NOV = { period: 'month', year: 2026, month: 11, scope: 'district' } as const

async function open(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  return workbook
}

beforeAll(async () => {
  // The report is November's: the cases are registered and accepted on its last working days.
  const clock = fixedClock('2026-11-27T02:00:00.000Z')
  ;[wutian, jingshan, hub] = await Promise.all([
    officeApp('wutian', clock),
    officeApp('jingshan', clock),
    officeApp('ouhai', clock)
  ])
  for (const [app, first] of [
    [wutian, 1],
    [jingshan, 10]
  ] as const) {
    for (let n = first; n < first + 3; n++) {
      const id = await registerCaseAt(app, n, ['王芳', '欧阳明华'])
      await services['cases.accept'](app.ctx, { caseId: id })
      if (n === first) await reachAgreement(app, id, '2026-11-20', 123_456)
    }
  }
  await registerAt(hub, wutian)
  await registerAt(hub, jingshan)
  for (const office of [wutian, jingshan]) await importAt(hub, await exportFrom(office))
}, 120_000)

afterAll(async () => {
  await Promise.all([wutian?.dispose(), jingshan?.dispose(), hub?.dispose()])
})

function checkSheet(sheet: ExcelJS.Worksheet, report: MonthlyReport, columns: readonly ReportColumn[]): void {
  expect(String(sheet.getCell('A1').value)).toContain(report.title)
  expect(sheet.getCell('A1').isMerged).toBe(true)
  expect(sheet.getCell(1, columns.length + 1).master.address).toBe('A1')
  expect(sheet.getCell(3, 1).value).toBe(OFFICE_HEADER)
  expect(sheet.getCell(4, 1).master.address).toBe('A3')
  // Header: a grouped column's group in row 3 (merged across the group), its label in row 4.
  for (const [k, column] of columns.entries()) {
    const top = sheet.getCell(3, k + 2)
    if (column.group === null) {
      expect(top.value).toBe(column.label)
      expect(sheet.getCell(4, k + 2).master.address).toBe(top.address)
    } else {
      expect(top.master.value).toBe(column.group)
      expect(sheet.getCell(4, k + 2).value).toBe(column.label)
    }
  }
  const lines = [...report.rows.map((r) => [r.officeName, r.figures] as const), [TOTAL_LABEL, report.total] as const]
  for (const [i, [name, figures]] of lines.entries()) {
    const row = sheet.getRow(FIRST_DATA_ROW + i)
    expect(row.getCell(1).value).toBe(name)
    for (const [k, column] of columns.entries())
      expect(row.getCell(k + 2).value, `${name} ${column.key}`).toBe(cellValue(column, figures))
  }
  expect(sheet.getRow(FIRST_DATA_ROW + lines.length).getCell(1).value).toBeNull()
}

describe('the report workbook', () => {
  it('has the form sheets with merged zh-CN headers, one row per office, a totals row, and the service numbers', async () => {
    const report = await services['reports.monthly'](hub.ctx, NOV)
    const file = await services['reports.exportXlsx'](hub.ctx, NOV)
    expect(file.fileName).toMatch(/^统计报表-2026年11月-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const workbook = await open(file.base64)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      REPORT_SHEETS.main,
      REPORT_SHEETS.types,
      REPORT_SHEETS.orgs,
      '说明'
    ])
    checkSheet(workbook.getWorksheet(REPORT_SHEETS.main)!, report, MAIN_COLUMNS)
    checkSheet(workbook.getWorksheet(REPORT_SHEETS.types)!, report, typeColumns(report.disputeTypes))
    checkSheet(workbook.getWorksheet(REPORT_SHEETS.orgs)!, report, ORG_COLUMNS)

    // The numbers a reader sees: both offices, and the totals row their sum.
    const main = workbook.getWorksheet(REPORT_SHEETS.main)!
    const names = report.rows.map((r) => r.officeName)
    expect(names).toEqual(expect.arrayContaining(['梧田街道矛盾纠纷调解分中心', '景山街道矛盾纠纷调解分中心']))
    const total = main.getRow(FIRST_DATA_ROW + report.rows.length)
    expect(total.getCell(1).value).toBe(TOTAL_LABEL)
    expect(total.getCell(2).value).toBe(6)
    expect(total.getCell(3).value).toBe(2)
    expect(total.getCell(4).value).toBe(100)
    expect(total.getCell(5).value).toBe(2469.12)
    expect(report.rows.filter((r) => r.figures.accepted > 0)).toHaveLength(2)
    expect(report.disputeTypes).toHaveLength(18)
  })
})

describe('the case-list workbook', () => {
  const filters = exportCaseListSchema.parse({ disputeType: 'neighbour' })

  it('masks identifiers for a role that does not see them whole', async () => {
    const admin = wutian.ctx.actor
    wutian.ctx.actor = { ...admin, role: 'clerk' }
    try {
      const file = await services['reports.exportCaseList'](wutian.ctx, filters)
      const sheet = (await open(file.base64)).getWorksheet(CASE_LIST_SHEET)!
      expect(sheet.getRow(1).getCell(11).value).toBe('申请人证件号码')
      expect(sheet.rowCount).toBe(4)
      for (let r = 2; r <= 4; r++) {
        expect(String(sheet.getRow(r).getCell(11).value)).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/)
        expect(String(sheet.getRow(r).getCell(12).value)).toMatch(/^138\*{4}\d{4}$/)
        expect(sheet.getRow(r).getCell(10).value).toBe('王芳')
      }
    } finally {
      wutian.ctx.actor = admin
    }
  })

  it('gives full numbers to a supervisor, and records that view in the audit trail', async () => {
    const file = await services['reports.exportCaseList'](wutian.ctx, filters)
    const sheet = (await open(file.base64)).getWorksheet(CASE_LIST_SHEET)!
    expect(String(sheet.getRow(2).getCell(11).value)).toMatch(/^\d{17}[\dX]$/)
    const audit = await wutian.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'reports.exportCaseList')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].summary).after).toMatchObject({ rows: 3, unmasked: true })
  })

  it('holds exactly the rows the list filters match', async () => {
    const file = await services['reports.exportCaseList'](
      wutian.ctx,
      exportCaseListSchema.parse({ status: 'agreement' })
    )
    const sheet = (await open(file.base64)).getWorksheet(CASE_LIST_SHEET)!
    expect(sheet.rowCount).toBe(2)
    expect(sheet.getRow(2).getCell(5).value).toBe('达成协议')
  })
})
