/*
 * The unassigned cases keep their office (unassigned_cases.office_id, with an
 * index by office and seq), so that "unassigned, of this office" is read from
 * the office's own stretch of that table. Without it every unassigned case
 * was looked up for its office: at a million cases (6,949 unassigned) 瓯海新桥's
 * 116 took 7.6 ms with the pages in SQLite's cache, and its count needs them
 * all.
 *
 * The triggers of 2026_12_06_1400 that write the table are written again to
 * fill the office, and a case's row follows it when it is transferred. The
 * assignment triggers that only delete are kept as they are. Frozen in time:
 * never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The case `c` (a cases row: `new`, or an alias) is open and has no active lead (SQL), as 2026_12_06_1400 says. */
const unassigned = (c: string) => `(${c}.status in ('declined', 'closed', 'archived')) = 0
  and not exists (select 1 from assignments a where a.case_id = ${c}.id and a.role = 'lead' and a.status = 'active')`

/** The assignment `a` (`new` or `old`) is an active lead (SQL). */
const activeLead = (a: string) => `${a}.role = 'lead' and ${a}.status = 'active'`

/** Work out again whether the case with id `caseId` is unassigned (SQL statements). */
const refresh = (
  caseId: string
) => `delete from unassigned_cases where seq in (select seq from cases where id = ${caseId});
  insert or ignore into unassigned_cases (seq, office_id) select c.seq, c.handling_office_id from cases c
  where c.id = ${caseId} and ${unassigned('c')};`

/** The triggers written again, with their bodies before this migration (for `down`). */
const TRIGGERS: Array<[name: string, event: string, body: string, before: [event: string, body: string]]> = [
  [
    'unassigned_on_case_insert',
    'insert on cases',
    `delete from unassigned_cases where seq = new.seq;
     insert into unassigned_cases (seq, office_id) select new.seq, new.handling_office_id where ${unassigned('new')};`,
    [
      'insert on cases',
      `delete from unassigned_cases where seq = new.seq;
     insert into unassigned_cases (seq) select new.seq where ${unassigned('new')};`
    ]
  ],
  [
    'unassigned_on_case_update',
    `update of seq, id, status, handling_office_id on cases
     when old.seq is not new.seq or old.id is not new.id or old.status is not new.status
       or old.handling_office_id is not new.handling_office_id`,
    `delete from unassigned_cases where seq in (old.seq, new.seq);
     insert into unassigned_cases (seq, office_id) select new.seq, new.handling_office_id where ${unassigned('new')};`,
    [
      `update of seq, id, status on cases
     when old.seq is not new.seq or old.id is not new.id or old.status is not new.status`,
      `delete from unassigned_cases where seq in (old.seq, new.seq);
     insert into unassigned_cases (seq) select new.seq where ${unassigned('new')};`
    ]
  ],
  [
    'unassigned_on_lead_update',
    `update of case_id, role, status on assignments when (${activeLead('old')}) or (${activeLead('new')})`,
    refresh('old.case_id') + refresh('new.case_id'),
    [
      `update of case_id, role, status on assignments when (${activeLead('old')}) or (${activeLead('new')})`,
      (refresh('old.case_id') + refresh('new.case_id')).replace(
        / \(seq, office_id\) select c\.seq, c\.handling_office_id /g,
        ' (seq) select c.seq '
      )
    ]
  ],
  [
    'unassigned_on_lead_delete',
    `delete on assignments when ${activeLead('old')}`,
    refresh('old.case_id'),
    [
      `delete on assignments when ${activeLead('old')}`,
      refresh('old.case_id').replace(
        / \(seq, office_id\) select c\.seq, c\.handling_office_id /g,
        ' (seq) select c.seq '
      )
    ]
  ]
]

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table unassigned_cases add column office_id text`.execute(db)
  await sql`update unassigned_cases set office_id = (select c.handling_office_id from cases c where c.seq = unassigned_cases.seq)`.execute(
    db
  )
  await sql`create index unassigned_cases_office on unassigned_cases (office_id, seq)`.execute(db)
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`drop trigger ${name}`).execute(db)
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name, , , [event, body]] of TRIGGERS) {
    await sql.raw(`drop trigger ${name}`).execute(db)
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
  await sql`drop index unassigned_cases_office`.execute(db)
  await sql`alter table unassigned_cases drop column office_id`.execute(db)
}
