/*
 * Bulk loading for the seed tool: a raw `sqlite3` connection (opened only
 * while nothing else holds the file) and multi-row INSERTs through reused
 * prepared statements. One `run` call carries hundreds of rows, so the
 * binding's fixed cost per call (≈ 0.04 ms, TOOLCHAIN.md) is paid once per
 * few hundred rows; the statements run on libuv's pool while JavaScript
 * generates the next batch.
 */
import sqlite3 from 'sqlite3'

/** SQLite's default limit is 32766 bound values a statement; stay well inside it. */
const MAX_VALUES = 30_000
const MAX_ROWS = 400

export class RawDb {
  readonly #db: sqlite3.Database
  readonly #statements: sqlite3.Statement[] = []

  private constructor(db: sqlite3.Database) {
    this.#db = db
  }

  static open(path: string): Promise<RawDb> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, sqlite3.OPEN_READWRITE, (error) =>
        error ? reject(error) : resolve(new RawDb(db))
      )
    })
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.#db.exec(sql, (error) => (error ? reject(error) : resolve())))
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.#db.run(sql, params, (error) => (error ? reject(error) : resolve())))
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.#db.all<T>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)))
    )
  }

  prepare(sql: string): Promise<sqlite3.Statement> {
    return new Promise((resolve, reject) => {
      const statement = this.#db.prepare(sql, (error) => (error ? reject(error) : resolve(statement)))
      this.#statements.push(statement)
    })
  }

  /** Finalize every prepared statement first: close() fails with SQLITE_BUSY otherwise (TOOLCHAIN.md). */
  async close(): Promise<void> {
    for (const statement of this.#statements) {
      await new Promise<void>((resolve) => statement.finalize(() => resolve()))
    }
    await new Promise<void>((resolve, reject) => this.#db.close((error) => (error ? reject(error) : resolve())))
  }
}

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(',')})`
  return `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`
}

/**
 * Rows of one table, buffered and written as multi-row INSERTs. `add` takes a
 * row object and reads exactly `columns` from it; `pending` collects the
 * promises of statements handed to SQLite and not yet awaited.
 */
export class BulkTable<Row extends object> {
  readonly rowsPerStatement: number
  /**
   * Several copies of the statement: a busy statement queues the next run
   * until the main thread turns the event loop, which it does not do while it
   * generates; idle copies start on the pool at once.
   */
  readonly #statements: Array<{ statement: sqlite3.Statement; busy: boolean }> = []
  #buffer: unknown[] = []
  #rows = 0
  written = 0

  constructor(
    readonly db: RawDb,
    readonly table: string,
    readonly columns: ReadonlyArray<keyof Row & string>,
    readonly pending: Array<Promise<void>>
  ) {
    this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length)))
  }

  async prepare(copies = 4): Promise<void> {
    const text = insertSql(this.table, this.columns, this.rowsPerStatement)
    for (let i = 0; i < copies; i++) this.#statements.push({ statement: await this.db.prepare(text), busy: false })
  }

  add(row: Row): void {
    const values = row as Record<string, unknown>
    for (const column of this.columns) this.#buffer.push(values[column])
    this.#rows++
    if (this.#rows === this.rowsPerStatement) {
      const params = this.#buffer
      const slot = this.#statements.find((s) => !s.busy) ?? this.#statements[0]
      slot.busy = true
      this.pending.push(
        new Promise((resolve, reject) =>
          slot.statement.run(params, (error: Error | null) => {
            slot.busy = false
            if (error) reject(error)
            else resolve()
          })
        )
      )
      this.written += this.#rows
      this.#buffer = []
      this.#rows = 0
    }
  }

  /** Write what is buffered (fewer rows than a full statement) with a one-off statement. */
  flush(): void {
    if (this.#rows === 0) return
    this.pending.push(this.db.run(insertSql(this.table, this.columns, this.#rows), this.#buffer))
    this.written += this.#rows
    this.#buffer = []
    this.#rows = 0
  }
}
