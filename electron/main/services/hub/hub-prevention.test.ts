/*
 * Grids, patrol reports and the report's hand-entered figures travel to the
 * hub (so the district's statistics count every office's patrols): a round
 * trip with an edit and a deletion, the masked policy over their personal
 * fields, and the key-person register staying at home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES, HUB_ENTITY_BY_FILE, HUB_LOCAL_TABLES } from '../../../../shared/domain/hub-entities'
import { uuidv7 } from '../../../../shared/uuid'
import type { TempApp } from '../../../../tests/support/temp-app'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { patrolFigures } from '../patrols/figures'
import { writeChange } from '../write'
import { services } from '../index'
import {
  CASE_ENTITIES,
  entriesOf,
  exportFrom,
  importAt,
  officeApp,
  portableRows,
  registerAt,
  registerCaseAt,
  resigned,
  rowsOfFile,
  withObjectLines
} from './hub-test-kit'

const AT = '2026-11-20T02:00:00.000Z'
const SECRETS = ['13906770001', '海燕', '13800001111', '小明', residentId('1990-05-06', 123), '老殿后村12号', '漏水']

describe('grids, patrol reports and report figures at the hub', () => {
  let wutian: TempApp
  let hub: TempApp
  let officeId: string
  const patrolId = uuidv7()
  const figureId = uuidv7()

  beforeAll(async () => {
    ;[wutian, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    officeId = (
      await wutian.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
    ).id
    await writeChange(wutian.ctx, 'test.prevention', async (trx, record) => {
      const tracked = { created_at: AT, updated_at: AT, version: 1 }
      const grid = { id: uuidv7(), code: 'WT-001', office_id: officeId, township: '梧田街道', village: '老殿后村', name: '老殿后一网格', active: 1 as const, ...tracked }
      const patrol = {
        id: patrolId,
        office_id: officeId,
        grid_code: 'WT-001',
        reporter_name: '林海燕',
        reporter_phone: '13906770001',
        patrolled_at: '2026-11-20 10:00',
        place: '梧田街道老殿后村12号',
        findings: '两户因楼上漏水发生争执，已劝解',
        disputes_found: 1,
        parties: JSON.stringify([{ name: '王小明', role: null, phone: '13800001111', idNumber: residentId('1990-05-06', 123) }]),
        handling: 'on_spot' as const,
        handling_note: '当场调解，双方握手言和',
        case_id: null,
        created_by: '系统管理员',
        ...tracked
      }
      const figure = { id: figureId, office_id: officeId, month: '2026-11', field: 'escalations_prevented', value: 3, note: null, entered_by: '系统管理员', ...tracked }
      await trx.insertInto('grids').values(grid).execute()
      await trx.insertInto('patrol_reports').values(patrol).execute()
      await trx.insertInto('report_figures').values(figure).execute()
      record({ entity: 'patrol_reports', entityId: patrol.id, operation: 'insert', version: 1, after: patrol })
      record({ entity: 'report_figures', entityId: figure.id, operation: 'insert', version: 1, after: figure })
    }) // prettier-ignore
    await registerAt(hub, wutian)
  })
  afterAll(async () => {
    await Promise.all([wutian.dispose(), hub.dispose()])
  })

  const compare = async () => {
    for (const file of ['grids', 'patrol_reports', 'report_figures']) {
      const entity = HUB_ENTITY_BY_FILE.get(file)!
      expect(await portableRows(hub, entity), file).toEqual(await portableRows(wutian, entity))
    }
  }

  it('carries them to the hub, where the district statistics count the office’s patrols', async () => {
    expect((await importAt(hub, await exportFrom(wutian))).status).toBe('accepted')
    await compare()
    const hubWutian = (
      await hub.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
    ).id
    expect(await patrolFigures(hub.ctx.db, { officeIds: [hubWutian], from: '2026-11-01', to: '2026-11-30' })).toEqual({
      patrols: 1,
      disputesFound: 1
    })
  })

  it('carries an edited figure and a deleted patrol report', async () => {
    await writeChange(wutian.ctx, 'test.prevention', async (trx, record) => {
      await trx.updateTable('report_figures').set({ value: 5, version: 2, updated_at: AT }).where('id', '=', figureId).execute()
      record({ entity: 'report_figures', entityId: figureId, operation: 'update', version: 2, after: { value: 5 } })
      await trx.deleteFrom('patrol_reports').where('id', '=', patrolId).execute()
      record({ entity: 'patrol_reports', entityId: patrolId, operation: 'delete', version: 1, before: { id: patrolId } })
    }) // prettier-ignore
    const entry = await importAt(hub, await exportFrom(wutian))
    expect(entry.status).toBe('accepted')
    expect(entry.merged).toMatchObject({ updated: 1, deleted: 1 })
    await compare()
    expect(await hub.ctx.db.selectFrom('patrol_reports').select('id').execute()).toEqual([])
  })

  it('masks the reporter, the parties, the place and the findings in a masked bundle', async () => {
    const office = await officeApp('wutian')
    try {
      const id = (
        await office.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
      ).id
      const row = await wutian.ctx.db.selectFrom('grids').selectAll().executeTakeFirstOrThrow()
      await writeChange(office.ctx, 'test.prevention', async (trx, record) => {
        await trx.insertInto('grids').values({ ...row, office_id: id }).execute()
        const patrol = {
          id: uuidv7(), office_id: id, grid_code: row.code, reporter_name: '林海燕', reporter_phone: '13906770001',
          patrolled_at: '2026-11-20 10:00', place: '梧田街道老殿后村12号', findings: '两户因楼上漏水发生争执',
          disputes_found: 1, handling: 'none' as const, handling_note: null, case_id: null, created_by: '系统管理员',
          parties: JSON.stringify([{ name: '王小明', phone: '13800001111', idNumber: residentId('1990-05-06', 123) }]),
          created_at: AT, updated_at: AT, version: 1
        }
        await trx.insertInto('patrol_reports').values(patrol).execute()
        record({ entity: 'patrol_reports', entityId: patrol.id, operation: 'insert', version: 1, after: patrol })
      }) // prettier-ignore
      const text = (bundle: Buffer) =>
        entriesOf(bundle)
          .map((e) => e.data.toString('utf8'))
          .join('\n')
      const maskedBundle = await exportFrom(office, 'full', 'masked')
      const masked = text(maskedBundle)
      for (const secret of SECRETS) expect(masked.includes(secret), secret).toBe(false)
      expect(rowsOfFile(maskedBundle, 'patrol_reports')).toEqual([
        expect.objectContaining({ reporter_name: '林某', place: '梧田街道****', parties: '[]' })
      ])
      const full = text(await exportFrom(office, 'full', 'full'))
      for (const secret of SECRETS) expect(full.includes(secret), secret).toBe(true)
    } finally {
      await office.dispose()
    }
  })

  it('still reads a version-1 bundle, which may not carry the version-2 files', async () => {
    const office = await officeApp('jingshan')
    const hubOf = await officeApp('ouhai')
    try {
      await registerAt(hubOf, office)
      const v1 = (extra: boolean) =>
        resigned(bundle, office, (files, manifest) => {
          manifest.formatVersion = 1
          withObjectLines(files)
          if (extra) files.set('grids.ndjson', Buffer.from(''))
        })
      await registerCaseAt(office, 7, ['赵丽', '钱进'])
      const bundle = await exportFrom(office)
      const verify = (b: Buffer) =>
        services['hub.verify'](hubOf.ctx, { fileName: 'v1.zip', base64: b.toString('base64') })
      expect((await verify(v1(false))).ok).toBe(true)
      expect((await verify(v1(true))).reason).toMatch(/grids\.ndjson 不是格式版本 1 的数据文件/)
    } finally {
      await Promise.all([office.dispose(), hubOf.dispose()])
    }
  })

  it('merges a version-2 bundle, rows as objects, into the same rows as its version-3 twin', async () => {
    const office = await officeApp('jingshan')
    const [hubA, hubB] = await Promise.all([officeApp('ouhai'), officeApp('ouhai')])
    try {
      await Promise.all([registerAt(hubA, office), registerAt(hubB, office)])
      await registerCaseAt(office, 8, ['孙丽华', '周建平'])
      const v3 = await exportFrom(office)
      const v2 = resigned(v3, office, (files, manifest) => {
        manifest.formatVersion = 2
        withObjectLines(files)
      })
      expect(entriesOf(v2).find((e) => e.name === 'cases.ndjson')!.data.toString('utf8')).toMatch(/^\{"id":"/)
      const [a, b] = [await importAt(hubA, v3, 'v3.zip'), await importAt(hubB, v2, 'v2.zip')]
      expect([a.status, b.status]).toEqual(['accepted', 'accepted'])
      expect(b.merged).toEqual(a.merged)
      expect(a.merged!.inserted).toBeGreaterThan(0)
      for (const entity of CASE_ENTITIES) {
        expect(await portableRows(hubB, entity), entity.file).toEqual(await portableRows(hubA, entity))
      }
    } finally {
      await Promise.all([office.dispose(), hubA.dispose(), hubB.dispose()])
    }
  })

  it('keeps the key-person register and referrals at home', () => {
    for (const table of ['key_persons', 'key_person_logs', 'referrals']) {
      expect(HUB_LOCAL_TABLES).toContain(table)
      expect(HUB_ENTITIES.map((e) => e.file)).not.toContain(table)
    }
  })
})
