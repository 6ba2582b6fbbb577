/*
 * Accounts and sessions (DESIGN §3.7): the first administrator, signing in
 * and out, the idle lock, and the administrator's account screen.
 */
import {
  changePasswordSchema,
  resetPasswordSchema,
  saveUserSchema,
  setupAdminSchema,
  setUserActiveSchema,
  signInSchema,
  unlockSchema,
  type AuthStatus,
  type UserAccount
} from '../domain/account'
import { noInput, returns } from './define'

export const accountMethods = {
  /** Whether accounts are in force, who is signed in, whether the screen is locked, the idle-lock minutes. */
  'auth.status': { input: noInput, output: returns<AuthStatus>() },

  /** First run: the installation's administrator gets a login name and password; accounts are in force from then on. */
  'auth.setupAdmin': { input: setupAdminSchema, output: returns<AuthStatus>() },

  /** Sign in; three wrong passwords in a row lock the account for 15 minutes. Audited. */
  'auth.signIn': { input: signInSchema, output: returns<AuthStatus>() },

  /** Sign out. Audited. */
  'auth.signOut': { input: noInput, output: returns<AuthStatus>() },

  /** The idle lock: the session stays, the screen hides until the password is typed again. */
  'auth.lock': { input: noInput, output: returns<AuthStatus>() },

  /** Lift the idle lock with the signed-in user's password (wrong ones count towards the lock-out). */
  'auth.unlock': { input: unlockSchema, output: returns<AuthStatus>() },

  /** Change one's own password, giving the current one. Audited. */
  'auth.changePassword': { input: changePasswordSchema, output: returns<AuthStatus>() },

  /** Every account of this installation. */
  'users.list': { input: noInput, output: returns<UserAccount[]>() },

  /** Create (no id, with a password) or update an account: login name, name, role, offices. Audited. */
  'users.save': { input: saveUserSchema, output: returns<UserAccount>() },

  /** Set a new password for an account (and lift a lock-out). Audited. */
  'users.resetPassword': { input: resetPasswordSchema, output: returns<UserAccount>() },

  /** Disable or re-enable an account; a disabled account cannot sign in. Audited. */
  'users.setActive': { input: setUserActiveSchema, output: returns<UserAccount>() }
} as const
