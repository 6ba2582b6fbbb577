/*
 * The grid list spreadsheet (网格清单): one grid per row under the headers
 * 网格编码, 镇街, 村（社区）, 网格名称, as the district's grid office keeps it.
 * Unlike the roster, a grid list is long and hand-kept, so a bad row is
 * reported with its row and column and left out while the good rows still
 * go in. Pure: no database; cell reading is the roster import's.
 */
import ExcelJS from 'exceljs'
import type { GridImportProblem } from '../../../../shared/contract/patrols'
import { cellContent, halfWidthDigits } from '../roster-xlsx-columns'

export const GRID_SHEET = '网格清单'

const COLUMNS = [
  { key: 'code', header: '网格编码', width: 22, required: true, max: 40 },
  { key: 'township', header: '镇街', width: 16, required: true, max: 50 },
  { key: 'village', header: '村（社区）', width: 20, required: false, max: 100 },
  { key: 'name', header: '网格名称', width: 24, required: false, max: 100 }
] as const

type Key = (typeof COLUMNS)[number]['key']

export interface GridRow {
  /** The row number in the sheet, for messages. */
  row: number
  code: string
  township: string
  village: string | null
  name: string | null
}

export interface GridParse {
  rows: number
  valid: GridRow[]
  problems: GridImportProblem[]
}

type ExcelLoadInput = Parameters<ExcelJS.Xlsx['load']>[0]

/** A grid code as printed: letters, digits and hyphens, full-width digits made half-width. */
const CODE = /^[0-9A-Za-z-]{2,40}$/

export async function writeGridTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(GRID_SHEET)
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  // Codes are text: typed as numbers, Excel would drop leading zeros.
  sheet.getColumn(1).numFmt = '@'
  const notes = workbook.addWorksheet('填写说明')
  notes.getColumn(1).width = 90
  for (const line of [
    '每行一个网格；第一行为表头，请勿改动。',
    '网格编码、镇街为必填；网格编码在全区唯一，请设为文本格式，避免前导零丢失。',
    '已有的网格编码将按表中内容更新；有问题的行不导入，其余行照常导入。'
  ]) {
    notes.addRow([line])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function fileProblem(message: string): GridParse {
  return { rows: 0, valid: [], problems: [{ row: 0, column: '', message }] }
}

/** `townships` are the district's town-streets: a row naming another is a typo, not a new place. */
export async function readGridXlsx(data: Buffer, townships: ReadonlySet<string>): Promise<GridParse> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(data as unknown as ExcelLoadInput, { ignoreNodes: ['dataValidations'] })
  } catch {
    return fileProblem('无法读取该文件，请确认是 Excel 工作簿（.xlsx）')
  }
  const sheet = workbook.getWorksheet(GRID_SHEET) ?? workbook.worksheets.find((s) => s.actualRowCount > 0)
  if (!sheet || sheet.actualRowCount === 0) return fileProblem(`文件中没有“${GRID_SHEET}”工作表`)

  const columnOf = new Map<Key, number>()
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellContent(cell.value).text.trim()
    const column = COLUMNS.find((c) => c.header === header)
    if (column) columnOf.set(column.key, col)
  })
  const missing = COLUMNS.filter((c) => c.required && !columnOf.has(c.key)).map((c) => c.header)
  if (missing.length > 0) return fileProblem(`表头缺少“${missing.join('”“')}”列，请使用网格清单模板`)

  const out: GridParse = { rows: 0, valid: [], problems: [] }
  const firstRowOf = new Map<string, number>()
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const text = (key: Key) => {
      const col = columnOf.get(key)
      return col ? halfWidthDigits(cellContent(row.getCell(col).value).text.trim()) : ''
    }
    const values = Object.fromEntries(COLUMNS.map((c) => [c.key, text(c.key)])) as Record<Key, string>
    if (Object.values(values).every((v) => v === '')) continue
    out.rows++
    const problems: GridImportProblem[] = []
    const problem = (key: Key, message: string) =>
      problems.push({ row: r, column: COLUMNS.find((c) => c.key === key)!.header, message })
    for (const column of COLUMNS) {
      if (column.required && !values[column.key]) problem(column.key, '此项不能为空')
      else if (values[column.key].length > column.max) problem(column.key, `不能超过 ${column.max} 个字符`)
    }
    if (values.code && !CODE.test(values.code)) problem('code', '网格编码只能由字母、数字和“-”组成')
    if (values.township && !townships.has(values.township)) {
      problem('township', `“${values.township}”不是本区的镇街`)
    }
    const first = firstRowOf.get(values.code)
    if (values.code && first !== undefined) problem('code', `与第 ${first} 行的网格编码重复`)
    else if (values.code) firstRowOf.set(values.code, r)
    if (problems.length > 0) {
      out.problems.push(...problems)
      continue
    }
    out.valid.push({
      row: r,
      code: values.code,
      township: values.township,
      village: values.village || null,
      name: values.name || null
    })
  }
  if (out.rows === 0) return fileProblem('网格清单中没有数据行')
  return out
}
