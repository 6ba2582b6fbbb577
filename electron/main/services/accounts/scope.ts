/*
 * How far an account reaches (DESIGN §3.7, the matrix's second dimension).
 * Supervisors and administrators see every office's cases — the hub holds
 * the whole district. Clerks, mediators and lawyer-mediators work on the
 * cases of their own offices (the offices on their account, or this
 * installation's office when none is listed), and mediators do the
 * mediation work only on the cases they are assigned to. A method reaches a case
 * through its input: the case id itself, or the session, assignment, term
 * or confirmation that belongs to one.
 */
import type { UserRole } from '../../../../shared/domain/user'
import type { MethodName, ParsedInput } from '../../../../shared/ipc-contract'
import type { CaseListFilter } from '../../../../shared/domain/stats'
import { ROSTER_ROLES } from '../../../../shared/domain/account'
import { isOwnCaseWork } from '../../../../shared/permissions'
import type { AppContext } from '../../context'
import { getSetting } from '../settings'
import { AppError } from '../../errors'

export const ROLE_SCOPE: Record<UserRole, 'all' | 'own_office'> = {
  clerk: 'own_office',
  mediator: 'own_office',
  lawyer_mediator: 'own_office',
  supervisor: 'all',
  admin: 'all'
}

type Input = Record<string, unknown>
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** The case a call is about, if its input names one. */
async function caseOf(ctx: AppContext, method: MethodName, input: Input): Promise<string | null> {
  const direct = text(input.caseId)
  if (direct) return direct
  const lookups: Array<[string | null, () => Promise<{ case_id: string } | undefined>]> = [
    [
      method.startsWith('hearings.') ? text(input.id) : null,
      () => ctx.db.selectFrom('hearings').select('case_id').where('id', '=', text(input.id)!).executeTakeFirst()
    ],
    [
      text(input.assignmentId),
      () =>
        ctx.db
          .selectFrom('assignments')
          .select('case_id')
          .where('id', '=', text(input.assignmentId)!)
          .executeTakeFirst()
    ],
    [
      text(input.termId),
      () =>
        ctx.db.selectFrom('agreement_terms').select('case_id').where('id', '=', text(input.termId)!).executeTakeFirst()
    ],
    [
      text(input.confirmationId),
      () =>
        ctx.db
          .selectFrom('judicial_confirmations')
          .select('case_id')
          .where('id', '=', text(input.confirmationId)!)
          .executeTakeFirst()
    ]
  ]
  for (const [key, lookup] of lookups) if (key) return (await lookup())?.case_id ?? null
  return null
}

/**
 * The offices the signed-in account reaches, or null for every office (supervisors, administrators, and any
 * installation not yet using accounts): the offices on the account, else this installation's office.
 */
export async function reachableOffices(ctx: AppContext): Promise<string[] | null> {
  if (!ctx.session.accountsEnabled || ROLE_SCOPE[ctx.actor.role] === 'all') return null
  const linked = await ctx.db
    .selectFrom('user_offices')
    .select('office_id')
    .where('user_id', '=', ctx.actor.id)
    .execute()
  if (linked.length > 0) return linked.map((l) => l.office_id)
  const installation = (await getSetting(ctx, { key: 'installation.officeId' })).value as string | null
  return installation ? [installation] : []
}

/**
 * A list's or a figure's filter within reach: an account of one office has it named, so a figure's link opens the
 * same cases, and the office's own indexes can drive the list (case-list.ts indexedColumns).
 */
export function withinReach(filter: ParsedInput<'cases.list'>, offices: string[] | null): ParsedInput<'cases.list'>
export function withinReach(filter: CaseListFilter, offices: string[] | null): CaseListFilter
export function withinReach(filter: { officeId?: string }, offices: string[] | null): { officeId?: string } {
  if (offices && offices.length === 1 && !filter.officeId) return { ...filter, officeId: offices[0] }
  return filter
}

/** Refuse an office outside the account's reach, asked for by name (a list or chart filter). */
export function checkOffice(officeId: string | undefined, offices: string[] | null): void {
  if (officeId && offices && !offices.includes(officeId)) {
    throw new AppError('FORBIDDEN', '该调解组织不在你的工作范围内，只能查看本组织的案件和统计')
  }
}

/** Why the signed-in account may not reach the case this call is about, or null. */
export async function scopeRefusal(ctx: AppContext, method: MethodName, input: unknown): Promise<string | null> {
  if (!ctx.session.accountsEnabled || ROLE_SCOPE[ctx.actor.role] === 'all') return null
  if (typeof input !== 'object' || input === null) return null
  const caseId = await caseOf(ctx, method, input as Input)
  if (!caseId) return null
  const theCase = await ctx.db
    .selectFrom('cases')
    .innerJoin('offices', 'offices.id', 'cases.handling_office_id')
    .select(['cases.handling_office_id', 'offices.name'])
    .where('cases.id', '=', caseId)
    .executeTakeFirst()
  // An unknown case is the service's to report (NOT_FOUND), not a question of scope.
  if (!theCase) return null
  const offices = (await reachableOffices(ctx)) ?? []
  if (!offices.includes(theCase.handling_office_id)) return `该案件由${theCase.name}办理，不属于你所在的调解组织`
  if (ROSTER_ROLES.includes(ctx.actor.role) && isOwnCaseWork(method)) return ownCaseRefusal(ctx, caseId)
  return null
}

/** A mediator's own cases: those their roster entry holds an active assignment on. */
async function ownCaseRefusal(ctx: AppContext, caseId: string): Promise<string | null> {
  const account = await ctx.db
    .selectFrom('users')
    .select('mediator_id')
    .where('id', '=', ctx.actor.id)
    .executeTakeFirst()
  if (!account?.mediator_id) return '你的账户尚未关联调解员名册，请管理员在账户管理中关联后再办理案件'
  const assigned = await ctx.db
    .selectFrom('assignments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('mediator_id', '=', account.mediator_id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return assigned ? null : '你不是该案件的承办调解员，不能办理此项'
}
