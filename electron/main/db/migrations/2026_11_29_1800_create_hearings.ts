/*
 * Hearing scheduling: rooms per office, each office's hours, the working-day
 * calendar (a year's schedule and its days), and hearings with their
 * mediators and expected parties. Hearing times are China wall-clock text
 * 'YYYY-MM-DDTHH:mm' (no offset; Asia/Shanghai has no daylight saving), and
 * a session never crosses midnight, so one day's sessions are a text range
 * on starts_at. Clash checks look sessions up by time, by person and by room.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const tracked = (table: ReturnType<AnyDb['schema']['createTable']>) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))

const withId = (db: AnyDb, name: string) => db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey())

export async function up(db: AnyDb): Promise<void> {
  await tracked(
    withId(db, 'rooms')
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
      .addColumn('video_capable', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('note', 'text')
  ).execute()
  await db.schema.createIndex('rooms_office_name').on('rooms').columns(['office_id', 'name']).unique().execute()

  await tracked(
    withId(db, 'office_hours')
      .addColumn('office_id', 'text', (c) => c.notNull().unique().references('offices.id'))
      // JSON array of { start: 'HH:mm', end: 'HH:mm' }.
      .addColumn('periods', 'text', (c) => c.notNull())
  ).execute()

  await tracked(
    withId(db, 'holiday_years')
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('library', 'office')`))
  ).execute()
  await tracked(
    withId(db, 'holidays')
      .addColumn('year_id', 'text', (c) => c.notNull().references('holiday_years.id'))
      .addColumn('date', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'adjusted_workday')`))
      .addColumn('name', 'text', (c) => c.notNull())
  ).execute()
  await db.schema.createIndex('holidays_year').on('holidays').column('year_id').execute()

  await tracked(
    withId(db, 'hearings')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mediation', 'hearing')`))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('place_kind', 'text', (c) => c.notNull().check(sql`place_kind in ('room', 'onsite', 'video')`))
      .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
      .addColumn('address', 'text')
      .addColumn('video_link', 'text')
      .addColumn('purpose', 'text', (c) => c.notNull())
      // JSON array of strings: what the notice asks the parties to bring.
      .addColumn('bring', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('scheduled', 'held', 'postponed', 'cancelled')`)
      )
      .addColumn('status_reason', 'text')
      // The session's record (调解记录) written by the lifecycle; no foreign key, its table is its own.
      .addColumn('record_id', 'text')
      .addColumn('held_note', 'text')
      .addCheckConstraint('hearings_same_day', sql`substr(starts_at, 1, 10) = substr(ends_at, 1, 10)`)
      .addCheckConstraint('hearings_ends_after_start', sql`ends_at > starts_at`)
  ).execute()
  await db.schema.createIndex('hearings_starts_at').on('hearings').columns(['starts_at', 'status']).execute()
  await db.schema.createIndex('hearings_room').on('hearings').columns(['room_id', 'starts_at']).execute()
  await db.schema.createIndex('hearings_case').on('hearings').columns(['case_id', 'starts_at']).execute()
  await db.schema.createIndex('hearings_office').on('hearings').columns(['office_id', 'starts_at']).execute()

  await tracked(
    withId(db, 'hearing_mediators')
      .addColumn('hearing_id', 'text', (c) => c.notNull().references('hearings.id'))
      .addColumn('mediator_id', 'text', (c) => c.notNull().references('mediators.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'assistant', 'expert')`))
  ).execute()
  await db.schema
    .createIndex('hearing_mediators_unique')
    .on('hearing_mediators')
    .columns(['hearing_id', 'mediator_id'])
    .unique()
    .execute()
  await db.schema
    .createIndex('hearing_mediators_person')
    .on('hearing_mediators')
    .columns(['mediator_id', 'hearing_id'])
    .execute()

  await tracked(
    withId(db, 'hearing_parties')
      .addColumn('hearing_id', 'text', (c) => c.notNull().references('hearings.id'))
      .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
      // The person behind the record: 'id:<ID number>', 'cc:<credit code>' or 'p:<party id>'.
      .addColumn('party_key', 'text', (c) => c.notNull())
      .addColumn('notified_at', 'text')
      .addColumn('notified_how', 'text')
      .addColumn('notified_note', 'text')
  ).execute()
  await db.schema
    .createIndex('hearing_parties_unique')
    .on('hearing_parties')
    .columns(['hearing_id', 'party_id'])
    .unique()
    .execute()
  await db.schema
    .createIndex('hearing_parties_person')
    .on('hearing_parties')
    .columns(['party_key', 'hearing_id'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'hearing_parties',
    'hearing_mediators',
    'hearings',
    'holidays',
    'holiday_years',
    'office_hours',
    'rooms'
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
