/*
 * A value written as an SQL literal, for text that SQLite parses on its own
 * thread instead of values bound one by one on the main thread: the seed
 * tool's bulk load (binding cost it more main-thread time than generating the
 * rows) and the bench's replay of a call in the sqlite3 CLI. Never for what a
 * user typed: the app's own statements bind their values.
 */

export class SqlLiteralError extends Error {}

/**
 * The literal SQLite reads back as the same value a bound parameter would
 * give: NULL, an integer or real, a quoted string, X'…' for bytes. A string
 * with NUL would end the statement's text early, and a non-finite number has
 * no literal, so both are refused rather than written wrong.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  switch (typeof value) {
    case 'string':
      if (value.includes('\0')) throw new SqlLiteralError('文本中含有 NUL 字符，不能写成 SQL 字面量')
      return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`
    case 'number':
      if (!Number.isFinite(value)) throw new SqlLiteralError(`数值 ${value} 不能写成 SQL 字面量`)
      return String(value)
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? '1' : '0'
    default:
      if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`
      throw new SqlLiteralError(`${Object.prototype.toString.call(value)} 不能写成 SQL 字面量`)
  }
}

/** `insert into table (columns) values (…), (…)` for these rows, each read exactly at `columns`. */
export function insertText(table: string, columns: readonly string[], rows: readonly object[]): string {
  const tuples = new Array<string>(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>
    let tuple = '('
    for (let c = 0; c < columns.length; c++) tuple += (c === 0 ? '' : ',') + sqlLiteral(row[columns[c]])
    tuples[r] = `${tuple})`
  }
  return `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`
}
