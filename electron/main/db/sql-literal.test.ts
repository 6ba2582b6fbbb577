/*
 * SQL literals (sql-literal.ts) against a real SQLite file: what a literal
 * writes reads back exactly as the same value bound as a parameter would, for
 * every kind of value the seed tool writes; what has no faithful literal is
 * refused and nothing is written.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openStore, type Store } from './index'
import { insertText, sqlLiteral, SqlLiteralError } from './sql-literal'

let dir: string
let store: Store

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcd-literal-'))
  store = await openStore(path.join(dir, 'case.sqlite'))
  // Columns of every affinity the store uses, and one with none, where a value's own type shows.
  await sql`create table t (n integer, body text, amount integer, ratio real, raw blob, loose)`.execute(store.db)
})

afterEach(async () => {
  await store.db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

type Row = { n: number; body: unknown; amount: unknown; ratio: unknown; raw: unknown; loose: unknown }
const COLUMNS = ['n', 'body', 'amount', 'ratio', 'raw', 'loose'] as const

async function stored(): Promise<Array<Record<string, unknown>>> {
  const result = await sql<Record<string, unknown>>`
    select n, body, amount, ratio, raw, loose, typeof(body) tb, typeof(amount) ta, typeof(ratio) tr, typeof(loose) tl
    from t order by n`.execute(store.db)
  return result.rows
}

describe('SQL literals', () => {
  const rows: Row[] = [
    // Quotes inside Chinese text, a name with the minority dot, an emoji outside the BMP, a newline.
    { n: 1, body: "王'芳'说：“不同意”\n欧阳·买买提 𠮷", amount: 3_000_000_000, ratio: 0.1, raw: null, loose: 'x' },
    { n: 2, body: '', amount: -5, ratio: -2.5e-7, raw: Buffer.from([0, 1, 254, 255]), loose: 7 },
    { n: 3, body: null, amount: null, ratio: 1e21, raw: new Uint8Array([0x41]), loose: true },
    { n: 4, body: "''", amount: 0, ratio: 3, raw: null, loose: 2.5 }
  ]

  it('writes what binding the same values writes, value and type', async () => {
    await sql.raw(insertText('t', COLUMNS, rows)).execute(store.db)
    const viaLiterals = await stored()
    await sql`delete from t`.execute(store.db)
    for (const row of rows) {
      await sql`insert into t (n, body, amount, ratio, raw, loose)
        values (${row.n}, ${row.body}, ${row.amount}, ${row.ratio}, ${row.raw}, ${row.loose})`.execute(store.db)
    }
    const viaBinding = await stored()
    expect(viaLiterals).toEqual(viaBinding)
    expect(viaLiterals[0].body).toBe(rows[0].body)
    expect(viaLiterals[0].amount).toBe(3_000_000_000)
    expect(viaLiterals.map((r) => r.tl)).toEqual(['text', 'integer', 'integer', 'real'])
    expect(Buffer.from(viaLiterals[1].raw as Uint8Array)).toEqual(Buffer.from([0, 1, 254, 255]))
  })

  it('refuses what has no faithful literal, and the statement is never made', async () => {
    const bad: Array<[unknown, RegExp]> = [
      ['甲\0乙', /NUL/],
      [Number.NaN, /NaN/],
      [Number.POSITIVE_INFINITY, /Infinity/],
      [{ a: 1 }, /Object/],
      [new Date(0), /Date/]
    ]
    for (const [value, message] of bad) {
      expect(() => sqlLiteral(value)).toThrow(SqlLiteralError)
      expect(() => sqlLiteral(value)).toThrow(message)
      expect(() => insertText('t', COLUMNS, [{ ...rows[0], loose: value }])).toThrow(SqlLiteralError)
    }
    expect(await stored()).toEqual([])
  })
})
