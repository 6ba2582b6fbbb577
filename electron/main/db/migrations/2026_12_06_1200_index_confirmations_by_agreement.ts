/*
 * Applying for judicial confirmation first asks whether the agreement already
 * has an application pending or confirmed, by its agreement. Confirmations
 * were indexed only by case, so that read, inside the application's write
 * with every other writer waiting, walked every confirmation (83,000 at a
 * million cases, ≈ 15 ms); with this index, a few index pages.
 * Frozen in time: never imports app code, never edited once released.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('judicial_confirmations_agreement')
    .on('judicial_confirmations')
    .column('agreement_id')
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('judicial_confirmations_agreement').execute()
}
