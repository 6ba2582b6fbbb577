/*
 * Each mediator's cases (those they hold an active assignment on), as
 * (mediator, case seq) in one small table keyed by both: a mediator's own
 * list and their overview. Asked of the assignments, SQLite read the
 * mediator's assignments to collect case ids (9,583 for the busiest at a
 * million cases), then either looked each case up by id to sort them by seq
 * (the mediator's list: 97 ms) or walked the open cases fetching each one's
 * id (their open cases: 33 ms). Keyed by seq, the list reads the mediator's
 * seqs from this table's index and finds each case by seq, through an index
 * that also says whether the case is open.
 *
 * The copy is kept by the store itself, like the unassigned cases: triggers
 * follow every write of an assignment's case, mediator or status, and of a
 * case's seq or id, whoever writes (the services, the hub's merge, the
 * generator's bulk load with foreign keys off) and in whichever order: an
 * assignment written before its case is paired when the case comes. A
 * mediator with two active assignments on a case (lead, then expert) is one
 * pair, taken out only when neither is active. Frozen in time: never imports
 * app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Work out again whether mediator `mediatorId` holds the case with id `caseId` (SQL statements): the pair taken out,
 * then put back if an active assignment still pairs them.
 */
const refresh = (mediatorId: string, caseId: string) => `
  delete from mediator_cases where mediator_id = ${mediatorId} and case_seq = (select seq from cases where id = ${caseId});
  insert or ignore into mediator_cases (mediator_id, case_seq) select ${mediatorId}, c.seq from cases c
    where c.id = ${caseId} and exists (select 1 from assignments a
      where a.case_id = c.id and a.status = 'active' and a.mediator_id = ${mediatorId});`

/** The pairs of the case `c` (`new`), from its active assignments (SQL). */
const pairsOf = (c: string) => `insert or ignore into mediator_cases (mediator_id, case_seq)
  select a.mediator_id, ${c}.seq from assignments a where a.case_id = ${c}.id and a.status = 'active';`

/** Take out the pairs of the case with seq `seq`, for every mediator ever assigned to the cases `ids` (SQL). */
const unpair = (seq: string, ids: string) => `delete from mediator_cases where case_seq = ${seq}
  and mediator_id in (select mediator_id from assignments where case_id in (${ids}));`

const TRIGGERS: Array<[name: string, event: string, body: string]> = [
  ['mediator_cases_on_case_insert', 'insert on cases', pairsOf('new')],
  [
    'mediator_cases_on_case_update',
    'update of seq, id on cases when old.seq is not new.seq or old.id is not new.id',
    unpair('old.seq', 'old.id, new.id') + pairsOf('new')
  ],
  ['mediator_cases_on_case_delete', 'delete on cases', unpair('old.seq', 'old.id')],
  [
    'mediator_cases_on_assignment_insert',
    "insert on assignments when new.status = 'active'",
    `insert or ignore into mediator_cases (mediator_id, case_seq) select new.mediator_id, seq from cases where id = new.case_id;`
  ],
  [
    'mediator_cases_on_assignment_update',
    "update of case_id, mediator_id, status on assignments when old.status = 'active' or new.status = 'active'",
    refresh('old.mediator_id', 'old.case_id') + refresh('new.mediator_id', 'new.case_id')
  ],
  [
    'mediator_cases_on_assignment_delete',
    "delete on assignments when old.status = 'active'",
    refresh('old.mediator_id', 'old.case_id')
  ]
]

export async function up(db: AnyDb): Promise<void> {
  await sql`create table mediator_cases (
    mediator_id text not null,
    case_seq integer not null,
    primary key (mediator_id, case_seq)
  ) without rowid`.execute(db)
  await sql`insert or ignore into mediator_cases (mediator_id, case_seq)
    select a.mediator_id, c.seq from assignments a join cases c on c.id = a.case_id where a.status = 'active'
    order by 1, 2`.execute(db)
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger ${name}`).execute(db)
  await sql`drop table mediator_cases`.execute(db)
}
