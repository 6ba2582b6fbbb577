/*
 * Multi-row statements for the hub's merge, as plain SQL text with bound
 * values. Kysely's builder compiles a node per value, which for a million
 * merged rows costs more than SQLite's work; here the statement text is made
 * once per table and row count and only the values change. Table and column
 * names come from shared/domain/hub-entities.ts (never from a bundle), and
 * every value is bound, never spliced in.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import { Sqlite3Handle } from '../../db/sqlite3-dialect'
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

/** The text of a full-sized insert (rowsPerStatement rows): the one a large merge runs again and again. */
export const fullInsertText = (table: string, columns: readonly string[], verb: InsertVerb = 'insert'): string =>
  statementText(verb, table, columns, rowsPerStatement(columns.length), '')

/** The largest number of rows one statement may carry for this many columns. */
export const rowsPerStatement = (columns: number): number =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns)))

export type InsertVerb = 'insert' | 'insert or ignore'

/** A statement text and its values: one multi-row write. */
export interface Statement {
  text: string
  values: unknown[]
}

/** The statements that write `rows`, a few hundred rows each, reading exactly `columns` from each row. */
function* writeStatements(
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  textOf: (rows: number) => string
): Generator<Statement> {
  const per = rowsPerStatement(columns.length)
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per)
    const values: unknown[] = []
    for (const row of slice) for (const column of columns) values.push(row[column] ?? null)
    yield { text: textOf(slice.length), values }
  }
}

/** `insert` (or `insert or ignore`) statements for the rows. */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  verb: InsertVerb = 'insert'
): Generator<Statement> {
  return writeStatements(columns, rows, (n) => statementText(verb, table, columns, n, ''))
}

/**
 * Rows that exist already, rewritten in place by id (UPDATE … FROM a VALUES
 * list): one statement per few hundred rows. An upsert would not do — its
 * insert half trips NOT NULL on columns the bundle does not carry (cases.seq)
 * — nor would `insert or replace`, whose delete cascades to the children.
 */
export function updateStatements(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>
): Generator<Statement> {
  const names = columns.map((c) => `"${c}"`)
  const set = columns
    .filter((c) => c !== 'id')
    .map((c) => `"${c}" = v."${c}"`)
    .join(', ')
  const tuple = `(${columns.map(() => '?').join(',')})`
  return writeStatements(
    columns,
    rows,
    (n) => `with v(${names.join(',')}) as (values ${Array.from({ length: n }, () => tuple).join(',')})
       update "${table}" set ${set} from v where "${table}".id = v.id`
  )
}

/** Run the statements one at a time, each awaited. */
async function runAll(trx: Trx, statements: Iterable<Statement>): Promise<void> {
  for (const { text, values } of statements) await execRaw(trx, text, values)
}

/** `insert` (or `insert or ignore`) of the rows, reading exactly `columns` from each. */
export function insertMany(
  trx: Trx,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  verb: InsertVerb = 'insert'
): Promise<void> {
  return runAll(trx, insertStatements(table, columns, rows, verb))
}

/** The rows rewritten in place by id (updateStatements). */
export function updateMany(
  trx: Trx,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>
): Promise<void> {
  return runAll(trx, updateStatements(table, columns, rows))
}

/**
 * Statements queued on the connection in the order given, without waiting
 * for each: SQLite works through them on its own thread while JavaScript
 * goes on (reads the next rows of the bundle). A read comes back when every
 * write queued before it has run, and sees them. Writes of a prepared text
 * (`prepare`) run in no set order among themselves — rows of one table, none
 * of which depends on another — and in order with everything else.
 */
export interface OrderedStatements {
  /** Queue a write; a failure is thrown by `idle` and at the end of `withOrderedStatements`. */
  run(statement: Statement): void
  all<T>(text: string, parameters: unknown[]): Promise<T[]>
  /** Wait until everything queued has run; throws the first failure. */
  idle(): Promise<void>
  /** Prepare the writes that will come with this text ahead, for the rest of `withOrderedStatements`. */
  prepare(text: string): Promise<void>
}

/**
 * Copies of each prepared write: a batch of the bundle's rows (2,000) is
 * this many statements of 500 rows, all of them started at once.
 */
const PREPARED_COPIES = 4

/**
 * Run `work` with the transaction's connection held for it alone: no other
 * query of the transaction can slip in between the queued statements (only
 * `statements` may be used inside, anything else would wait for `work` to
 * end), and `work` ends only when every statement it queued has run — a
 * rollback never finds one still waiting.
 */
export function withOrderedStatements<T>(trx: Trx, work: (statements: OrderedStatements) => Promise<T>): Promise<T> {
  return (trx as unknown as AnyDb).getExecutor().provideConnection(async (connection) => {
    if (!(connection instanceof Sqlite3Handle)) throw new Error('ordered statements need the sqlite3 connection')
    let last: Promise<unknown> = Promise.resolve()
    let failure: { error: unknown } | null = null
    // Waiting for the last is waiting for all; a failure is kept, never left unhandled.
    const queue = <R>(promise: Promise<R>): Promise<R> => {
      // Settled when this one and every one before it have: prepared writes may finish out of turn.
      last = Promise.all([
        last,
        promise.catch((error: unknown) => {
          failure ??= { error }
        })
      ])
      return promise
    }
    const idle = async () => {
      await last
      if (failure) throw failure.error
    }
    // Writes are handed to SQLite in the order given; a change between prepared and unprepared texts waits until
    // everything before it has run, since prepared writes start at once and would overtake the others.
    let handedOver: Promise<unknown> = Promise.resolve()
    let lastPrepared = false
    const statements: OrderedStatements = {
      run: ({ text, values }) => {
        const prepared = connection.isPreparedInOrder(text)
        const after = prepared === lastPrepared ? handedOver : last
        lastPrepared = prepared
        let handed!: () => void
        handedOver = new Promise<void>((resolve) => (handed = resolve))
        void queue(
          after.then(() => {
            const running = connection.runInOrder(text, values, false)
            handed()
            return running
          })
        )
      },
      // A prepared write may not wait behind a read: reads are started only when every write before them has run.
      all: async <R>(text: string, parameters: unknown[]) => {
        await idle()
        return (await queue(connection.runInOrder(text, parameters, true))) as R[]
      },
      idle,
      prepare: (text) => connection.prepareInOrder(text, PREPARED_COPIES)
    }
    try {
      const result = await work(statements)
      await idle()
      return result
    } finally {
      await last
      await connection.releaseInOrder()
    }
  })
}

/** Whether the table has any row: a table still empty at the hub needs no lookup of the ids coming in. */
export async function hasRows(trx: Trx, table: string): Promise<boolean> {
  const [row] = await selectRaw<{ found: number }>(trx, `select exists (select 1 from "${table}") as found`)
  return row.found === 1
}
