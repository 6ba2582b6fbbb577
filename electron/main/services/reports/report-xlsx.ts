/*
 * The report as the paper form's workbook: per table a sheet with the title
 * row, the period, two header rows with merged group cells, one row per
 * office and the 合计 row. Columns come from shared/rules/report-fields.ts,
 * the same lists the screen draws, and the numbers are the service's own
 * (a rate stays the percentage number, money is yuan), so the sheet and the
 * screen cannot disagree.
 */
import ExcelJS from 'exceljs'
import type { SpreadsheetFile } from '../../../../shared/domain/mediator'
import type { MonthlyReport, ReportFigures } from '../../../../shared/domain/report'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import { MAIN_COLUMNS, ORG_COLUMNS, typeColumns, type ReportColumn } from '../../../../shared/rules/report-fields'
import type { AppContext } from '../../context'
import { buildReport } from './monthly'

/** Sheet names, in workbook order. */
export const REPORT_SHEETS = { main: '主表', types: '分类型', orgs: '分组织类型' } as const
export const TOTAL_LABEL = '合计'
export const OFFICE_HEADER = '调解组织'
/** Rows of the layout: title, period, two header rows, then the offices. */
export const FIRST_DATA_ROW = 5

const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/** What a cell holds for a column: numbers stay numbers; an undefined rate is a dash. */
export function cellValue(column: ReportColumn, figures: ReportFigures): number | string {
  const value = column.value(figures)
  if (value === null) return '—'
  return column.format === 'money' ? value / 100 : value
}

function addFormSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  report: MonthlyReport,
  columns: readonly ReportColumn[]
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: FIRST_DATA_ROW - 1 }] })
  const width = columns.length + 1
  sheet.mergeCells(1, 1, 1, width)
  sheet.getCell(1, 1).value = `${report.title}${name === REPORT_SHEETS.main ? '' : `（${name}）`}`
  sheet.getCell(1, 1).font = { bold: true, size: 16 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.mergeCells(2, 1, 2, width)
  sheet.getCell(2, 1).value = `统计期间：${report.from} 至 ${report.to}，单位：件、人、元`

  sheet.mergeCells(3, 1, 4, 1)
  sheet.getCell(3, 1).value = OFFICE_HEADER
  let c = 0
  while (c < columns.length) {
    const group = columns[c].group
    let end = c
    while (group !== null && end + 1 < columns.length && columns[end + 1].group === group) end++
    if (group === null) {
      sheet.mergeCells(3, c + 2, 4, c + 2)
      sheet.getCell(3, c + 2).value = columns[c].label
    } else {
      if (end > c) sheet.mergeCells(3, c + 2, 3, end + 2)
      sheet.getCell(3, c + 2).value = group
      for (let k = c; k <= end; k++) sheet.getCell(4, k + 2).value = columns[k].label
    }
    c = end + 1
  }
  for (const r of [3, 4]) {
    const row = sheet.getRow(r)
    row.font = { bold: true }
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  }
  sheet.getColumn(1).width = 34
  for (let k = 2; k <= width; k++) sheet.getColumn(k).width = 11

  const lines = [
    ...report.rows.map((r) => ({ name: r.officeName, f: r.figures })),
    { name: TOTAL_LABEL, f: report.total }
  ]
  for (const [i, line] of lines.entries()) {
    const row = sheet.getRow(FIRST_DATA_ROW + i)
    row.getCell(1).value = line.name
    for (const [k, column] of columns.entries()) {
      const cell = row.getCell(k + 2)
      cell.value = cellValue(column, line.f)
      if (column.format === 'percent') cell.numFmt = '0.0"%"'
      if (column.format === 'money') cell.numFmt = '#,##0.00'
    }
    if (line.name === TOTAL_LABEL) row.font = { bold: true }
  }
  const last = FIRST_DATA_ROW + lines.length - 1
  for (let r = 3; r <= last; r++) for (let k = 1; k <= width; k++) sheet.getCell(r, k).border = BORDER
}

export async function reportWorkbook(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  addFormSheet(workbook, REPORT_SHEETS.main, report, MAIN_COLUMNS)
  addFormSheet(workbook, REPORT_SHEETS.types, report, typeColumns(report.disputeTypes))
  addFormSheet(workbook, REPORT_SHEETS.orgs, report, ORG_COLUMNS)
  const notes = workbook.addWorksheet('说明')
  notes.getColumn(1).width = 120
  for (const note of report.notes) notes.addRow([note])
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

export async function exportReportXlsx(
  ctx: AppContext,
  input: ParsedInput<'reports.exportXlsx'>
): Promise<SpreadsheetFile> {
  const report = await buildReport(ctx, input)
  const buffer = await reportWorkbook(report)
  return {
    fileName: `统计报表-${report.periodLabel}-${chinaDate(ctx.clock.now())}.xlsx`,
    base64: buffer.toString('base64')
  }
}
