/*
 * An office's open cases of one risk level in registration order: the
 * supervisor's overview counts each office's open red cases and links to
 * their list, and a clerk's "open and red" is their office's. Through the
 * open cases of the colour (2026_12_06_1500) SQLite walked the whole
 * district's (1,446 open red cases at a million) and looked each one up for
 * its office, for the page and again for the count: 3–5 ms for one office's
 * 557, the slowest of the lists the overviews link to. Office, risk level,
 * then "has it ended" (the same expression, statuses in the same order),
 * then seq: an office's open cases of a colour lie together in seq order,
 * either way round, and the index alone answers.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await sql`create index cases_office_risk_ended_seq
    on cases (handling_office_id, risk_level, (status in ('declined', 'closed', 'archived')), seq)`.execute(db)
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index cases_office_risk_ended_seq`.execute(db)
}
