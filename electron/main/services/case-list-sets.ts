/*
 * A list that is one of the sets the store keeps by seq, and nothing else: a
 * mediator's cases or their open ones (mediator_cases, mediator_open_cases),
 * the unassigned cases, all or one office's (unassigned_cases) — the lists
 * the overviews link to. Its page and its capped count are then read straight
 * from that set's own b-tree, in page order, without looking at the cases.
 *
 * As a filter on the cases (`cases.seq in (select … from the set)`), SQLite
 * first copies the whole set into a temporary index, once for the page and
 * once for the count, then finds each case: for the busiest mediator of the
 * million-case store (9,583 cases) 1.5 ms for the page and 1.8 ms for the
 * count in the CLI, against 0.03 and 0.07 ms read from the set itself.
 * With any other filter, or an account that sees only some offices, each
 * set is one filter among the others (the Where builders below, used by
 * case-list.ts and the overview's counts).
 */
import { expressionBuilder, sql, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely'
import type { ParsedInput } from '../../../shared/ipc-contract'
import { addCalendarDays } from '../../../shared/rules/working-days'
import type { Database } from '../db/schema'
import type { Where } from './case-list'
import type { SeqQuery } from './case-search-driven'

type ListInput = ParsedInput<'cases.list'>

/** A deadline filter of the list: what it asks, and the day it is asked on. */
export interface DueAsked {
  due: NonNullable<ListInput['due']>
  dueKind?: ListInput['dueKind']
  dueWithinDays: number
  today: string
}

/**
 * The seqs of the cases with the deadline asked: overdue, or due within days, of one kind or any. case_due holds
 * each open case's earliest due date and its kind, indexed by (next_due_on, case_seq) and by seq.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dueCases(eb: ExpressionBuilder<Database, any>, asked: DueAsked) {
  let cases = eb.selectFrom('case_due').select('case_due.case_seq')
  if (asked.dueKind) cases = cases.where('case_due.next_due_kind', '=', asked.dueKind)
  return asked.due === 'overdue'
    ? cases.where('case_due.next_due_on', '<', asked.today)
    : cases
        .where('case_due.next_due_on', '>=', asked.today)
        .where('case_due.next_due_on', '<=', addCalendarDays(asked.today, asked.dueWithinDays))
}

// The sets as filters on the cases: for a list with other filters too, and for the overview's counts.

/**
 * The cases mediator `mediatorId` holds an active assignment on: the store keeps their seqs by mediator
 * (mediator_cases, migration 2026_12_06_1600), so SQLite finds each by seq, in page order, through an index that
 * also says whether it is open. By case id it looked up every case of the mediator to sort them (97 ms for the
 * busiest at a million cases) or fetched every open case's id (33 ms).
 */
export const mediatorCase =
  (mediatorId: string): Where =>
  (eb) =>
    eb('cases.seq', 'in', eb.selectFrom('mediator_cases').select('case_seq').where('mediator_id', '=', mediatorId))

/**
 * The open ones of those, from the store's own set of them (mediator_open_cases, migration 2026_12_07_0100): a
 * range of one b-tree in page order. Through mediator_cases each case was looked up to see whether it was open, so
 * the busiest mediator's list (4,676 open of 9,583) took 3–7 ms at a million cases, stepping over the closed ones.
 */
export const mediatorOpenCase =
  (mediatorId: string): Where =>
  (eb) =>
    eb('cases.seq', 'in', eb.selectFrom('mediator_open_cases').select('case_seq').where('mediator_id', '=', mediatorId))

/**
 * Open with no active lead mediator: the store keeps these cases' seqs (unassigned_cases, migration 2026_12_06_1400),
 * and SQLite reads that table's own b-tree in page order, either way round. Asked of the cases and their
 * assignments, the list walked every open case that has a lead (most of the old ones) to fill a page: 0.47 s oldest
 * first at a million cases.
 */
export const unassignedCase: Where = () => sql<SqlBool>`cases.seq in (select seq from unassigned_cases)`

/**
 * The same within one office, from the office's stretch of that table (migration 2026_12_06_2200): looked up case by
 * case for the office, 瓯海新桥's 116 of 6,949 unassigned cases took 7.6 ms at a million cases.
 */
export const unassignedCaseOf =
  (officeId: string): Where =>
  () =>
    sql<SqlBool>`cases.seq in (select seq from unassigned_cases where office_id = ${officeId})`

/**
 * A kept set: its table, its seq column, the key that picks its stretch (none: the whole table), and the deadline
 * its cases must have (none: all of them).
 */
export interface KeptSet {
  table: 'mediator_cases' | 'mediator_open_cases' | 'unassigned_cases'
  seq: 'case_seq' | 'seq'
  key: { column: 'mediator_id' | 'office_id'; value: string } | null
  due: DueAsked | null
}

/** What only lays the page out. */
const LAYOUT_KEYS = new Set(['sort', 'cursor', 'limit', 'dueWithinDays'])
/**
 * The filters a kept set says by itself, or with each case's deadline looked up by seq: the overview's "unassigned
 * and overdue" walked the 9,259 unassigned cases of the million-case store twice as a filter on the cases (each case
 * found, then its due date), 4.4–5.3 ms for none overdue.
 */
const SET_KEYS = new Set(['mediatorId', 'open', 'unassigned', 'officeId', 'due', 'dueKind'])

/**
 * The kept set that is the whole of the list's filter, or null. `offices` are the offices the account reaches
 * (null: every office), which a mediator's cases may lie outside of; `today` is the day a deadline is asked on.
 */
export function keptSetAlone(input: Omit<ListInput, 'query'>, offices: string[] | null, today: string): KeptSet | null {
  for (const [key, value] of Object.entries(input)) {
    if (LAYOUT_KEYS.has(key) || value === undefined || value === false) continue
    if (!SET_KEYS.has(key)) return null
  }
  const due = input.due ? { due: input.due, dueKind: input.dueKind, dueWithinDays: input.dueWithinDays, today } : null
  if (input.mediatorId && !input.unassigned && !input.officeId && offices === null) {
    const table = input.open ? 'mediator_open_cases' : 'mediator_cases'
    return { table, seq: 'case_seq', key: { column: 'mediator_id', value: input.mediatorId }, due }
  }
  // Unassigned cases are open ones: "open" says nothing more of them.
  if (input.unassigned && !input.mediatorId) {
    if (!input.officeId) return offices === null ? { table: 'unassigned_cases', seq: 'seq', key: null, due } : null
    if (offices !== null && !offices.includes(input.officeId)) return null
    return { table: 'unassigned_cases', seq: 'seq', key: { column: 'office_id', value: input.officeId }, due }
  }
  return null
}

/** The set's stretch, and of it the cases with the deadline asked, each one's looked up by seq. */
function keyed(set: KeptSet): RawBuilder<SqlBool> {
  const stretch = set.key ? sql<SqlBool>`${sql.ref(set.key.column)} = ${set.key.value}` : sql<SqlBool>`1`
  if (!set.due) return stretch
  const withDue = dueCases(expressionBuilder<Database, never>(), set.due).where(
    sql.ref('case_due.case_seq'),
    '=',
    sql.ref(`${set.table}.${set.seq}`)
  )
  return sql<SqlBool>`${stretch} and exists ${withDue}`
}

/** The set's seqs after `bound` (none: from the start) in page order, `limit` of them (none: all), as a statement. */
export const keptSetMatches =
  (set: KeptSet): SeqQuery =>
  (order, bound, limit) => {
    const after = bound === null ? sql`1` : sql`${sql.ref(set.seq)} ${sql.raw(order === 'desc' ? '<' : '>')} ${bound}`
    return sql<{ seq: number }>`select ${sql.ref(set.seq)} as seq from ${sql.table(set.table)}
      where ${keyed(set)} and ${after} order by ${sql.ref(set.seq)} ${sql.raw(order)} limit ${limit ?? -1}`
  }

/** The set's seqs after `cursor` (none: from the start) in page order, `limit` of them, as a subquery. */
export function keptSetSeqs(
  set: KeptSet,
  order: 'asc' | 'desc',
  cursor: number | null,
  limit: number
): RawBuilder<number> {
  return sql<number>`(${keptSetMatches(set)(order, cursor, limit)})`
}

/** How many seqs the set holds, counted up to `cap` + 1 (one past it to know there are more). */
export function keptSetCount(set: KeptSet, cap: number): RawBuilder<number> {
  return sql<number>`(select count(*) from (select 1 from ${sql.table(set.table)} where ${keyed(set)} limit ${cap + 1}))`
}
