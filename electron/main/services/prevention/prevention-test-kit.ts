/*
 * Shared moves of the prevention tests: register a case through the real
 * service (so the search index is filled), mark one resolved, and a store
 * with accounts in force where each role has a user of the Wutian office.
 */
import { registerCaseSchema, type RegisterCaseInput } from '../../../../shared/domain/case-input'
import { USER_ROLES } from '../../../../shared/domain/user'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import type { TempApp } from '../../../../tests/support/temp-app'
import { createHandlerTable, type HandlerTable } from '../../ipc/register'
import { services } from '../index'

export const PASSWORD = 'Ouhai2026'

export async function registerAt(app: TempApp, office: string, overrides: Partial<RegisterCaseInput> = {}) {
  await chooseOffice(app, office)
  return services['cases.register'](app.ctx, registerCaseSchema.parse(registration(overrides)))
}

/**
 * Seed data only: a generated case is put straight into a resolved status, as
 * the generated data set of the performance tests does; the lifecycle's own
 * tests cover how a case really gets there.
 */
export async function markResolved(app: TempApp, caseId: string, status = 'closed'): Promise<void> {
  await app.ctx.db.updateTable('cases').set({ status }).where('id', '=', caseId).execute()
}

/** Accounts in force: an administrator, and one user of every other role at Wutian (login = role). */
export async function withAccounts(app: TempApp): Promise<{ handlers: HandlerTable; ids: Record<string, string> }> {
  const wutian = await chooseOffice(app, 'wutian')
  await services['auth.setupAdmin'](app.ctx, { username: 'admin', displayName: '王主任', password: PASSWORD })
  const ids: Record<string, string> = {}
  for (const role of USER_ROLES.filter((r) => r !== 'admin')) {
    const user = await services['users.save'](app.ctx, {
      username: role.replace('_', '-'),
      displayName: `${role}用户`,
      role,
      officeIds: [wutian],
      mediatorId: null,
      password: PASSWORD
    })
    ids[role] = user.id
  }
  return { handlers: createHandlerTable(app.ctx), ids }
}
