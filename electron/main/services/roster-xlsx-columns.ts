/*
 * The cell-level grammar of the roster spreadsheet: which columns a sheet has,
 * how a cell's value (text, number, rich text, date, formula) becomes text,
 * and how the multi-value cells (offices, credentials, conflicts, leave) are
 * written and read back. Kept apart from roster-xlsx.ts so that the reader
 * and writer share one definition of every separator and label, which is
 * what makes the round trip exact.
 */
import type ExcelJS from 'exceljs'
import {
  CONFLICT_RELATION_LABELS,
  CREDENTIAL_TYPE_LABELS,
  type ConflictRelation,
  type Credential,
  type CredentialType,
  type DeclaredConflict,
  type Leave
} from '../../../shared/domain/mediator'
import { chinaDate } from '../../../shared/rules/china-time'
import { checkCreditCode } from '../../../shared/rules/credit-code'
import { checkResidentId } from '../../../shared/rules/resident-id'

export type ColumnKey =
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'phone'
  | 'profession'
  | 'status'
  | 'capacity'
  | 'offices'
  | 'specialties'
  | 'chambers'
  | 'credentials'
  | 'conflicts'
  | 'leaves'
  | 'note'

export interface RosterColumn {
  key: ColumnKey
  header: string
  width: number
  required: boolean
  /** Help text for the 填写说明 sheet. */
  help: string
}

export const INSTRUCTIONS_SHEET = '填写说明'

export const GENDER_LABELS = { male: '男', female: '女' } as const

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: 'name', header: '姓名', width: 14, required: true, help: '调解员姓名，少数民族姓名中的间隔号请用“·”。' },
  { key: 'gender', header: '性别', width: 7, required: false, help: '填“男”或“女”，也可留空。' },
  {
    key: 'idNumber',
    header: '身份证号码',
    width: 22,
    required: false,
    help: '18位居民身份证号码，末位X大小写均可。必须是文本格式：作为数字输入会丢失末尾几位。'
  },
  {
    key: 'phone',
    header: '联系电话',
    width: 16,
    required: false,
    help: '11位手机号码，或带区号的固定电话（如 0577-88881234）。'
  },
  { key: 'profession', header: '专业领域', width: 12, required: false, help: '主要供专家库成员填写，从下拉列表选择。' },
  { key: 'status', header: '状态', width: 8, required: true, help: '在册、暂停或退出，从下拉列表选择。' },
  { key: 'capacity', header: '办案上限', width: 10, required: true, help: '同时承办的未结案件数上限，0或正整数。' },
  {
    key: 'offices',
    header: '服务调解组织',
    width: 36,
    required: false,
    help: '调解组织全称，多个用“、”分隔，可填名称见下方列表。'
  },
  {
    key: 'specialties',
    header: '擅长纠纷类型',
    width: 36,
    required: false,
    help: '纠纷类型名称，多个用“、”分隔，可填名称见下方列表。'
  },
  { key: 'chambers', header: '服务商会', width: 28, required: false, help: '商会全称，多个用“、”分隔。' },
  {
    key: 'credentials',
    header: '证书',
    width: 48,
    required: false,
    help: '每本证书写作“类型|证号|发证机关|有效期至”，多本用“；”分隔；发证机关、有效期可省略，日期写作 2027-06-30。'
  },
  {
    key: 'conflicts',
    header: '利害关系申报',
    width: 48,
    required: false,
    help: '每项写作“名称|证件号码或信用代码|关系|备注”，多项用“；”分隔；证件号码、备注可省略。'
  },
  {
    key: 'leaves',
    header: '休假',
    width: 36,
    required: false,
    help: '每段写作“起始日期|结束日期|事由”，多段用“；”分隔；事由可省略。'
  },
  { key: 'note', header: '备注', width: 24, required: false, help: '其他需要说明的情况。' }
]

export const HEADER_OF: Readonly<Record<ColumnKey, string>> = Object.fromEntries(
  ROSTER_COLUMNS.map((column) => [column.key, column.header])
) as Record<ColumnKey, string>

/** Excel letters for a 0-based column index; the roster has far fewer than 26 columns. */
export function columnLetter(index: number): string {
  return index < 26
    ? String.fromCharCode(65 + index)
    : columnLetter(Math.floor(index / 26) - 1) + columnLetter(index % 26)
}

/** Label → code, for reading back the zh-CN text the writer puts in cells. */
export function invert<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(labels).map(([code, label]) => [label as string, code as K]))
}

// ---------------------------------------------------------------- cell values

export interface CellContent {
  text: string
  /** Excel holds a number: an 18-digit ID typed this way has already lost its last digits. */
  numeric: boolean
}

/**
 * Text of whatever a clerk's Excel put in the cell. Dates become China dates:
 * ExcelJS gives a date cell as the UTC instant of its serial, and a date made
 * at Chinese midnight lands on the previous UTC day, so only UTC+8 is safe
 * for both.
 */
export function cellContent(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return { text: '', numeric: false }
  if (typeof value === 'string') return { text: value, numeric: false }
  if (typeof value === 'number') return { text: String(value), numeric: true }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false }
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : chinaDate(value), numeric: false }
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join(''), numeric: false }
  if ('hyperlink' in value) return cellContent(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellContent(value.result as ExcelJS.CellValue)
  if ('error' in value) return { text: value.error, numeric: false }
  return { text: '', numeric: false }
}

/** Full-width digits come from Chinese input methods left in full-width mode. */
export function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/

/** 'YYYY-MM-DD' of a date as clerks type it (2026-1-5, 2026/01/05, 2026年1月5日); null if it is no real date. */
export function normaliseDate(text: string): string | null {
  const match = DATE_TEXT.exec(halfWidthDigits(text.trim()))
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

// ---------------------------------------------------------------- separators

/*
 * Readers accept the separators clerks actually type (full- and half-width,
 * line breaks); the writer uses one of each. A value that itself contains a
 * separator is written with a backslash before it, so free text such as an
 * issuing authority or a leave reason never splits an entry.
 */
const LIST_SPLIT = '、，,；;\n\r'
const ENTRY_SPLIT = '；;\n\r'
const FIELD_SPLIT = '|｜'
const ESCAPE = '\\'
const SPECIAL = new Set([...LIST_SPLIT, ...ENTRY_SPLIT, ...FIELD_SPLIT, ESCAPE])

function escapeFor(value: string, separators: string): string {
  let out = ''
  for (const char of value) out += char === ESCAPE || separators.includes(char) ? ESCAPE + char : char
  return out
}

/** Splits on unescaped separators, leaving escapes in place for a second, finer split. */
function splitRaw(text: string, separators: string): string[] {
  const pieces: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === ESCAPE && i + 1 < text.length) {
      current += char + text[i + 1]
      i++
    } else if (separators.includes(char)) {
      pieces.push(current)
      current = ''
    } else {
      current += char
    }
  }
  pieces.push(current)
  return pieces
}

/** A backslash before anything but a separator is the clerk's own backslash and stays. */
function unescape(piece: string): string {
  let out = ''
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] === ESCAPE && i + 1 < piece.length && SPECIAL.has(piece[i + 1])) {
      out += piece[i + 1]
      i++
    } else {
      out += piece[i]
    }
  }
  return out
}

export function formatList(values: readonly string[]): string {
  return values.map((value) => escapeFor(value, LIST_SPLIT)).join('、')
}

export function parseList(text: string): string[] {
  return splitRaw(text, LIST_SPLIT)
    .map((piece) => unescape(piece).trim())
    .filter((value) => value !== '')
}

/** Fields of one entry; trailing empty optional fields are left off so the cell reads naturally. */
function formatEntry(fields: Array<string | null>): string {
  const texts = fields.map((field) => escapeFor(field ?? '', ENTRY_SPLIT + FIELD_SPLIT))
  while (texts.length > 1 && texts[texts.length - 1] === '') texts.pop()
  return texts.join('|')
}

function parseEntries(text: string): string[][] {
  return splitRaw(text, ENTRY_SPLIT)
    .filter((entry) => entry.trim() !== '')
    .map((entry) => splitRaw(entry, FIELD_SPLIT).map((field) => unescape(field).trim()))
}

export interface Parsed<T> {
  value: T
  messages: string[]
}

/** Names the entry only when the cell holds several, so a one-entry cell reads plainly. */
function entryPrefix(count: number, index: number): string {
  return count > 1 ? `第${index + 1}项：` : ''
}

// ---------------------------------------------------------------- credentials

const CREDENTIAL_TYPE_BY_LABEL = invert(CREDENTIAL_TYPE_LABELS)
const CREDENTIAL_FORMAT = '证书格式应为“类型|证号|发证机关|有效期至”'

export function formatCredentials(credentials: readonly Credential[]): string {
  return credentials
    .map((c) => formatEntry([CREDENTIAL_TYPE_LABELS[c.type] ?? c.type, c.number, c.issuer, c.validUntil]))
    .join('；')
}

export function parseCredentials(text: string): Parsed<Credential[]> {
  const entries = parseEntries(text)
  const value: Credential[] = []
  const messages: string[] = []
  entries.forEach((fields, index) => {
    const say = (message: string) => messages.push(entryPrefix(entries.length, index) + message)
    if (fields.length > 4) {
      say(CREDENTIAL_FORMAT)
      return
    }
    const [typeLabel = '', number = '', issuer = '', until = ''] = fields
    const type: CredentialType | undefined = CREDENTIAL_TYPE_BY_LABEL.get(typeLabel)
    if (typeLabel === '') say('缺少证书类型')
    else if (!type) say(`证书类型“${typeLabel}”不存在，应为 ${Object.values(CREDENTIAL_TYPE_LABELS).join('、')}`)
    if (number === '') say('缺少证号')
    const validUntil = until === '' ? null : normaliseDate(until)
    if (until !== '' && validUntil === null) say(`有效期“${until}”不是有效日期，应写作 2027-06-30`)
    if (type && number !== '') value.push({ type, number, issuer: issuer || null, validUntil })
  })
  return { value, messages }
}

// ---------------------------------------------------------------- conflicts

const RELATION_BY_LABEL = invert(CONFLICT_RELATION_LABELS)
const CONFLICT_FORMAT = '利害关系格式应为“名称|证件号码或信用代码|关系|备注”'
const ID_SHAPE = /^\d{17}[\dX]$/i

export function formatConflicts(conflicts: readonly DeclaredConflict[]): string {
  return conflicts
    .map((c) =>
      formatEntry([c.name, c.idNumber ?? c.creditCode, CONFLICT_RELATION_LABELS[c.relation] ?? c.relation, c.note])
    )
    .join('；')
}

/**
 * The one number column holds either kind: a valid resident ID is a person,
 * a credit code an organisation. A credit code whose check character is wrong
 * is still taken (shared/rules/credit-code.ts only warns: real licences carry
 * such codes, and an import has no step where the clerk could confirm it),
 * except when the number has an ID's shape: then it is far likelier a
 * mistyped ID, and is reported as one.
 */
function classifyNumber(number: string, today: string): { idNumber?: string; creditCode?: string; error?: string } {
  const id = checkResidentId(number, today)
  if (id.ok) return { idNumber: id.info.normalized }
  const code = checkCreditCode(number)
  if (ID_SHAPE.test(number) && !(code.ok && code.checkCharValid)) return { error: id.message }
  if (!code.ok) return { error: `证件号码或信用代码“${number}”无效：${code.message}` }
  return { creditCode: code.normalized }
}

export function parseConflicts(text: string, today: string): Parsed<DeclaredConflict[]> {
  const entries = parseEntries(text)
  const value: DeclaredConflict[] = []
  const messages: string[] = []
  entries.forEach((fields, index) => {
    const say = (message: string) => messages.push(entryPrefix(entries.length, index) + message)
    if (fields.length > 4) {
      say(CONFLICT_FORMAT)
      return
    }
    const [name = '', number = '', relationLabel = '', note = ''] = fields
    const relation: ConflictRelation | undefined = RELATION_BY_LABEL.get(relationLabel)
    if (name === '') say('缺少利害关系人名称')
    if (relationLabel === '') say('缺少关系')
    else if (!relation) say(`关系“${relationLabel}”不存在，应为 ${Object.values(CONFLICT_RELATION_LABELS).join('、')}`)
    const numbers = number === '' ? {} : classifyNumber(number, today)
    if (numbers.error) say(numbers.error)
    if (name !== '' && relation && !numbers.error) {
      value.push({
        name,
        idNumber: numbers.idNumber ?? null,
        creditCode: numbers.creditCode ?? null,
        relation,
        note: note || null
      })
    }
  })
  return { value, messages }
}

// ---------------------------------------------------------------- leave

const LEAVE_FORMAT = '休假格式应为“起始日期|结束日期|事由”'

export function formatLeaves(leaves: readonly Leave[]): string {
  return leaves.map((leave) => formatEntry([leave.from, leave.to, leave.reason])).join('；')
}

export function parseLeaves(text: string): Parsed<Leave[]> {
  const entries = parseEntries(text)
  const value: Leave[] = []
  const messages: string[] = []
  entries.forEach((fields, index) => {
    const say = (message: string) => messages.push(entryPrefix(entries.length, index) + message)
    if (fields.length > 3) {
      say(LEAVE_FORMAT)
      return
    }
    const [fromText = '', toText = '', reason = ''] = fields
    const date = (text: string, what: string): string | null => {
      if (text === '') {
        say(`缺少${what}`)
        return null
      }
      const iso = normaliseDate(text)
      if (iso === null) say(`${what}“${text}”不是有效日期，应写作 2026-12-01`)
      return iso
    }
    const from = date(fromText, '起始日期')
    const to = date(toText, '结束日期')
    // The store refuses a leave that ends before it starts (to_date >= from_date).
    if (from && to && to < from) say(`结束日期 ${to} 早于起始日期 ${from}`)
    else if (from && to) value.push({ from, to, reason: reason || null })
  })
  return { value, messages }
}
