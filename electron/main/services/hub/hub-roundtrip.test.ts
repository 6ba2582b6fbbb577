/*
 * Two offices export twice each (the second incremental, with an edit and a
 * deletion); the hub imports all four; its rows equal the union of theirs;
 * importing any bundle again changes nothing.
 */
import { readdirSync } from 'node:fs'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listCasesSchema } from '../../../../shared/domain/case-input'
import { mediatorRecordSchema } from '../../../../shared/domain/mediator-input'
import { uuidv7 } from '../../../../shared/uuid'
import { expectStoreKeptInStep } from '../../../../tests/support/list-rows'
import { tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { chooseOffice } from '../../../../tests/support/intake-fixtures'
import { mediatorRecord } from '../../../../tests/support/roster-fixtures'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { services } from '../index'
import { writeChange } from '../write'
import { BUNDLE_LIMITS } from './bundle-limits'
import { keptBundleFolder } from './kept-bundles'
import {
  CASE_ENTITIES,
  countsBesidesImportRecord,
  exportFrom,
  importAt,
  officeApp,
  portableRows,
  registerAt,
  registerCaseAt,
  READING_MODES,
  readBundlesAs
} from './hub-test-kit'

describe.each(READING_MODES)('hub round trip (bundles read %s)', (mode) => {
  readBundlesAs(mode)
  let wutian: TempApp
  let jingshan: TempApp
  let hub: TempApp
  beforeEach(async () => {
    ;[wutian, jingshan, hub] = await Promise.all([officeApp('wutian'), officeApp('jingshan'), officeApp('ouhai')])
  })
  afterEach(async () => {
    await Promise.all([wutian.dispose(), jingshan.dispose(), hub.dispose()])
  })

  async function addRoom(app: TempApp, name: string): Promise<string> {
    const officeId = (
      await app.ctx.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'installation.officeId')
        .executeTakeFirstOrThrow()
    ).value
    const id = uuidv7()
    await writeChange(app.ctx, 'test.addRoom', async (trx, record) => {
      const row = {
        id,
        office_id: JSON.parse(officeId),
        name,
        capacity: 6,
        video_capable: 0 as const,
        active: 1 as const,
        note: null,
        created_at: '2026-11-29T00:00:00.000Z',
        updated_at: '2026-11-29T00:00:00.000Z',
        version: 1
      }
      await trx.insertInto('rooms').values(row).execute()
      record({ entity: 'rooms', entityId: id, operation: 'insert', version: 1, after: row })
    })
    return id
  }

  /** No screen deletes a synchronised record yet; this stands in for one, through the one write path. */
  async function deleteRoom(app: TempApp, id: string): Promise<void> {
    await writeChange(app.ctx, 'test.deleteRoom', async (trx, record) => {
      const before = await trx.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      await trx.deleteFrom('rooms').where('id', '=', id).execute()
      record({ entity: 'rooms', entityId: id, operation: 'delete', version: before.version, before })
    })
  }

  it('merges four bundles into the union of both offices, and a second import changes nothing', async () => {
    const a1 = await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
    const mediator = await services['mediators.save'](wutian.ctx, {
      record: mediatorRecordSchema.parse(mediatorRecord())
    })
    const room = await addRoom(wutian, '第一调解室')
    const wutian1 = await exportFrom(wutian)

    await registerCaseAt(jingshan, 2, ['欧阳明华', '李卫东'])
    await services['mediators.save'](jingshan.ctx, {
      record: mediatorRecordSchema.parse(
        mediatorRecord({ name: '张国庆', idNumber: residentId('1966-10-01', 555), officeCodes: ['jingshan'] })
      )
    })
    const jingshan1 = await exportFrom(jingshan)

    // Office 1: an edit (risk colour), a deletion (the room), a roster entry losing a specialty (an owned child gone).
    await services['cases.setRisk'](wutian.ctx, { caseId: a1, riskLevel: 'red', reason: '一方扬言报复' })
    await deleteRoom(wutian, room)
    await services['mediators.save'](wutian.ctx, {
      id: mediator.id,
      expectedVersion: mediator.version,
      record: mediatorRecordSchema.parse(mediatorRecord({ specialties: ['neighbour'] }))
    })
    const wutian2 = await exportFrom(wutian)
    const b1 = (await services['cases.list'](jingshan.ctx, listCasesSchema.parse({}))).rows[0].id
    await services['cases.accept'](jingshan.ctx, { caseId: b1 })
    await registerCaseAt(jingshan, 3, ['司马光明', '赵丽'])
    const jingshan2 = await exportFrom(jingshan)

    await registerAt(hub, wutian)
    await registerAt(hub, jingshan)
    for (const [name, bundle] of Object.entries({ wutian1, jingshan1, wutian2, jingshan2 })) {
      const entry = await importAt(hub, bundle, `${name}.zip`)
      expect(entry.reason, name).toBeNull()
      expect(entry.status).toBe('accepted')
    }
    expect(hub.errors).toEqual([])

    for (const entity of CASE_ENTITIES) {
      const union = [...(await portableRows(wutian, entity)), ...(await portableRows(jingshan, entity))]
      union.sort((x, y) => String(x.id).localeCompare(String(y.id)))
      expect(await portableRows(hub, entity), entity.file).toEqual(union)
    }
    expect(await hub.ctx.db.selectFrom('rooms').select('id').where('id', '=', room).execute()).toEqual([])
    // Every reference of the merged rows holds.
    expect((await sql`pragma foreign_key_check`.execute(hub.ctx.db)).rows).toEqual([])
    // The rows the hub's triggers kept through inserts and updates (a new risk colour, an acceptance): the list
    // rows, the unassigned cases, each mediator's cases.
    await expectStoreKeptInStep(hub.ctx.db, {
      listRows: 1,
      unassigned: 0,
      mediatorCases: 0,
      mediatorOpenCases: 0,
      sessionLinks: 0
    })
    const hubCases = await services['cases.list'](hub.ctx, listCasesSchema.parse({}))
    expect(hubCases.rows.find((r) => r.id === a1)?.riskLevel).toBe('red')
    expect(hubCases.rows.find((r) => r.id === b1)?.caseNumber).toMatch(/^\(2026\)瓯海景山调字第1号$/)
    expect(hubCases.rows.map((r) => r.handlingOfficeName).sort()).toEqual(
      ['梧田街道矛盾纠纷调解分中心', '景山街道矛盾纠纷调解分中心', '景山街道矛盾纠纷调解分中心'].sort()
    )
    // The district list finds imported parties by name, so the search index was rebuilt for them.
    expect((await services['cases.list'](hub.ctx, listCasesSchema.parse({ query: '欧阳明华' }))).rows).toHaveLength(1)
    // Merged rows are not the hub's own changes: its change log holds only the import records.
    const hubLog = await hub.ctx.db
      .selectFrom('change_log')
      .select('entity')
      .where('entity', 'in', ['cases', 'parties'])
      .execute()
    expect(hubLog).toEqual([])

    const before = await countsBesidesImportRecord(hub)
    for (const bundle of [wutian1, jingshan1, wutian2, jingshan2]) {
      const again = await importAt(hub, bundle)
      expect(again.status).toBe('refused')
      expect(again.reason).toMatch(/重复导入/)
    }
    expect(await countsBesidesImportRecord(hub)).toEqual(before)

    // A full bundle re-sends everything: the merge finds every row already there at its version.
    const full = await importAt(hub, await exportFrom(wutian, 'full'))
    expect(full.status).toBe('accepted')
    expect(full.merged).toMatchObject({ inserted: 0, updated: 0, deleted: 0 })
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
  })

  it('says so instead of making an empty bundle when nothing changed', async () => {
    await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
    await exportFrom(wutian)
    const again = await services['hub.export'](wutian.ctx, { kind: 'incremental', policy: 'full' })
    expect(again).toMatchObject({ nothingToExport: true, entry: null, fileName: null })
    expect(again.message).toMatch(/没有任何变更/)
    expect(await services['hub.exports'](wutian.ctx, {})).toHaveLength(1)
    expect(readdirSync(keptBundleFolder(wutian.ctx.runtime.databasePath))).toHaveLength(1)
  })

  it('refuses to export before the office of this installation is chosen', async () => {
    await chooseOffice(hub, 'ouhai')
    const bare = await officeApp('ouhai')
    await bare.ctx.db.deleteFrom('settings').where('key', '=', 'installation.officeId').execute()
    await expect(services['hub.export'](bare.ctx, { kind: 'full', policy: 'full' })).rejects.toThrow(/本机所属调解组织/)
    await bare.dispose()
  })
})

describe('hub export size', () => {
  it('refuses to make a bundle larger than the hub takes, writes nothing, and the chain goes on from where it was', async () => {
    const office = await officeApp('wutian')
    try {
      await registerCaseAt(office, 1, ['王芳', '陈建国'])
      const before = await tableCounts(office)
      const limit = BUNDLE_LIMITS.maxArchiveBytes
      BUNDLE_LIMITS.maxArchiveBytes = 2048
      try {
        await expect(services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' })).rejects.toThrow(
          /数据包压缩后 .* MB，超过区中心可接收的上限 0\.0 MB：未生成数据包，上报序号未变/
        )
      } finally {
        BUNDLE_LIMITS.maxArchiveBytes = limit
      }
      expect(await tableCounts(office)).toEqual(before)
      const made = await services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' })
      expect(made.entry).toMatchObject({ sequence: 1 })
    } finally {
      await office.dispose()
    }
  })
})
