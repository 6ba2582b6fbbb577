/*
 * Sign-in for the local accounts (DESIGN §3.7): a login name, a scrypt hash
 * with its own salt, the count of wrong passwords and the lock-out they
 * cause; and the offices each account works for.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('username', 'text').execute()
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute()
  await db.schema.alterTable('users').addColumn('password_salt', 'text').execute()
  await db.schema
    .alterTable('users')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute()
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute()
  await db.schema
    .createIndex('users_username')
    .unique()
    .on('users')
    .column('username')
    .where(sql.ref('username'), 'is not', null)
    .execute()

  await db.schema
    .createTable('user_offices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('user_offices_pair')
    .unique()
    .on('user_offices')
    .columns(['user_id', 'office_id'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('user_offices').execute()
  await db.schema.dropIndex('users_username').execute()
}
