import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { summarize, writeChange } from './write'

let app: TempApp
const clock = fixedClock('2026-11-29T02:00:00.000Z')

beforeEach(async () => {
  app = await startTempApp({ clock })
})
afterEach(async () => app.dispose())

const settingRow = (key: string, value: unknown) => ({
  key,
  value: JSON.stringify(value),
  created_at: clock.now().toISOString(),
  updated_at: clock.now().toISOString(),
  version: 1
})

describe('writeChange', () => {
  it('commits the rows with one audit row and one change-log row per recorded change, stamped by the clock and the actor', async () => {
    clock.set('2026-11-29T03:04:05.000Z')
    const result = await writeChange(app.ctx, 'test.pair', async (trx, record) => {
      for (const key of ['a', 'b']) {
        const row = settingRow(key, key.toUpperCase())
        await trx.insertInto('settings').values(row).execute()
        record({ entity: 'settings', entityId: key, operation: 'insert', version: 1, after: row })
      }
      return 'done'
    })
    expect(result).toBe('done')
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.pair')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => [a.entity_id, a.at, a.actor_name])).toEqual([
      ['a', '2026-11-29T03:04:05.000Z', '本机管理员'],
      ['b', '2026-11-29T03:04:05.000Z', '本机管理员']
    ])
    expect(JSON.parse(audit[0].summary).after.value).toBe('"A"')
    const changes = await app.ctx.db
      .selectFrom('change_log')
      .selectAll()
      .where('entity', '=', 'settings')
      .orderBy('seq')
      .execute()
    expect(changes.map((c) => [c.entity_id, c.operation, c.version])).toEqual([
      ['a', 'insert', 1],
      ['b', 'insert', 1]
    ])
    expect(changes[1].seq).toBeGreaterThan(changes[0].seq)
  })

  it('leaves no row anywhere when the work fails after writing', async () => {
    const before = await tableCounts(app)
    await expect(
      writeChange(app.ctx, 'test.fails', async (trx, record) => {
        const row = settingRow('half', 1)
        await trx.insertInto('settings').values(row).execute()
        record({ entity: 'settings', entityId: 'half', operation: 'insert', version: 1, after: row })
        throw new Error('second step failed')
      })
    ).rejects.toThrow('second step failed')
    expect(await tableCounts(app)).toEqual(before)
  })

  it('leaves no row anywhere when writing the audit row itself fails', async () => {
    const before = await tableCounts(app)
    await expect(
      writeChange(app.ctx, 'test.bad-audit', async (trx, record) => {
        const row = settingRow('x', 1)
        await trx.insertInto('settings').values(row).execute()
        // A summary that is not JSON-serialisable makes the audit insert fail.
        const cyclic: Record<string, unknown> = {}
        cyclic.self = cyclic
        record({ entity: 'settings', entityId: 'x', operation: 'insert', version: 1, after: cyclic })
      })
    ).rejects.toThrow()
    expect(await tableCounts(app)).toEqual(before)
  })

  it('serialises concurrent changes: each commits whole', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeChange(app.ctx, 'test.concurrent', async (trx, record) => {
          const row = settingRow(`k${i}`, i)
          await trx.insertInto('settings').values(row).execute()
          record({ entity: 'settings', entityId: `k${i}`, operation: 'insert', version: 1, after: row })
        })
      )
    )
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'test.concurrent')
      .execute()
    expect(audit.map((a) => a.entity_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort())
  })
})

describe('summarize', () => {
  it('keeps only the fields that changed, ignoring the bookkeeping columns', () => {
    expect(
      summarize(
        { name: '甲', phone: '1', version: 1, updated_at: 'x' },
        { name: '乙', phone: '1', version: 2, updated_at: 'y' }
      )
    ).toEqual({ before: { name: '甲' }, after: { name: '乙' } })
    expect(summarize(null, { a: 1 })).toEqual({ before: null, after: { a: 1 } })
  })
})
