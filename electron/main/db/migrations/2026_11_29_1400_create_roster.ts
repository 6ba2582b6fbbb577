/*
 * The mediator roster and case assignments: mediators with the offices they
 * serve, specialties, credentials, chambers, declared conflicts and leave;
 * the configurable list of chambers of commerce; and who handles each case
 * (lead, assistant, invited expert), with overrides and recusals kept.
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

/** A child row of a mediator: its own UUID, the owner, and the tracked columns. */
const child = (db: AnyDb, name: string) =>
  tracked(
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mediator_id', 'text', (c) => c.notNull().references('mediators.id'))
  )

export async function up(db: AnyDb): Promise<void> {
  await tracked(
    db.schema
      .createTable('chambers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
  ).execute()

  await tracked(
    db.schema
      .createTable('mediators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('full_time', 'part_time', 'expert')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male', 'female')`))
      .addColumn('id_number', 'text')
      .addColumn('phone', 'text')
      .addColumn('profession', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'retired')`))
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 0`))
      .addColumn('note', 'text')
  ).execute()
  await db.schema
    .createIndex('mediators_id_number')
    .on('mediators')
    .column('id_number')
    .unique()
    .where(sql.ref('id_number'), 'is not', null)
    .execute()
  await db.schema.createIndex('mediators_kind_name').on('mediators').columns(['kind', 'name']).execute()

  await child(db, 'mediator_offices')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .execute()
  await db.schema
    .createIndex('mediator_offices_unique')
    .on('mediator_offices')
    .columns(['mediator_id', 'office_id'])
    .unique()
    .execute()
  await db.schema.createIndex('mediator_offices_office').on('mediator_offices').column('office_id').execute()

  await child(db, 'mediator_specialties')
    .addColumn('dispute_type', 'text', (c) => c.notNull().references('dispute_types.code'))
    .execute()
  await db.schema
    .createIndex('mediator_specialties_unique')
    .on('mediator_specialties')
    .columns(['mediator_id', 'dispute_type'])
    .unique()
    .execute()

  await child(db, 'mediator_chambers')
    .addColumn('chamber_id', 'text', (c) => c.notNull().references('chambers.id'))
    .execute()
  await db.schema
    .createIndex('mediator_chambers_unique')
    .on('mediator_chambers')
    .columns(['mediator_id', 'chamber_id'])
    .unique()
    .execute()

  await child(db, 'mediator_credentials')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('valid_until', 'text')
    .execute()
  await db.schema.createIndex('mediator_credentials_owner').on('mediator_credentials').column('mediator_id').execute()

  await child(db, 'mediator_conflicts')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('mediator_conflicts_owner').on('mediator_conflicts').column('mediator_id').execute()

  await child(db, 'mediator_leaves')
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull().check(sql`to_date >= from_date`))
    .addColumn('reason', 'text')
    .execute()
  await db.schema.createIndex('mediator_leaves_owner').on('mediator_leaves').column('mediator_id').execute()

  await tracked(
    db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('mediator_id', 'text', (c) => c.notNull().references('mediators.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'assistant', 'expert')`))
      .addColumn('chosen_by_parties', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'recused', 'removed')`))
      .addColumn('override_reason', 'text')
      .addColumn('ended_reason', 'text')
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
  ).execute()
  await db.schema.createIndex('assignments_case').on('assignments').columns(['case_id', 'status']).execute()
  await db.schema.createIndex('assignments_mediator').on('assignments').columns(['mediator_id', 'status']).execute()
  // One active lead per case.
  await db.schema
    .createIndex('assignments_one_lead')
    .on('assignments')
    .column('case_id')
    .unique()
    .where(sql<boolean>`role = 'lead' and status = 'active'`)
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'assignments',
    'mediator_leaves',
    'mediator_conflicts',
    'mediator_credentials',
    'mediator_chambers',
    'mediator_specialties',
    'mediator_offices',
    'mediators',
    'chambers'
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
