/*
 * The case list: filters, one search box, keyset paging in registration order.
 * Search follows what was measured on a million cases (TOOLCHAIN.md): the
 * FTS5 trigram index answers terms of three characters and more, ordered by
 * its rowid (the case's registration-order key) so newest-first costs
 * nothing; a term of four digits or more (part of an ID number or a phone)
 * goes through the digit-run index, which answers the same with far shorter
 * doclists; names of one or two characters go through the bar-delimited names
 * column ("|王芳") or the first-character index, and a two-character word
 * through the summaries' bigram index (case-search-words.ts).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { CaseListPage, CaseListRow } from '../../../shared/domain/case'
import { formatCaseNumber, parseCaseNumber } from '../../../shared/domain/case-number'
import type { ParsedInput } from '../../../shared/ipc-contract'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'
import { chinaDate } from '../../../shared/rules/china-time'
import { checkOffice, reachableOffices, withinReach } from './accounts/scope'
import {
  drivenSeqs,
  firstCharSource,
  ftsPhrase,
  ftsSource,
  isInline,
  seqsIn,
  type SeqQuery,
  type SeqSource
} from './case-search-driven'
import type { FilterWalk } from './case-search-race'
import { digitsSource } from './case-search-digits'
import { hasEndedSql, searchScope, withinScope } from './case-search-office'
import { initialSource } from './case-search-words'
import { asksDates, indexedColumns, type FilterColumn } from './case-list-plan'
import {
  dueCases,
  keptSetAlone,
  keptSetCount,
  keptSetMatches,
  keptSetSeqs,
  mediatorCase,
  mediatorOpenCase,
  unassignedCase,
  unassignedCaseOf
} from './case-list-sets'
import { SHORT_WORD_WINDOW, shortTermSource, shortWordNotice, shortWordSource } from './case-search-short'

/** Matches are counted exactly up to this many; beyond it the list says "more than". */
export const COUNT_CAP = 1000

export { ftsPhrase } from './case-search-driven'
export { SHORT_WORD_WINDOW } from './case-search-short'

export type Where = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>

function chinaDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

function chinaDayEnd(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
}

function characters(text: string): string[] {
  return Array.from(text)
}

/** Cut by characters, not UTF-16 units, so a rare character outside the BMP is never split. */
function shorten(text: string, max: number): string {
  const chars = characters(text)
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}

/** What a search's index keeps to itself: the offices asked, open cases. */
type Kept = { offices: boolean; open: boolean }
const KEEPS_NOTHING: Kept = { offices: false, open: false }

/** A search through an index read in seq order, and what that index keeps to itself. */
type SourceSearch = { source: SeqSource; notice: string | null; kept: Kept }

/**
 * The search: an exact condition for a case number, else an index read in seq order (trigrams for terms of three
 * characters and more, the first-character keys, or names and recent summaries for two characters) that drives the
 * page. The full-text sources keep to `officeIds` (the office asked, or the account's reach) and, with `open`, to
 * open cases themselves (case-search-office.ts). `notice` says when the search is bounded.
 */
async function searchCondition(
  ctx: AppContext,
  query: string,
  officeIds: readonly string[] | null,
  open: boolean
): Promise<{ where: Where; notice: null } | SourceSearch> {
  // Every case number contains 调字第, so a trigram search for one matches every accepted case: look it up exactly.
  const asNumber = parseCaseNumber(query)
  if (asNumber) {
    const exact = formatCaseNumber(asNumber.year, asNumber.officeShortName, asNumber.sequence)
    return { where: (eb) => eb('cases.case_number', '=', exact), notice: null }
  }
  const { scope, officesKept } = await searchScope(ctx, officeIds, open)
  const scoped = (source: SeqSource) => ({ source, notice: null, kept: { offices: officesKept, open } })
  // Four digits or more (part of an ID number or a phone): the digit-run index, which answers the same as trigrams.
  const digits = digitsSource(query, scope)
  if (digits) return scoped(digits)
  const length = characters(query).length
  if (length >= 3) return scoped(ftsSource(withinScope(ftsPhrase(query), scope, 'trigram')))
  if (length === 1) {
    const initial = initialSource(query, scope)
    return initial ? scoped(initial) : { source: firstCharSource(query), notice: null, kept: KEEPS_NOTHING }
  }
  // Two characters: a name, or the start of a longer name, through the names column; or a word in a summary.
  const word = shortWordSource(query, scope)
  if (word) return scoped(word)
  // A pair with punctuation or a space: the summaries of the newest cases only, and the list says so.
  const { maxSeq } = await ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('maxSeq'))
    .executeTakeFirstOrThrow()
  const floor = Number(maxSeq) - SHORT_WORD_WINDOW
  return { source: shortTermSource(query, floor), notice: floor > 0 ? shortWordNotice() : null, kept: KEEPS_NOTHING }
}

/*
 * The filters below are also what the overview counts with (services/stats),
 * so a figure on the home screen and the list it opens agree by construction.
 */
/**
 * Asked as "has it ended = no", exactly the expression of the index `cases_ended_seq` (migration
 * 2026_12_06_1300), with the statuses written out in the same order: SQLite then walks the open cases alone in seq
 * order, either way round. As "status not in (?, ?, ?)" no index answered, and oldest first the unassigned list read
 * the whole register (1.2 s at a million cases).
 */
const HAS_ENDED = sql.raw(hasEndedSql('cases.status'))
export const openCaseCondition = sql<SqlBool>`${HAS_ENDED} = 0`
export const openCase: Where = () => openCaseCondition
/** The same, in a form no index answers: for when another filter's index drives (a date range's). */
const openCaseTested: Where = () => sql<SqlBool>`+${HAS_ENDED} = 0`

/** An applicant of this case is a party (same record, ID number or credit code) of a case registered in the 12 months before. */
export const repeatApplicantCase: Where = () => sql<SqlBool>`exists (
  select 1 from case_parties cp
  join parties p on p.id = cp.party_id
  join parties p2 on p2.id = p.id
    or (p.id_number is not null and p2.id_number = p.id_number)
    or (p.credit_code is not null and p2.credit_code = p.credit_code)
  join case_parties cp2 on cp2.party_id = p2.id and cp2.case_id <> cases.id
  join cases earlier on earlier.id = cp2.case_id
  where cp.case_id = cases.id and cp.role = 'applicant'
    and earlier.registered_at < cases.registered_at
    and earlier.registered_at >= strftime('%Y-%m-%dT%H:%M:%fZ', cases.registered_at, '-12 months'))`

/**
 * The offices an account reaches (accounts/scope.ts), or none at all for an account not yet linked (nothing is listed
 * or counted rather than everything). Never an index's to drive: an account of one office has it named as the list's
 * office too (withinReach), and that filter's index is chosen with the others (indexedColumns).
 */
export const reachCondition =
  (offices: string[]): Where =>
  (eb) =>
    eb(sql<string>`+${sql.ref('cases.handling_office_id')}`, 'in', offices.length > 0 ? offices : [''])

/** Every filter of the list but the search box, as conditions on cases (the overview counts with these too). */
export function filterConditions(ctx: AppContext, input: Omit<ParsedInput<'cases.list'>, 'query'>): Where[] {
  const filters: Where[] = []
  // With a deadline filter the due cases drive the query: collected first by date, then found by seq. Other cases
  // drive instead when there are fewer of them or the walk stops sooner, each case's due date then looked up by
  // seq: the unassigned cases (their own table, few), and for "overdue", which only grows, the open cases through
  // their index or their risk level's (a due date is only ever an open case's: deadlines.ts ends every deadline
  // with the case, status-machine.test.ts checks it). At a million cases, 29,508 overdue: overdue alone 7.7 → 3.3
  // ms, of one status 8.6 → 2.2 ms, and red 85 → 2 ms. Due within days, or of one kind, stays driven by its few
  // cases (follow-ups overdue: 2.8 ms, against 12.6 ms walking every open case). Whichever drives, a leading unary
  // plus keeps SQLite from walking a whole office's or status's cases through their index instead (unassigned
  // cases of one office: 25 → 1 ms).
  const dueLookedUp = Boolean(input.due && (input.unassigned || (input.due === 'overdue' && !input.dueKind)))
  const driven = (input.due && !dueLookedUp) || input.unassigned
  const indexed = indexedColumns(input, Boolean(driven))
  const column = (name: FilterColumn) =>
    indexed.includes(name) ? sql<string>`${sql.ref(name)}` : sql<string>`+${sql.ref(name)}`
  // With a date range its index drives: "open" is then tested on each case rather than walked.
  const open = asksDates(input) ? openCaseTested : openCase
  if (input.status) filters.push((eb) => eb(column('cases.status'), '=', input.status!))
  if (input.disputeType) filters.push((eb) => eb(column('cases.dispute_type'), '=', input.disputeType!))
  if (input.officeId) filters.push((eb) => eb(column('cases.handling_office_id'), '=', input.officeId!))
  if (input.source) filters.push((eb) => eb(column('cases.source'), '=', input.source!))
  if (input.riskLevel) filters.push((eb) => eb(column('cases.risk_level'), '=', input.riskLevel!))
  if (input.registeredFrom) filters.push((eb) => eb('cases.registered_at', '>=', chinaDayStart(input.registeredFrom!)))
  if (input.registeredTo) filters.push((eb) => eb('cases.registered_at', '<', chinaDayEnd(input.registeredTo!)))
  if (input.due) {
    const asked = { ...input, due: input.due, today: chinaDate(ctx.clock.now()) }
    filters.push((eb) =>
      dueLookedUp
        ? eb.exists(dueCases(eb, asked).whereRef('case_due.case_seq', '=', 'cases.seq'))
        : eb('cases.seq', 'in', dueCases(eb, asked))
    )
    // Said again for the open cases' indexes to drive; it changes no answer.
    if (dueLookedUp && !input.unassigned && !input.open) filters.push(open)
  }
  // A mediator's open cases are their own set: "open" is then said by it, not tested case by case.
  if (input.mediatorId) filters.push((input.open ? mediatorOpenCase : mediatorCase)(input.mediatorId))
  if (input.open && !input.mediatorId) filters.push(open)
  if (input.unassigned) filters.push(input.officeId ? unassignedCaseOf(input.officeId) : unassignedCase)
  if (input.repeatApplicant) filters.push(repeatApplicantCase)
  return filters
}

/** A list row's names ([sort_order, role, name] of its applicants and respondents), by role in their order. */
type NameLink = [sortOrder: number, role: string, name: string]

function namesByRole(names: NameLink[]): { applicants: string[]; respondents: string[] } {
  const links = [...names].sort((a, b) => a[0] - b[0])
  return {
    applicants: links.filter((l) => l[1] === 'applicant').map((l) => l[2]),
    respondents: links.filter((l) => l[1] === 'respondent').map((l) => l[2])
  }
}

/**
 * A page row as one JSON array: one string through the binding instead of fourteen values, which saves about a
 * fifth of a millisecond on a page of 51 (measured at a million cases). The order is ListRowValues'.
 */
const LIST_ROW = sql<string>`json_array(l.case_id, l.seq, l.case_number, l.status, l.source, l.dispute_type,
  l.risk_level, offices.name, l.summary_head, json(l.party_names), l.amount_cents, l.registered_at, l.accepted_at,
  l.next_due_on)`

/** The values of LIST_ROW, typed from the row the list returns. */
type ListRowValues = [
  id: CaseListRow['id'],
  seq: CaseListRow['seq'],
  caseNumber: CaseListRow['caseNumber'],
  status: CaseListRow['status'],
  source: CaseListRow['source'],
  disputeType: CaseListRow['disputeType'],
  riskLevel: CaseListRow['riskLevel'],
  handlingOfficeName: CaseListRow['handlingOfficeName'],
  summaryHead: string,
  names: NameLink[],
  amountCents: CaseListRow['amountCents'],
  registeredAt: CaseListRow['registeredAt'],
  acceptedAt: CaseListRow['acceptedAt'],
  nextDueOn: CaseListRow['nextDueOn']
]

function toListRow(values: ListRowValues): CaseListRow {
  const [id, seq, caseNumber, status, source, disputeType, riskLevel, office, summaryHead, names, ...rest] = values
  const [amountCents, registeredAt, acceptedAt, nextDueOn] = rest
  return {
    id,
    seq,
    caseNumber,
    status,
    source,
    disputeType,
    riskLevel,
    handlingOfficeName: office,
    summary: shorten(summaryHead, 80),
    ...namesByRole(names),
    amountCents,
    registeredAt,
    acceptedAt,
    nextDueOn
  }
}

/**
 * Count the matches up to the cap, one past it to know there are more. Unordered, SQLite walks the cases by the
 * filter's index (for open ones, the open cases oldest first; for unassigned ones, their own table) and stops at the
 * cap. Not in the page's order: with a date range or an office, ordering made SQLite sort every match first (a year's
 * cases 27 → 116 ms).
 */
const cappedCount = (db: AppContext['db'], matching: Where) =>
  db
    .selectFrom(
      db
        .selectFrom('cases')
        .select(sql<number>`1`.as('one'))
        .where(matching)
        .limit(COUNT_CAP + 1)
        .as('m')
    )
    .select((eb) => eb.fn.countAll<number>().as('counted'))

export async function listCases(ctx: AppContext, input: ParsedInput<'cases.list'>): Promise<CaseListPage> {
  // Clerks and mediators list and search their own offices' cases only (accounts/scope.ts).
  const offices = await reachableOffices(ctx)
  checkOffice(input.officeId, offices)
  const asked = withinReach(input, offices)
  // One of the store's kept sets and no other filter: page and count read from the set itself (case-list-sets.ts).
  const keptSet = input.query ? null : keptSetAlone(asked, offices, chinaDate(ctx.clock.now()))
  const search = input.query
    ? await searchCondition(ctx, input.query, asked.officeId ? [asked.officeId] : offices, Boolean(asked.open))
    : null
  // A search whose index keeps to the offices and "open" itself needs no filter besides, and is then read in the
  // page's own statement. With other filters they all stay: the filters' walk through the office's index (its cases
  // of a type, its overdue ones) is what a common term races.
  const kept = search && 'source' in search ? search.kept : KEEPS_NOTHING
  const rest = filterConditions(ctx, {
    ...asked,
    officeId: kept.offices ? undefined : asked.officeId,
    open: kept.open ? undefined : asked.open
  })
  const indexAlone = rest.length === 0 && (kept.offices || !offices)
  const filters = indexAlone ? [] : filterConditions(ctx, asked)
  if (offices && !indexAlone) filters.push(reachCondition(offices))
  const newest = input.sort === 'newest'
  const order = newest ? 'desc' : 'asc'
  const cursor = input.cursor ? Number(input.cursor) : null
  const matching: Where = (eb) => eb.and(filters.map((f) => f(eb)))
  /** The filters' cases in page order: the page when nothing else drives, and one side of a filtered search. */
  const walk: FilterWalk = (bound, limit) => {
    let seqs = ctx.db.selectFrom('cases').select('cases.seq').where(matching)
    if (bound !== null) seqs = seqs.where('cases.seq', newest ? '<' : '>', bound)
    // A date range's index drives (indexedColumns); ordered by seq as written, SQLite would walk seq instead.
    return seqs.orderBy(asksDates(input) ? sql`+cases.seq` : 'cases.seq', order).limit(limit)
  }
  /** When an index drives the search: the matches counted (up to the cap; not on a cursor page) and the page's seqs, in page order. */
  let driven: { counted: number | null; seqs: number[] } | null = null
  /** Or, with no other filter and a one-statement source, its matches read inside the page's own statement. */
  let inline: SeqQuery | null = null
  if (search && 'source' in search && isInline(search.source) && filters.length === 0) {
    inline = search.source.query
  } else if (search && 'source' in search && cursor !== null) {
    driven = {
      counted: null,
      seqs: await drivenSeqs(ctx, search.source, filters, order, cursor, input.limit + 1, walk)
    }
  } else if (search && 'source' in search) {
    const counted = await drivenSeqs(ctx, search.source, filters, order, null, COUNT_CAP + 1, walk)
    // The count's walk already holds the first page, unless the page is longer than the cap.
    const covers = counted.length <= COUNT_CAP || counted.length > input.limit
    const seqs = covers
      ? counted.slice(0, input.limit + 1)
      : await drivenSeqs(ctx, search.source, filters, order, null, input.limit + 1, walk)
    driven = { counted: counted.length, seqs }
  } else if (search) {
    filters.push(search.where)
  }
  // A kept set with a deadline looks each case's due date up: its matches are read once (inline), for the page and
  // the count alike, instead of the set walked twice (the 9,259 unassigned cases of the million-case store, none
  // overdue: 4.4–5.3 ms as a filter on the cases, 3.1–3.8 ms walking the set twice).
  if (keptSet?.due) inline = keptSetMatches(keptSet)

  // The matches of an inline source, read once (MATERIALIZED) for both the page and its capped count. The CTE is
  // referred to only in raw SQL below, so the builder keeps the store's own type.
  const from = inline
    ? (ctx.db.with(
        (cte) => cte('matches').materialized(),
        () => sql<{ seq: number }>`(${inline(order, cursor, cursor === null ? COUNT_CAP + 1 : input.limit + 1)})`
      ) as unknown as AppContext['db'])
    : ctx.db
  // The page's seqs, in page order: the inline matches, the driven walk's, or the filters' own read of cases.
  let pageSeqs
  if (keptSet && !inline) {
    pageSeqs = keptSetSeqs(keptSet, order, cursor, input.limit + 1)
  } else if (inline) {
    pageSeqs = sql<number>`(select seq from matches order by seq ${sql.raw(order)} limit ${input.limit + 1})`
  } else if (driven) {
    pageSeqs = seqsIn(driven.seqs)
  } else {
    pageSeqs = walk(cursor, input.limit + 1)
  }
  // What the list shows is read from each case's list row (a table the store keeps, keyed by seq): a page of
  // cases scattered over the register reads one small row each instead of the case, its due date and its parties.
  let page = from
    .selectFrom('case_list_rows as l')
    .innerJoin('offices', 'offices.id', 'l.handling_office_id')
    .select(LIST_ROW.as('row'))
    .where('l.seq', 'in', pageSeqs)
    .orderBy('l.seq', order)
    .limit(input.limit + 1)
  if (keptSet && !inline && cursor === null) {
    page = page.select(keptSetCount(keptSet, COUNT_CAP).as('counted'))
  } else if (inline && cursor === null) {
    page = page.select(sql<number>`(select count(*) from matches)`.as('counted'))
  } else if (!inline && !driven && cursor === null) {
    // Counting every match of a common term or filter costs more than the page (9–93 ms at a million cases,
    // measured): count up to the cap and say "more than" beyond it. The count rides along in the page's own
    // statement (SQLite runs an uncorrelated subquery once), one round trip fewer. A cursor page counts nothing.
    page = page.select((eb) => eb.selectFrom(cappedCount(ctx.db, matching).as('c')).select('counted').as('counted'))
  }
  const rows = await page.execute()
  let counted: number | null = null
  if (driven) counted = driven.counted
  // An empty first page is a count of nothing.
  else if (cursor === null) counted = rows.length > 0 ? Number((rows[0] as { counted?: number }).counted) : 0
  const more = rows.length > input.limit
  const shown = (more ? rows.slice(0, input.limit) : rows).map((r) => toListRow(JSON.parse(r.row) as ListRowValues))

  return {
    rows: shown,
    nextCursor: more ? String(shown[shown.length - 1].seq) : null,
    total: counted === null ? null : Math.min(counted, COUNT_CAP),
    totalIsLowerBound: counted !== null && counted > COUNT_CAP,
    notice: search?.notice ?? null
  }
}
