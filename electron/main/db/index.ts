/*
 * Opens the case store: one sqlite3 connection with the pragmas the design
 * asks for (WAL, foreign keys, full sync, a busy timeout), wrapped in Kysely.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Kysely, sql } from 'kysely'
import { Sqlite3Dialect, Sqlite3Handle } from './sqlite3-dialect'
import type { Database } from './schema'

export interface Store {
  db: Kysely<Database>
  handle: Sqlite3Handle
  path: string
}

const PRAGMAS = [
  'pragma journal_mode = wal',
  'pragma foreign_keys = on',
  // FULL: a committed intake survives a power cut, not just a crash.
  'pragma synchronous = full',
  'pragma busy_timeout = 5000'
]

export async function openStore(dbPath: string): Promise<Store> {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true })
  const handle = await Sqlite3Handle.open(dbPath)
  const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(handle) })
  try {
    for (const pragma of PRAGMAS) await sql.raw(pragma).execute(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, handle, path: dbPath }
}
