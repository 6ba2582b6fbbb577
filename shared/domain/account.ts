/*
 * Local accounts (DESIGN §3.7): who may sign in, with which role, at which
 * offices; the password rules; what the window knows about the session.
 * Accounts take effect once the first administrator has set a password at
 * first run: from then on every method needs a signed-in, unlocked session.
 */
import { z } from '../validation'
import { USER_ROLES, type UserRole } from './user'

/** Roles whose accounts stand for a roster entry, and whose "own cases" are that entry's assignments. */
export const ROSTER_ROLES: readonly UserRole[] = ['mediator', 'lawyer_mediator']

/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_SIGN_INS = 3
export const LOCKOUT_MINUTES = 15

/** Idle minutes before the screen locks, unless Settings say otherwise. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10

export const usernameSchema = z
  .string()
  .trim()
  .min(2, '登录名至少 2 个字符')
  .max(32, '登录名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '登录名只能包含字母、数字、下划线、点和短横线')
  .transform((value) => value.toLowerCase())

/**
 * At least 8 characters with both letters and digits: the graded-protection
 * baseline asks for complexity, and clerks must still be able to type it.
 */
export const passwordSchema = z
  .string()
  .min(8, '密码至少 8 位')
  .max(64, '密码不能超过 64 位')
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), '密码须同时包含字母和数字')

export const displayNameSchema = z.string().trim().min(1, '此项不能为空').max(40, '不能超过 40 个字符')

export interface UserAccount {
  id: string
  username: string | null
  displayName: string
  role: UserRole
  active: boolean
  officeIds: string[]
  /** A mediator's or lawyer-mediator's roster entry: they handle the cases it is assigned to. */
  mediatorId: string | null
  /** Locked after repeated wrong passwords, until this instant (UTC ISO). */
  lockedUntil: string | null
  hasPassword: boolean
}

export interface AuthStatus {
  /** False until the first administrator has set a password: the installation is still being set up. */
  accountsEnabled: boolean
  signedIn: boolean
  /** The idle lock is on: the screen stays hidden until the password is typed again. */
  locked: boolean
  user: UserAccount | null
  idleLockMinutes: number
}

export const setupAdminSchema = z
  .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema })
  .strict()

export const signInSchema = z
  .object({ username: usernameSchema, password: z.string().min(1, '请输入密码').max(64, '密码不能超过 64 位') })
  .strict()

export const unlockSchema = z
  .object({ password: z.string().min(1, '请输入密码').max(64, '密码不能超过 64 位') })
  .strict()

export const changePasswordSchema = z
  .object({ current: z.string().min(1, '请输入当前密码').max(64), next: passwordSchema })
  .strict()

export const saveUserSchema = z
  .object({
    id: z.uuid('用户编号无效').optional(),
    username: usernameSchema,
    displayName: displayNameSchema,
    role: z.enum(USER_ROLES, '没有这个角色'),
    officeIds: z.array(z.uuid('调解组织编号无效')).max(20),
    mediatorId: z.uuid('调解员编号无效').nullable().default(null),
    /** Required for a new account; an existing one changes its password by reset. */
    password: passwordSchema.optional()
  })
  .strict()

export const resetPasswordSchema = z.object({ id: z.uuid('用户编号无效'), password: passwordSchema }).strict()

export const setUserActiveSchema = z.object({ id: z.uuid('用户编号无效'), active: z.boolean('应为是或否') }).strict()
