/*
 * Integration tests of the Kysely dialect over the npm `sqlite3` binding,
 * against a real SQLite file in a fresh temp folder (plain Node, no Electron).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CompiledQuery, Kysely, sql, type Generated } from 'kysely'
import { openStore, type Store } from './index'
import { SqliteError } from './sqlite-error'
import { Sqlite3Dialect, Sqlite3Handle, toSqliteParameter } from './sqlite3-dialect'

interface ItemTable {
  id: Generated<number>
  name: string
  qty: Generated<number>
}
interface CounterTable {
  id: number
  value: number
}
interface BigTable {
  id: number
  n: number | null
}
interface ParentTable {
  id: number
}
interface ChildTable {
  id: number
  parent_id: number
}
interface TestDb {
  items: ItemTable
  counter: CounterTable
  bigs: BigTable
  parents: ParentTable
  children: ChildTable
}

let dir: string
let dbPath: string
let store: Store
let db: Kysely<TestDb>

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-'))
  dbPath = path.join(dir, 'case.sqlite')
  store = await openStore(dbPath)
  // Same connection as the store, typed with this file's test tables.
  db = store.db as unknown as Kysely<TestDb>
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('qty', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('bigs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer')
    .execute()
  await db.schema
    .createTable('parents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .execute()
  await db.schema
    .createTable('children')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.notNull().references('parents.id'))
    .execute()
})

afterEach(async () => {
  await store.db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function countItems(): Promise<number> {
  const row = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return row.n
}

describe('queries', () => {
  it('select returns the rows, with and without a CTE', async () => {
    await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a', qty: 3 },
        { id: 2, name: 'b', qty: 5 }
      ])
      .execute()

    const rows = await db.selectFrom('items').select(['id', 'name', 'qty']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 1, name: 'a', qty: 3 },
      { id: 2, name: 'b', qty: 5 }
    ])

    const withRows = await db
      .with('big', (qb) => qb.selectFrom('items').select(['name']).where('qty', '>', 4))
      .selectFrom('big')
      .selectAll()
      .execute()
    expect(withRows).toEqual([{ name: 'b' }])

    const filtered = await db.selectFrom('items').selectAll().where('name', '=', 'zzz').execute()
    expect(filtered).toEqual([])
  })

  it('insert reports numInsertedOrUpdatedRows and insertId', async () => {
    const first = await db.insertInto('items').values({ id: 42, name: 'a', qty: 1 }).executeTakeFirstOrThrow()
    expect(first.insertId).toBe(42n)
    expect(first.numInsertedOrUpdatedRows).toBe(1n)

    // rowid chosen by SQLite: max(rowid) + 1
    const second = await db.insertInto('items').values({ name: 'b', qty: 2 }).executeTakeFirstOrThrow()
    expect(second.insertId).toBe(43n)

    const many = await db
      .insertInto('items')
      .values([
        { id: 100, name: 'c' },
        { id: 101, name: 'd' },
        { id: 102, name: 'e' }
      ])
      .executeTakeFirstOrThrow()
    expect(many.numInsertedOrUpdatedRows).toBe(3n)
    expect(many.insertId).toBe(102n)
    expect(await countItems()).toBe(5)
  })

  it('update and delete report numAffectedRows', async () => {
    await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a', qty: 1 },
        { id: 2, name: 'b', qty: 2 },
        { id: 3, name: 'c', qty: 3 }
      ])
      .execute()

    const updated = await db.updateTable('items').set({ qty: 10 }).where('qty', '>=', 2).executeTakeFirstOrThrow()
    expect(updated.numUpdatedRows).toBe(2n)

    const none = await db.updateTable('items').set({ qty: 0 }).where('name', '=', 'zzz').executeTakeFirstOrThrow()
    expect(none.numUpdatedRows).toBe(0n)

    const deleted = await db.deleteFrom('items').where('id', '=', 1).executeTakeFirstOrThrow()
    expect(deleted.numDeletedRows).toBe(1n)

    const rows = await db.selectFrom('items').select(['id', 'qty']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 2, qty: 10 },
      { id: 3, qty: 10 }
    ])
  })

  it('insert … returning and update … returning give back the rows, numAffectedRows equal to them', async () => {
    const inserted = await db.executeQuery(
      db
        .insertInto('items')
        .values([
          { id: 1, name: 'a', qty: 1 },
          { id: 2, name: 'b', qty: 2 },
          { id: 3, name: 'c', qty: 3 }
        ])
        .returning(['id', 'name'])
        .compile()
    )
    expect(inserted.rows).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' }
    ])
    expect(inserted.numAffectedRows).toBe(3n)

    const updated = await db.executeQuery(
      db
        .updateTable('items')
        .set((eb) => ({ qty: eb('qty', '*', 10) }))
        .where('id', '>', 1)
        .returning(['id', 'qty'])
        .compile()
    )
    expect([...updated.rows].sort((x, y) => x.id - y.id)).toEqual([
      { id: 2, qty: 20 },
      { id: 3, qty: 30 }
    ])
    expect(updated.numAffectedRows).toBe(2n)

    const deleted = await db.deleteFrom('items').where('id', '=', 3).returning(['name']).execute()
    expect(deleted).toEqual([{ name: 'c' }])

    // The builder API sees the rows too.
    const one = await db
      .insertInto('items')
      .values({ id: 9, name: 'z', qty: 7 })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect(one).toEqual({ id: 9, name: 'z', qty: 7 })

    expect(await db.selectFrom('items').select(['id', 'qty']).orderBy('id').execute()).toEqual([
      { id: 1, qty: 1 },
      { id: 2, qty: 20 },
      { id: 9, qty: 7 }
    ])
  })

  it('pragmas return rows: WAL, foreign keys on, synchronous full, busy timeout (set by openStore)', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)
    expect(journal.rows).toEqual([{ journal_mode: 'wal' }])

    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)
    expect(fk.rows).toEqual([{ foreign_keys: 1 }])

    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db)
    expect(sync.rows).toEqual([{ synchronous: 2 }])

    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)
    expect(busy.rows).toEqual([{ timeout: 5000 }])

    const info = await sql<{ name: string }>`pragma table_info(items)`.execute(db)
    expect(info.rows.map((r) => r.name)).toEqual(['id', 'name', 'qty'])
  })
})

describe('transactions', () => {
  it('commit: rows written in the callback are visible afterwards', async () => {
    const result = await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'a', qty: 1 }).execute()
      await trx.insertInto('items').values({ id: 2, name: 'b', qty: 2 }).execute()
      return 'done'
    })
    expect(result).toBe('done')
    expect(await db.selectFrom('items').select('id').orderBy('id').execute()).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('rolls back when the callback throws, and the connection stays usable', async () => {
    await db.insertInto('items').values({ id: 1, name: 'kept', qty: 1 }).execute()
    const boom = new Error('boom')
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'rolled-back', qty: 2 }).execute()
        await trx.updateTable('items').set({ qty: 99 }).where('id', '=', 1).execute()
        // visible inside the transaction
        expect(await trx.selectFrom('items').select('id').where('id', '=', 2).execute()).toEqual([{ id: 2 }])
        throw boom
      })
    ).rejects.toBe(boom)

    expect(await db.selectFrom('items').selectAll().where('name', '=', 'rolled-back').execute()).toEqual([])
    expect(await db.selectFrom('items').select(['id', 'qty']).execute()).toEqual([{ id: 1, qty: 1 }])

    // No transaction left open: a new one begins and commits.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 3, name: 'after', qty: 3 }).execute()
    })
    expect(await countItems()).toBe(2)
  })

  it('rolls back when a statement inside fails', async () => {
    await db.insertInto('items').values({ id: 1, name: 'a', qty: 1 }).execute()
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'b', qty: 2 }).execute()
        await trx.insertInto('items').values({ id: 3, name: 'a', qty: 3 }).execute() // UNIQUE(name)
      })
    ).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT' })
    expect(await db.selectFrom('items').select('id').execute()).toEqual([{ id: 1 }])
  })

  it('serialises 20 concurrent read-then-write transactions, interleaved with plain queries', async () => {
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute()
    const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

    // Each transaction bumps the counter and adds one item, with pauses in between:
    // a plain query that ran inside someone else's transaction would see value = items + 1.
    const transaction = (i: number) =>
      db.transaction().execute(async (trx) => {
        const { value } = await trx.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()
        await yieldToLoop()
        await trx
          .updateTable('counter')
          .set({ value: value + 1 })
          .where('id', '=', 1)
          .execute()
        await yieldToLoop()
        await trx
          .insertInto('items')
          .values({ name: `tx-${i}`, qty: value })
          .execute()
        return value
      })
    const plain = () =>
      sql<{
        value: number
        items: number
      }>`select value, (select count(*) from items) as items from counter where id = 1`
        .execute(db)
        .then((r) => r.rows[0])

    const txPromises: Array<Promise<number>> = []
    const plainPromises: Array<Promise<{ value: number; items: number }>> = []
    for (let i = 0; i < 20; i++) {
      txPromises.push(transaction(i))
      plainPromises.push(plain())
    }
    const [txResults, plainResults] = await Promise.all([Promise.all(txPromises), Promise.all(plainPromises)])

    const final = await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()
    expect(final.value).toBe(20)
    // Each transaction read a distinct value: none read a value another was about to overwrite.
    expect([...txResults].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(await countItems()).toBe(20)
    // Plain queries only ever ran between transactions: they never saw a half-done one.
    for (const r of plainResults) expect(r.value).toBe(r.items)
    // …and they did run in between (not all before or all after the transactions).
    expect(plainResults.some((r) => r.value > 0 && r.value < 20)).toBe(true)
  })
})

describe('parameters', () => {
  it('a safe BigInt is bound as a number and round-trips', async () => {
    const max = 9007199254740991n
    const min = -9007199254740991n
    await db
      .insertInto('bigs')
      .values([
        { id: 1, n: max as unknown as number },
        { id: 2, n: min as unknown as number }
      ])
      .execute()
    const rows = await db.selectFrom('bigs').select(['id', 'n']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 1, n: 9007199254740991 },
      { id: 2, n: -9007199254740991 }
    ])
    const typeOf = await sql<{ t: string }>`select typeof(n) as t from bigs where id = 1`.execute(db)
    expect(typeOf.rows).toEqual([{ t: 'integer' }])

    // Also usable in a where clause.
    const found = await db
      .selectFrom('bigs')
      .select('id')
      .where('n', '=', max as unknown as number)
      .execute()
    expect(found).toEqual([{ id: 1 }])
  })

  it('an unsafe BigInt is refused with SQLITE_RANGE and nothing is written', async () => {
    const unsafe = 2n ** 60n
    const error = await db
      .insertInto('bigs')
      .values({ id: 1, n: unsafe as unknown as number })
      .execute()
      .then(
        () => null,
        (e: unknown) => e
      )
    expect(error).toBeInstanceOf(SqliteError)
    expect((error as SqliteError).code).toBe('SQLITE_RANGE')

    const negative = await db
      .insertInto('bigs')
      .values({ id: 2, n: -(2n ** 60n) as unknown as number })
      .execute()
      .then(
        () => null,
        (e: unknown) => e
      )
    expect(negative).toBeInstanceOf(SqliteError)
    expect((negative as SqliteError).code).toBe('SQLITE_RANGE')

    expect(await db.selectFrom('bigs').selectAll().execute()).toEqual([])
    // The connection was released: later queries still run.
    await db.insertInto('bigs').values({ id: 3, n: 1 }).execute()
    expect(await db.selectFrom('bigs').select('id').execute()).toEqual([{ id: 3 }])
  })

  it('toSqliteParameter converts booleans and BigInts and leaves other values alone', () => {
    expect(toSqliteParameter(true)).toBe(1)
    expect(toSqliteParameter(false)).toBe(0)
    expect(toSqliteParameter(12n)).toBe(12)
    expect(toSqliteParameter(-9007199254740991n)).toBe(-9007199254740991)
    expect(() => toSqliteParameter(9007199254740992n)).toThrow(SqliteError)
    expect(() => toSqliteParameter(-9007199254740992n)).toThrow(SqliteError)
    expect(toSqliteParameter('x')).toBe('x')
    expect(toSqliteParameter(null)).toBe(null)
    expect(toSqliteParameter(1.5)).toBe(1.5)
  })

  it('a boolean parameter is stored as 1/0', async () => {
    await db
      .insertInto('bigs')
      .values([
        { id: 1, n: true as unknown as number },
        { id: 2, n: false as unknown as number }
      ])
      .execute()
    expect(await db.selectFrom('bigs').select(['id', 'n']).orderBy('id').execute()).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 0 }
    ])
  })
})

describe('errors', () => {
  it('a UNIQUE violation surfaces as SqliteError SQLITE_CONSTRAINT', async () => {
    await db.insertInto('items').values({ id: 1, name: 'dup', qty: 1 }).execute()
    const error = await db
      .insertInto('items')
      .values({ id: 2, name: 'dup', qty: 2 })
      .execute()
      .then(
        () => null,
        (e: unknown) => e
      )
    expect(error).toBeInstanceOf(SqliteError)
    expect((error as SqliteError).code).toBe('SQLITE_CONSTRAINT')
    expect((error as SqliteError).message).toMatch(/UNIQUE constraint failed: items\.name/)
    expect((error as SqliteError).cause).toBeInstanceOf(Error)
    expect(await countItems()).toBe(1)
  })

  it('bad SQL surfaces as SqliteError SQLITE_ERROR', async () => {
    const error = await sql`selec nonsense from nowhere`.execute(db).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SqliteError)
    expect((error as SqliteError).code).toBe('SQLITE_ERROR')
    expect((error as SqliteError).message).toMatch(/syntax error/)

    const missing = await sql`select * from no_such_table`.execute(db).then(
      () => null,
      (e: unknown) => e
    )
    expect(missing).toBeInstanceOf(SqliteError)
    expect((missing as SqliteError).code).toBe('SQLITE_ERROR')
    expect((missing as SqliteError).message).toMatch(/no such table: no_such_table/)
  })

  it('a foreign-key violation is refused (foreign_keys on)', async () => {
    await db.insertInto('parents').values({ id: 1 }).execute()
    await db.insertInto('children').values({ id: 1, parent_id: 1 }).execute()

    await expect(db.insertInto('children').values({ id: 2, parent_id: 999 }).execute()).rejects.toMatchObject({
      name: 'SqliteError',
      code: 'SQLITE_CONSTRAINT',
      message: expect.stringMatching(/FOREIGN KEY constraint failed/)
    })
    await expect(db.deleteFrom('parents').where('id', '=', 1).execute()).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT'
    })
    expect(await db.selectFrom('children').select('id').execute()).toEqual([{ id: 1 }])
    expect(await db.selectFrom('parents').select('id').execute()).toEqual([{ id: 1 }])
  })

  it('streamQuery rejects with a clear error and releases the connection', async () => {
    await db.insertInto('items').values({ id: 1, name: 'a', qty: 1 }).execute()
    const consume = async () => {
      for await (const row of db.selectFrom('items').selectAll().stream()) void row
    }
    await expect(consume()).rejects.toMatchObject({
      name: 'SqliteError',
      code: 'SQLITE_MISUSE',
      message: expect.stringMatching(/streamQuery is not supported/)
    })
    expect(await countItems()).toBe(1)
  })
})

describe('handle', () => {
  it('backupTo writes a file that opens and contains the rows (committed WAL content included)', async () => {
    await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a', qty: 1 },
        { id: 2, name: 'b', qty: 2 }
      ])
      .execute()
    // The rows sit in the WAL, not yet checkpointed into the main file.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true)
    expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(0)

    const target = path.join(dir, 'backups', 'copy.sqlite')
    fs.mkdirSync(path.dirname(target))
    await store.handle.backupTo(target)
    expect(fs.statSync(target).size).toBeGreaterThan(0)

    // The live database is untouched and still usable after the backup.
    await db.insertInto('items').values({ id: 3, name: 'c', qty: 3 }).execute()

    const copyHandle = await Sqlite3Handle.open(target)
    const copy = new Kysely<TestDb>({ dialect: new Sqlite3Dialect(copyHandle) })
    try {
      expect(await copy.selectFrom('items').select(['id', 'name', 'qty']).orderBy('id').execute()).toEqual([
        { id: 1, name: 'a', qty: 1 },
        { id: 2, name: 'b', qty: 2 }
      ])
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(copy)
      expect(check.rows).toEqual([{ integrity_check: 'ok' }])
    } finally {
      await copy.destroy()
    }
  })

  it('backupTo into a missing folder fails with a SqliteError', async () => {
    const target = path.join(dir, 'no', 'such', 'folder', 'copy.sqlite')
    await expect(store.handle.backupTo(target)).rejects.toBeInstanceOf(SqliteError)
    // The mutex was released.
    expect(await countItems()).toBe(0)
  })

  it('close() is idempotent, and the handle refuses queries once closed', async () => {
    const otherPath = path.join(dir, 'other.sqlite')
    const handle = await Sqlite3Handle.open(otherPath)
    const other = new Kysely<TestDb>({ dialect: new Sqlite3Dialect(handle) })
    await sql`create table t (x integer)`.execute(other)

    await expect(handle.close()).resolves.toBeUndefined()
    await expect(handle.close()).resolves.toBeUndefined()
    // Kysely's destroy closes the handle again: still fine.
    await expect(other.destroy()).resolves.toBeUndefined()

    const closed = await handle.executeQuery(CompiledQuery.raw('select 1 as one')).then(
      () => null,
      (e: unknown) => e
    )
    expect(closed).toBeInstanceOf(SqliteError)
    expect((closed as SqliteError).code).toBe('SQLITE_MISUSE')
  })

  it('closing waits for the queries and the transaction already under way, then refuses new ones', async () => {
    // A window still asking for data while the app closes: each query in flight must end with its answer, the
    // transaction must commit, and the close must not fail on a statement left open (SQLITE_BUSY).
    await db.insertInto('items').values({ name: 'kept' }).execute()
    const slow = sql<{ n: number }>`with recursive r(i) as (select 1 union all select i + 1 from r where i < 300000)
      select count(*) as n from r`
    const count = async (on: Kysely<TestDb>) => (await slow.execute(on)).rows[0].n
    const reads = Array.from({ length: 6 }, async (_, i) =>
      i % 2 ? count(db) : (await db.selectFrom('items').select('name').executeTakeFirstOrThrow()).name
    )
    const written = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'written while closing' }).execute()
      return count(trx)
    })
    // Let every query reach the connection's queue before the close.
    await new Promise((resolve) => setImmediate(resolve))
    const closing = store.db.destroy()
    expect(await Promise.all(reads)).toEqual(['kept', 300000, 'kept', 300000, 'kept', 300000])
    expect(await written).toBe(300000)
    await expect(closing).resolves.toBeUndefined()
    await expect(db.selectFrom('items').selectAll().execute()).rejects.toThrow('destroyed')

    const reopened = await openStore(dbPath)
    const names = await (reopened.db as unknown as Kysely<TestDb>)
      .selectFrom('items')
      .select('name')
      .orderBy('id')
      .execute()
    expect(names.map((r) => r.name)).toEqual(['kept', 'written while closing'])
    store = reopened
  })
})

describe('choosing run or all', () => {
  it('keeps the change count of writes inside a CTE and of raw SQL whose values read "returning"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-'))
    const store = await openStore(path.join(dir, 'cte.sqlite'))
    try {
      await sql`create table t (id integer primary key, note text)`.execute(store.db)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const db = store.db as unknown as Kysely<any>
      const inserted = await db
        .with('src', (qb) => qb.selectNoFrom(sql<number>`7`.as('id')))
        .insertInto('t')
        .columns(['id', 'note'])
        .expression((eb) => eb.selectFrom('src').select(['id', sql<string>`'cte'`.as('note')]))
        .executeTakeFirst()
      expect(inserted.numInsertedOrUpdatedRows).toBe(1n)
      const updated = await db
        .with('ids', (qb) => qb.selectNoFrom(sql<number>`7`.as('id')))
        .updateTable('t')
        .set({ note: 'changed' })
        .where('id', 'in', db.selectFrom('ids').select('id'))
        .executeTakeFirst()
      expect(updated.numUpdatedRows).toBe(1n)
      const raw = await sql`insert into t (id, note) values (8, 'returning')`.execute(db)
      expect(raw.numAffectedRows).toBe(1n)
      const returned = await sql<{ id: number }>`insert into t (id, note) values (9, 'x') returning id`.execute(db)
      expect(returned.rows).toEqual([{ id: 9 }])
    } finally {
      await store.db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
