/*
 * Opens the case store: one sqlite3 connection with the pragmas the design
 * asks for (WAL, foreign keys, full sync, a busy timeout), wrapped in Kysely,
 * with WAL checkpoints moved to idle moments (idle-checkpoint.ts).
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Kysely, sql } from 'kysely'
import { consoleLogger, type Logger } from '../context'
import { IdleCheckpointDialect, WAL_BACKSTOP_PAGES, type IdleCheckpointOptions } from './idle-checkpoint'
import { Sqlite3Dialect, Sqlite3Handle } from './sqlite3-dialect'
import type { Database } from './schema'

export interface Store {
  db: Kysely<Database>
  handle: Sqlite3Handle
  path: string
  /** Hold the idle upkeep (full-text merges, checkpoints) while `held` says so. */
  holdUpkeepWhile(held: () => boolean): void
}

const PRAGMAS = [
  'pragma journal_mode = wal',
  'pragma foreign_keys = on',
  // FULL: a committed intake survives a power cut, not just a crash.
  'pragma synchronous = full',
  'pragma busy_timeout = 5000',
  // Checkpoints run when the store is idle; the automatic one is the backstop for bursts.
  `pragma wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`,
  // 64 MiB of page cache instead of SQLite's 2 MiB: at a million cases a two-character search reads the newest
  // 20,000 summaries, and with the default cache that read took twice as long (docs/performance.md).
  // Memory stays within DESIGN §7's 300 MB.
  'pragma cache_size = -65536'
]

export interface StoreOptions {
  log?: Pick<Logger, 'error'>
  /** For tests: a shorter idle delay, and a word after each idle checkpoint. */
  idleCheckpoint?: Omit<IdleCheckpointOptions, 'log'>
}

export async function openStore(dbPath: string, options: StoreOptions = {}): Promise<Store> {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true })
  const handle = await Sqlite3Handle.open(dbPath)
  let held = options.idleCheckpoint?.held ?? (() => false)
  const dialect = new IdleCheckpointDialect(new Sqlite3Dialect(handle), {
    ...options.idleCheckpoint,
    held: () => held(),
    log: options.log ?? consoleLogger
  })
  const db = new Kysely<Database>({ dialect })
  try {
    for (const pragma of PRAGMAS) await sql.raw(pragma).execute(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, handle, path: dbPath, holdUpkeepWhile: (predicate) => (held = predicate) }
}
