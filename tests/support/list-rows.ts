/*
 * The oracle of the case list's rows (case_list_rows, kept by the store's
 * triggers): what each case's row must hold, worked out here from the cases,
 * their party links, the parties and the due dates in JavaScript, not with
 * the triggers' SQL, so that a trigger that misses a write shows up as a
 * difference. The same for the unassigned cases' seqs (unassigned_cases) and each
 * mediator's cases (mediator_cases).
 */
import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../electron/main/db/schema'
import { ENDED_STATUSES } from '../../shared/domain/case-input'

type NameLink = [sortOrder: number, role: string, name: string]

const byOrder = (links: NameLink[]) => [...links].sort((a, b) => a[0] - b[0] || a[2].localeCompare(b[2]))

/** Every case's list row as the store holds it, names in their sort order. */
export async function storedListRows(db: Kysely<Database>) {
  const rows = await db.selectFrom('case_list_rows').selectAll().orderBy('seq').execute()
  return rows.map((r) => ({ ...r, party_names: byOrder(JSON.parse(r.party_names) as NameLink[]) }))
}

/** Every case's list row as it should be. */
export async function expectedListRows(db: Kysely<Database>) {
  const cases = await db.selectFrom('cases').selectAll().orderBy('seq').execute()
  const links = await db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['case_parties.case_id', 'case_parties.sort_order', 'case_parties.role', 'parties.name'])
    .execute()
  const due = new Map(
    (await db.selectFrom('case_due').select(['case_id', 'next_due_on']).execute()).map((d) => [
      d.case_id,
      d.next_due_on
    ])
  )
  return cases.map((c) => ({
    seq: c.seq,
    case_id: c.id,
    case_number: c.case_number,
    status: c.status,
    source: c.source,
    dispute_type: c.dispute_type,
    risk_level: c.risk_level,
    handling_office_id: c.handling_office_id,
    summary_head: Array.from(c.summary).slice(0, 81).join(''),
    amount_cents: c.amount_cents,
    registered_at: c.registered_at,
    accepted_at: c.accepted_at,
    party_names: byOrder(
      links
        .filter((l) => l.case_id === c.id && (l.role === 'applicant' || l.role === 'respondent'))
        .map((l): NameLink => [l.sort_order, l.role, l.name])
    ),
    next_due_on: due.get(c.id) ?? null
  }))
}

/** The seqs the store keeps as unassigned (unassigned_cases, kept by triggers), in order. */
export async function storedUnassigned(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom('unassigned_cases').select('seq').orderBy('seq').execute()).map((r) => r.seq)
}

/** Each stored unassigned case's office, against the case's own handling office (none may differ). */
export async function unassignedOfficesOutOfStep(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('unassigned_cases as u')
    .leftJoin('cases as c', 'c.seq', 'u.seq')
    .select('u.seq')
    .where((eb) => eb.or([eb('c.seq', 'is', null), eb('u.office_id', 'is not', eb.ref('c.handling_office_id'))]))
    .execute()
  return rows.map((r) => r.seq)
}

/** The seqs of the open cases with no active lead mediator, worked out here from the cases and their assignments. */
export async function expectedUnassigned(db: Kysely<Database>): Promise<number[]> {
  const cases = await db.selectFrom('cases').select(['id', 'seq', 'status']).orderBy('seq').execute()
  const assignments = await db.selectFrom('assignments').select(['case_id', 'role', 'status']).execute()
  const led = new Set(assignments.filter((a) => a.role === 'lead' && a.status === 'active').map((a) => a.case_id))
  const ended: readonly string[] = ENDED_STATUSES
  return cases.filter((c) => !ended.includes(c.status) && !led.has(c.id)).map((c) => c.seq)
}

/** The (mediator, case seq) pairs the store keeps (mediator_cases, kept by triggers), in order. */
export async function storedMediatorCases(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('mediator_cases').selectAll().orderBy('mediator_id').orderBy('case_seq').execute()
  return rows.map((r) => `${r.mediator_id} ${r.case_seq}`)
}

/** The (mediator, case seq) pairs of open cases the store keeps (mediator_open_cases), in order. */
export async function storedMediatorOpenCases(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('mediator_open_cases')
    .selectAll()
    .orderBy('mediator_id')
    .orderBy('case_seq')
    .execute()
  return rows.map((r) => `${r.mediator_id} ${r.case_seq}`)
}

/**
 * Each mediator's cases by an active assignment (or only the open ones), worked out here from the assignments and
 * the cases.
 */
export async function expectedMediatorCases(db: Kysely<Database>, onlyOpen = false): Promise<string[]> {
  const cases = await db.selectFrom('cases').select(['id', 'seq', 'status']).execute()
  const ended: readonly string[] = ENDED_STATUSES
  const seqs = new Map(cases.filter((c) => !onlyOpen || !ended.includes(c.status)).map((c) => [c.id, c.seq]))
  const assignments = await db.selectFrom('assignments').select(['case_id', 'mediator_id', 'status']).execute()
  const pairs = new Map<string, [string, number]>()
  for (const a of assignments) {
    const seq = seqs.get(a.case_id)
    if (a.status === 'active' && seq !== undefined) pairs.set(`${a.mediator_id} ${seq}`, [a.mediator_id, seq])
  }
  return [...pairs.values()]
    .sort((x, y) => (x[0] === y[0] ? x[1] - y[1] : x[0] < y[0] ? -1 : 1))
    .map(([m, s]) => `${m} ${s}`)
}

/** Session people and parties whose copy of the session's start is not their session's, and how many links there are. */
export async function sessionLinkTimes(db: Kysely<Database>): Promise<{ links: number; outOfStep: string[] }> {
  const { rows } = await sql<{ id: string; wrong: number }>`
    select l.id, l.starts_at is not h.starts_at as wrong from hearing_mediators l join hearings h on h.id = l.hearing_id
    union all
    select l.id, l.starts_at is not h.starts_at from hearing_parties l join hearings h on h.id = l.hearing_id`.execute(
    db
  )
  return { links: rows.length, outOfStep: rows.filter((r) => r.wrong === 1).map((r) => r.id) }
}

/**
 * Every table the store keeps by triggers equals its oracle, after a bulk load or a merge wrote its rows in whatever
 * order, and none is emptier than `atLeast` says (so an empty store cannot pass). Returns the stored list rows.
 */
export async function expectStoreKeptInStep(
  db: Kysely<Database>,
  atLeast: {
    listRows: number
    unassigned: number
    mediatorCases: number
    mediatorOpenCases: number
    sessionLinks: number
  }
) {
  const listRows = await storedListRows(db)
  expect(listRows).toEqual(await expectedListRows(db))
  const unassigned = await storedUnassigned(db)
  expect(unassigned).toEqual(await expectedUnassigned(db))
  expect(await unassignedOfficesOutOfStep(db)).toEqual([])
  const mediatorCases = await storedMediatorCases(db)
  expect(mediatorCases).toEqual(await expectedMediatorCases(db))
  const mediatorOpenCases = await storedMediatorOpenCases(db)
  expect(mediatorOpenCases).toEqual(await expectedMediatorCases(db, true))
  expect(listRows.length, 'list rows').toBeGreaterThanOrEqual(atLeast.listRows)
  expect(unassigned.length, 'unassigned cases').toBeGreaterThanOrEqual(atLeast.unassigned)
  expect(mediatorCases.length, "mediators' cases").toBeGreaterThanOrEqual(atLeast.mediatorCases)
  expect(mediatorOpenCases.length, "mediators' open cases").toBeGreaterThanOrEqual(atLeast.mediatorOpenCases)
  const sessionLinks = await sessionLinkTimes(db)
  expect(sessionLinks.outOfStep).toEqual([])
  expect(sessionLinks.links, 'session people and parties').toBeGreaterThanOrEqual(atLeast.sessionLinks)
  return listRows
}
