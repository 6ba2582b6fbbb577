/*
 * Good and bad inputs of the grid patrol methods (patrols.*, grids.*), for
 * the contract table in contract-cases.ts, and the fixtures the patrol
 * tests share: a grid list spreadsheet made with ExcelJS, grids imported
 * through the real service, and a report a grid worker could have typed.
 */
import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import type { patrolMethods, SavePatrolInput } from '../../shared/contract/patrols'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { savePatrolSchema } from '../../shared/contract/patrols'
import { services } from '../../electron/main/services/index'
import type { RunningApp } from '../../electron/main/startup'
import type { MethodCases } from './contract-cases'
import { chooseOffice, registration, residentId } from './intake-fixtures'

/** A grid list workbook: the template's headers, then the given rows (code, town-street, village, name). */
export async function gridListXlsx(
  rows: Array<Array<string | number | null>>,
  sheetName = '网格清单'
): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  sheet.addRow(['网格编码', '镇街', '村（社区）', '网格名称'])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64')
}

/** A resident ID with its check character changed: the validator must refuse it. */
export function wrongCheckChar(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
}

export const GRID_ROWS = [
  ['WT-001', '梧田街道', '老殿后村', '老殿后一网格'],
  ['WT-002', '梧田街道', '蟾钟村', '蟾钟二网格']
]

/** The Wutian sub-center as this installation, with two grids imported through the real service. */
export async function seedGrids(app: RunningApp): Promise<void> {
  await chooseOffice(app, 'wutian')
  await services['grids.importCommit'](app.ctx, { base64: await gridListXlsx(GRID_ROWS) })
}

export function patrolInput(overrides: Partial<SavePatrolInput> = {}): SavePatrolInput {
  return {
    gridCode: 'WT-001',
    reporterName: '郑晓东',
    reporterPhone: '13957700011',
    patrolledAt: '2026-11-20 09:30',
    place: '老殿后村12号门前',
    findings: '两户村民因翻建房屋占用公共通道发生争执，情绪激动。',
    disputesFound: 1,
    parties: [
      { name: '王芳', role: 'applicant', phone: '13857712345', idNumber: residentId('1978-04-12', 122) },
      { name: '陈建国', role: 'respondent' }
    ],
    handling: 'passed_on',
    handlingNote: '建议转镇街调解分中心受理',
    ...overrides
  }
}

/** A saved report, through the real service. */
export async function savedPatrolId(app: RunningApp, overrides: Partial<SavePatrolInput> = {}): Promise<string> {
  return (await services['patrols.save'](app.ctx, savePatrolSchema.parse(patrolInput(overrides)))).id
}

export function patrolCases(app: RunningApp): { [M in keyof typeof patrolMethods]: MethodCases<M> } {
  const noExtra = (name: string) => async () => [{ input: { [name]: 1 }, field: name }]
  const seeded = async () => {
    await seedGrids(app)
    return savedPatrolId(app)
  }
  const grid = (code: string) => app.ctx.db.selectFrom('grids').selectAll().where('code', '=', code).executeTakeFirst()

  return {
    'patrols.list': {
      good: async () => {
        await seeded()
        await savedPatrolId(app, { patrolledAt: '2026-10-05 15:00', handling: 'none', disputesFound: 0, parties: [] })
        return {
          input: { month: '2026-11' },
          expectData: (page) => {
            expect(page.total).toBe(1)
            expect(page.rows[0]).toMatchObject({ gridCode: 'WT-001', gridName: '老殿后一网格', township: '梧田街道' })
          }
        }
      },
      bad: async () => [
        { input: { month: '2026-13' }, field: 'month', message: '月份格式应为 YYYY-MM' },
        { input: { handling: 'ignored' }, field: 'handling' },
        { input: { offset: -1 }, field: 'offset' }
      ]
    },
    'patrols.get': {
      good: async () => {
        const id = await seeded()
        return {
          input: { id },
          expectData: (report) => {
            expect(report).toMatchObject({ id, reporterName: '郑晓东', disputesFound: 1, handling: 'passed_on' })
            expect(report.parties[0]).toMatchObject({ name: '王芳', role: 'applicant', phone: '13857712345' })
          }
        }
      },
      bad: async () => [{ input: { id: 'abc' }, field: 'id', message: '排查记录编号无效' }]
    },
    'patrols.save': {
      good: async () => {
        await seedGrids(app)
        return {
          input: patrolInput({ handling: 'on_spot', handlingNote: '当场劝解，双方同意各退一步' }),
          expectData: async (report) => {
            expect(report).toMatchObject({ gridCode: 'WT-001', handling: 'on_spot', caseId: null, version: 1 })
            const audit = await app.ctx.db
              .selectFrom('audit_log')
              .select('action')
              .where('entity_id', '=', report.id)
              .execute()
            expect(audit.map((a) => a.action)).toEqual(['patrols.save'])
          }
        }
      },
      bad: async () => {
        await seedGrids(app)
        return [
          { input: patrolInput({ gridCode: 'NO-SUCH' }), field: 'gridCode', message: '没有这个网格' },
          {
            input: patrolInput({ patrolledAt: '2099-01-01 08:00' }),
            field: 'patrolledAt',
            message: '排查时间不能晚于现在'
          },
          { input: patrolInput({ patrolledAt: '2026-11-20' }), field: 'patrolledAt' },
          {
            input: patrolInput({ patrolledAt: '2026-02-30 08:00' }),
            field: 'patrolledAt',
            message: '没有这个日期或时间'
          },
          { input: patrolInput({ disputesFound: -1 }), field: 'disputesFound', message: '发现纠纷数不能为负' },
          { input: patrolInput({ handling: 'on_spot', handlingNote: '' }), field: 'handlingNote' },
          {
            input: patrolInput({
              parties: [{ name: '王芳', idNumber: wrongCheckChar(residentId('1978-04-12', 122)) }]
            }),
            field: 'parties.0.idNumber'
          },
          { input: patrolInput({ parties: [{ name: '王芳', phone: '12345' }] }), field: 'parties.0.phone' },
          { input: patrolInput({ reporterName: ' ' }), field: 'reporterName', message: '此项不能为空' }
        ]
      }
    },
    'patrols.passToIntake': {
      good: async () => {
        const id = await seeded()
        return {
          input: { id },
          expectData: (prefill) => {
            expect(prefill).toMatchObject({
              patrolId: id,
              source: 'grid_report',
              placeTownship: '梧田街道',
              placeVillage: '老殿后村',
              occurredOn: '2026-11-20'
            })
            expect(prefill.summary).toContain('翻建房屋占用公共通道')
            expect(prefill.parties.map((p) => p.name)).toEqual(['王芳', '陈建国'])
          }
        }
      },
      bad: noExtra('caseId')
    },
    'patrols.registerCase': {
      good: async () => {
        const patrolId = await seeded()
        return {
          input: { patrolId, registration: registration({ source: 'grid_report' }) },
          expectData: async (detail) => {
            expect(detail.source).toBe('grid_report')
            const report = await services['patrols.get'](app.ctx, { id: patrolId })
            expect(report).toMatchObject({ caseId: detail.id, handling: 'passed_on', version: 2 })
          }
        }
      },
      bad: async () => {
        const patrolId = await seeded()
        const linked = await savedPatrolId(app)
        await services['patrols.registerCase'](app.ctx, {
          patrolId: linked,
          registration: registerCaseSchema.parse(registration({ source: 'grid_report' }))
        })
        return [
          {
            input: { patrolId, registration: registration({ source: 'walk_in' }) },
            field: 'registration.source',
            message: '由排查转入的案件，来源应为网格员上报'
          },
          {
            input: { patrolId: linked, registration: registration({ source: 'grid_report' }) },
            field: 'patrolId',
            message: '不能重复转入'
          },
          {
            input: {
              patrolId: '0190a0a0-0000-7000-8000-000000000000',
              registration: registration({ source: 'grid_report' })
            },
            field: 'patrolId',
            message: '排查记录不存在'
          },
          {
            input: { patrolId, registration: registration({ source: 'grid_report', summary: '' }) },
            field: 'registration.summary'
          }
        ]
      }
    },
    'patrols.monthly': {
      good: async () => {
        await seeded()
        await savedPatrolId(app, { disputesFound: 2 })
        return {
          input: { year: 2026 },
          expectData: (months) => {
            expect(months).toHaveLength(12)
            expect(months[10]).toEqual({ month: '2026-11', patrols: 2, disputesFound: 3 })
            expect(months[9]).toEqual({ month: '2026-10', patrols: 0, disputesFound: 0 })
          }
        }
      },
      bad: async () => [
        { input: {}, field: 'year' },
        { input: { year: 1999 }, field: 'year', message: '年份无效' }
      ]
    },
    'grids.list': {
      good: async () => {
        await seedGrids(app)
        return {
          input: { query: '蟾钟' },
          expectData: (grids) =>
            expect(grids.map((g) => [g.code, g.village, g.active])).toEqual([['WT-002', '蟾钟村', true]])
        }
      },
      bad: async () => [{ input: { includeInactive: 'yes' }, field: 'includeInactive' }]
    },
    'grids.importPreview': {
      good: async () => {
        await chooseOffice(app, 'wutian')
        return {
          input: {
            base64: await gridListXlsx([...GRID_ROWS, ['WT-003', '火星街道', null, null], ['', '梧田街道', null, null]])
          },
          expectData: async (preview) => {
            expect(preview).toMatchObject({ rows: 4, valid: 2, creating: 2, updating: 0, unchanged: 0 })
            expect(preview.problems).toEqual([
              { row: 4, column: '镇街', message: '“火星街道”不是本区的镇街' },
              { row: 5, column: '网格编码', message: '此项不能为空' }
            ])
            expect(await grid('WT-001')).toBeUndefined()
          }
        }
      },
      bad: async () => [{ input: { base64: '' }, field: 'base64', message: '请选择文件' }]
    },
    'grids.importCommit': {
      good: async () => {
        await seedGrids(app)
        const rows = [
          ['WT-001', '梧田街道', '老殿后村', '老殿后网格（调整）'],
          GRID_ROWS[1],
          ['WT-003', '梧田街道', null, null],
          ['WT-003', '梧田街道', null, null]
        ]
        return {
          input: { base64: await gridListXlsx(rows) },
          expectData: async (result) => {
            expect(result).toMatchObject({ rows: 4, valid: 3, creating: 1, updating: 1, unchanged: 1 })
            expect(result.problems).toEqual([{ row: 5, column: '网格编码', message: '与第 4 行的网格编码重复' }])
            expect((await grid('WT-001'))?.name).toBe('老殿后网格（调整）')
            expect(await grid('WT-003')).toMatchObject({ township: '梧田街道', village: null })
          }
        }
      },
      bad: async () => {
        await chooseOffice(app, 'wutian')
        return [
          { input: { base64: await gridListXlsx([['', '火星街道', null, null]]) }, field: 'base64' },
          { input: { base64: Buffer.from('not a workbook').toString('base64') }, field: 'base64' }
        ]
      }
    },
    'grids.templateXlsx': {
      good: async () => ({
        input: {},
        expectData: async (file) => {
          expect(file.fileName).toBe('网格清单模板.xlsx')
          const workbook = new ExcelJS.Workbook()
          await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
          expect(workbook.getWorksheet('网格清单')?.getRow(1).values).toEqual([
            undefined,
            '网格编码',
            '镇街',
            '村（社区）',
            '网格名称'
          ])
        }
      }),
      bad: noExtra('verbose')
    }
  }
}
