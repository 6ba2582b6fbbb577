/* The services behind the account and session methods (shared/contract/accounts.ts). */
import type { accountMethods } from '../../../../shared/contract/accounts'
import type { Service } from '../index'
import { listUsers, resetUserPassword, saveUser, setUserActive } from './account-admin'
import { authStatus, changePassword, lockScreen, setupAdmin, signIn, signOut, unlockScreen } from './auth'

export const accountServices: { [M in keyof typeof accountMethods]: Service<M> } = {
  'auth.status': authStatus,
  'auth.setupAdmin': setupAdmin,
  'auth.signIn': signIn,
  'auth.signOut': signOut,
  'auth.lock': lockScreen,
  'auth.unlock': unlockScreen,
  'auth.changePassword': changePassword,
  'users.list': listUsers,
  'users.save': saveUser,
  'users.resetPassword': resetUserPassword,
  'users.setActive': setUserActive
}
