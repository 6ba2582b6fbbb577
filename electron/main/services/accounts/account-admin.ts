/*
 * The administrator's account screen: add accounts with a first password,
 * change their name, role and offices, reset a password (which also lifts a
 * lock-out), disable and re-enable. The installation never loses its last
 * active administrator, and nobody disables their own account.
 */
import { ROSTER_ROLES, type UserAccount } from '../../../../shared/domain/account'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { UserRow } from '../../db/schema'
import { AppError, invalidField, notFound } from '../../errors'
import { writeChange, type RecordChange, type Trx } from '../write'
import { loadAccount, loadAccounts } from './account-rows'
import { storePassword, updateUserRow, withoutSecrets } from './auth'
import { hashPassword } from './passwords'

export async function listUsers(ctx: AppContext): Promise<UserAccount[]> {
  return loadAccounts(ctx.db)
}

async function userRow(ctx: AppContext, id: string): Promise<UserRow> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('用户')
  return row
}

async function otherActiveAdmins(trx: Trx | AppContext['db'], exceptId: string): Promise<number> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .where('password_hash', 'is not', null)
    .execute()
  return rows.length
}

async function replaceOffices(trx: Trx, record: RecordChange, userId: string, officeIds: string[], now: string) {
  const existing = await trx.selectFrom('user_offices').selectAll().where('user_id', '=', userId).execute()
  for (const link of existing.filter((l) => !officeIds.includes(l.office_id))) {
    await trx.deleteFrom('user_offices').where('id', '=', link.id).execute()
    record({ entity: 'user_offices', entityId: link.id, operation: 'delete', version: link.version, before: link })
  }
  for (const officeId of officeIds.filter((id) => !existing.some((l) => l.office_id === id))) {
    const link = { id: uuidv7(), user_id: userId, office_id: officeId, created_at: now, updated_at: now, version: 1 }
    await trx.insertInto('user_offices').values(link).execute()
    record({ entity: 'user_offices', entityId: link.id, operation: 'insert', version: 1, after: link })
  }
}

export async function saveUser(ctx: AppContext, input: ParsedInput<'users.save'>): Promise<UserAccount> {
  const fields: Record<string, string> = {}
  const sameName = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst()
  if (sameName && sameName.id !== input.id) fields.username = '该登录名已被使用'
  if (!input.id && !input.password) fields.password = '新账户须设置初始密码'
  const offices = await ctx.db
    .selectFrom('offices')
    .select('id')
    .where('id', 'in', [...input.officeIds, ''])
    .execute()
  if (offices.length !== new Set(input.officeIds).size) fields.officeIds = '所选调解组织不存在'
  if (input.mediatorId) {
    if (!ROSTER_ROLES.includes(input.role)) fields.mediatorId = '只有调解员、律师调解员的账户关联调解员名册'
    const mediator = await ctx.db
      .selectFrom('mediators')
      .select('id')
      .where('id', '=', input.mediatorId)
      .executeTakeFirst()
    const taken = await ctx.db
      .selectFrom('users')
      .select('display_name')
      .where('mediator_id', '=', input.mediatorId)
      .where('id', '!=', input.id ?? '')
      .executeTakeFirst()
    if (!mediator) fields.mediatorId = '名册中没有这位调解员'
    else if (taken) fields.mediatorId = `该调解员已关联账户“${taken.display_name}”`
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', '输入有误，请检查标出的字段', fields)

  const before = input.id ? await userRow(ctx, input.id) : null
  if (before?.role === 'admin' && input.role !== 'admin' && (await otherActiveAdmins(ctx.db, before.id)) === 0) {
    throw invalidField('role', '这是唯一的系统管理员，不能改为其他角色')
  }
  const secret = input.password ? await hashPassword(input.password) : null
  const id = await writeChange(ctx, before ? 'users.update' : 'users.create', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    if (before) {
      const changes = {
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        mediator_id: input.mediatorId
      }
      await updateUserRow(trx, record, before, changes, now)
      await replaceOffices(trx, record, before.id, input.officeIds, now)
      return before.id
    }
    const row: UserRow = {
      id: uuidv7(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      active: 1,
      password_hash: secret!.hash,
      password_salt: secret!.salt,
      password_changed_at: now,
      failed_sign_ins: 0,
      locked_until: null,
      mediator_id: input.mediatorId,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('users').values(row).execute()
    record({ entity: 'users', entityId: row.id, operation: 'insert', version: 1, after: withoutSecrets(row) })
    await replaceOffices(trx, record, row.id, input.officeIds, now)
    return row.id
  })
  return (await loadAccount(ctx.db, id))!
}

export async function resetUserPassword(
  ctx: AppContext,
  input: ParsedInput<'users.resetPassword'>
): Promise<UserAccount> {
  const row = await userRow(ctx, input.id)
  await storePassword(ctx, row, input.password, 'users.resetPassword')
  return (await loadAccount(ctx.db, row.id))!
}

export async function setUserActive(ctx: AppContext, input: ParsedInput<'users.setActive'>): Promise<UserAccount> {
  const before = await userRow(ctx, input.id)
  if (!input.active && before.id === ctx.session.userId) throw invalidField('id', '不能停用自己正在使用的账户')
  if (!input.active && before.role === 'admin' && (await otherActiveAdmins(ctx.db, before.id)) === 0) {
    throw invalidField('id', '这是唯一的系统管理员，不能停用')
  }
  if ((before.active === 1) === input.active)
    throw invalidField('active', input.active ? '该账户已是启用状态' : '该账户已停用')
  await writeChange(ctx, input.active ? 'users.enable' : 'users.disable', (trx, record) =>
    updateUserRow(trx, record, before, { active: input.active ? 1 : 0 }, ctx.clock.now().toISOString())
  )
  return (await loadAccount(ctx.db, before.id))!
}
