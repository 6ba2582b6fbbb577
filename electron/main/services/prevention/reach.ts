/*
 * This installation's office: where the register's entries and referrals made here are filed. How far an
 * account reaches is accounts/scope.ts's reachableOffices, the same rule as for cases.
 */
import type { AppContext } from '../../context'
import { getSetting } from '../settings'

export async function installationOffice(ctx: AppContext): Promise<string | null> {
  return (await getSetting(ctx, { key: 'installation.officeId' })).value as string | null
}
