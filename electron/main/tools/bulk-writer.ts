/*
 * Bulk loading for the seed tool: a raw `sqlite3` connection (opened only
 * while nothing else holds the file) and, per batch of generated cases, one
 * SQL text of multi-row INSERTs with the values written as literals. One
 * `exec` carries a whole batch, so the binding's fixed cost per call
 * (≈ 0.04 ms, TOOLCHAIN.md) is paid once per batch, and SQLite parses and
 * writes it on libuv's pool while JavaScript generates the next batch.
 */
import sqlite3 from 'sqlite3'
import { insertText } from '../db/sql-literal'

export class RawDb {
  readonly #db: sqlite3.Database

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

  close(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.#db.close((error) => (error ? reject(error) : resolve())))
  }
}

/** Rows per INSERT statement: short enough for SQLite's parser to hold one statement's tree cheaply. */
const ROWS_PER_STATEMENT = 500

/**
 * One table of the load: its name, the columns read from each generated row
 * (exactly these, in this order), and where the rows are in a batch.
 */
export interface BulkTableSpec<Batch> {
  table: string
  columns: readonly string[]
  rowsOf(batch: Batch): readonly object[]
}

/**
 * A batch's rows of every table as one SQL text of multi-row INSERTs, in the
 * tables' order. SQLite parses the literals on libuv's pool while the main
 * thread generates the next batch: binding the same values one by one took
 * the main thread, the load's bottleneck, more time than generating them
 * (docs/performance.md).
 */
export function batchText<Batch>(tables: ReadonlyArray<BulkTableSpec<Batch>>, batch: Batch): string {
  const statements: string[] = []
  for (const { table, columns, rowsOf } of tables) {
    const rows = rowsOf(batch)
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      statements.push(insertText(table, columns, rows.slice(i, i + ROWS_PER_STATEMENT)))
    }
  }
  return statements.join(';\n')
}
