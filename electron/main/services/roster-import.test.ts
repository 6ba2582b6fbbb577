import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { residentId } from '../../../tests/support/intake-fixtures'
import { addMediator } from '../../../tests/support/roster-fixtures'
import { startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { createHandlerTable, type HandlerTable } from '../ipc/register'
import { services } from './index'
import { loadMediators, recordOf } from './mediator-store'

let app: TempApp
let api: HandlerTable
beforeEach(async () => {
  app = await startTempApp()
  api = createHandlerTable(app.ctx)
})
afterEach(async () => app.dispose())

const KINDS = ['full_time', 'part_time', 'expert'] as const

async function roster(): Promise<unknown[]> {
  return [...(await loadMediators(app.ctx.db)).values()].map(recordOf).sort((a, b) => a.name.localeCompare(b.name))
}

/** Change cells of the exported workbook, as a clerk editing it by hand would. */
async function edited(
  base64: string,
  edits: Array<{ sheet: string; row: number; header: string; value: string | number }>
): Promise<string> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  for (const edit of edits) {
    const sheet = book.getWorksheet(edit.sheet)!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    sheet.getRow(edit.row).getCell(headers.indexOf(edit.header)).value = edit.value
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

describe('roster spreadsheet through the services', () => {
  it('exports 600 mediators and imports them back without a change', async () => {
    await services['chambers.add'](app.ctx, { name: '温州市瓯海区眼镜商会' })
    for (let i = 0; i < 600; i += 1) {
      await addMediator(app, {
        kind: KINDS[i % 3],
        profession: i % 3 === 2 ? 'lawyer' : null,
        name: `调解员${String(i).padStart(3, '0')}`,
        idNumber: residentId(`19${60 + (i % 35)}-0${1 + (i % 9)}-1${i % 9}`, i % 1000),
        phone: `139${String(10_000_000 + i).slice(-8)}`,
        chambers: i % 3 === 2 ? ['温州市瓯海区眼镜商会'] : [],
        officeCodes: [['wutian', 'zeya', 'ouhai', 'chamber'][i % 4]],
        leaves: i % 50 === 0 ? [{ from: '2026-12-01', to: '2026-12-10', reason: '年休假' }] : []
      })
    }
    const before = await roster()
    const exported = await services['mediators.exportXlsx'](app.ctx, {})
    const preview = await services['mediators.importPreview'](app.ctx, exported)
    expect(preview).toMatchObject({
      creating: 0,
      updating: 0,
      unchanged: 600,
      problems: [],
      counts: { full_time: 200, part_time: 200, expert: 200 }
    })
    const counts = await tableCounts(app)
    await services['mediators.importCommit'](app.ctx, exported)
    expect(await roster()).toEqual(before)
    // Nothing changed, so nothing was rewritten: no new versions, no audit or change-log rows.
    expect(await tableCounts(app)).toEqual(counts)
    const versions = await app.ctx.db.selectFrom('mediators').select('version').distinct().execute()
    expect(versions).toEqual([{ version: 1 }])

    // One phone changed by hand: exactly that entry is updated.
    const changed = await edited(exported.base64, [
      { sheet: '专职调解员', row: 2, header: '联系电话', value: '13911112222' }
    ])
    expect(await services['mediators.importPreview'](app.ctx, { base64: changed })).toMatchObject({
      updating: 1,
      unchanged: 599
    })
    await services['mediators.importCommit'](app.ctx, { base64: changed })
    const updated = await app.ctx.db
      .selectFrom('mediators')
      .select(['name', 'phone', 'version'])
      .where('version', '=', 2)
      .execute()
    expect(updated).toEqual([{ name: expect.any(String), phone: '13911112222', version: 2 }])
  }, 120_000)

  it('reports every problem of a hand-edited file and writes nothing when asked to commit it anyway', async () => {
    await addMediator(app)
    await addMediator(app, {
      kind: 'expert',
      profession: 'doctor',
      name: '陈医生',
      idNumber: residentId('1970-07-07', 77),
      phone: '13900007777'
    })
    const exported = await services['mediators.exportXlsx'](app.ctx, {})
    const bad = await edited(exported.base64, [
      { sheet: '专职调解员', row: 2, header: '身份证号码', value: '330304197503082620' },
      { sheet: '专职调解员', row: 2, header: '服务调解组织', value: '火星调解中心' },
      { sheet: '专家库成员', row: 2, header: '联系电话', value: '12345' },
      { sheet: '专家库成员', row: 2, header: '擅长纠纷类型', value: '太空纠纷' },
      { sheet: '专家库成员', row: 2, header: '办案上限', value: '很多' }
    ])
    const preview = await services['mediators.importPreview'](app.ctx, { base64: bad })
    expect(preview.problems.map((p) => [p.sheet, p.row, p.column])).toEqual(
      expect.arrayContaining([
        ['专职调解员', 2, '身份证号码'],
        ['专职调解员', 2, '服务调解组织'],
        ['专家库成员', 2, '联系电话'],
        ['专家库成员', 2, '擅长纠纷类型'],
        ['专家库成员', 2, '办案上限']
      ])
    )
    expect(preview.problems).toHaveLength(5)

    const before = await tableCounts(app)
    const result = await api['mediators.importCommit']({ base64: bad })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('5 处问题') }
    })
    expect(await tableCounts(app)).toEqual(before)
  })
})
