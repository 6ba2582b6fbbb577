/*
 * Good and bad inputs of the account and session methods, for the contract
 * table in contract-cases.ts (run through every transport). A fresh store is
 * still being set up (no account has a password), so every method is open.
 */
import { expect } from 'vitest'
import type { accountMethods } from '../../shared/contract/accounts'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { officeId } from './contract-cases'
import type { TempApp } from './temp-app'

const ADMIN = { username: 'Admin', displayName: '王主任', password: 'Ouhai2026' }
const CLERK_PASSWORD = 'Clerk2026a'

export function accountCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof accountMethods]: MethodCases<M> } {
  void registeredCaseId
  const setupAdmin = () => services['auth.setupAdmin'](app.ctx, { ...ADMIN, username: 'admin' })
  const addClerk = async () =>
    services['users.save'](app.ctx, {
      username: 'clerk1',
      displayName: '李受理',
      role: 'clerk',
      officeIds: [await officeId(app, 'wutian')],
      mediatorId: null,
      password: CLERK_PASSWORD
    })

  return {
    'auth.status': {
      good: async () => ({
        input: {},
        expectData: (status) => {
          expect(status).toMatchObject({ accountsEnabled: false, signedIn: true, locked: false, idleLockMinutes: 10 })
          expect(status.user).toMatchObject({ displayName: '本机管理员', role: 'admin', hasPassword: false })
        }
      }),
      bad: async () => [{ input: { user: 'admin' }, field: 'user' }]
    },
    'auth.setupAdmin': {
      good: async () => ({
        input: ADMIN,
        expectData: (status) => {
          expect(status).toMatchObject({ accountsEnabled: true, signedIn: true, locked: false })
          // Login names are kept in lower case: 'Admin' and 'admin' are one account.
          expect(status.user).toMatchObject({ username: 'admin', displayName: '王主任', hasPassword: true })
        }
      }),
      bad: async () => [
        { input: { ...ADMIN, password: 'Ou2026' }, field: 'password', message: '密码至少 8 位' },
        { input: { ...ADMIN, password: 'ouhaiwenzhou' }, field: 'password', message: '密码须同时包含字母和数字' },
        { input: { ...ADMIN, username: 'wang zhuren' }, field: 'username' },
        { input: { ...ADMIN, displayName: '' }, field: 'displayName' }
      ]
    },
    'auth.signIn': {
      good: async () => {
        await setupAdmin()
        await services['auth.signOut'](app.ctx, {})
        return {
          input: { username: 'ADMIN', password: ADMIN.password },
          expectData: (status) => expect(status).toMatchObject({ signedIn: true, user: { username: 'admin' } })
        }
      },
      bad: async () => [
        { input: { username: 'a', password: 'x' }, field: 'username', message: '登录名至少 2 个字符' },
        { input: { username: 'admin', password: '' }, field: 'password', message: '请输入密码' }
      ]
    },
    'auth.signOut': {
      good: async () => {
        await setupAdmin()
        return { input: {}, expectData: (status) => expect(status).toMatchObject({ signedIn: false, user: null }) }
      },
      bad: async () => [{ input: { everywhere: true }, field: 'everywhere' }]
    },
    'auth.lock': {
      good: async () => {
        await setupAdmin()
        return { input: {}, expectData: (status) => expect(status).toMatchObject({ signedIn: true, locked: true }) }
      },
      bad: async () => [{ input: { minutes: 5 }, field: 'minutes' }]
    },
    'auth.unlock': {
      good: async () => {
        await setupAdmin()
        await services['auth.lock'](app.ctx, {})
        return {
          input: { password: ADMIN.password },
          expectData: (status) => expect(status).toMatchObject({ signedIn: true, locked: false })
        }
      },
      bad: async () => [{ input: { password: '' }, field: 'password', message: '请输入密码' }]
    },
    'auth.changePassword': {
      good: async () => {
        await setupAdmin()
        return {
          input: { current: ADMIN.password, next: 'Wenzhou2027' },
          expectData: async () => {
            await services['auth.signOut'](app.ctx, {})
            const again = await services['auth.signIn'](app.ctx, { username: 'admin', password: 'Wenzhou2027' })
            expect(again.signedIn).toBe(true)
          }
        }
      },
      bad: async () => [{ input: { current: ADMIN.password, next: 'short1' }, field: 'next', message: '密码至少 8 位' }]
    },
    'users.list': {
      good: async () => {
        await addClerk()
        return {
          input: {},
          expectData: (users) =>
            expect(users.map((u) => [u.displayName, u.role, u.hasPassword])).toEqual([
              ['本机管理员', 'admin', false],
              ['李受理', 'clerk', true]
            ])
        }
      },
      bad: async () => [{ input: { role: 'clerk' }, field: 'role' }]
    },
    'users.save': {
      good: async () => {
        const wutian = await officeId(app, 'wutian')
        return {
          input: {
            username: 'clerk1',
            displayName: '李受理',
            role: 'clerk',
            officeIds: [wutian],
            password: CLERK_PASSWORD
          },
          expectData: (user) => {
            expect(user).toMatchObject({ username: 'clerk1', role: 'clerk', active: true, hasPassword: true })
            expect(user.officeIds).toEqual([wutian])
          }
        }
      },
      bad: async () => [
        { input: { username: 'clerk1', displayName: '李受理', role: 'boss', officeIds: [] }, field: 'role' },
        {
          input: { username: 'clerk1', displayName: '李受理', role: 'clerk', officeIds: [] },
          field: 'password',
          message: '新账户须设置初始密码'
        },
        {
          input: {
            username: 'clerk1',
            displayName: '李受理',
            role: 'clerk',
            officeIds: ['01a22700-0000-7000-8000-000000000000'],
            password: CLERK_PASSWORD
          },
          field: 'officeIds',
          message: '所选调解组织不存在'
        }
      ]
    },
    'users.resetPassword': {
      good: async () => {
        const clerk = await addClerk()
        return {
          input: { id: clerk.id, password: 'NewPass2027' },
          expectData: (user) => expect(user).toMatchObject({ id: clerk.id, hasPassword: true, lockedUntil: null })
        }
      },
      bad: async () => [
        { input: { id: 'x', password: 'NewPass2027' }, field: 'id', message: '用户编号无效' },
        { input: { id: '01a22700-0000-7000-8000-000000000000', password: 'short' }, field: 'password' }
      ]
    },
    'users.setActive': {
      good: async () => {
        const clerk = await addClerk()
        return { input: { id: clerk.id, active: false }, expectData: (user) => expect(user.active).toBe(false) }
      },
      bad: async () => [
        { input: { id: 'x', active: false }, field: 'id' },
        { input: { id: '01a22700-0000-7000-8000-000000000000', active: 'no' }, field: 'active' }
      ]
    }
  }
}
