/*
 * A large bundle is merged with SQLite's rollback journal instead of the
 * WAL (db/bulk-journal.ts): its pages are written once, not twice. What the
 * hub must see: the merge runs with a journal beside the store, the store is
 * back in WAL mode afterwards whether the merge was taken or refused, a
 * refused merge leaves nothing, a small bundle stays in WAL mode, and when
 * the switch is not possible the import is taken in WAL mode as before.
 * The crash half (a merge killed midway) is tests/integration/hub-import-crash.test.ts.
 */
import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HubImportEntry, HubProgress } from '../../../../shared/domain/hub'
import type { TempApp } from '../../../../tests/support/temp-app'
import { resigned } from '../../../../tests/support/hub-bundles'
import { BULK_JOURNAL } from '../../db/bulk-journal'
import {
  countsBesidesImportRecord,
  exportFrom,
  importAt,
  officeApp,
  registerAt,
  registerCaseAt,
  whileWatching
} from './hub-test-kit'

const journalMode = async (app: TempApp) =>
  (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(app.ctx.db)).rows[0].journal_mode

const saving = (p: HubProgress) => p.phase === 'saving'
/** Once an entity is merged: the transaction is open (the phase is named before the journal switch). */
const merging = (p: HubProgress) => p.phase === 'merging' && p.done >= 1

/** Whether the store's journal and its WAL were seen beside it at any progress `when` picks, inside the import's transaction. */
async function filesWhile(when: (p: HubProgress) => boolean, hub: TempApp, work: () => Promise<unknown>) {
  let seen: { journal: boolean; wal: boolean } | null = null
  await whileWatching((p) => {
    if (!when(p)) return
    const journal = existsSync(`${hub.dbPath}-journal`)
    const wal = existsSync(`${hub.dbPath}-wal`)
    seen = { journal: journal || (seen?.journal ?? false), wal: wal || (seen?.wal ?? false) }
  }, work)
  return seen
}

describe('the journal of a hub import', () => {
  let office: TempApp
  let hub: TempApp
  const threshold = BULK_JOURNAL.minRows
  beforeAll(async () => {
    ;[office, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerAt(hub, office)
  })
  afterEach(() => {
    BULK_JOURNAL.minRows = threshold
  })
  afterAll(() => Promise.all([office.dispose(), hub.dispose()]))

  it('keeps a small bundle in WAL mode', async () => {
    await registerCaseAt(office, 1, ['王芳', '陈建国'])
    const seen = await filesWhile(saving, hub, async () => {
      expect((await importAt(hub, await exportFrom(office))).status).toBe('accepted')
    })
    expect(seen).toEqual({ journal: false, wal: true })
    expect(await journalMode(hub)).toBe('wal')
  })

  it('merges a large bundle with the rollback journal, then puts the store back in WAL mode', async () => {
    BULK_JOURNAL.minRows = 1
    await registerCaseAt(office, 2, ['刘洋', '孙丽'])
    const seen = await filesWhile(saving, hub, async () => {
      expect((await importAt(hub, await exportFrom(office))).status).toBe('accepted')
    })
    // While merging: a rollback journal beside the store, and no WAL (switching checkpointed and removed it).
    expect(seen).toEqual({ journal: true, wal: false })
    expect(await journalMode(hub)).toBe('wal')
    expect(existsSync(`${hub.dbPath}-journal`)).toBe(false)
    expect(await hub.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(2)
    expect(hub.errors).toEqual([])
  })

  it('undoes a refused merge wholly with the rollback journal, and is back in WAL mode for the next import', async () => {
    BULK_JOURNAL.minRows = 1
    await registerCaseAt(office, 3, ['周强', '吴敏'])
    const good = await exportFrom(office)
    // Signed by the office's own key: every check passes; only the store's unique id can catch it.
    const twice = resigned(good, office, (files, manifest) => {
      const lines = files.get('case_events.ndjson')!.toString('utf8').trimEnd().split('\n')
      files.set('case_events.ndjson', Buffer.from([...lines, lines[lines.length - 1]].join('\n') + '\n'))
      manifest.counts.case_events.rows += 1
    })
    const before = await countsBesidesImportRecord(hub)
    let refused: HubImportEntry | null = null
    const seen = await filesWhile(merging, hub, async () => (refused = await importAt(hub, twice, 'twice.zip')))
    expect(seen).toEqual({ journal: true, wal: false })
    refused = refused!
    expect(refused.status).toBe('refused')
    expect(refused.reason).toMatch(/^合并时数据库拒绝写入，未写入任何数据/)
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
    expect(await journalMode(hub)).toBe('wal')
    expect(hub.errors.map((e) => e.message)).toEqual(['hub.import merge refused'])
    hub.errors.length = 0

    expect((await importAt(hub, good, 'good.zip')).status).toBe('accepted')
    expect(await hub.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(3)
  })

  it('takes the bundle in WAL mode when another connection holds the store open, and says why', async () => {
    BULK_JOURNAL.minRows = 1
    await registerCaseAt(office, 4, ['郑华', '冯静'])
    const bundle = await exportFrom(office)
    // A reader of the file in WAL mode, as the export's second connection is: SQLite refuses the switch.
    const other = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(hub.dbPath, sqlite3.OPEN_READONLY, (error) =>
        error ? reject(error) : resolve(db)
      )
    })
    try {
      await new Promise((resolve, reject) =>
        other.get('select count(*) from cases', (e, r) => (e ? reject(e) : resolve(r)))
      )
      const seen = await filesWhile(saving, hub, async () => {
        expect((await importAt(hub, bundle)).status).toBe('accepted')
      })
      expect(seen).toEqual({ journal: false, wal: true })
    } finally {
      await new Promise<void>((resolve, reject) => other.close((error) => (error ? reject(error) : resolve())))
    }
    expect(await hub.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(4)
    expect(await journalMode(hub)).toBe('wal')
    expect(hub.errors.map((e) => e.message)).toEqual(['bulk write: the store stays in WAL mode'])
    hub.errors.length = 0
  })
})
