/*
 * The roster spreadsheet: the workbook offices already keep their mediators
 * in (one sheet per kind, one person per row, zh-CN headers), written from
 * and read back into MediatorRecord. It guards the import against anything
 * a hand-kept file gets wrong: every problem is reported with its sheet, row
 * and column, and records come back only when there are none, so an import
 * is all or nothing and never half-applies a roster. Pure: no database, no
 * Electron; the caller passes the reference lists and today's China date.
 */
import type { RosterProblem } from '../../../shared/domain/mediator'
import ExcelJS from 'exceljs'
import {
  MEDIATOR_KINDS,
  MEDIATOR_KIND_LABELS,
  MEDIATOR_STATUS_LABELS,
  PROFESSION_LABELS,
  type MediatorKind,
  type MediatorRecord
} from '../../../shared/domain/mediator'
import { checkPhone } from '../../../shared/rules/phone'
import { checkResidentId } from '../../../shared/rules/resident-id'
import {
  GENDER_LABELS,
  HEADER_OF,
  INSTRUCTIONS_SHEET,
  ROSTER_COLUMNS,
  cellContent,
  columnLetter,
  formatConflicts,
  formatCredentials,
  formatLeaves,
  formatList,
  halfWidthDigits,
  invert,
  parseConflicts,
  parseCredentials,
  parseLeaves,
  parseList,
  type CellContent,
  type ColumnKey
} from './roster-xlsx-columns'
import { addKindSheet, addValidations, writeInstructions } from './roster-xlsx-layout'

export interface RosterReference {
  offices: Array<{ code: string; name: string }>
  disputeTypes: Array<{ code: string; label: string }>
  chambers: string[]
}

export type { RosterProblem }

/** records is empty whenever problems is not: an import applies the whole file or nothing. */
export interface RosterParse {
  records: MediatorRecord[]
  problems: RosterProblem[]
}

interface Lookup {
  officeCodeByName: Map<string, string>
  officeNameByCode: Map<string, string>
  typeCodeByLabel: Map<string, string>
  typeLabelByCode: Map<string, string>
  chambers: Set<string>
}

function lookupOf(reference: RosterReference): Lookup {
  return {
    officeCodeByName: new Map(reference.offices.map((o) => [o.name, o.code])),
    officeNameByCode: new Map(reference.offices.map((o) => [o.code, o.name])),
    typeCodeByLabel: new Map(reference.disputeTypes.map((t) => [t.label, t.code])),
    typeLabelByCode: new Map(reference.disputeTypes.map((t) => [t.code, t.label])),
    chambers: new Set(reference.chambers)
  }
}

const KIND_BY_SHEET = invert(MEDIATOR_KIND_LABELS)
const STATUS_BY_LABEL = invert(MEDIATOR_STATUS_LABELS)
const PROFESSION_BY_LABEL = invert(PROFESSION_LABELS)
const GENDER_BY_LABEL = invert(GENDER_LABELS)
const KEY_BY_HEADER = new Map(ROSTER_COLUMNS.map((column) => [column.header, column.key]))

// ---------------------------------------------------------------- writing

function rowValues(record: MediatorRecord, lookup: Lookup): Record<ColumnKey, string | number | null> {
  // A code missing from the reference is written as is: the re-import then names it instead of losing it.
  const officeName = (code: string) => lookup.officeNameByCode.get(code) ?? code
  const typeLabel = (code: string) => lookup.typeLabelByCode.get(code) ?? code
  return {
    name: record.name,
    gender: record.gender ? GENDER_LABELS[record.gender] : null,
    idNumber: record.idNumber,
    phone: record.phone,
    profession: record.profession ? PROFESSION_LABELS[record.profession] : null,
    status: MEDIATOR_STATUS_LABELS[record.status],
    capacity: record.capacity,
    offices: formatList(record.officeCodes.map(officeName)),
    specialties: formatList(record.specialties.map(typeLabel)),
    chambers: formatList(record.chambers),
    credentials: formatCredentials(record.credentials),
    conflicts: formatConflicts(record.conflicts),
    leaves: formatLeaves(record.leaves),
    note: record.note
  }
}

function writeKindSheet(workbook: ExcelJS.Workbook, records: MediatorRecord[], lookup: Lookup, kind: MediatorKind) {
  const sheet = addKindSheet(workbook, MEDIATOR_KIND_LABELS[kind])
  const rows = records.filter((record) => record.kind === kind)
  for (const record of rows) {
    const values = rowValues(record, lookup)
    sheet.addRow(ROSTER_COLUMNS.map((column) => values[column.key]))
  }
  addValidations(sheet, rows.length + 1)
}

export async function writeRosterXlsx(records: MediatorRecord[], reference: RosterReference): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Mediation Case Desk'
  const lookup = lookupOf(reference)
  for (const kind of MEDIATOR_KINDS) writeKindSheet(workbook, records, lookup, kind)
  writeInstructions(workbook, reference)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

// ---------------------------------------------------------------- reading

interface CellProblem {
  column: string
  message: string
}

/** Each value of a list cell once, in the order written; an unknown one is reported by itself. */
function resolveList(text: string, resolve: (value: string) => string | undefined, unknown: (v: string) => string) {
  const codes: string[] = []
  const messages: string[] = []
  for (const value of parseList(text)) {
    const code = resolve(value)
    if (code === undefined) messages.push(unknown(value))
    else if (!codes.includes(code)) codes.push(code)
  }
  return { codes, messages }
}

function parseRow(
  kind: MediatorKind,
  cells: Map<ColumnKey, CellContent>,
  lookup: Lookup,
  today: string
): { record: MediatorRecord; problems: CellProblem[] } {
  const problems: CellProblem[] = []
  const fail = (key: ColumnKey, message: string) => problems.push({ column: HEADER_OF[key], message })
  const text = (key: ColumnKey) => (cells.get(key)?.text ?? '').trim()

  const name = text('name')
  if (name === '') fail('name', '请填写姓名')

  const genderText = text('gender')
  const gender = GENDER_BY_LABEL.get(genderText) ?? null
  if (genderText !== '' && !gender) fail('gender', `性别“${genderText}”无效，应填“男”或“女”，或留空`)

  let idNumber: string | null = null
  if (cells.get('idNumber')?.numeric) fail('idNumber', '身份证号码须以文本格式填写')
  else if (text('idNumber') !== '') {
    const result = checkResidentId(text('idNumber'), today)
    if (result.ok) idNumber = result.info.normalized
    else fail('idNumber', result.message)
  }

  let phone: string | null = null
  if (text('phone') !== '') {
    const result = checkPhone(text('phone'))
    if (result.ok) phone = result.normalized
    else fail('phone', result.message)
  }

  const professionText = text('profession')
  const profession = PROFESSION_BY_LABEL.get(professionText) ?? null
  if (professionText !== '' && !profession) fail('profession', `专业领域“${professionText}”不在可选范围内`)

  const statusText = text('status')
  const status = STATUS_BY_LABEL.get(statusText)
  if (statusText === '') fail('status', '请填写状态')
  else if (!status) fail('status', `状态“${statusText}”无效，应为 在册、暂停 或 退出`)

  const capacityText = halfWidthDigits(text('capacity'))
  const capacity = /^\d+$/.test(capacityText) ? Number(capacityText) : NaN
  if (capacityText === '') fail('capacity', '请填写办案上限')
  else if (!Number.isSafeInteger(capacity)) fail('capacity', `办案上限“${capacityText}”无效，应为0或正整数`)

  const offices = resolveList(
    text('offices'),
    (value) => lookup.officeCodeByName.get(value),
    (value) => `调解组织“${value}”不存在，请填写组织全称`
  )
  const specialties = resolveList(
    text('specialties'),
    (value) => lookup.typeCodeByLabel.get(value),
    (value) => `纠纷类型“${value}”不存在`
  )
  const chambers = resolveList(
    text('chambers'),
    (value) => (lookup.chambers.has(value) ? value : undefined),
    (value) => `商会“${value}”不在本系统的商会名单中`
  )
  offices.messages.forEach((message) => fail('offices', message))
  specialties.messages.forEach((message) => fail('specialties', message))
  chambers.messages.forEach((message) => fail('chambers', message))

  const credentials = parseCredentials(text('credentials'))
  const conflicts = parseConflicts(text('conflicts'), today)
  const leaves = parseLeaves(text('leaves'))
  credentials.messages.forEach((message) => fail('credentials', message))
  conflicts.messages.forEach((message) => fail('conflicts', message))
  leaves.messages.forEach((message) => fail('leaves', message))

  const record: MediatorRecord = {
    kind,
    name,
    gender,
    idNumber,
    phone,
    profession,
    status: status ?? 'active',
    capacity: Number.isSafeInteger(capacity) ? capacity : 0,
    officeCodes: offices.codes,
    specialties: specialties.codes,
    chambers: chambers.codes,
    credentials: credentials.value,
    conflicts: conflicts.value,
    leaves: leaves.value,
    note: text('note') || null
  }
  return { record, problems }
}

interface ReadState {
  lookup: Lookup
  today: string
  problems: RosterProblem[]
  byKind: Map<MediatorKind, MediatorRecord[]>
  /** Identity key → where the person first appeared, for naming it on a repeat. */
  seen: Map<string, { sheet: string; row: number }>
}

/** Column number → field, from row 1; false when the headers are wrong and the rows cannot be trusted. */
function readHeader(sheet: ExcelJS.Worksheet, sheetName: string, state: ReadState): Map<number, ColumnKey> | false {
  const columns = new Map<number, ColumnKey>()
  const found = new Set<ColumnKey>()
  const before = state.problems.length
  const problem = (column: string, message: string) =>
    state.problems.push({ sheet: sheetName, row: 1, column, message })
  sheet.getRow(1).eachCell((cell, col) => {
    // Headers wrapped with Alt+Enter or padded with spaces still name the same column.
    const header = cellContent(cell.value).text.replace(/\s+/g, '')
    if (header === '') return
    const key = KEY_BY_HEADER.get(header)
    if (!key) problem(header, `无法识别的列“${header}”，表头须与模板一致`)
    else if (found.has(key)) problem(header, `“${header}”列重复`)
    else {
      columns.set(col, key)
      found.add(key)
    }
  })
  for (const column of ROSTER_COLUMNS) {
    if (!found.has(column.key)) problem(column.header, `缺少“${column.header}”列，表头须与模板一致`)
  }
  return state.problems.length === before ? columns : false
}

function checkDuplicate(record: MediatorRecord, sheetName: string, row: number, state: ReadState): void {
  const key = record.idNumber
    ? { id: `id:${record.idNumber}`, column: HEADER_OF.idNumber }
    : record.name && record.phone
      ? { id: `name-phone:${record.name}|${record.phone}`, column: HEADER_OF.name }
      : null
  if (!key) return
  const first = state.seen.get(key.id)
  if (first) {
    state.problems.push({
      sheet: sheetName,
      row,
      column: key.column,
      message: `与第${first.row}行（${first.sheet}）重复`
    })
  } else {
    state.seen.set(key.id, { sheet: sheetName, row })
  }
}

function readKindSheet(sheet: ExcelJS.Worksheet, sheetName: string, kind: MediatorKind, state: ReadState): void {
  const columns = readHeader(sheet, sheetName, state)
  if (!columns) return
  const headerless = new Set<number>()
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.findRow(rowNumber)
    if (!row) continue
    const cells = new Map<ColumnKey, CellContent>()
    row.eachCell((cell, col) => {
      const content = cellContent(cell.value)
      const key = columns.get(col)
      if (key) cells.set(key, content)
      else if (content.text.trim() !== '' && !headerless.has(col)) {
        // Reported once per column: the first row is enough to find it, the rest would only repeat.
        headerless.add(col)
        const column = `${columnLetter(col - 1)}列`
        state.problems.push({ sheet: sheetName, row: rowNumber, column, message: '此列没有表头，内容无法导入' })
      }
    })
    if ([...cells.values()].every((content) => content.text.trim() === '')) continue
    const { record, problems } = parseRow(kind, cells, state.lookup, state.today)
    for (const problem of problems) state.problems.push({ sheet: sheetName, row: rowNumber, ...problem })
    checkDuplicate(record, sheetName, rowNumber, state)
    state.byKind.get(kind)?.push(record)
  }
}

type ExcelLoadInput = Parameters<ExcelJS.Xlsx['load']>[0]

function fileProblem(message: string): RosterParse {
  return { records: [], problems: [{ sheet: '', row: 0, column: '', message }] }
}

export async function readRosterXlsx(
  data: Buffer | Uint8Array,
  reference: RosterReference,
  today: string
): Promise<RosterParse> {
  const workbook = new ExcelJS.Workbook()
  try {
    // ExcelJS declares its own global Buffer (extends ArrayBuffer) that Node's Buffer no longer satisfies.
    const buffer = (Buffer.isBuffer(data) ? data : Buffer.from(data)) as unknown as ExcelLoadInput
    // Validations are not read back, and ExcelJS expands a whole-column rule into a million cells.
    await workbook.xlsx.load(buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting'] })
  } catch {
    return fileProblem('无法读取该文件，请确认是 Excel 工作簿（.xlsx）')
  }
  const state: ReadState = {
    lookup: lookupOf(reference),
    today,
    problems: [],
    byKind: new Map(MEDIATOR_KINDS.map((kind) => [kind, []])),
    seen: new Map()
  }
  let rosterSheets = 0
  // Workbook order, as the clerk reads the file: "the first" of two duplicates is the one met first there.
  for (const sheet of workbook.worksheets) {
    const sheetName = sheet.name.trim()
    if (sheetName === INSTRUCTIONS_SHEET) continue
    const kind = KIND_BY_SHEET.get(sheetName)
    if (kind) {
      rosterSheets++
      if (sheet.actualRowCount > 0) readKindSheet(sheet, sheetName, kind, state)
    } else if (sheet.actualRowCount > 0) {
      // An empty stray sheet (Excel's own "Sheet1") holds nothing that could be lost.
      const expected = MEDIATOR_KINDS.map((k) => MEDIATOR_KIND_LABELS[k]).join('、')
      const message = `无法识别的工作表“${sheetName}”，工作表名称应为 ${expected}`
      state.problems.push({ sheet: sheetName, row: 0, column: '', message })
    }
  }
  if (rosterSheets === 0 && state.problems.length === 0) {
    return fileProblem('文件中没有调解员名册工作表（专职调解员、兼职调解员、专家库成员）')
  }
  if (state.problems.length > 0) return { records: [], problems: state.problems }
  return { records: MEDIATOR_KINDS.flatMap((kind) => state.byKind.get(kind) ?? []), problems: [] }
}
