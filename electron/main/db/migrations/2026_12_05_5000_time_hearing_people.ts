/*
 * Each session's start beside its people and its parties, so that the clash
 * check starts from the person: "this mediator's sessions on this day" is a
 * range of (mediator_id, starts_at) instead of a walk through every session
 * of the day (≈ 800 on a busy day at a million cases) testing each for the
 * person. A mediator has thousands of sessions in all (6,589 in the
 * generated million-case store) and a company party up to a thousand, so the
 * (person, hearing) indexes alone cannot bound the read by time.
 *
 * The copy is kept by the store itself, not by the services: triggers set it
 * on every insert and follow every change of a session's start, whoever
 * writes (the services, the hub's merge, the generator), in either order
 * (the generator's bulk load writes with foreign keys off), and a value
 * written wrong is put right. Frozen in time: never imports app code, never edited
 * once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const LINKS = ['hearing_mediators', 'hearing_parties'] as const
const PERSON: Record<(typeof LINKS)[number], string> = {
  hearing_mediators: 'mediator_id',
  hearing_parties: 'party_key'
}

export async function up(db: AnyDb): Promise<void> {
  for (const link of LINKS) {
    await sql`alter table ${sql.table(link)} add column starts_at text`.execute(db)
    await sql`update ${sql.table(link)} set starts_at =
      (select hearings.starts_at from hearings where hearings.id = ${sql.ref(`${link}.hearing_id`)})`.execute(db)
    // hearing_id in the index: the check needs nothing else from the link row.
    await sql`create index ${sql.id(`${link}_time`)}
      on ${sql.table(link)} (${sql.ref(PERSON[link])}, starts_at, hearing_id)`.execute(db)
    // A new link, or a link moved to another session (or given a wrong time), takes the session's start. A link
    // written before its session (a bulk load with foreign keys off) keeps what it was given until the session
    // is written, below.
    for (const [name, event] of [
      ['time_on_write', 'insert'],
      ['time_on_change', 'update of hearing_id, starts_at']
    ]) {
      await sql
        .raw(
          `create trigger ${link}_${name} after ${event} on ${link}
           when new.starts_at is not (select starts_at from hearings where id = new.hearing_id)
             and exists (select 1 from hearings where id = new.hearing_id)
           begin
             update ${link} set starts_at = (select starts_at from hearings where id = new.hearing_id) where id = new.id;
           end`
        )
        .execute(db)
    }
  }
  // A session written or rescheduled gives its start to its people and parties.
  for (const [name, event] of [
    ['hearings_time_on_write', 'insert'],
    ['hearings_time_to_links', 'update of starts_at']
  ]) {
    await sql
      .raw(
        `create trigger ${name} after ${event} on hearings
         begin
           update hearing_mediators set starts_at = new.starts_at
            where hearing_id = new.id and starts_at is not new.starts_at;
           update hearing_parties set starts_at = new.starts_at
            where hearing_id = new.id and starts_at is not new.starts_at;
         end`
      )
      .execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  await sql.raw('drop trigger hearings_time_to_links').execute(db)
  await sql.raw('drop trigger hearings_time_on_write').execute(db)
  for (const link of LINKS) {
    await sql.raw(`drop trigger ${link}_time_on_change`).execute(db)
    await sql.raw(`drop trigger ${link}_time_on_write`).execute(db)
    await sql`drop index ${sql.id(`${link}_time`)}`.execute(db)
    await sql`alter table ${sql.table(link)} drop column starts_at`.execute(db)
  }
}
