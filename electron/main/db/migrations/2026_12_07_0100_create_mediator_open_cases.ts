/*
 * Each mediator's open cases, as (mediator, case seq), beside their cases
 * of every status (mediator_cases): a mediator's "my open cases", the list
 * their overview links to. Through mediator_cases SQLite read the mediator's
 * seqs and looked each case up to see whether it was open: the busiest
 * mediator of the generated million-case store holds 9,583 cases, 4,676 of
 * them open, so a first page oldest first stepped over ≈ 4,900 closed cases
 * and counting up to the list's cap read ≈ 2,000 (3–7 ms). Here both are a
 * range of one b-tree.
 *
 * Kept by the store itself, following mediator_cases and the cases' status:
 * a pair comes and goes with its mediator_cases pair (whose own triggers
 * follow the assignments and the cases' seq and id), and a case that ends or
 * opens again takes its pairs out or puts them back. "Ended" is the same
 * expression as the index cases_ended_seq (migration 2026_12_06_1300).
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The case `c` (a cases row: `new`, or an alias) has not ended (SQL). */
const open = (c: string) => `(${c}.status in ('declined', 'closed', 'archived')) = 0`

/** The new mediator_cases pair, if its case is open (SQL). */
const PAIR_IF_OPEN = `insert or ignore into mediator_open_cases (mediator_id, case_seq)
  select new.mediator_id, new.case_seq where exists (select 1 from cases c where c.seq = new.case_seq and ${open('c')});`

/** The old pair taken out (SQL). */
const UNPAIR = 'delete from mediator_open_cases where mediator_id = old.mediator_id and case_seq = old.case_seq;'

const TRIGGERS: Array<[name: string, event: string, body: string]> = [
  ['mediator_open_cases_on_pair_insert', 'insert on mediator_cases', PAIR_IF_OPEN],
  ['mediator_open_cases_on_pair_delete', 'delete on mediator_cases', UNPAIR],
  // A pair is never updated by mediator_cases' own triggers (they delete and insert); any other writer is followed.
  ['mediator_open_cases_on_pair_update', 'update on mediator_cases', UNPAIR + PAIR_IF_OPEN],
  [
    'mediator_open_cases_on_status',
    `update of status on cases when (${open('old')}) is not (${open('new')})`,
    `delete from mediator_open_cases where case_seq = new.seq
       and mediator_id in (select mediator_id from mediator_cases where case_seq = new.seq);
     insert or ignore into mediator_open_cases (mediator_id, case_seq)
     select m.mediator_id, m.case_seq from mediator_cases m where m.case_seq = new.seq and ${open('new')};`
  ]
]

export async function up(db: AnyDb): Promise<void> {
  await sql`create table mediator_open_cases (
    mediator_id text not null,
    case_seq integer not null,
    primary key (mediator_id, case_seq)
  ) without rowid`.execute(db)
  await sql
    .raw(
      `insert into mediator_open_cases (mediator_id, case_seq)
       select m.mediator_id, m.case_seq from mediator_cases m join cases c on c.seq = m.case_seq
       where ${open('c')} order by 1, 2`
    )
    .execute(db)
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`create trigger ${name} after ${event} begin ${body} end`).execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger ${name}`).execute(db)
  await sql`drop table mediator_open_cases`.execute(db)
}
