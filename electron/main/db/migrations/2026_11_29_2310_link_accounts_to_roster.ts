/*
 * A mediator's account names their roster entry, so "own cases" — the cases
 * a mediator is assigned to — can be told from the account that signs in.
 * Frozen in time: never imports app code, never edited once released.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('mediator_id', 'text', (c) => c.references('mediators.id'))
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('mediator_id').execute()
}
