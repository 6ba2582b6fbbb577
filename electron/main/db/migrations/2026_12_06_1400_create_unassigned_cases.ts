/*
 * The seqs of the open cases with no active lead mediator: the "unassigned"
 * list and the overview's figure. Asked of the cases themselves, that needs a
 * look into assignments for each open case, and no index holds the answer:
 * at a million cases (47,705 open, the old ones mostly with a lead) the list
 * oldest first walked tens of thousands of them to fill a page and its count
 * (0.47 s), and "unassigned of one office" or "and overdue" 0.2–0.4 s.
 * Here they are one small table keyed by seq, which the list reads in page
 * order as its own index (case-list.ts unassignedCase).
 *
 * The copy is kept by the store itself, like the list rows: triggers follow
 * every write of a case's status, seq or id, and every write of an active
 * lead, whoever writes (the services, the hub's merge, the generator's bulk
 * load with foreign keys off) and in whichever order: a lead written before
 * its case keeps the case out when the case comes, a case written before its
 * lead is taken out when the lead comes. Only a lead's writes wake the
 * assignment triggers. Frozen in time: never imports app code, never edited
 * once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The case `c` (a cases row: `new`, or an alias) is open and has no active lead (SQL). */
const unassigned = (c: string) => `(${c}.status in ('declined', 'closed', 'archived')) = 0
  and not exists (select 1 from assignments a where a.case_id = ${c}.id and a.role = 'lead' and a.status = 'active')`

/** The assignment `a` (`new` or `old`) is an active lead (SQL). */
const activeLead = (a: string) => `${a}.role = 'lead' and ${a}.status = 'active'`

/** Work out again whether the case with id `caseId` is unassigned (SQL statements). */
const refresh = (
  caseId: string
) => `delete from unassigned_cases where seq in (select seq from cases where id = ${caseId});
  insert or ignore into unassigned_cases (seq) select c.seq from cases c where c.id = ${caseId} and ${unassigned('c')};`

const TRIGGERS: Array<[name: string, event: string, body: string]> = [
  // The delete first: a case written again under the same seq (never by the services) may no longer be unassigned.
  [
    'unassigned_on_case_insert',
    'insert on cases',
    `delete from unassigned_cases where seq = new.seq;
     insert into unassigned_cases (seq) select new.seq where ${unassigned('new')};`
  ],
  [
    'unassigned_on_case_update',
    `update of seq, id, status on cases
     when old.seq is not new.seq or old.id is not new.id or old.status is not new.status`,
    `delete from unassigned_cases where seq in (old.seq, new.seq);
     insert into unassigned_cases (seq) select new.seq where ${unassigned('new')};`
  ],
  ['unassigned_on_case_delete', 'delete on cases', 'delete from unassigned_cases where seq = old.seq;'],
  [
    'unassigned_on_lead_insert',
    `insert on assignments when ${activeLead('new')}`,
    'delete from unassigned_cases where seq in (select seq from cases where id = new.case_id);'
  ],
  [
    'unassigned_on_lead_update',
    `update of case_id, role, status on assignments when (${activeLead('old')}) or (${activeLead('new')})`,
    refresh('old.case_id') + refresh('new.case_id')
  ],
  ['unassigned_on_lead_delete', `delete on assignments when ${activeLead('old')}`, refresh('old.case_id')]
]

export async function up(db: AnyDb): Promise<void> {
  await sql`create table unassigned_cases (seq integer primary key)`.execute(db)
  await sql
    .raw(`insert into unassigned_cases (seq) select c.seq from cases c where ${unassigned('c')} order by c.seq`)
    .execute(db)
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger ${name}`).execute(db)
  await sql`drop table unassigned_cases`.execute(db)
}
