/*
 * Statements prepared once per SQL text and kept, the least recently used
 * finalised first. node-sqlite3's `db.all(sql, …)` prepares and finalises a
 * statement on every call: ≈ 0.14 ms of fixed cost against ≈ 0.04 ms for a
 * statement kept (TOOLCHAIN.md), and an intake save runs about twenty
 * statements, a clash check four on every change of the form. Kysely
 * compiles a query shape to the same text each time, values going in as
 * parameters, so the same few hundred texts come back all day.
 *
 * Texts longer than KEEP_LONGEST are not kept: a multi-row insert of the hub
 * import is rarely the same text twice, and keeping it only costs memory.
 * A statement is used by one query at a time: the handle's mutex serialises
 * every query, and `all`/`run` reset it before binding the next values.
 */
import type sqlite3 from 'sqlite3'

const KEEP_AT_MOST = 256
const KEEP_LONGEST = 8192

export class StatementCache {
  readonly #db: sqlite3.Database
  /** In use order, least recent first (a Map iterates in insertion order). */
  readonly #kept = new Map<string, sqlite3.Statement>()

  constructor(db: sqlite3.Database) {
    this.#db = db
  }

  /** The prepared statement for `sql`, or null when the text is too long to keep (run it unprepared). */
  async statement(sql: string): Promise<sqlite3.Statement | null> {
    if (sql.length > KEEP_LONGEST) return null
    const kept = this.#kept.get(sql)
    if (kept) {
      this.#kept.delete(sql)
      this.#kept.set(sql, kept)
      return kept
    }
    // Prepared before it is kept: a text that does not prepare (a syntax error) rejects here and is never kept.
    const prepared = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const statement = this.#db.prepare(sql, (error) => (error ? reject(error) : resolve(statement)))
    })
    this.#kept.set(sql, prepared)
    if (this.#kept.size > KEEP_AT_MOST) {
      const [oldest, statement] = this.#kept.entries().next().value!
      this.#kept.delete(oldest)
      statement.finalize()
    }
    return prepared
  }

  get size(): number {
    return this.#kept.size
  }

  /** Finalise every kept statement: SQLite refuses to close a database with statements still open. */
  async clear(): Promise<void> {
    const statements = [...this.#kept.values()]
    this.#kept.clear()
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))))
  }
}
