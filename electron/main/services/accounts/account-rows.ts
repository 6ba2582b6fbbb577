/* Accounts as the window sees them: the row, its offices, never its hash. */
import type { Kysely } from 'kysely'
import type { UserAccount } from '../../../../shared/domain/account'
import type { UserRole } from '../../../../shared/domain/user'
import type { Database, UserRow } from '../../db/schema'
import type { Trx } from '../write'

export async function loadAccounts(db: Kysely<Database> | Trx, ids?: string[]): Promise<UserAccount[]> {
  let query = db.selectFrom('users').selectAll().orderBy('display_name')
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : [''])
  const rows = await query.execute()
  const links = await db
    .selectFrom('user_offices')
    .select(['user_id', 'office_id'])
    .where('user_id', 'in', rows.length > 0 ? rows.map((r) => r.id) : [''])
    .execute()
  return rows.map((row) =>
    toAccount(
      row,
      links.filter((l) => l.user_id === row.id).map((l) => l.office_id)
    )
  )
}

export function toAccount(row: UserRow, officeIds: string[]): UserAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as UserRole,
    active: row.active === 1,
    officeIds,
    mediatorId: row.mediator_id,
    lockedUntil: row.locked_until,
    hasPassword: row.password_hash !== null
  }
}

export async function loadAccount(db: Kysely<Database> | Trx, id: string): Promise<UserAccount | null> {
  return (await loadAccounts(db, [id]))[0] ?? null
}
