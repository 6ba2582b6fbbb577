/*
 * Signing in, out, and the idle lock. The session lives in main (ctx.session),
 * so a window cannot claim to be signed in: every call is checked against it
 * in ipc/register.ts. Wrong passwords are counted on the account — three in a
 * row lock it for fifteen minutes — and every sign-in, failed or not, is in
 * the audit trail.
 */
import {
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  DEFAULT_IDLE_LOCK_MINUTES,
  type AuthStatus
} from '../../../../shared/domain/account'
import type { UserRole } from '../../../../shared/domain/user'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDateTime } from '../../../../shared/rules/china-time'
import { SYSTEM_ACTOR, type AppContext } from '../../context'
import type { UserRow } from '../../db/schema'
import { AppError, invalidField } from '../../errors'
import { getSetting } from '../settings'
import { recordAuditOnly, writeChange, type RecordChange, type Trx } from '../write'
import { loadAccount } from './account-rows'
import { hashPassword, verifyPassword } from './passwords'

/** The row as the audit trail may record it: never the hash or its salt. */
export function withoutSecrets(row: UserRow): Record<string, unknown> {
  const { password_hash: hash, password_salt: _salt, ...rest } = row
  void _salt
  return { ...rest, has_password: hash !== null }
}

/** Update a user row inside a change, recorded for the audit trail without its secrets. */
export async function updateUserRow(
  trx: Trx,
  record: RecordChange,
  row: UserRow,
  changes: Partial<UserRow>,
  now: string
): Promise<UserRow> {
  const after = { ...row, ...changes, updated_at: now, version: row.version + 1 }
  await trx
    .updateTable('users')
    .set({ ...changes, updated_at: now, version: after.version })
    .where('id', '=', row.id)
    .execute()
  record({
    entity: 'users',
    entityId: row.id,
    operation: 'update',
    version: after.version,
    before: withoutSecrets(row),
    after: withoutSecrets(after)
  })
  return after
}

export async function authStatus(ctx: AppContext): Promise<AuthStatus> {
  const { accountsEnabled, userId, locked } = ctx.session
  const signedIn = !accountsEnabled || userId !== null
  const minutes = (await getSetting(ctx, { key: 'security.idleLockMinutes' })).value
  return {
    accountsEnabled,
    signedIn,
    locked: signedIn && locked,
    user: signedIn ? await loadAccount(ctx.db, accountsEnabled ? userId! : ctx.actor.id) : null,
    idleLockMinutes: typeof minutes === 'number' ? minutes : DEFAULT_IDLE_LOCK_MINUTES
  }
}

function actorOf(row: UserRow) {
  return { id: row.id, displayName: row.display_name, role: row.role as UserRole }
}

export async function setupAdmin(ctx: AppContext, input: ParsedInput<'auth.setupAdmin'>): Promise<AuthStatus> {
  if (ctx.session.accountsEnabled) throw new AppError('CONFLICT', '本机已设置管理员账户，请登录')
  const taken = await ctx.db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()
  if (taken) throw invalidField('username', '该登录名已被使用')
  const { hash, salt } = await hashPassword(input.password)
  const admin = await writeChange(ctx, 'auth.setupAdmin', async (trx, record) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', ctx.actor.id).executeTakeFirstOrThrow()
    const now = ctx.clock.now().toISOString()
    const changes = {
      username: input.username,
      display_name: input.displayName,
      password_hash: hash,
      password_salt: salt,
      password_changed_at: now
    }
    return updateUserRow(trx, record, before, changes, now)
  })
  ctx.session.accountsEnabled = true
  ctx.session.userId = admin.id
  ctx.session.locked = false
  ctx.actor = actorOf(admin)
  return authStatus(ctx)
}

/**
 * Count a wrong password on the account; the third in a row locks it. The
 * counter is written even though the call fails: a refusal that forgot the
 * attempt would let guessing go on for ever.
 */
async function countFailure(ctx: AppContext, row: UserRow): Promise<string | null> {
  const failures = row.failed_sign_ins + 1
  const now = ctx.clock.now()
  const lockedUntil =
    failures >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null
  await writeChange(ctx, 'auth.signInFailed', (trx, record) =>
    updateUserRow(
      trx,
      record,
      row,
      { failed_sign_ins: lockedUntil ? 0 : failures, locked_until: lockedUntil },
      now.toISOString()
    )
  )
  return lockedUntil
}

function lockedMessage(until: string): string {
  return `连续输错密码 ${MAX_FAILED_SIGN_INS} 次，账户已锁定，请于 ${chinaDateTime(until).slice(11)} 后再试，或请管理员重置密码`
}

/** Check a password against an account, counting failures and honouring the lock-out. */
async function checkPassword(ctx: AppContext, row: UserRow, password: string, field: string): Promise<void> {
  if (row.locked_until && row.locked_until > ctx.clock.now().toISOString()) {
    throw new AppError('FORBIDDEN', lockedMessage(row.locked_until))
  }
  if (
    row.password_hash &&
    row.password_salt &&
    (await verifyPassword(password, row.password_hash, row.password_salt))
  ) {
    return
  }
  const lockedUntil = await countFailure(ctx, row)
  if (lockedUntil) throw new AppError('FORBIDDEN', lockedMessage(lockedUntil))
  throw new AppError('FORBIDDEN', field === 'password' ? '登录名或密码不正确' : '密码不正确', { [field]: '密码不正确' })
}

export async function signIn(ctx: AppContext, input: ParsedInput<'auth.signIn'>): Promise<AuthStatus> {
  if (!ctx.session.accountsEnabled) throw new AppError('CONFLICT', '尚未设置管理员账户，请先完成首次使用设置')
  const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst()
  // The same words whether the name is unknown or the password wrong: no hint of which accounts exist.
  if (!row || row.active !== 1) throw new AppError('FORBIDDEN', '登录名或密码不正确', { password: '密码不正确' })
  await checkPassword(ctx, row, input.password, 'password')
  ctx.session.userId = row.id
  ctx.session.locked = false
  ctx.actor = actorOf(row)
  if (row.failed_sign_ins > 0 || row.locked_until) {
    // The count of wrong passwords starts again after a good one.
    await writeChange(ctx, 'auth.signIn', (trx, record) =>
      updateUserRow(trx, record, row, { failed_sign_ins: 0, locked_until: null }, ctx.clock.now().toISOString())
    )
  } else {
    await recordAuditOnly(ctx, 'auth.signIn', [{ entity: 'users', entityId: row.id, before: null, after: null }])
  }
  return authStatus(ctx)
}

export async function signOut(ctx: AppContext): Promise<AuthStatus> {
  if (ctx.session.userId) {
    await recordAuditOnly(ctx, 'auth.signOut', [
      { entity: 'users', entityId: ctx.session.userId, before: null, after: null }
    ])
  }
  ctx.session.userId = null
  ctx.session.locked = false
  ctx.actor = SYSTEM_ACTOR
  return authStatus(ctx)
}

export async function lockScreen(ctx: AppContext): Promise<AuthStatus> {
  if (ctx.session.accountsEnabled && ctx.session.userId) ctx.session.locked = true
  return authStatus(ctx)
}

export async function unlockScreen(ctx: AppContext, input: ParsedInput<'auth.unlock'>): Promise<AuthStatus> {
  if (!ctx.session.userId) throw new AppError('FORBIDDEN', '请先登录')
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', ctx.session.userId)
    .executeTakeFirstOrThrow()
  try {
    await checkPassword(ctx, row, input.password, 'password')
  } catch (error) {
    // Locked out while locked: the session ends; the next person signs in afresh.
    const after = await ctx.db.selectFrom('users').select('locked_until').where('id', '=', row.id).executeTakeFirst()
    if (after?.locked_until) await signOut(ctx)
    throw error
  }
  ctx.session.locked = false
  return authStatus(ctx)
}

export async function changePassword(ctx: AppContext, input: ParsedInput<'auth.changePassword'>): Promise<AuthStatus> {
  const id = ctx.session.accountsEnabled ? ctx.session.userId : null
  if (!id) throw new AppError('FORBIDDEN', '请先登录')
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  await checkPassword(ctx, row, input.current, 'current')
  if (input.current === input.next) throw invalidField('next', '新密码不能与当前密码相同')
  await storePassword(ctx, row, input.next, 'auth.changePassword')
  return authStatus(ctx)
}

/** Set a password (and lift any lock-out) in one audited change. */
export async function storePassword(ctx: AppContext, row: UserRow, password: string, action: string): Promise<void> {
  const { hash, salt } = await hashPassword(password)
  await writeChange(ctx, action, (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const changes = {
      password_hash: hash,
      password_salt: salt,
      password_changed_at: now,
      failed_sign_ins: 0,
      locked_until: null
    }
    return updateUserRow(trx, record, row, changes, now)
  })
}
