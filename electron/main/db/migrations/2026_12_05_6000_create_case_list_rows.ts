/*
 * What the case list shows of each case, in one narrow row keyed by the
 * case's seq. A page of a rare name's matches is 50 cases spread over the
 * whole register; read from cases, case_due, case_parties and parties it
 * touched ≈ 7.6 pages a case that the cache had not seen (≈ 390 per page of
 * 51 at a million cases, 6–10 ms at p95 on the build machine). Here a case is
 * one row of ≈ 400 bytes in a table of ≈ 400 MB at a million cases, read by
 * its rowid: one page a case (docs/performance.md).
 *
 * The copy is kept by the store itself, like the sessions' times: triggers
 * follow every write of a case, its party links, its parties' names and its
 * due date, whoever writes (the services, the hub's merge, the generator's
 * bulk load with foreign keys off) and in whichever order. The summary is
 * kept to its first 81 characters: the list shows 80 and an ellipsis, and
 * cuts in the app. Frozen in time: never imports app code, never edited once
 * released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The applicants' and respondents' names of case `caseId` (SQL), as [sort_order, role, name] in one JSON array. */
const partyNames = (caseId: string) => `(select json_group_array(json_array(cp.sort_order, cp.role, p.name))
  from case_parties cp join parties p on p.id = cp.party_id
  where cp.case_id = ${caseId} and cp.role in ('applicant', 'respondent'))`

/** The list row of the case `c` names (a cases row: `new`, or the alias of a select). */
const listRow = (c: string) => `${c}.seq, ${c}.id, ${c}.case_number, ${c}.status, ${c}.source, ${c}.dispute_type,
  ${c}.risk_level, ${c}.handling_office_id, substr(${c}.summary, 1, 81), ${c}.amount_cents, ${c}.registered_at,
  ${c}.accepted_at, ${partyNames(`${c}.id`)}, (select next_due_on from case_due where case_due.case_id = ${c}.id)`

const COLUMNS = `seq, case_id, case_number, status, source, dispute_type, risk_level, handling_office_id,
  summary_head, amount_cents, registered_at, accepted_at, party_names, next_due_on`

/** The seq of the case with id `caseId` (SQL): the triggers of other tables find a case's row by it. */
const seqOf = (caseId: string) => `(select seq from cases where id = ${caseId})`

/** Re-read the names of the list rows whose seq is `seqs` (SQL: `= x` or `in (…)`). */
const renameWhere = (seqs: string) =>
  `update case_list_rows set party_names = ${partyNames('case_list_rows.case_id')} where seq ${seqs};`

/** The seqs of the cases party `partyId` is linked to (SQL). */
const casesOfParty = (partyId: string) =>
  `in (select c.seq from case_parties cp join cases c on c.id = cp.case_id where cp.party_id = ${partyId})`

const TRIGGERS: Array<[name: string, event: string, body: string]> = [
  // `or replace`: a case written again under the same seq (never by the services) must not stop the write.
  ['case_list_on_case_insert', 'insert on cases', `insert or replace into case_list_rows (${COLUMNS}) select ${listRow('new')};`],
  [
    'case_list_on_case_update',
    'update of seq, id, case_number, status, source, dispute_type, risk_level, handling_office_id, summary, amount_cents, registered_at, accepted_at on cases',
    `delete from case_list_rows where seq = old.seq;
     insert or replace into case_list_rows (${COLUMNS}) select ${listRow('new')};`
  ],
  ['case_list_on_case_delete', 'delete on cases', 'delete from case_list_rows where seq = old.seq;'],
  ['case_list_on_link_insert', 'insert on case_parties', renameWhere(`= ${seqOf('new.case_id')}`)],
  [
    'case_list_on_link_update',
    'update of case_id, party_id, role, sort_order on case_parties',
    renameWhere(`= ${seqOf('old.case_id')}`) + renameWhere(`= ${seqOf('new.case_id')}`)
  ],
  ['case_list_on_link_delete', 'delete on case_parties', renameWhere(`= ${seqOf('old.case_id')}`)],
  ['case_list_on_party_write', 'insert on parties', renameWhere(casesOfParty('new.id'))],
  [
    'case_list_on_party_rename',
    'update of id, name on parties',
    renameWhere(casesOfParty('old.id')) + renameWhere(casesOfParty('new.id'))
  ],
  [
    'case_list_on_due_write',
    'insert on case_due',
    `update case_list_rows set next_due_on = new.next_due_on where seq = ${seqOf('new.case_id')};`
  ],
  [
    'case_list_on_due_change',
    'update of case_id, next_due_on on case_due',
    `update case_list_rows set next_due_on = null where seq = ${seqOf('old.case_id')};
     update case_list_rows set next_due_on = new.next_due_on where seq = ${seqOf('new.case_id')};`
  ],
  [
    'case_list_on_due_delete',
    'delete on case_due',
    `update case_list_rows set next_due_on = null where seq = ${seqOf('old.case_id')};`
  ]
]

export async function up(db: AnyDb): Promise<void> {
  await sql`create table case_list_rows (
    seq integer primary key,
    case_id text not null,
    case_number text,
    status text not null,
    source text not null,
    dispute_type text not null,
    risk_level text not null,
    handling_office_id text not null,
    summary_head text not null,
    amount_cents integer,
    registered_at text not null,
    accepted_at text,
    party_names text not null,
    next_due_on text
  )`.execute(db)
  await sql.raw(`insert into case_list_rows (${COLUMNS}) select ${listRow('c')} from cases c order by c.seq`).execute(db)
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger ${name}`).execute(db)
  await sql`drop table case_list_rows`.execute(db)
}
