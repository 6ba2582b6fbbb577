/*
 * The hub's derived tables for the cases a merge touched, rebuilt set-wise:
 * the FTS5 search row, its digit-run and word rows, the short-name keys (what refreshCaseSearch writes
 * for one case) and case_due (what refreshCaseDue writes for one case). A
 * merge of 100,000 cases cannot afford those per case (a dozen statements
 * and a calendar read each, 8 minutes at 100k), so the cases go into a temp
 * table, the search rows are rewritten by a few statements in all, and the
 * deadline facts are read per 1,000 cases with one query per table, then
 * computed by the same pure rules. The facts are read before the search rows
 * are written, so that computing the dates (JavaScript, on the main thread)
 * runs while SQLite inserts the FTS rows on its own thread. A test compares
 * both paths row for row.
 */
import { sql } from 'kysely'
import {
  caseDeadlines,
  nextDue,
  type CaseDeadlineFacts,
  type DeadlineSettings,
  type ReferralKind
} from '../../../../shared/rules/deadlines'
import type { WorkingCalendar } from '../../../../shared/rules/working-days'
import { chinaDate } from '../../../../shared/rules/china-time'
import { SEARCH_FTS_TABLES, writeGramRowsFromSearch } from '../case-search-index'
import { isOpenStatusSql, markedNumberSql } from '../case-search-office'
import { calendarFor, deadlineSettings } from '../lifecycle/deadline-store'
import type { Trx } from '../write'
import { execRaw, insertMany } from './raw-rows'

/** Cases per deadline read: one `in (…)` list per table. */
const DUE_CHUNK = 1000
/** The case events that end mediation (as deadlineFacts reads them). */
const MEDIATION_END_EVENTS = ['agreement_reached', 'mediation_failed', 'withdrawn']

const TOUCHED = 'temp.hub_touched_cases'
const OF_TOUCHED = `select c.seq from cases c join ${TOUCHED} t on t.id = c.id`

/** `|a|b|` of the touched case's parties in their order, blanks left out (barJoin in SQL). */
const barred = (select: string) =>
  `coalesce((select '|' || group_concat(v, '|' order by o, k) || '|' from (${select}) where v <> ''), '')`
const partyValues = (columns: string[]) =>
  columns
    .map(
      (column, k) => `select cp.sort_order as o, ${k} as k, p.${column} as v from case_parties cp
        join parties p on p.id = cp.party_id where cp.case_id = c.id`
    )
    .join(' union all ')

/** The rebuild's steps as its progress counts them: the deadline facts, the search rows, the digit and word rows, the name keys, the deadlines. */
export const REBUILD_STEPS = 5

export async function rebuildCaseIndexes(
  trx: Trx,
  caseIds: ReadonlySet<string>,
  today: string,
  onStep: (done: number) => void = () => {}
): Promise<void> {
  if (caseIds.size === 0) return
  await execRaw(trx, `create temp table if not exists hub_touched_cases (id text primary key)`)
  await execRaw(trx, `delete from ${TOUCHED}`)
  await insertMany(
    trx,
    TOUCHED,
    ['id'],
    [...caseIds].map((id) => ({ id })),
    'insert or ignore'
  )
  const ids = [...caseIds].sort()
  const facts = await readDueFacts(trx, ids, today)
  onStep(1)
  for (const table of SEARCH_FTS_TABLES) await execRaw(trx, `delete from ${table} where rowid in (${OF_TOUCHED})`)
  await execRaw(trx, `delete from case_name_keys where case_seq in (${OF_TOUCHED})`)
  // In rowid order: FTS5 appends to its doclists instead of merging out-of-order runs.
  const searchRows = execRaw(
    trx,
    `insert into case_search (rowid, case_number, summary, names, id_numbers, phones)
     select c.seq, ${markedNumberSql(`coalesce(c.case_number, '')`, 'm.mark', isOpenStatusSql('c.status'))}, c.summary,
       ${barred(partyValues(['name']))}, ${barred(partyValues(['id_number', 'credit_code']))},
       ${barred(partyValues(['phone']))}
     from ${TOUCHED} t cross join cases c on c.id = t.id join office_marks m on m.office_id = c.handling_office_id
     order by c.seq`
  ).then(
    () => null,
    (error: unknown) => error // handed back below, after the dates: the statement must end before the transaction does
  )
  // Let the statement reach SQLite's thread before the main thread is busy with the dates.
  await new Promise((resolve) => setImmediate(resolve))
  let due: DueRow[]
  try {
    due = facts.flatMap((chunk) => dueRows(chunk))
  } catch (error) {
    await searchRows // the statement must end before the transaction rolls back
    throw error
  }
  const failed = await searchRows
  if (failed) throw failed
  onStep(2)
  await writeGramRowsFromSearch(trx, OF_TOUCHED)
  onStep(3)
  await execRaw(
    trx,
    `insert or ignore into case_name_keys (name, first_char, case_seq)
     select distinct p.name, substr(p.name, 1, 1), c.seq from cases c join ${TOUCHED} t on t.id = c.id
     join case_parties cp on cp.case_id = c.id join parties p on p.id = cp.party_id
     order by p.name, c.seq` // in key order: the WITHOUT ROWID b-tree fills page by page, not at random pages
  )
  onStep(4)
  for (let i = 0; i < ids.length; i += DUE_CHUNK) {
    await sql`delete from case_due where case_id in (${sql.join(ids.slice(i, i + DUE_CHUNK))})`.execute(trx)
  }
  await insertMany(trx, 'case_due', ['case_id', 'case_seq', 'next_due_on', 'next_due_kind'], due)
  onStep(5)
  await execRaw(trx, `delete from ${TOUCHED}`)
}

interface CaseFacts {
  id: string
  seq: number
  status: string
  registered_at: string
  accepted_at: string | null
  declined_at: string | null
}

const dateOf = (iso: string | null): string | null => (iso ? chinaDate(new Date(iso)) : null)

/** Rows of `table` for the cases, grouped by case in the order asked for. */
async function byCase<T extends { case_id: string }>(
  trx: Trx,
  ids: string[],
  query: (list: ReturnType<typeof sql.join>) => ReturnType<typeof sql<T>>
): Promise<Map<string, T[]>> {
  const grouped = new Map<string, T[]>()
  if (ids.length === 0) return grouped
  const { rows } = await query(sql.join(ids)).execute(trx)
  for (const row of rows) {
    const list = grouped.get(row.case_id)
    if (list) list.push(row)
    else grouped.set(row.case_id, [row])
  }
  return grouped
}

type DueRow = {
  case_id: string
  case_seq: number
  next_due_on: string
  next_due_kind: string
}

/** What the deadline rules need of up to DUE_CHUNK cases, grouped by case. */
interface DueFacts {
  cases: CaseFacts[]
  lifecycle: Map<string, Array<{ referral_kind: ReferralKind }>>
  extensions: Map<string, Array<{ new_due_on: string }>>
  ended: Map<string, Array<{ at: string }>>
  agreements: Map<string, Array<{ id: string; effective_on: string; seeks_confirmation: number }>>
  terms: Map<string, Array<{ id: string; number: number; due_on: string | null; performed_on: string | null }>>
  applied: Map<string, Array<{ v: string }>>
  visited: Map<string, Array<{ v: string }>>
  closing: Map<string, Array<{ closed_on: string }>>
  settings: DeadlineSettings
  calendar: WorkingCalendar
}

/** The facts deadlineFacts reads, one query per table per chunk, and one calendar read for all the cases. */
async function readDueFacts(trx: Trx, ids: string[], today: string): Promise<DueFacts[]> {
  const settings = await deadlineSettings(trx)
  const chunks: Array<Omit<DueFacts, 'settings' | 'calendar'>> = []
  for (let i = 0; i < ids.length; i += DUE_CHUNK) {
    const chunk = ids.slice(i, i + DUE_CHUNK)
    const { rows: cases } = await sql<CaseFacts>`select id, seq, status, registered_at, accepted_at, declined_at
      from cases where id in (${sql.join(chunk)})`.execute(trx)
    if (cases.length === 0) continue
    const accepted = cases.filter((c) => c.accepted_at).map((c) => c.id)
    const lifecycle = await byCase<{ case_id: string; referral_kind: ReferralKind }>(
      trx,
      accepted,
      (list) => sql`
      select case_id, referral_kind from case_lifecycle where case_id in (${list})`
    )
    const extensions = await byCase<{ case_id: string; new_due_on: string }>(
      trx,
      accepted,
      (list) => sql`
      select case_id, new_due_on from mediation_extensions where case_id in (${list}) order by case_id, id`
    )
    const ended = await byCase<{ case_id: string; at: string }>(
      trx,
      accepted,
      (list) => sql`
      select case_id, at from case_events where case_id in (${list})
        and kind in (${sql.join(MEDIATION_END_EVENTS)}) order by case_id, id`
    )
    const agreements = await byCase<{ case_id: string; id: string; effective_on: string; seeks_confirmation: number }>(
      trx,
      accepted,
      (list) => sql`select case_id, id, effective_on, seeks_confirmation from agreements
        where case_id in (${list}) order by case_id, id desc`
    )
    const latest = [...agreements.values()].map((list) => list[0].id)
    const terms = await byCase<{
      case_id: string
      id: string
      number: number
      due_on: string | null
      performed_on: string | null
    }>(
      trx,
      latest,
      (list) => sql`select agreement_id as case_id, id, number, due_on, performed_on from agreement_terms
        where agreement_id in (${list}) order by agreement_id, number`
    )
    const firstOf = async (table: string, column: string) =>
      byCase<{ case_id: string; v: string }>(
        trx,
        accepted,
        (list) => sql`
        select case_id, min(${sql.ref(column)}) as v from ${sql.table(table)} where case_id in (${list}) group by case_id`
      )
    const applied = await firstOf('judicial_confirmations', 'applied_on')
    const visited = await firstOf('follow_ups', 'visited_on')
    const closing = await byCase<{ case_id: string; closed_on: string }>(
      trx,
      accepted,
      (list) => sql`
      select case_id, closed_on from closing_reports where case_id in (${list})`
    )
    chunks.push({ cases, lifecycle, extensions, ended, agreements, terms, applied, visited, closing })
  }
  if (chunks.length === 0) return []
  // One calendar from the earliest registration of all: the rules only look up the days they need.
  const earliest = chunks
    .flatMap((c) => c.cases)
    .reduce((min, c) => (c.registered_at < min ? c.registered_at : min), chunks[0].cases[0].registered_at)
  const calendar = await calendarFor(trx, dateOf(earliest)!, today)
  return chunks.map((chunk) => ({ ...chunk, settings, calendar }))
}

/** The next due date of each case of the chunk that has one, by the same rules as refreshCaseDue. */
function dueRows(f: DueFacts): DueRow[] {
  const due: DueRow[] = []
  for (const c of f.cases) {
    const agreement = f.agreements.get(c.id)?.[0]
    const facts: CaseDeadlineFacts = {
      status: c.status as CaseDeadlineFacts['status'],
      registeredOn: dateOf(c.registered_at)!,
      decidedOn: dateOf(c.accepted_at ?? c.declined_at),
      acceptedOn: dateOf(c.accepted_at),
      referralKind: f.lifecycle.get(c.id)?.[0].referral_kind ?? 'none',
      extensions: (f.extensions.get(c.id) ?? []).map((e) => e.new_due_on),
      mediationEndedOn: dateOf(f.ended.get(c.id)?.[0].at ?? null),
      agreement: agreement
        ? {
            effectiveOn: agreement.effective_on,
            seeksConfirmation: agreement.seeks_confirmation === 1,
            terms: (f.terms.get(agreement.id) ?? []).map((t) => ({
              id: t.id,
              number: t.number,
              dueOn: t.due_on,
              performedOn: t.performed_on
            }))
          }
        : null,
      confirmationAppliedOn: f.applied.get(c.id)?.[0].v ?? null,
      firstFollowUpOn: f.visited.get(c.id)?.[0].v ?? null,
      closedOn: f.closing.get(c.id)?.[0].closed_on ?? null
    }
    const next = nextDue(caseDeadlines(facts, f.settings, f.calendar))
    if (next) due.push({ case_id: c.id, case_seq: c.seq, next_due_on: next.dueOn, next_due_kind: next.kind })
  }
  return due
}
