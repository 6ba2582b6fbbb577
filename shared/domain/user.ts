/* Local user accounts and their roles (DESIGN §3.7). Login arrives with the trust issue. */

export const USER_ROLES = ['clerk', 'mediator', 'lawyer_mediator', 'supervisor', 'admin'] as const

export type UserRole = (typeof USER_ROLES)[number]

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  clerk: '受理窗口',
  mediator: '调解员',
  lawyer_mediator: '律师调解员',
  supervisor: '督导',
  admin: '系统管理员'
}

export interface Actor {
  id: string
  displayName: string
  role: UserRole
}
