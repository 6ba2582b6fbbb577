/*
 * The store's upkeep in idle moments instead of inside a save: full-text
 * index merges, then the WAL checkpoint.
 *
 * SQLite's automatic checkpoint runs inside the commit that takes the WAL
 * past `wal_autocheckpoint` pages. At 1,000,000 cases an intake save writes
 * ≈ 80 WAL frames (one or two pages of each of ≈ 40 tables and indexes), so
 * with the default of 1,000 pages every ≈ 12th save also copied ≈ 1,000
 * pages back into the database file and fsynced it (docs/performance.md).
 * Here, once the connection has had no statement for `idleMs`, one PASSIVE
 * checkpoint runs on the same connection (the store keeps one connection,
 * TOOLCHAIN.md), so between a clerk's saves the WAL is emptied and a save
 * finds it nearly empty. The automatic checkpoint stays as the backstop for
 * bursts with no idle moment (a loop of saves, an import).
 *
 * FTS5 works the same way: each commit adds a small segment to every
 * full-text index it touched, and every 64 leaf pages written its automerge
 * merges segments inside whatever statement comes next, up to 64 pages per
 * level of the index — at a million cases a save now and then took 20–50 ms
 * instead of 7. So the idle moment first asks each FTS5 table for a bounded
 * step of the same merge work ('merge' with a positive page count merges
 * only levels automerge would), and comes back at the next quiet moment
 * while there is more; a save then finds nothing left to merge. Automerge
 * stays on as the backstop, as the automatic checkpoint does.
 *
 * Durability is untouched: with synchronous = FULL every commit is fsynced in
 * the WAL whether or not a checkpoint has copied it yet.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type TransactionSettings
} from 'kysely'
import type { Logger } from '../context'

/** How long the connection must have been quiet. Long enough to let a save's follow-up reads pass. */
export const IDLE_CHECKPOINT_MS = 250

/**
 * The automatic checkpoint's threshold, in pages, for bursts without an idle
 * moment: SQLite's default. A larger one (4,000) was measured in a loop of
 * saves and made no difference beyond the noise, only larger copies at once.
 */
export const WAL_BACKSTOP_PAGES = 1000

/** Pages of FTS5 merge work a table is given per idle moment: a few milliseconds, what a save may wait behind. */
export const IDLE_MERGE_PAGES = 128

export interface IdleCheckpointOptions {
  idleMs?: number
  log: Pick<Logger, 'error'>
  /**
   * Called after each idle checkpoint with SQLite's answer (busy, WAL frames, frames copied) and the
   * full-text tables that still had merge work in this idle moment.
   */
  onCheckpoint?: (result: CheckpointResult, merged: string[]) => void
  /**
   * While this says so the idle moments do nothing: a store found damaged gets no merge writes on top of its
   * damage, and no error logged at every quiet moment, until a backup is restored at the next start.
   */
  held?: () => boolean
}

export interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

export class IdleCheckpointDialect implements Dialect {
  constructor(
    readonly inner: Dialect,
    readonly options: IdleCheckpointOptions
  ) {}

  createDriver(): Driver {
    return new IdleCheckpointDriver(this.inner.createDriver(), this.options)
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter()
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.inner.createIntrospector(db)
  }
}

/**
 * Every connection handed back re-arms one timer; when it fires the
 * connection has been quiet for `idleMs`. The checkpoint takes the connection
 * like any query (the driver's mutex), and hands it back without re-arming,
 * so a quiet store is checkpointed once, not every `idleMs`.
 */
class IdleCheckpointDriver implements Driver {
  readonly #inner: Driver
  readonly #options: IdleCheckpointOptions
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #destroyed = false

  constructor(inner: Driver, options: IdleCheckpointOptions) {
    this.#inner = inner
    this.#options = options
  }

  init(): Promise<void> {
    return this.#inner.init()
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#inner.acquireConnection()
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection)
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection)
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection)
    this.#arm()
  }

  async destroy(): Promise<void> {
    this.#destroyed = true
    if (this.#timer) clearTimeout(this.#timer)
    // A checkpoint in flight holds the connection; close after it.
    if (this.#running) await this.#running
    await this.#inner.destroy()
  }

  #arm(): void {
    if (this.#destroyed) return
    if (this.#timer) {
      this.#timer.refresh()
      return
    }
    this.#timer = setTimeout(() => {
      this.#running = this.#checkpoint().finally(() => (this.#running = null))
    }, this.#options.idleMs ?? IDLE_CHECKPOINT_MS)
    // A quiet store must not keep a CLI or a test process alive.
    this.#timer.unref()
  }

  async #checkpoint(): Promise<void> {
    if (this.#destroyed || this.#options.held?.()) return
    const connection = await this.#inner.acquireConnection()
    let merged: string[] = []
    try {
      merged = await mergeStep(connection)
      const { rows } = await connection.executeQuery<CheckpointResult>(
        CompiledQuery.raw('pragma wal_checkpoint(PASSIVE)')
      )
      this.#options.onCheckpoint?.(rows[0], merged)
    } catch (error) {
      // Nothing is lost (the WAL keeps every commit, the backstop copies it later), but say so.
      this.#options.log.error('空闲时的数据库维护（全文索引合并、WAL checkpoint）失败', error)
    } finally {
      await this.#inner.releaseConnection(connection)
    }
    // More merge work waits: come back at the next quiet moment (a save in between goes first).
    if (merged.length > 0) this.#arm()
  }
}

/**
 * One bounded step of merge work on each FTS5 table; the tables that did
 * some. SQLite's FTS5 documentation: the command did work when
 * total_changes() grew by 2 or more.
 */
async function mergeStep(connection: DatabaseConnection): Promise<string[]> {
  const { rows: tables } = await connection.executeQuery<{ name: string }>(
    CompiledQuery.raw(
      "select name from sqlite_schema where type = 'table' and sql like 'create virtual table%using fts5%' " +
        "and sql not like '%using fts5vocab%' order by name"
    )
  )
  const changes = async () =>
    (await connection.executeQuery<{ n: number }>(CompiledQuery.raw('select total_changes() as n'))).rows[0].n
  const merged: string[] = []
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`
    const before = await changes()
    await connection.executeQuery(
      CompiledQuery.raw(`insert into ${quoted} (${quoted}, rank) values ('merge', ${IDLE_MERGE_PAGES})`)
    )
    if ((await changes()) - before >= 2) merged.push(name)
  }
  return merged
}
