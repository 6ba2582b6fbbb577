/*
 * The roster spreadsheet round trip and import checks: a generated district
 * roster survives write → read unchanged; hand-made faulty files report every
 * problem with its sheet, row and header; the shipped template reads as an
 * empty, valid roster. Faulty files are built with ExcelJS directly, the way a
 * clerk's own Excel would save them, not through the writer under test.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import officesFile from '../../../resources/reference/offices.json' with { type: 'json' }
import disputeTypesFile from '../../../resources/reference/dispute-types.json' with { type: 'json' }
import {
  CONFLICT_RELATIONS,
  CREDENTIAL_TYPES,
  MEDIATOR_KINDS,
  MEDIATOR_STATUSES,
  PROFESSIONS,
  type MediatorKind,
  type MediatorRecord
} from '../../../shared/domain/mediator'
import { creditCodeCheckChar } from '../../../shared/rules/credit-code'
import { residentIdCheckChar } from '../../../shared/rules/resident-id'
import { readRosterXlsx, writeRosterXlsx, type RosterReference } from './roster-xlsx'
import { cellContent } from './roster-xlsx-columns'

const TODAY = '2026-11-29'
const reference: RosterReference = {
  offices: [officesFile.district, ...officesFile.sub_centers, officesFile.chamber_center].map(({ code, name }) => ({
    code,
    name
  })),
  disputeTypes: disputeTypesFile.types.map(({ code, label }) => ({ code, label })),
  chambers: ['温州市瓯海区眼镜商会', '温州市瓯海区鞋业商会', '温州市瓯海区汽摩配商会']
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/** A valid Ouhai (330304) ID: birth date and 3-digit sequence in, check character computed. */
function residentId(birth: string, sequence: number, region = '330304'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${pad(sequence, 3)}`
  return first17 + residentIdCheckChar(first17)
}

function creditCode(sequence: number): string {
  const first17 = `91330304MA${pad(sequence, 7)}`
  return first17 + creditCodeCheckChar(first17)
}

/** Deterministic, so a failure reproduces (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generateRoster(count: number): MediatorRecord[] {
  const next = random(20261129)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const some = <T>(items: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(items)))
  ]
  const surnames = ['王', '陈', '林', '黄', '周', '潘', '叶', '郑', '欧阳', '诸葛']
  const given = ['建国', '丽华', '晓东', '海燕', '志强', '雪梅', '一鸣', '思远']
  const uyghur = ['阿卜杜拉·买买提', '热依拉·吐尔逊', '古丽娜尔·艾力', '穆罕默德·阿里']
  const date = (year: number) => `${year}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`

  return Array.from({ length: count }, (_, i): MediatorRecord => {
    const kind: MediatorKind = i % 10 < 5 ? 'full_time' : i % 10 < 8 ? 'part_time' : 'expert'
    const birth = `${1950 + (i % 50)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`
    const idNumber = i % 9 === 0 ? null : residentId(birth, i)
    const phone =
      i % 27 === 0
        ? null
        : i % 5 === 0
          ? `0577-8${pad(i, 7)}`
          : i % 11 === 0
            ? `0577-8${pad(i, 7)}-${100 + i}`
            : `139${pad(i, 8)}`
    return {
      kind,
      name: i % 7 === 0 ? pick(uyghur) : pick(surnames) + pick(given),
      gender: idNumber ? (Number(idNumber[16]) % 2 === 1 ? 'male' : 'female') : null,
      idNumber,
      phone,
      profession: kind === 'expert' ? pick(PROFESSIONS) : i % 13 === 0 ? 'lawyer' : null,
      status: pick(MEDIATOR_STATUSES),
      capacity: Math.floor(next() * 13),
      officeCodes: some(
        reference.offices.map((office) => office.code),
        3
      ),
      specialties: some(
        reference.disputeTypes.map((type) => type.code),
        4
      ),
      chambers: some(reference.chambers, 2),
      credentials: Array.from({ length: Math.floor(next() * 3) }, (_, n) => ({
        type: pick(CREDENTIAL_TYPES),
        number: `（2024）温司证字第${i * 10 + n}号`,
        issuer: pick([null, '温州市司法局', '温州市司法局|瓯海分局', '浙江省司法厅、温州市司法局']),
        validUntil: pick([null, date(2027), date(2030)])
      })),
      conflicts: Array.from({ length: Math.floor(next() * 3) }, (_, n) => {
        const who = pick(['person', 'company', 'unnumbered'] as const)
        return {
          name:
            who === 'person' ? '李秀英' : who === 'company' ? `温州市瓯海区第${n + 1}鞋材有限公司` : '某村经济合作社',
          idNumber: who === 'person' ? residentId('1970-03-15', i % 1000, '330302') : null,
          creditCode: who === 'company' ? creditCode(i * 10 + n) : null,
          relation: pick(CONFLICT_RELATIONS),
          note: pick([null, '曾代理其离婚案件', '配偶任该公司监事；已申报'])
        }
      }),
      leaves: Array.from({ length: Math.floor(next() * 3) }, (_, n) => ({
        from: `2026-${pad(3 + n * 4, 2)}-01`,
        to: `2026-${pad(3 + n * 4, 2)}-${pad(10 + n, 2)}`,
        reason: pick([null, '探亲；照顾老人', '病假', '培训 C:\\学习资料'])
      })),
      note: pick([null, '兼任村委委员', '第一行\n第二行'])
    }
  })
}

const HEADERS = [
  '姓名',
  '性别',
  '身份证号码',
  '联系电话',
  '专业领域',
  '状态',
  '办案上限',
  '服务调解组织',
  '擅长纠纷类型',
  '服务商会',
  '证书',
  '利害关系申报',
  '休假',
  '备注'
]

type Row = Record<string, ExcelJS.CellValue>

/** A workbook as a clerk might save it: each sheet a header row and rows keyed by header; null is an empty row. */
async function workbookOf(sheets: Record<string, Array<Row | null>>, headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name)
    if (name !== '填写说明') sheet.addRow(headers)
    for (const row of rows) sheet.addRow(row ? headers.map((header) => row[header] ?? null) : [])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const person = (name: string, idNumber: string | null, extra: Row = {}): Row => ({
  姓名: name,
  身份证号码: idNumber,
  状态: '在册',
  办案上限: 5,
  ...extra
})

const ID_A = residentId('1980-05-12', 11)
const ID_B = residentId('1975-10-01', 22)

describe('roster spreadsheet round trip', () => {
  it('reads back a generated 600-mediator roster exactly, kinds in order', async () => {
    const roster = generateRoster(600)
    const data = await writeRosterXlsx(roster, reference)
    const parsed = await readRosterXlsx(data, reference, TODAY)

    expect(parsed.problems).toEqual([])
    const expected = MEDIATOR_KINDS.flatMap((kind) => roster.filter((record) => record.kind === kind))
    expect(parsed.records).toEqual(expected)
    // The generator must have exercised what the cells have to carry.
    expect(roster.some((r) => r.name.includes('·'))).toBe(true)
    expect(roster.some((r) => r.idNumber?.endsWith('X'))).toBe(true)
    expect(roster.some((r) => r.credentials.some((c) => c.issuer?.includes('|')))).toBe(true)
    expect(roster.some((r) => r.conflicts.some((c) => c.creditCode))).toBe(true)
  })

  it('writes one sheet per kind and the instructions last, and accepts a Uint8Array', async () => {
    const data = await writeRosterXlsx(generateRoster(12), reference)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '专职调解员',
      '兼职调解员',
      '专家库成员',
      '填写说明'
    ])
    const header = workbook.getWorksheet('专职调解员')?.getRow(1)
    expect(HEADERS.map((_, i) => header?.getCell(i + 1).value)).toEqual(HEADERS)
    expect(header?.getCell(1).font?.bold).toBe(true)

    const parsed = await readRosterXlsx(new Uint8Array(data), reference, TODAY)
    expect(parsed.problems).toEqual([])
    expect(parsed.records).toHaveLength(12)
  })
})

describe('roster spreadsheet import checks', () => {
  it('reports five problems in different sheets and rows, and returns no records', async () => {
    const data = await workbookOf({
      专职调解员: [
        person('王建国', ID_A, { 服务调解组织: '梧田街道矛盾纠纷调解分中心' }),
        person('陈丽华', ID_B.slice(0, 17) + (ID_B[17] === '0' ? '1' : '0')),
        null,
        { ...person('林晓东', null), 服务调解组织: '梧田街道矛盾纠纷调解分中心、瓯海区不存在的中心' }
      ],
      兼职调解员: [person('黄海燕', null, { 办案上限: '2.5' }), person('王建国', ID_A)],
      专家库成员: [
        person('周志强', null, { 专业领域: '律师' }),
        person('阿卜杜拉·买买提', null, { 联系电话: '13912345678' }),
        person('潘雪梅', null, { 证书: '律师执业证|13303201010012345|浙江省司法厅|2026-02-30' })
      ],
      填写说明: [{ 姓名: '这里的内容导入时不读取' }]
    })
    const parsed = await readRosterXlsx(data, reference, TODAY)

    expect(parsed.records).toEqual([])
    expect(parsed.problems.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual([
      { sheet: '专职调解员', row: 3, column: '身份证号码' },
      { sheet: '专职调解员', row: 5, column: '服务调解组织' },
      { sheet: '兼职调解员', row: 2, column: '办案上限' },
      { sheet: '兼职调解员', row: 3, column: '身份证号码' },
      { sheet: '专家库成员', row: 4, column: '证书' }
    ])
    const messages = parsed.problems.map((problem) => problem.message)
    expect(messages[0]).toBe('身份证号码校验位不正确')
    expect(messages[1]).toContain('瓯海区不存在的中心')
    expect(messages[3]).toBe('与第2行（专职调解员）重复')
    expect(messages[4]).toContain('2026-02-30')
  })

  it('reports every problem of one row, not just the first', async () => {
    const data = await workbookOf({
      兼职调解员: [
        {
          性别: '男性',
          联系电话: '12345',
          状态: '在职',
          擅长纠纷类型: '婚姻家庭纠纷、吵架纠纷',
          服务商会: '温州市瓯海区茶叶商会',
          利害关系申报: '李秀英|330304197003150000|同学',
          休假: '2026-03-10|2026-03-01'
        }
      ]
    })
    const parsed = await readRosterXlsx(data, reference, TODAY)
    expect(parsed.problems.map((problem) => problem.column)).toEqual([
      '姓名',
      '性别',
      '联系电话',
      '状态',
      '办案上限',
      '擅长纠纷类型',
      '服务商会',
      '利害关系申报',
      '利害关系申报',
      '休假'
    ])
    expect(parsed.problems.every((problem) => problem.sheet === '兼职调解员' && problem.row === 2)).toBe(true)
    expect(parsed.problems[0].message).toBe('请填写姓名')
  })

  it('refuses an ID number stored as a number, whose last digits Excel has already lost', async () => {
    const data = await workbookOf({ 专职调解员: [person('王建国', null, { 身份证号码: Number(ID_A) })] })
    const parsed = await readRosterXlsx(data, reference, TODAY)
    expect(parsed.problems).toEqual([
      { sheet: '专职调解员', row: 2, column: '身份证号码', message: '身份证号码须以文本格式填写' }
    ])
    expect(parsed.records).toEqual([])
  })

  it('reports renamed, missing and unknown headers and does not read rows under them', async () => {
    const headers = HEADERS.map((header) => (header === '联系电话' ? '电话' : header)).filter((h) => h !== '备注')
    const data = await workbookOf({ 专家库成员: [{ 姓名: '', 状态: '不存在的状态' }] }, headers)
    const parsed = await readRosterXlsx(data, reference, TODAY)
    expect(parsed.problems.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual([
      { sheet: '专家库成员', row: 1, column: '电话' },
      { sheet: '专家库成员', row: 1, column: '联系电话' },
      { sheet: '专家库成员', row: 1, column: '备注' }
    ])
  })

  it('reports a sheet with an unknown name but ignores an empty one', async () => {
    const data = await workbookOf({ 专职调解员: [person('王建国', ID_A)], 调解员: [person('陈丽华', ID_B)] })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    workbook.addWorksheet('Sheet1')
    const parsed = await readRosterXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), reference, TODAY)
    expect(parsed.problems).toEqual([
      { sheet: '调解员', row: 0, column: '', message: expect.stringContaining('无法识别的工作表“调解员”') }
    ])
  })

  it('reports the same name and phone twice when neither row has an ID number', async () => {
    const data = await workbookOf({
      专职调解员: [person('林晓东', null, { 联系电话: '139 1234 5678' })],
      专家库成员: [person('林晓东', null, { 联系电话: '13912345678' }), person('林晓东', null)]
    })
    const parsed = await readRosterXlsx(data, reference, TODAY)
    expect(parsed.problems).toEqual([
      { sheet: '专家库成员', row: 2, column: '姓名', message: '与第2行（专职调解员）重复' }
    ])
  })

  it('reports a file that is not a workbook instead of throwing', async () => {
    const parsed = await readRosterXlsx(Buffer.from('姓名,性别\n王建国,男'), reference, TODAY)
    expect(parsed.records).toEqual([])
    expect(parsed.problems).toHaveLength(1)
    expect(parsed.problems[0]).toMatchObject({ sheet: '', row: 0, column: '' })
  })
})

describe('roster spreadsheet cell forms', () => {
  it('normalises rich text, numbers, full-width digits, date spellings and half-width separators', async () => {
    const data = await workbookOf({
      专职调解员: [
        null,
        {
          姓名: { richText: [{ text: ' 阿卜杜拉·' }, { text: '买买提 ', font: { bold: true } }] },
          性别: '男',
          身份证号码: ` ${ID_A.toLowerCase()} `,
          联系电话: 13912345678,
          状态: '暂停',
          办案上限: '１２',
          服务调解组织: '梧田街道矛盾纠纷调解分中心，瓯海区社会治理中心,梧田街道矛盾纠纷调解分中心',
          证书: '人民调解员培训证书｜PX-001｜瓯海区司法局｜2027/6/30;其他证书|Q-9',
          利害关系申报: `温州市瓯海区鞋业有限公司|${creditCode(1).toLowerCase()}|持股单位`,
          休假: '2026/1/5|2026年1月9日|探亲',
          备注: { formula: 'CONCAT("兼任","委员")', result: '兼任委员' }
        },
        { 姓名: '  ', 备注: '' }
      ]
    })
    const parsed = await readRosterXlsx(data, reference, TODAY)
    expect(parsed.problems).toEqual([])
    expect(parsed.records).toEqual([
      {
        kind: 'full_time',
        name: '阿卜杜拉·买买提',
        gender: 'male',
        idNumber: ID_A.toUpperCase(),
        phone: '13912345678',
        profession: null,
        status: 'suspended',
        capacity: 12,
        officeCodes: ['wutian', 'ouhai'],
        specialties: [],
        chambers: [],
        credentials: [
          { type: 'mediator_training', number: 'PX-001', issuer: '瓯海区司法局', validUntil: '2027-06-30' },
          { type: 'other', number: 'Q-9', issuer: null, validUntil: null }
        ],
        conflicts: [
          {
            name: '温州市瓯海区鞋业有限公司',
            idNumber: null,
            creditCode: creditCode(1),
            relation: 'shareholder',
            note: null
          }
        ],
        leaves: [{ from: '2026-01-05', to: '2026-01-09', reason: '探亲' }],
        note: '兼任委员'
      }
    ])
  })

  it('turns a date cell into its China date, also one made at Chinese midnight', () => {
    expect(cellContent(new Date('2026-12-31T16:00:00.000Z'))).toEqual({ text: '2027-01-01', numeric: false })
    expect(cellContent(new Date(Date.UTC(2027, 5, 30)))).toEqual({ text: '2027-06-30', numeric: false })
    expect(cellContent(330304)).toEqual({ text: '330304', numeric: true })
  })
})

describe('roster template', () => {
  it('parses as an empty roster with no problems', async () => {
    const template = readFileSync(
      path.resolve(import.meta.dirname, '../../../resources/templates/roster-template.xlsx')
    )
    const parsed = await readRosterXlsx(template, reference, TODAY)
    expect(parsed).toEqual({ records: [], problems: [] })
  })
})
