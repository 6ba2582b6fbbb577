/*
 * The unassigned cases keep their office (unassigned_cases.office_id, with an
 * index by office and seq), so that "unassigned, of this office" is read from
 * the table's own rows. Without it every unassigned case was looked up for its
 * office: at a million cases (6,949 unassigned) 瓯海新桥's 116 took 7.6 ms with
 * the pages in SQLite's cache, and its count needs them all.
 *
 * The triggers of 2026_12_06_1400 still decide which cases are unassigned, as
 * they are. Two more keep the office: a row gets its case's office as it is
 * written, whoever writes it, and follows the case when it is transferred.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table unassigned_cases add column office_id text`.execute(db)
  await sql`update unassigned_cases
    set office_id = (select c.handling_office_id from cases c where c.seq = unassigned_cases.seq)`.execute(db)
  await sql`create index unassigned_cases_office on unassigned_cases (office_id, seq)`.execute(db)
  await sql`create trigger unassigned_office_on_insert after insert on unassigned_cases begin
    update unassigned_cases set office_id = (select c.handling_office_id from cases c where c.seq = new.seq)
    where seq = new.seq;
  end`.execute(db)
  await sql`create trigger unassigned_office_on_transfer after update of handling_office_id on cases
    when old.handling_office_id is not new.handling_office_id begin
    update unassigned_cases set office_id = new.handling_office_id where seq = new.seq;
  end`.execute(db)
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop trigger unassigned_office_on_transfer`.execute(db)
  await sql`drop trigger unassigned_office_on_insert`.execute(db)
  await sql`drop index unassigned_cases_office`.execute(db)
  await sql`alter table unassigned_cases drop column office_id`.execute(db)
}
