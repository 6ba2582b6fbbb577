/*
 * The open cases of one risk level in registration order: the supervisor's
 * overview counts the open red cases of each office and links to their list.
 * Through the risk index SQLite walked every red case ever registered (30,393
 * at a million cases, 1,446 of them open) and tested each for "open"; through
 * the open cases' index (2026_12_06_1300), every open case for its colour.
 * Either way the list took 73 ms. Risk level, then "has it ended" (the same
 * expression, statuses in the same order), then seq: the open cases of a
 * colour lie together in seq order, either way round.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await sql`create index cases_risk_ended_seq on cases (risk_level, (status in ('declined', 'closed', 'archived')), seq)`.execute(
    db
  )
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index cases_risk_ended_seq`.execute(db)
}
