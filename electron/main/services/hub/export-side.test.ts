/*
 * The export's second connection (export-side.ts): it reads the snapshot of
 * the export's own transaction or refuses, a failure on it fails the whole
 * export and leaves the store ready for the next, and a store with no file
 * reads on one connection.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import { openStore } from '../../db'
import { seedTempStore, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { markSeededRowsChanged } from '../../tools/bench-hub'
import { collectRows, EXPORT_READING, SIDE_ENTITIES } from './export-rows'
import { openSideReader } from './export-side'
import { entriesOf, exportFrom } from './hub-test-kit'

let office: TempApp

beforeAll(async () => {
  const seeded = await seedTempStore({ cases: 30, seed: 5, until: '2026-11-28', office: 'wutian' })
  office = await startTempApp({ dir: seeded.dir })
  await markSeededRowsChanged(office.ctx.db)
}, 60_000)

afterAll(async () => {
  await office?.dispose()
})

const exportsDone = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from hub_exports`.execute(office.ctx.db)).rows[0].n)

describe("the export's second connection", () => {
  it('reads only entities that neither own children nor are owned, so neither half waits for the other', () => {
    for (const file of SIDE_ENTITIES) {
      const entity = HUB_ENTITIES.find((e) => e.file === file)
      expect(entity?.mode, file).toBe('logged')
      expect(
        HUB_ENTITIES.some((e) => e.owner?.table === file),
        file
      ).toBe(false)
    }
    expect(SIDE_ENTITIES.has('case_events')).toBe(true)
  })

  it("sees the export's snapshot, and refuses when the export's transaction holds a change it cannot see", async () => {
    const heads = await office.ctx.db.transaction().execute(async (trx) => {
      const side = await openSideReader(trx, office.dbPath)
      try {
        const seen = async (db: typeof trx) =>
          (await sql<{ n: number }>`select count(*) as n from case_events`.execute(db)).rows[0].n
        return [await seen(trx), await seen(side!.db as typeof trx)]
      } finally {
        await side!.close()
      }
    })
    expect(heads[0]).toBeGreaterThan(0)
    expect(heads[1]).toBe(heads[0])

    // An uncommitted change in the export's transaction: a second connection would read a different state.
    await expect(
      office.ctx.db.transaction().execute(async (trx) => {
        await sql`insert into change_log (entity, entity_id, operation, version, changed_at)
          values ('cases', 'not-a-case', 'update', 99, '2026-11-28T00:00:00.000Z')`.execute(trx)
        const side = await openSideReader(trx, office.dbPath)
        await side?.close()
      })
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('正被其他程序修改') })
    const left = await sql<{ n: number }>`select count(*) as n from change_log where entity_id = 'not-a-case'`.execute(
      office.ctx.db
    )
    expect(left.rows[0].n).toBe(0)
  })

  it('fails the whole export when reading on it fails, and the next export succeeds', async () => {
    const saved = { ...EXPORT_READING }
    Object.assign(EXPORT_READING, { blockRows: 2 })
    const failing = {
      block(entity: { file: string }) {
        if (entity.file === 'case_records') throw new Error('磁盘已满')
      },
      end() {}
    }
    const exported = await exportsDone()
    try {
      await expect(
        office.ctx.db.transaction().execute(async (trx) => {
          const side = await openSideReader(trx, office.dbPath)
          try {
            return await collectRows(trx, 'full', 0, 0, () => {}, failing, side!.db)
          } finally {
            await side!.close()
          }
        })
      ).rejects.toThrow('磁盘已满')
    } finally {
      Object.assign(EXPORT_READING, saved)
    }
    const bundle = await exportFrom(office, 'full')
    expect(entriesOf(bundle).some((e) => e.name === 'case_records.ndjson')).toBe(true)
    expect(await exportsDone()).toBe(exported + 1)
  })

  it('is not opened for a store with no file', async () => {
    const store = await openStore(':memory:')
    try {
      const side = await store.db.transaction().execute((trx) => openSideReader(trx, ':memory:'))
      expect(side).toBeNull()
    } finally {
      await store.db.destroy()
    }
  })
})
