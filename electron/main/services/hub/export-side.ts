/*
 * A second, read-only connection for the export (export-rows.ts
 * SIDE_ENTITIES). node-sqlite3 runs each connection's statements on a thread
 * of libuv's pool, one at a time: with one connection, an export of 100,000
 * changed cases kept one core busy in SQLite while the other deflated and
 * hashed and then waited. With two, SQLite reads on both.
 *
 * Both halves must read the same snapshot. The export's own transaction
 * begins IMMEDIATE, holding the store's write lock: nothing can commit until
 * it ends, so a read transaction the side begins meanwhile sees exactly what
 * the export's transaction sees. The side checks this all the same, by the
 * newest change-log and audit entries both see, and refuses to go on if they
 * differ rather than mix two states in one bundle.
 */
import { existsSync } from 'node:fs'
import { Kysely, sql } from 'kysely'
import { Sqlite3Dialect, Sqlite3Handle } from '../../db/sqlite3-dialect'
import type { Database } from '../../db/schema'
import { AppError } from '../../errors'
import type { Trx } from '../write'

/** The newest change-log and audit entries a connection sees: every change the app makes writes an audit entry. */
async function headsOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ log: number | null; audit: number | null }>`
    select (select max(seq) from change_log) as log, (select max(rowid) from audit_log) as audit`.execute(db)
  return `${rows[0].log ?? 0}/${rows[0].audit ?? 0}`
}

export interface SideReader {
  db: Kysely<Database>
  /** Ends the side's read transaction and closes its connection. */
  close(): Promise<void>
}

/**
 * A read-only connection to the store at `path`, in a read transaction of the
 * same snapshot as `trx` (which must hold the write lock); null where there is
 * no file to open a second connection to (an in-memory store).
 */
export async function openSideReader(trx: Trx, path: string): Promise<SideReader | null> {
  if (path === ':memory:' || path === '' || !existsSync(path)) return null
  const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(await Sqlite3Handle.open(path, 'readonly')) })
  try {
    // DEFERRED: a read transaction, whose snapshot is taken by its first read, here.
    await sql`begin`.execute(db)
    const [mine, theirs] = [await headsOf(trx as unknown as Kysely<Database>), await headsOf(db)]
    if (mine !== theirs) {
      throw new AppError('EXPORT_FAILED', `导出时数据库正被其他程序修改（${mine} / ${theirs}），请关闭其他程序后重试`)
    }
  } catch (error) {
    await db.destroy()
    throw error
  }
  return {
    db,
    async close() {
      try {
        await sql`commit`.execute(db)
      } finally {
        await db.destroy()
      }
    }
  }
}
