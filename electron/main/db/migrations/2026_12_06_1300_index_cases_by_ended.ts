/*
 * The open cases in registration order. "Open" is every status but the three
 * that end a case, and no index answered that: the open and unassigned lists
 * walked the register by seq and tested each case. Oldest first, that read the
 * whole history before the first open case (the unassigned list: 1.2 s at a
 * million cases). An index on the expression "has it ended", then seq, holds
 * the open cases together in seq order; the lists ask for exactly this
 * expression (case-list.ts openCase) and walk only them, either way round.
 * The list of statuses must stay the one the app asks with; a test compares
 * the plans.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await sql`create index cases_ended_seq on cases ((status in ('declined', 'closed', 'archived')), seq)`.execute(db)
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index cases_ended_seq`.execute(db)
}
