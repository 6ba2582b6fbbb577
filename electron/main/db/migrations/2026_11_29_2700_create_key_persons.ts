/*
 * The key-person register, its log and psychological-support referrals
 * (schema-key-persons.ts). Indexed for the due-review list (status, next
 * review) and for flags by party. Additive only.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('key_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_note', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('level_reason', 'text', (c) => c.notNull())
    .addColumn('responsible_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('key_persons_party').on('key_persons').columns(['party_id', 'status']).execute()
  await db.schema.createIndex('key_persons_due').on('key_persons').columns(['status', 'next_review_on']).execute()

  await db.schema
    .createTable('key_person_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_person_id', 'text', (c) => c.notNull().references('key_persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('key_person_logs_person').on('key_person_logs').columns(['key_person_id', 'at']).execute()

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('counsellor_id', 'text', (c) => c.references('mediators.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .addColumn('responsible_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.notNull())
    .addColumn('referred_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('referrals_party').on('referrals').column('party_id').execute()
  await db.schema.createIndex('referrals_case').on('referrals').column('case_id').execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('referrals').execute()
  await db.schema.dropTable('key_person_logs').execute()
  await db.schema.dropTable('key_persons').execute()
}
