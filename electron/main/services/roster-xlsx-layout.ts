/*
 * How the roster workbook looks to the clerk who fills it in: frozen bold
 * headers (required ones in red), text-formatted columns so Excel cannot
 * mangle an ID number, drop-downs where the allowed values are few, and the
 * 填写说明 sheet that explains every column and lists the allowed names.
 * Nothing here is read back: roster-xlsx.ts reads values, not formatting.
 */
import type ExcelJS from 'exceljs'
import {
  CONFLICT_RELATION_LABELS,
  CREDENTIAL_TYPE_LABELS,
  MEDIATOR_KINDS,
  MEDIATOR_KIND_LABELS,
  MEDIATOR_STATUS_LABELS,
  PROFESSION_LABELS
} from '../../../shared/domain/mediator'
import { GENDER_LABELS, INSTRUCTIONS_SHEET, ROSTER_COLUMNS, columnLetter, type ColumnKey } from './roster-xlsx-columns'
import type { RosterReference } from './roster-xlsx'

/** Drop-downs reach this far below the data, so rows a clerk adds get them too. */
const VALIDATED_EXTRA_ROWS = 1000
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
const REQUIRED_RED = 'FFC00000'

// ExcelJS 4.4 has worksheet.dataValidations (range-wide rules) but leaves it out of its typings.
type ValidatedSheet = ExcelJS.Worksheet & {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void }
}

/** A kind's sheet with its header row; the caller adds one row per mediator. */
export function addKindSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  // Text format on every column but the number: Excel would otherwise turn a typed ID into 3.30304E+17.
  sheet.columns = ROSTER_COLUMNS.map((column) => ({
    key: column.key,
    width: column.width,
    style: column.key === 'capacity' ? {} : { numFmt: '@' }
  }))
  const header = sheet.addRow(ROSTER_COLUMNS.map((column) => column.header))
  header.eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: ROSTER_COLUMNS[col - 1].required ? REQUIRED_RED : 'FF000000' } }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'middle', horizontal: 'center' }
  })
  sheet.autoFilter = `A1:${columnLetter(ROSTER_COLUMNS.length - 1)}1`
  return sheet
}

function listValidation(labels: string[], what: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `${what}填写有误`,
    error: `请从下拉列表中选择${what}`
  }
}

/** Drop-downs for the short closed lists; the reader checks everything again, these only save typing. */
export function addValidations(worksheet: ExcelJS.Worksheet, lastDataRow: number): void {
  const sheet = worksheet as ValidatedSheet
  const lastRow = lastDataRow + VALIDATED_EXTRA_ROWS
  const range = (key: ColumnKey) => {
    const letter = columnLetter(ROSTER_COLUMNS.findIndex((column) => column.key === key))
    return `${letter}2:${letter}${lastRow}`
  }
  sheet.dataValidations.add(range('gender'), listValidation(Object.values(GENDER_LABELS), '性别'))
  sheet.dataValidations.add(range('status'), listValidation(Object.values(MEDIATOR_STATUS_LABELS), '状态'))
  sheet.dataValidations.add(range('profession'), listValidation(Object.values(PROFESSION_LABELS), '专业领域'))
  sheet.dataValidations.add(range('capacity'), {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '办案上限填写有误',
    error: '办案上限应为0或正整数'
  })
}

const GENERAL_NOTES = [
  `每位调解员填写一行，${MEDIATOR_KINDS.map((kind) => MEDIATOR_KIND_LABELS[kind]).join('、')}分别填在同名工作表中。`,
  '请勿修改工作表名称和第1行表头；红色表头为必填项。空行会被跳过。',
  '身份证号码、联系电话须为文本格式（本模板已设置）；作为数字输入的身份证号码会丢失末尾几位，导入时将被拒绝。',
  '多个名称之间用“、”分隔；证书、利害关系申报、休假的多项之间用“；”分隔，一项之内各部分用“|”分隔。',
  '内容本身含有“、”“；”“|”时，在该符号前加“\\”。',
  '同一人（身份证号码相同，或未填身份证号码时姓名和联系电话相同）只能出现一次。',
  '导入时检查全部内容：只要发现问题，整个文件都不导入，请按提示逐条修改后重新导入。',
  '导入时不读取本工作表。下方可填名称以导出时本系统登记的为准。'
]

/** The explanation sheet, placed last so the roster sheets open first; the reader skips it by name. */
export function writeInstructions(workbook: ExcelJS.Workbook, reference: RosterReference): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF5B9BD5' } } })
  sheet.columns = [{ width: 18 }, { width: 8 }, { width: 100 }]
  const bold = (row: ExcelJS.Row) => row.eachCell((cell) => (cell.font = { bold: true }))

  const title = sheet.addRow(['调解员名册填写说明'])
  title.getCell(1).font = { bold: true, size: 14 }
  GENERAL_NOTES.forEach((note, index) => sheet.addRow([`${index + 1}. ${note}`]))

  sheet.addRow([])
  const header = sheet.addRow(['列名', '必填', '填写方法'])
  bold(header)
  header.eachCell((cell) => (cell.fill = HEADER_FILL))
  for (const column of ROSTER_COLUMNS) {
    const row = sheet.addRow([column.header, column.required ? '是' : '', column.help])
    if (column.required) row.getCell(1).font = { color: { argb: REQUIRED_RED } }
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' }
  }

  const lists: Array<[string, string[]]> = [
    ['服务调解组织可填名称', reference.offices.map((office) => office.name)],
    ['擅长纠纷类型可填名称', reference.disputeTypes.map((type) => type.label)],
    ['服务商会可填名称', reference.chambers.length > 0 ? reference.chambers : ['（本系统尚未登记商会）']],
    ['专业领域', Object.values(PROFESSION_LABELS)],
    ['状态', Object.values(MEDIATOR_STATUS_LABELS)],
    ['证书类型', Object.values(CREDENTIAL_TYPE_LABELS)],
    ['利害关系', Object.values(CONFLICT_RELATION_LABELS)]
  ]
  for (const [heading, values] of lists) {
    sheet.addRow([])
    bold(sheet.addRow([heading]))
    for (const value of values) sheet.addRow([value])
  }
}
