/*
 * A dispute type's, or a risk level's, cases registered within dates. With a
 * date range the dates drive the list (case-list-plan.ts), through the
 * office's own dates when an office is asked (2026_12_06_1800). A type or a
 * risk level asked with dates but no office was tested on every case of the
 * range: at a million cases a year of a rare type took 263 ms (6–7 ms through
 * the type's own index before the dates drove), a year of red cases 143 ms.
 * By type or risk level, then registration time, then seq: their cases of a
 * range, read by the index alone.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await sql`create index cases_type_registered_seq on cases (dispute_type, registered_at, seq)`.execute(db)
  await sql`create index cases_risk_registered_seq on cases (risk_level, registered_at, seq)`.execute(db)
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index cases_risk_registered_seq`.execute(db)
  await sql`drop index cases_type_registered_seq`.execute(db)
}
