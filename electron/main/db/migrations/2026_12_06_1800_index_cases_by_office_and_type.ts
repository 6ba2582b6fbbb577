/*
 * An office's cases, alone, open, of one type or registered within dates,
 * and the open cases of one dispute type, in registration order. At a
 * million cases (49,595 open), before:
 * - an office's whole list went through (office, status, seq), read every
 *   case of the office and sorted them: 11–17 ms for the busiest;
 * - "open" or "overdue" of one office or type walked every open case and read
 *   each one's row for its office or type: 130–230 ms for an office with
 *   about a thousand open cases, 15–24 ms overdue of a common type;
 * - an office and a type went through either one's index and read the
 *   other's misses (5–14 ms, 375 ms for the busiest office's rarest type);
 * - an office's cases of a month walked the office's whole history oldest
 *   first (0.3–0.8 s).
 * "Has it ended" is the expression of cases_ended_seq, statuses in the same
 * order: the open cases of an office lie together in seq order, either way
 * round. Which index drives a list with several filters is chosen in
 * case-list.ts (indexedColumns).
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const ENDED = sql.raw(`(status in ('declined', 'closed', 'archived'))`)

export async function up(db: AnyDb): Promise<void> {
  await sql`create index cases_office_seq on cases (handling_office_id, seq)`.execute(db)
  await sql`create index cases_office_ended_seq on cases (handling_office_id, ${ENDED}, seq)`.execute(db)
  await sql`create index cases_type_ended_seq on cases (dispute_type, ${ENDED}, seq)`.execute(db)
  await sql`create index cases_office_type_seq on cases (handling_office_id, dispute_type, seq)`.execute(db)
  await sql`create index cases_office_registered_seq on cases (handling_office_id, registered_at, seq)`.execute(db)
  await sql`create index cases_office_type_ended_seq on cases (handling_office_id, dispute_type, ${ENDED}, seq)`.execute(
    db
  )
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index cases_office_type_ended_seq`.execute(db)
  await sql`drop index cases_office_registered_seq`.execute(db)
  await sql`drop index cases_office_type_seq`.execute(db)
  await sql`drop index cases_type_ended_seq`.execute(db)
  await sql`drop index cases_office_ended_seq`.execute(db)
  await sql`drop index cases_office_seq`.execute(db)
}
