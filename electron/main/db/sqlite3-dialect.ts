/*
 * Kysely over the npm `sqlite3` binding. Kysely's own SQLite dialect expects
 * better-sqlite3; we reuse its adapter, compiler and introspector and supply
 * only the driver: one connection, serialised by a FIFO mutex, with the
 * binding's traps handled here and nowhere else:
 *  - `run` returns no rows and `all` reports no changes, so statements that
 *    return rows (selects, `returning`, pragmas, CTEs) go through `all`;
 *  - a BigInt parameter would be bound as NULL without a word, so safe ones
 *    become numbers and unsafe ones are refused;
 *  - errors keep SQLite's code (`SQLITE_CONSTRAINT` …);
 *  - a statement is prepared once per SQL text and kept (statement-cache.ts).
 * Keeping the binding behind this file lets the store move to another one.
 */
import sqlite3 from 'sqlite3'
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult
} from 'kysely'
import { copyOnline } from './online-backup'
import { SqliteError, wrapError } from './sqlite-error'
import { StatementCache } from './statement-cache'

/** FIFO mutex: waiters are served in arrival order, each exactly once. */
class Mutex {
  #locked = false
  #waiters: Array<() => void> = []

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true
      return
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
  }

  unlock(): void {
    const next = this.#waiters.shift()
    if (next) next()
    else this.#locked = false
  }
}

export function toSqliteParameter(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new SqliteError('SQLITE_RANGE', `整数 ${value} 超出安全范围，拒绝写入（sqlite3 会把它存成 NULL）`)
    }
    return Number(value)
  }
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

const ROW_STATEMENT = /^\s*(select|with|pragma|values|explain)\b/i

/**
 * Whether a statement hands back rows (and so must go through `all`). Kysely's
 * query node says it exactly for built queries: a select, or a write with a
 * `returning` clause (`with … insert` without one still goes through `run`,
 * keeping its change count). Raw SQL is judged by its text, with string
 * literals blanked so a value that reads "returning" cannot mislead it.
 */
export function returnsRows(compiled: Pick<CompiledQuery, 'sql' | 'query'>): 'rows' | 'changed-rows' | false {
  const node = compiled.query as { kind: string; returning?: unknown }
  if (node.kind === 'SelectQueryNode') return 'rows'
  if (WRITE_NODES.includes(node.kind)) return node.returning ? 'changed-rows' : false
  const text = compiled.sql.replace(/'(?:[^']|'')*'/g, "''")
  if (/\breturning\b/i.test(text)) return 'changed-rows'
  return ROW_STATEMENT.test(text) ? 'rows' : false
}

const WRITE_NODES = ['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']

/**
 * One open `sqlite3` database handle: the connection Kysely queries through,
 * plus what Kysely has no words for (online backup, close).
 */
export class Sqlite3Handle implements DatabaseConnection {
  readonly #db: sqlite3.Database
  readonly mutex = new Mutex()
  readonly #statements: StatementCache
  /** Write statements prepared ahead for runInOrder, each in a few copies used in turn (prepareInOrder). */
  readonly #ordered = new Map<string, { copies: sqlite3.Statement[]; turn: number }>()
  #closed = false

  private constructor(db: sqlite3.Database) {
    this.#db = db
    this.#statements = new StatementCache(db)
  }

  /** The store's file, created if missing; `readonly` for a second connection that only reads an existing store. */
  static open(path: string, mode: 'readwrite' | 'readonly' = 'readwrite'): Promise<Sqlite3Handle> {
    const access = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, access | sqlite3.OPEN_FULLMUTEX, (error) =>
        error ? reject(wrapError(error, `open ${path}`)) : resolve(new Sqlite3Handle(db))
      )
    })
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiled
    let parameters: unknown[]
    try {
      parameters = compiled.parameters.map(toSqliteParameter)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#execute<R>(sql, parameters, returnsRows(compiled))
  }

  async #execute<R>(
    sql: string,
    parameters: unknown[],
    rowsBack: ReturnType<typeof returnsRows>
  ): Promise<QueryResult<R>> {
    let statement: sqlite3.Statement | null
    try {
      statement = await this.#statements.statement(sql)
    } catch (error) {
      throw wrapError(error, sql)
    }
    if (rowsBack) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const done = (error: Error | null, rows: unknown[]) => (error ? reject(wrapError(error, sql)) : resolve(rows))
        // A kept statement, or (a text too long to keep) the database's own prepare-run-finalise.
        if (statement) statement.all(parameters, done)
        else this.#db.all(sql, parameters, done)
      })
      const result: QueryResult<R> = { rows: rows as R[] }
      // `all` hides the change count; for `… returning` every row is one changed row.
      return rowsBack === 'rows' ? result : { ...result, numAffectedRows: BigInt(rows.length) }
    }
    return new Promise((resolve, reject) => {
      const done = function (this: sqlite3.RunResult, error: Error | null) {
        if (error) return reject(wrapError(error, sql))
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) })
      }
      if (statement) statement.run(parameters, done)
      else this.#db.run(sql, parameters, done)
    })
  }

  /**
   * Hand `sql` to SQLite behind every statement handed here before it, and
   * return without waiting for it to start (node-sqlite3's serialized mode:
   * each prepares only when the one before has finished). The caller goes
   * on with JavaScript — reading the next rows of a bundle — while SQLite
   * works on its own thread. Only for a caller that holds the connection
   * and runs nothing else on it until the last of these has settled
   * (hub/raw-rows.ts `withOrderedStatements`): a kept statement run
   * meanwhile would not wait its turn.
   */
  runInOrder(sql: string, parameters: readonly unknown[], rowsBack: boolean): Promise<unknown[]> {
    let bound: unknown[]
    try {
      bound = parameters.map(toSqliteParameter)
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, rows?: unknown[]) =>
        error ? reject(wrapError(error, sql)) : resolve(rows ?? [])
      const kept = rowsBack ? undefined : this.#ordered.get(sql)
      if (kept) {
        kept.copies[kept.turn++ % kept.copies.length].run(bound, (error) => done(error))
        return
      }
      this.#db.serialize(() => {
        if (rowsBack) this.#db.all(sql, bound, done)
        else this.#db.run(sql, bound, (error) => done(error))
      })
    })
  }

  /**
   * Prepare `copies` of a write statement for runInOrder, until
   * releaseInOrder. Unprepared, a statement needs the main thread twice
   * (once prepared, to be run), and a prepared one still running takes its
   * next run only when the main thread turns the event loop — which it does
   * not while it parses a bundle's next rows: SQLite then waits for
   * JavaScript. Runs handed to different copies start at once and SQLite
   * takes them one after another, in no set order among themselves, and
   * ahead of unprepared statements handed over earlier: the caller orders
   * them (raw-rows.ts withOrderedStatements).
   */
  async prepareInOrder(sql: string, copies: number): Promise<void> {
    if (this.#ordered.has(sql)) return
    const prepared = await Promise.all(
      Array.from(
        { length: copies },
        () =>
          new Promise<sqlite3.Statement>((resolve, reject) => {
            const statement = this.#db.prepare(sql, (error) =>
              error ? reject(wrapError(error, sql)) : resolve(statement)
            )
          })
      )
    )
    this.#ordered.set(sql, { copies: prepared, turn: 0 })
  }

  /** Whether runInOrder runs `sql` on copies prepared ahead (prepareInOrder). */
  isPreparedInOrder(sql: string): boolean {
    return this.#ordered.has(sql)
  }

  /** Finalise the statements prepareInOrder kept (after their last run has settled). */
  async releaseInOrder(): Promise<void> {
    const statements = [...this.#ordered.values()].flatMap((kept) => kept.copies)
    this.#ordered.clear()
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))))
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new SqliteError(
      'SQLITE_MISUSE',
      'streamQuery is not supported by the sqlite3 driver; page with LIMIT instead'
    )
  }

  /** Copy the whole database to `target` with SQLite's online backup API, between the app's own statements (online-backup.ts). */
  backupTo(
    target: string,
    signal?: AbortSignal,
    pagesPerStep?: number,
    onStep?: (copiedPages: number, totalPages: number) => void
  ): Promise<void> {
    return copyOnline(this.#db, this.mutex, target, { signal, pagesPerStep, onStep })
  }

  /** How many prepared statements are kept (statement-cache.ts). */
  get keptStatements(): number {
    return this.#statements.size
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#statements.clear()
    await this.releaseInOrder()
    await new Promise<void>((resolve, reject) =>
      this.#db.close((error) => (error ? reject(wrapError(error, 'close')) : resolve()))
    )
  }
}

class Sqlite3Driver implements Driver {
  constructor(readonly handle: Sqlite3Handle) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.handle.mutex.lock()
    return this.handle
  }

  async releaseConnection(): Promise<void> {
    this.handle.mutex.unlock()
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a transaction never fails
    // half-way when another process (the sqlite3 CLI, a backup tool) holds it.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  /**
   * Close after the queries and the transaction already holding or waiting for the connection: closing
   * under one left its statement open (SQLITE_BUSY) and cut its answer short. Kysely refuses new queries
   * from the moment destroy is called, so none can queue behind the close.
   */
  async destroy(): Promise<void> {
    await this.handle.mutex.lock()
    try {
      await this.handle.close()
    } finally {
      this.handle.mutex.unlock()
    }
  }
}

/** SQLite supports transactional DDL, so migrations run inside one transaction. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

export class Sqlite3Dialect implements Dialect {
  constructor(readonly handle: Sqlite3Handle) {}

  createDriver(): Driver {
    return new Sqlite3Driver(this.handle)
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}
