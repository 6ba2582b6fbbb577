/*
 * Accounts in force: after the first administrator sets a password, nothing
 * but the public methods answers until someone signs in; wrong passwords
 * lock an account; the idle lock hides everything until the password is
 * typed again; and every method answers each role exactly as the permission
 * matrix says — a refusal is FORBIDDEN and writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../../../shared/ipc-contract'
import { PERMISSIONS } from '../../../../shared/permissions'
import { USER_ROLES, type UserRole } from '../../../../shared/domain/user'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import { officeId } from '../../../../tests/support/contract-cases'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import { assignSchema } from '../../../../shared/domain/mediator-input'
import { addMediator } from '../../../../tests/support/roster-fixtures'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { createHandlerTable, type HandlerTable } from '../../ipc/register'
import { startApp } from '../../startup'
import { services } from '../index'

const PASSWORD = 'Ouhai2026'
const clock = fixedClock('2026-11-30T01:00:00.000Z')
let app: TempApp
let handlers: HandlerTable

beforeEach(async () => {
  clock.set('2026-11-30T01:00:00.000Z')
  app = await startTempApp({ clock })
  const wutian = await chooseOffice(app, 'wutian')
  await services['auth.setupAdmin'](app.ctx, { username: 'admin', displayName: '王主任', password: PASSWORD })
  for (const role of USER_ROLES.filter((r) => r !== 'admin')) {
    await services['users.save'](app.ctx, {
      username: role.replace('_', '-'),
      displayName: `${role}用户`,
      role,
      officeIds: [wutian],
      mediatorId: null,
      password: PASSWORD
    })
  }
  handlers = createHandlerTable(app.ctx)
})
afterEach(() => app.dispose())

const signInAs = (username: string, password = PASSWORD) => handlers['auth.signIn']({ username, password })

describe('signing in', () => {
  it('after a restart, only the public methods answer until someone signs in', async () => {
    await app.close()
    const restarted = await startApp({ databasePath: app.dbPath, shell: 'harness', clock, log: app.ctx.log })
    app = { ...app, ...restarted, dispose: app.dispose }
    handlers = createHandlerTable(restarted.ctx)
    expect(await handlers['cases.list']({})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '请先登录' }
    })
    expect(await handlers['auth.status']({})).toMatchObject({
      ok: true,
      data: { accountsEnabled: true, signedIn: false }
    })
    expect(await signInAs('clerk')).toMatchObject({ ok: true, data: { user: { role: 'clerk' } } })
    expect((await handlers['cases.list']({})).ok).toBe(true)
  })

  it('locks an account after three wrong passwords in a row, for fifteen minutes', async () => {
    await handlers['auth.signOut']({})
    for (const attempt of [1, 2]) {
      expect(await signInAs('clerk', 'wrong-pass1'), `attempt ${attempt}`).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: '登录名或密码不正确' }
      })
    }
    const third = await signInAs('clerk', 'wrong-pass1')
    expect(third).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(!third.ok && third.error.message).toMatch(/连续输错密码 3 次，账户已锁定，请于 09:15 后再试/)
    // The right password does not open a locked account …
    expect(await signInAs('clerk')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // … until the fifteen minutes are over.
    clock.set('2026-11-30T01:15:01.000Z')
    expect(await signInAs('clerk')).toMatchObject({ ok: true })
    const trail = await services['audit.list'](app.ctx, { filter: { action: 'auth.signInFailed' } })
    expect(trail.rows).toHaveLength(3)
  })

  it('says the same for an unknown name as for a wrong password, and refuses a disabled account', async () => {
    await handlers['auth.signOut']({})
    expect(await signInAs('nobody')).toMatchObject({ ok: false, error: { message: '登录名或密码不正确' } })
    await signInAs('admin')
    const clerk = (await services['users.list'](app.ctx, {})).find((u) => u.username === 'clerk')!
    await handlers['users.setActive']({ id: clerk.id, active: false })
    await handlers['auth.signOut']({})
    expect(await signInAs('clerk')).toMatchObject({ ok: false, error: { message: '登录名或密码不正确' } })
  })

  it('the idle lock refuses every call until the password is typed again', async () => {
    await handlers['auth.lock']({})
    expect(await handlers['cases.list']({})).toMatchObject({
      ok: false,
      error: { message: '屏幕已锁定，请输入密码解锁' }
    })
    expect(await handlers['auth.unlock']({ password: 'wrong-pass1' })).toMatchObject({ ok: false })
    expect(await handlers['auth.unlock']({ password: PASSWORD })).toMatchObject({ ok: true, data: { locked: false } })
    expect((await handlers['cases.list']({})).ok).toBe(true)
  })

  it('never lets the last administrator go', async () => {
    const admin = (await services['users.list'](app.ctx, {})).find((u) => u.username === 'admin')!
    expect(await handlers['users.setActive']({ id: admin.id, active: false })).toMatchObject({
      ok: false,
      error: { fields: { id: '不能停用自己正在使用的账户' } }
    })
    expect(
      await handlers['users.save']({
        id: admin.id,
        username: 'admin',
        displayName: '王主任',
        role: 'clerk',
        officeIds: []
      })
    ).toMatchObject({ ok: false, error: { fields: { role: '这是唯一的系统管理员，不能改为其他角色' } } })
  })

  it('keeps no password or salt in the audit trail', async () => {
    const rows = await app.ctx.db.selectFrom('audit_log').select('summary').where('entity', '=', 'users').execute()
    expect(rows.length).toBeGreaterThan(4)
    for (const { summary } of rows) expect(summary).not.toMatch(/password_hash|password_salt/)
  })
})

describe('scope', () => {
  it('a clerk reaches the cases of their own office only; a supervisor reaches every office', async () => {
    const here = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))
    const there = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))
    const zeya = await officeId(app, 'zeya')
    await services['cases.route'](app.ctx, {
      caseId: there.id,
      kind: 'transfer',
      toOfficeId: zeya,
      note: '属泽雅镇辖区'
    })

    await handlers['auth.signOut']({})
    await signInAs('clerk')
    expect((await handlers['cases.get']({ caseId: here.id })).ok).toBe(true)
    expect(await handlers['cases.get']({ caseId: there.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/由泽雅.*办理，不属于你所在的调解组织/) }
    })
    const before = await tableCounts(app)
    expect(await handlers['cases.setRisk']({ caseId: there.id, riskLevel: 'red', reason: '有激化苗头' })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' }
      }
    )
    expect(await tableCounts(app)).toEqual(before)

    await handlers['auth.signOut']({})
    await signInAs('supervisor')
    expect((await handlers['cases.get']({ caseId: there.id })).ok).toBe(true)
  })
})

describe('own cases', () => {
  it('a mediator does the mediation work only on the cases their roster entry is assigned to', async () => {
    const lin = await addMediator(app, { name: '林海燕' })
    const wutian = await officeId(app, 'wutian')
    const mine = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))
    const other = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))
    for (const { id } of [mine, other]) await services['cases.accept'](app.ctx, { caseId: id })
    await services['assignments.assign'](
      app.ctx,
      assignSchema.parse({ caseId: mine.id, mediatorId: lin.id, role: 'lead' })
    )
    const account = await services['users.save'](app.ctx, {
      username: 'linhaiyan',
      displayName: '林海燕',
      role: 'mediator',
      officeIds: [wutian],
      mediatorId: lin.id,
      password: PASSWORD
    })
    expect(account.mediatorId).toBe(lin.id)

    await handlers['auth.signOut']({})
    await signInAs('linhaiyan')
    expect(await handlers['cases.startMediation']({ caseId: mine.id })).toMatchObject({ ok: true })
    expect(await handlers['cases.startMediation']({ caseId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '你不是该案件的承办调解员，不能办理此项' }
    })
    // Reading the office's other cases is still allowed.
    expect((await handlers['cases.get']({ caseId: other.id })).ok).toBe(true)

    // An account not linked to the roster is told what to do.
    await handlers['auth.signOut']({})
    await signInAs('mediator')
    expect(await handlers['cases.startMediation']({ caseId: mine.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('尚未关联调解员名册') }
    })
  })
})

describe('the permission matrix', () => {
  it('every method answers every role as the matrix says; a refusal is FORBIDDEN and writes nothing', async () => {
    const usernames: Record<UserRole, string> = {
      clerk: 'clerk',
      mediator: 'mediator',
      lawyer_mediator: 'lawyer-mediator',
      supervisor: 'supervisor',
      admin: 'admin'
    }
    for (const role of USER_ROLES) {
      await handlers['auth.signOut']({})
      expect(await signInAs(usernames[role])).toMatchObject({ ok: true })
      for (const method of METHOD_NAMES) {
        if (method === 'auth.signOut' || method === 'auth.lock') continue // would end the session under test
        const access = PERMISSIONS[method]
        const allowed = access === 'public' || access.includes(role)
        const before = await tableCounts(app)
        // An empty input: an allowed method may still refuse it, but never as FORBIDDEN by role.
        const result = await handlers[method]({})
        if (allowed) {
          expect(result.ok || !result.error.message.startsWith('当前角色'), `${role} ${method}`).toBe(true)
        } else {
          expect(result, `${role} ${method}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
          expect(await tableCounts(app)).toEqual(before)
        }
      }
    }
  }, 120_000)
})
