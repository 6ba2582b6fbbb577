/*
 * The hub merge's statements queued without waiting (withOrderedStatements),
 * on a real SQLite file: they run in the order given, a read sees the writes
 * queued before it, and a failure anywhere rolls the whole transaction back
 * with nothing left to run after it; and what the hub says when the store
 * refuses (storeRefusal).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openStore, type Store } from '../../db/index'
import type { Trx } from '../write'
import { storeRefusal } from './import'
import {
  fullInsertText,
  insertStatements,
  selectRaw,
  updateStatements,
  withOrderedStatements,
  type OrderedStatements
} from './raw-rows'

let dir: string
let store: Store

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-ordered-'))
  store = await openStore(path.join(dir, 'case.sqlite'))
  await sql`create table items (id text primary key, n integer not null check (n >= 0), version integer not null)`.execute(
    store.db
  )
})

afterEach(async () => {
  await store.db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const rowsOf = (from: number, to: number, n = (i: number) => i) =>
  Array.from({ length: to - from }, (_, k) => ({
    id: `id-${String(from + k).padStart(6, '0')}`,
    n: n(from + k),
    version: 1
  }))

const COLUMNS = ['id', 'n', 'version']

/** Queue the inserts of `rows`, 500 to a statement. */
const queueInserts = (statements: OrderedStatements, rows: Array<Record<string, unknown>>) => {
  for (const s of insertStatements('items', COLUMNS, rows)) statements.run(s)
}

const inTransaction = <T>(work: (trx: Trx) => Promise<T>) =>
  store.db.transaction().execute((trx) => work(trx as unknown as Trx))

const items = async () =>
  (await sql<{ id: string; n: number; version: number }>`select * from items order by id`.execute(store.db)).rows

describe('withOrderedStatements', () => {
  it('runs queued writes in the order given, and a read queued after them sees them all', async () => {
    const seen = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        // 3,000 rows in statements of 500, then every one rewritten: an update run before its insert would change nothing.
        queueInserts(statements, rowsOf(0, 3000))
        for (const s of updateStatements(
          'items',
          COLUMNS,
          rowsOf(0, 3000, (i) => i * 2).map((r) => ({ ...r, version: 2 }))
        ))
          statements.run(s)
        return statements.all<{ rows: number; total: number }>(
          'select count(*) as rows, sum(n) as total from items where version = ?',
          [2]
        )
      })
    )
    expect(seen).toEqual([{ rows: 3000, total: 2 * ((2999 * 3000) / 2) }])
    const stored = await items()
    expect(stored).toHaveLength(3000)
    expect(stored[2999]).toEqual({ id: 'id-002999', n: 5998, version: 2 })
  })

  it('prepared writes keep their order with everything else, and a failing one rolls everything back', async () => {
    const seen = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        const text = fullInsertText('items', COLUMNS)
        await statements.prepare(text)
        // 4,200 rows: eight full statements on the prepared copies and one of 200 rows, unprepared; then rewritten.
        queueInserts(statements, rowsOf(0, 4200))
        for (const s of updateStatements(
          'items',
          COLUMNS,
          rowsOf(0, 4200, (i) => i * 2).map((r) => ({ ...r, version: 2 }))
        ))
          statements.run(s)
        queueInserts(statements, rowsOf(4200, 5200))
        return statements.all<{ rows: number; rewritten: number }>(
          'select count(*) as rows, sum(version = 2) as rewritten from items',
          []
        )
      })
    )
    expect(seen).toEqual([{ rows: 5200, rewritten: 4200 }])
    expect((await items())[4199]).toEqual({ id: 'id-004199', n: 8398, version: 2 })

    const failure = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        await statements.prepare(fullInsertText('items', COLUMNS))
        queueInserts(statements, rowsOf(10_000, 12_000))
        queueInserts(
          statements,
          rowsOf(12_000, 12_500, () => -1)
        )
        queueInserts(statements, rowsOf(12_500, 14_000))
      })
    ).catch((error: Error) => error.message)
    expect(failure).toMatch(/CHECK constraint failed/)
    expect(await items()).toHaveLength(5200)
  })

  it('a failing statement in the middle rolls the whole transaction back, and the statements after it never run outside it', async () => {
    const outcome = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        queueInserts(statements, rowsOf(0, 1000))
        // n = -1 breaks the check constraint: the third statement fails.
        queueInserts(
          statements,
          rowsOf(1000, 1500, () => -1)
        )
        queueInserts(statements, rowsOf(1500, 2500))
      })
    ).then(
      () => null,
      (error: Error & { code?: string }) => error
    )
    expect(outcome?.code).toBe('SQLITE_CONSTRAINT')
    expect(outcome?.message).toMatch(/CHECK constraint failed/)
    expect(await items()).toEqual([])
    // The connection is whole again: the next transaction writes and commits.
    await inTransaction((trx) => selectRaw(trx, 'insert into items values (?, ?, ?) returning id', ['after', 1, 1]))
    expect(await items()).toEqual([{ id: 'after', n: 1, version: 1 }])
  })

  it('idle() throws the first failure at once, so a merge stops reading the bundle', async () => {
    const failure = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        statements.run({ text: 'insert into items values (?, ?, ?)', values: ['a', -5, 1] })
        statements.run({ text: 'insert into items values (?, ?, ?)', values: ['b', 5, 1] })
        await statements.idle()
        return 'went on'
      })
    ).catch((error: Error) => error.message)
    expect(failure).toMatch(/CHECK constraint failed/)
    expect(await items()).toEqual([])
  })

  it('a JavaScript error while statements are still queued waits for them before the rollback', async () => {
    const failure = await inTransaction((trx) =>
      withOrderedStatements(trx, async (statements) => {
        queueInserts(statements, rowsOf(0, 5000))
        throw new Error('再次读取数据包时出错')
      })
    ).catch((error: Error) => error.message)
    expect(failure).toBe('再次读取数据包时出错')
    expect(await items()).toEqual([])
  })
})

describe('storeRefusal: what the hub says when the store refuses a merge', () => {
  const refusalOf = async (text: string, values: unknown[]) => {
    const error = await inTransaction((trx) => selectRaw(trx, text, values)).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).not.toBeNull()
    return storeRefusal(error)
  }

  it('names the file and field of a duplicate, a broken reference, a bad value and a missing one, without SQL', async () => {
    await sql`create table links (id text primary key, item_id text not null references items (id))`.execute(store.db)
    await sql`insert into items values ('a', 1, 1)`.execute(store.db)
    expect(await refusalOf('insert into items values (?, ?, ?)', ['a', 2, 1])).toBe(
      'items.ndjson 中有一行与本中心已有的记录或数据包中的另一行重复（id）'
    )
    expect(await refusalOf('insert into links values (?, ?)', ['l', 'nowhere'])).toBe(
      '数据包中有一行引用了本中心和数据包里都没有的记录'
    )
    expect(await refusalOf('insert into items values (?, ?, ?)', ['b', -1, 1])).toBe(
      '数据包中有一行的取值不符合数据库的约束（n >= 0）'
    )
    expect(await refusalOf('insert into items values (?, ?, ?)', ['c', null, 1])).toBe(
      'items.ndjson 中有一行缺少必填字段 n'
    )
    const other = await refusalOf('insert into nowhere values (?)', [1])
    expect(other).toMatch(/no such table: nowhere/)
    expect(other).not.toMatch(/\[in:/)
    expect(await items()).toEqual([{ id: 'a', n: 1, version: 1 }])
  })
})
