/*
 * Foundation tables: offices, settings, users, the two reference
 * classifications, and the audit and change logs every later change writes.
 * Frozen in time: this file never imports app code and is never edited once
 * released; later changes add new migrations.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const tracked = (table: ReturnType<AnyDb['schema']['createTable']>) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))

export async function up(db: AnyDb): Promise<void> {
  await tracked(
    db.schema
      .createTable('offices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('township', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('offices.id'))
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`)
      )
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
  ).execute()

  await tracked(
    db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull().check(sql`json_valid(value)`))
  ).execute()

  await tracked(
    db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('clerk', 'mediator', 'lawyer_mediator', 'supervisor', 'admin')`)
      )
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`)
      )
  ).execute()

  await tracked(
    db.schema
      .createTable('dispute_types')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('added_in_newer_forms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
  ).execute()

  await tracked(
    db.schema
      .createTable('case_sources')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
  ).execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`json_valid(summary)`))
    .execute()
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
  // The audit trail is append-only: the store itself refuses to rewrite history.
  await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
  await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)

  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull().check(sql`operation in ('insert', 'update', 'delete')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity', 'entity_id']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['change_log', 'audit_log', 'case_sources', 'dispute_types', 'users', 'settings', 'offices']) {
    await db.schema.dropTable(table).execute()
  }
}
