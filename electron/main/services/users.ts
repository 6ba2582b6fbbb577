import type { Actor, UserRole } from '../../../shared/domain/user'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import { writeChange } from './write'

const FIRST_ADMIN_NAME = '本机管理员'

/**
 * The user changes are made as. Until sign-in exists (the trust issue), that
 * is the installation's first administrator, created on the first start.
 */
export async function ensureLocalActor(ctx: AppContext): Promise<Actor> {
  const existing = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('active', '=', 1)
    .where('role', '=', 'admin')
    .orderBy('created_at')
    .executeTakeFirst()
  if (existing) return { id: existing.id, displayName: existing.display_name, role: existing.role as UserRole }

  return writeChange(ctx, 'users.bootstrap', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const row = {
      id: uuidv7(),
      display_name: FIRST_ADMIN_NAME,
      role: 'admin' as const,
      active: 1 as const,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('users').values(row).execute()
    record({ entity: 'users', entityId: row.id, operation: 'insert', version: 1, after: row })
    return { id: row.id, displayName: row.display_name, role: row.role }
  })
}

/** Accounts are in force once any account has a password (the first administrator sets one at first run). */
export async function accountsInForce(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('password_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
