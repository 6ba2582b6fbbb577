/*
 * Multi-row statements for the hub's merge, as plain SQL text with bound
 * values. Kysely's builder compiles a node per value, which for a million
 * merged rows costs more than SQLite's work; here the statement text is made
 * once per table and row count and only the values change. Table and column
 * names come from shared/domain/hub-entities.ts (never from a bundle), and
 * every value is bound, never spliced in.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import type { Trx } from '../write'

/** SQLite binds at most 32,766 values a statement; stay well inside it. */
const MAX_VALUES = 30_000
const MAX_ROWS = 500

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function execRaw(trx: Trx, text: string, parameters: unknown[] = []): Promise<void> {
  await (trx as unknown as AnyDb).executeQuery(CompiledQuery.raw(text, parameters))
}

export async function selectRaw<T>(trx: Trx, text: string, parameters: unknown[] = []): Promise<T[]> {
  return (await (trx as unknown as AnyDb).executeQuery<T>(CompiledQuery.raw(text, parameters))).rows
}

const texts = new Map<string, string>()

function statementText(verb: string, table: string, columns: readonly string[], rows: number, tail: string): string {
  const key = `${verb}|${table}|${columns.join(',')}|${rows}|${tail}`
  let text = texts.get(key)
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(',')})`
    text = `${verb} into ${table} (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}${tail}`
    if (texts.size > 500) texts.clear()
    texts.set(key, text)
  }
  return text
}

/** The largest number of rows one statement may carry for this many columns. */
export const rowsPerStatement = (columns: number): number =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns)))

async function writeMany(
  trx: Trx,
  verb: string,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  tail: string
): Promise<void> {
  const per = rowsPerStatement(columns.length)
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per)
    const values: unknown[] = []
    for (const row of slice) for (const column of columns) values.push(row[column] ?? null)
    await execRaw(trx, statementText(verb, table, columns, slice.length, tail), values)
  }
}

/** `insert` (or `insert or ignore`) of the rows, reading exactly `columns` from each. */
export function insertMany(
  trx: Trx,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  verb: 'insert' | 'insert or ignore' = 'insert'
): Promise<void> {
  return writeMany(trx, verb, table, columns, rows, '')
}

/**
 * Rows that exist already, rewritten in place by id (UPDATE … FROM a VALUES
 * list): one statement per few hundred rows. An upsert would not do — its
 * insert half trips NOT NULL on columns the bundle does not carry (cases.seq)
 * — nor would `insert or replace`, whose delete cascades to the children.
 */
export async function updateMany(
  trx: Trx,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>
): Promise<void> {
  const names = columns.map((c) => `"${c}"`)
  const set = columns
    .filter((c) => c !== 'id')
    .map((c) => `"${c}" = v."${c}"`)
    .join(', ')
  const per = rowsPerStatement(columns.length)
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per)
    const values: unknown[] = []
    for (const row of slice) for (const column of columns) values.push(row[column] ?? null)
    const tuple = `(${columns.map(() => '?').join(',')})`
    await execRaw(
      trx,
      `with v(${names.join(',')}) as (values ${slice.map(() => tuple).join(',')})
       update "${table}" set ${set} from v where "${table}".id = v.id`,
      values
    )
  }
}

/** Whether the table has any row: a table still empty at the hub needs no lookup of the ids coming in. */
export async function hasRows(trx: Trx, table: string): Promise<boolean> {
  const [row] = await selectRaw<{ found: number }>(trx, `select exists (select 1 from "${table}") as found`)
  return row.found === 1
}
