import type { AppInfo } from '../../../shared/domain/app-info'
import type { AppContext } from '../context'
import { findOffice } from './offices'
import { getSetting } from './settings'

export async function appInfo(ctx: AppContext): Promise<AppInfo> {
  const officeSetting = await getSetting(ctx, { key: 'installation.officeId' })
  const office = typeof officeSetting.value === 'string' ? await findOffice(ctx, officeSetting.value) : null
  const check = ctx.maintenance.lastIntegrityCheck
  return { ...ctx.runtime, office, user: ctx.actor, storeProblem: check && !check.ok ? check : null }
}
