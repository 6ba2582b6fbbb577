/*
 * Exports to the district hub (docs/hub-bundle.md): the office's export
 * history (the chain of bundles it made), the office keys registered at the
 * hub, and the hub's import history (merged and refused bundles). Additive only.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('hub_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sequence', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('from_seq', 'integer', (c) => c.notNull())
    .addColumn('to_seq', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('key_fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('hub_office_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().unique().references('offices.id'))
    .addColumn('office_code', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addColumn('last_bundle_sha256', 'text')
    .addColumn('last_imported_at', 'text')
    .execute()

  await db.schema
    .createTable('hub_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bundle_sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('office_code', 'text')
    .addColumn('sequence', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('merged', 'text')
    .addColumn('verification', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('hub_imports_bundle').on('hub_imports').columns(['bundle_sha256', 'status']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('hub_imports').execute()
  await db.schema.dropTable('hub_office_keys').execute()
  await db.schema.dropTable('hub_exports').execute()
}
