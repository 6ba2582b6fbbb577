/*
 * The store's one error type: SQLite's own result code (SQLITE_CONSTRAINT …)
 * kept beside the message, so services can tell a refused write from a
 * broken store without reading English text.
 */

/** An error from SQLite or from this driver, with SQLite's result code when it has one. */
export class SqliteError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SqliteError'
    this.code = code
  }
}

/** A binding error as a SqliteError, its code kept and the statement (its first 200 characters) named. */
export function wrapError(error: unknown, sql: string): SqliteError {
  const raw = error as { code?: string; message?: string }
  return new SqliteError(raw.code ?? 'SQLITE_ERROR', `${raw.message ?? String(error)} [in: ${sql.slice(0, 200)}]`, {
    cause: error
  })
}
