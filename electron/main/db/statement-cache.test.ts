/*
 * Statements kept by the driver (statement-cache.ts), against a real SQLite
 * file: the same text is prepared once and answers each call with its own
 * values; a text that does not prepare is refused and never kept; the cache
 * stays bounded; kept statements follow a schema change; the store closes
 * with statements kept.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openStore, type Store } from './index'
import { SqliteError } from './sqlite-error'

let dir: string
let store: Store

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-stmt-'))
  store = await openStore(path.join(dir, 'case.sqlite'))
  await sql`create table notes (id integer primary key, body text not null)`.execute(store.db)
})

afterEach(async () => {
  await store.db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const body = async (id: number) =>
  (await sql<{ body: string }>`select body from notes where id = ${id}`.execute(store.db)).rows[0]?.body

describe('kept statements', () => {
  it('prepare a text once and answer every call with its own values', async () => {
    for (let id = 1; id <= 50; id++) await sql`insert into notes (id, body) values (${id}, ${`第${id}条`})`.execute(store.db)
    const before = store.handle.keptStatements
    expect(await body(7)).toBe('第7条')
    expect(await body(42)).toBe('第42条')
    expect(await body(999)).toBeUndefined()
    // 50 inserts and three selects: one text each.
    expect(store.handle.keptStatements).toBe(before + 1)
    const counted = await sql<{ n: number }>`select count(*) as n from notes`.execute(store.db)
    expect(counted.rows[0].n).toBe(50)
  })

  it('refuse a text that does not prepare with SQLite’s code, keep nothing, and go on working', async () => {
    const before = store.handle.keptStatements
    const error = await sql`insert into notes (id, bodyy) values (1, 'x')`.execute(store.db).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SqliteError)
    expect((error as SqliteError).code).toBe('SQLITE_ERROR')
    expect((error as SqliteError).message).toMatch(/no column named bodyy/)
    expect(store.handle.keptStatements).toBe(before)
    await sql`insert into notes (id, body) values (1, ${'仍可写入'})`.execute(store.db)
    expect(await body(1)).toBe('仍可写入')
  })

  it('a kept statement that fails at run time (a constraint) stays usable for the next values', async () => {
    const insert = (id: number, text: string) => sql`insert into notes (id, body) values (${id}, ${text})`.execute(store.db)
    await insert(1, '甲')
    await expect(insert(1, '重复')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' })
    await insert(2, '乙')
    expect([await body(1), await body(2)]).toEqual(['甲', '乙'])
  })

  it('stay bounded however many texts are run, the oldest finalised first', async () => {
    for (let i = 0; i < 300; i++) {
      const rows = await sql<{ v: number }>`select ${sql.lit(i)} + ${1} as v`.execute(store.db)
      expect(rows.rows[0].v).toBe(i + 1)
    }
    expect(store.handle.keptStatements).toBeLessThanOrEqual(256)
  })

  it('follow a schema change: a kept `select *` sees the new column', async () => {
    await sql`insert into notes (id, body) values (1, 'a')`.execute(store.db)
    const all = () => sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(store.db)
    expect(Object.keys((await all()).rows[0])).toEqual(['id', 'body'])
    await sql`alter table notes add column tag text`.execute(store.db)
    expect((await all()).rows[0]).toEqual({ id: 1, body: 'a', tag: null })
  })

  it('close the store with statements kept, and open it again with the rows', async () => {
    await sql`insert into notes (id, body) values (1, ${'关闭前'})`.execute(store.db)
    expect(store.handle.keptStatements).toBeGreaterThan(0)
    await store.db.destroy()
    store = await openStore(path.join(dir, 'case.sqlite'))
    expect(await body(1)).toBe('关闭前')
  })
})
