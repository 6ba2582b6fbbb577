/*
 * Integration tests of the migrator against a real SQLite file in a fresh
 * temp folder (plain Node, no Electron).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Kysely, sql, type Migration } from 'kysely'
import { openStore, type Store } from './index'
import { MIGRATIONS, backupPathFor, migrateToLatest } from './migrator'
import { SqliteError } from './sqlite-error'
import { Sqlite3Dialect, Sqlite3Handle } from './sqlite3-dialect'
import type { StartProgress } from '../startup-progress'

const FOUNDATION_TABLES = ['offices', 'settings', 'users', 'dispute_types', 'case_sources', 'audit_log', 'change_log']
const LAST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!
const NOW = new Date('2026-11-30T08:15:42.123Z')
const TS = '2026-11-30T08:15:42.123Z'

// Sorts after every real migration, so it is the one pending.
const EXTRA = '2999_01_01_0000_test_extra'

let dir: string
let dbPath: string
let store: Store

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-'))
  dbPath = path.join(dir, 'case.sqlite')
  store = await openStore(dbPath)
})

afterEach(async () => {
  await store.db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function tableNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
  return rows.map((r) => r.name)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function executedMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((r) => r.name)
}

/** Everything observable about the database: its schema and the rows of every table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function snapshot(db: Kysely<any>): Promise<Record<string, unknown>> {
  const { rows: schema } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master order by type, name`.execute(db)
  const data: Record<string, unknown> = {}
  for (const name of await tableNames(db)) {
    // Sorted in JS: WITHOUT ROWID tables have no rowid to order by.
    const rows = (await sql`select * from ${sql.table(name)}`.execute(db)).rows
    data[name] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return { schema, data }
}

async function seed(): Promise<void> {
  await store.db
    .insertInto('offices')
    .values({
      id: 'o1',
      code: '330100-01',
      name: '城东街道人民调解委员会',
      short_name: '城东调委会',
      kind: 'township',
      township: '城东街道',
      parent_id: null,
      active: 1,
      sort_order: 1,
      created_at: TS,
      updated_at: TS,
      version: 1
    })
    .execute()
  await store.db
    .insertInto('users')
    .values({
      id: 'u1',
      display_name: '王调解',
      role: 'mediator',
      active: 1,
      created_at: TS,
      updated_at: TS,
      version: 1
    })
    .execute()
}

async function openCopy(file: string): Promise<Kysely<unknown>> {
  // Sqlite3Handle.open would create a missing file: make sure it is really there first.
  expect(fs.existsSync(file)).toBe(true)
  const handle = await Sqlite3Handle.open(file)
  return new Kysely<unknown>({ dialect: new Sqlite3Dialect(handle) })
}

describe('migrateToLatest', () => {
  it('applies every migration to an empty file, without a backup', async () => {
    expect(await tableNames(store.db)).toEqual([])

    const report = await migrateToLatest(store.db, store.handle, dbPath, NOW)

    expect(report.applied).toEqual(Object.keys(MIGRATIONS).sort())
    expect(report.applied.length).toBeGreaterThan(0)
    expect(report.backupPath).toBeNull()
    expect(report.schemaVersion).toBe(LAST_MIGRATION)
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false)

    const tables = await tableNames(store.db)
    expect(tables).toEqual(expect.arrayContaining([...FOUNDATION_TABLES, 'kysely_migration']))
    const { rows: triggers } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log' order by name`.execute(store.db)
    expect(triggers.map((t) => t.name)).toEqual(['audit_log_no_delete', 'audit_log_no_update'])
    expect(await executedMigrations(store.db)).toEqual(Object.keys(MIGRATIONS).sort())

    // The schema is usable as typed.
    await seed()
    expect(await store.db.selectFrom('users').select(['id', 'role']).execute()).toEqual([
      { id: 'u1', role: 'mediator' }
    ])
  })

  // A case's rows are read by case (its detail, closing it, similar cases), an agreement's by agreement (its terms,
  // a pending judicial confirmation), and a deletion at the hub makes SQLite look up the children: without the
  // index, each read walks the whole table (1.3 M agreement terms at a million cases). The tables left out carry
  // the column but nothing reads them by it.
  it.each([
    {
      column: 'case_id',
      notReadBy: {
        key_persons: 'the case a person was registered from: shown with the person, never looked up by case',
        case_list_rows: "keyed by the case's seq; every lookup goes through cases"
      }
    },
    {
      column: 'agreement_id',
      notReadBy: { follow_ups: "the agreement a visit checked: a case's follow-ups are read by case" }
    }
  ])('indexes every table that hangs from a row by its $column', async ({ column, notReadBy }) => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    const { rows } = await sql<{ name: string; indexed: number }>`
      select m.name, exists (
        select 1 from pragma_index_list(m.name) il
        where (select ii.name from pragma_index_info(il.name) ii where ii.seqno = 0) = ${column}
      ) as indexed
      from sqlite_master m
      where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) c where c.name = ${column})
      order by m.name`.execute(store.db)
    expect(rows.length).toBeGreaterThan(Object.keys(notReadBy).length + 1)
    const missing = rows.filter((r) => !r.indexed && !(r.name in notReadBy)).map((r) => r.name)
    expect(missing).toEqual([])
  })

  it('applies nothing and writes no backup on a second run', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    await seed()
    const before = await snapshot(store.db)

    const report = await migrateToLatest(store.db, store.handle, dbPath, new Date('2026-12-01T00:00:00Z'))

    expect(report.applied).toEqual([])
    expect(report.backupPath).toBeNull()
    expect(report.schemaVersion).toBe(LAST_MIGRATION)
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false)
    expect(await snapshot(store.db)).toEqual(before)
  })

  it('backs up a database holding data before applying a pending migration', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    await seed()

    const extra: Migration = {
      async up(db) {
        await db.schema
          .createTable('extra_things')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute()
        // Also change existing data, so the backup must predate the migration.
        await sql`update users set display_name = 'migrated'`.execute(db)
      }
    }
    const report = await migrateToLatest(store.db, store.handle, dbPath, NOW, { ...MIGRATIONS, [EXTRA]: extra })

    const expected = backupPathFor(dbPath, EXTRA, NOW)
    expect(expected).toBe(path.join(dir, 'backups', `case-20261130T081542-before-${EXTRA}.sqlite`))
    expect(report.backupPath).toBe(expected)
    expect(report.applied).toEqual([EXTRA])
    expect(report.schemaVersion).toBe(EXTRA)
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual([path.basename(expected)])

    // The live database has the new table and the migrated data.
    expect(await tableNames(store.db)).toContain('extra_things')
    expect(await executedMigrations(store.db)).toEqual([...Object.keys(MIGRATIONS).sort(), EXTRA])
    expect(await store.db.selectFrom('users').select('display_name').execute()).toEqual([{ display_name: 'migrated' }])

    // The backup holds the data as it was, and not the new table.
    const copy = await openCopy(expected)
    try {
      const tables = await tableNames(copy)
      expect(tables).toEqual(expect.arrayContaining(FOUNDATION_TABLES))
      expect(tables).not.toContain('extra_things')
      expect((await sql`select id, display_name from users`.execute(copy)).rows).toEqual([
        { id: 'u1', display_name: '王调解' }
      ])
      expect((await sql`select id, code from offices`.execute(copy)).rows).toEqual([{ id: 'o1', code: '330100-01' }])
      expect(await executedMigrations(copy)).toEqual(Object.keys(MIGRATIONS).sort())
      expect((await sql`pragma integrity_check`.execute(copy)).rows).toEqual([{ integrity_check: 'ok' }])
    } finally {
      await copy.destroy()
    }
  })

  it('a failing migration leaves the database exactly as before (one transaction) and names the migration', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    await seed()
    const before = await snapshot(store.db)

    const failing: Migration = {
      async up(db) {
        await db.schema
          .createTable('half_done')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute()
        await sql`insert into users (id, display_name, role, active, created_at, updated_at, version)
                  values ('u2', 'ghost', 'clerk', 1, ${TS}, ${TS}, 1)`.execute(db)
        await sql`this is not valid sql`.execute(db)
      }
    }

    const error = await migrateToLatest(store.db, store.handle, dbPath, NOW, { ...MIGRATIONS, [EXTRA]: failing }).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(Error)
    // Named in the message itself, not only inside the backup file name it also quotes.
    const backup = backupPathFor(dbPath, EXTRA, NOW)
    expect((error as Error).message.replace(backup, '<backup>')).toContain(EXTRA)
    expect((error as Error).cause).toBeInstanceOf(SqliteError)
    expect(((error as Error).cause as SqliteError).code).toBe('SQLITE_ERROR')

    // Nothing of the failed migration survives: not the table its first statement made, not its row, not its record.
    expect(await tableNames(store.db)).not.toContain('half_done')
    expect(await snapshot(store.db)).toEqual(before)

    // The backup taken before it was written, and the message points to it.
    expect(fs.existsSync(backup)).toBe(true)
    expect((error as Error).message).toContain(backup)

    // No transaction was left open: the store still migrates and writes.
    const again = await migrateToLatest(store.db, store.handle, dbPath, NOW)
    expect(again.applied).toEqual([])
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ version: 2 }).where('id', '=', 'u1').execute()
    })
    expect(await store.db.selectFrom('users').select('version').execute()).toEqual([{ version: 2 }])
  })

  it('tells how far the backup has copied and which migration runs, in the order they happen', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    await seed()
    // 40 MB of pages: the backup takes several of its 16 MB steps.
    await sql`create table filler (b blob)`.execute(store.db)
    await sql`insert into filler values (zeroblob(40 * 1024 * 1024))`.execute(store.db)

    const happened: string[] = []
    const progress: StartProgress[] = []
    const marking = (name: string): Migration => ({
      async up(db) {
        happened.push(`up ${name}`)
        await db.schema
          .createTable(`t_${name.slice(-5)}`)
          .addColumn('id', 'integer')
          .execute()
      }
    })
    const second = '2999_01_01_0001_test_second'
    const report = await migrateToLatest(
      store.db,
      store.handle,
      dbPath,
      NOW,
      { ...MIGRATIONS, [EXTRA]: marking(EXTRA), [second]: marking(second) },
      (p) => {
        progress.push(p)
        happened.push(p.phase === 'migrate' ? `start ${p.name}` : p.phase)
      }
    )
    expect(report.applied).toEqual([EXTRA, second])

    const copies = progress.filter((p) => p.phase === 'backup')
    expect(copies.length).toBeGreaterThanOrEqual(3)
    const copied = copies.map((p) => p.copiedPages)
    expect(copied).toEqual([...copied].sort((a, b) => a - b))
    expect(new Set(copied).size).toBe(copied.length)
    const last = copies.at(-1)!
    expect(last.copiedPages).toBe(last.totalPages)
    // The whole store, filler included, as the copy holds it.
    expect(last.totalPages * 4096).toBe(fs.statSync(backupPathFor(dbPath, EXTRA, NOW)).size)

    // The copy first, then each migration announced just before it runs.
    expect(happened.filter((h) => h !== 'backup')).toEqual([
      `start ${EXTRA}`,
      `up ${EXTRA}`,
      `start ${second}`,
      `up ${second}`
    ])
    expect(happened.lastIndexOf('backup')).toBeLessThan(happened.indexOf(`start ${EXTRA}`))
    expect(progress.filter((p) => p.phase === 'migrate')).toEqual([
      { phase: 'migrate', step: 1, steps: 2, name: EXTRA },
      { phase: 'migrate', step: 2, steps: 2, name: second }
    ])
  })

  it('tells nothing when nothing is pending', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    await seed()
    const progress: StartProgress[] = []
    await migrateToLatest(store.db, store.handle, dbPath, NOW, MIGRATIONS, (p) => progress.push(p))
    expect(progress).toEqual([])
  })
})

describe('audit_log', () => {
  it('is append-only: inserts work, UPDATE and DELETE are refused', async () => {
    await migrateToLatest(store.db, store.handle, dbPath, NOW)
    const entry = {
      id: 'a1',
      at: TS,
      actor_id: 'u1',
      actor_name: '王调解',
      action: 'create',
      entity: 'users',
      entity_id: 'u1',
      summary: JSON.stringify({ before: null, after: { role: 'mediator' } })
    }
    await store.db.insertInto('audit_log').values(entry).execute()
    await store.db
      .insertInto('audit_log')
      .values({ ...entry, id: 'a2', action: 'update' })
      .execute()

    await expect(
      store.db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', 'a1').execute()
    ).rejects.toMatchObject({
      name: 'SqliteError',
      code: 'SQLITE_CONSTRAINT',
      message: expect.stringContaining('audit_log is append-only')
    })
    await expect(store.db.deleteFrom('audit_log').where('id', '=', 'a1').execute()).rejects.toMatchObject({
      name: 'SqliteError',
      code: 'SQLITE_CONSTRAINT',
      message: expect.stringContaining('audit_log is append-only')
    })
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' })

    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('id').execute()
    expect(rows).toMatchObject([entry, { ...entry, id: 'a2', action: 'update' }])
  })
})
