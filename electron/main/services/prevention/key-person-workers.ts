/*
 * Who may be a key person's responsible worker (责任人): an active account of
 * a role that keeps the register (the roles allowed keyPersons.register, one
 * list in shared/permissions.ts) that reaches the office the person is filed
 * under — by the offices on the account, by this installation's office when
 * the account lists none, or everywhere for supervisors and administrators
 * (accounts/scope.ts, the same reach as for cases). keyPersons.workers
 * offers exactly these, and keyPersons.register and .setResponsible refuse
 * anyone else.
 */
import type { Kysely } from 'kysely'
import type { KeyPersonWorker } from '../../../../shared/domain/key-person'
import { USER_ROLES, type UserRole } from '../../../../shared/domain/user'
import { PERMISSIONS } from '../../../../shared/permissions'
import type { Database } from '../../db/schema'
import { ROLE_SCOPE } from '../accounts/scope'
import type { Trx } from '../write'

type Db = Kysely<Database> | Trx

const WORKER_ROLES = PERMISSIONS['keyPersons.register'] as readonly UserRole[]
const EVERY_OFFICE_ROLES = USER_ROLES.filter((role) => ROLE_SCOPE[role] === 'all')

/** The person's office: the case's, else this installation's, else the party's latest case's. */
export async function officeFor(
  db: Db,
  installation: string | null,
  partyId: string,
  caseId: string | null
): Promise<string | null> {
  if (caseId) {
    const found = await db.selectFrom('cases').select('handling_office_id').where('id', '=', caseId).executeTakeFirst()
    return found?.handling_office_id ?? null
  }
  if (installation) return installation
  const latest = await db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select('cases.handling_office_id')
    .where('case_parties.party_id', '=', partyId)
    .orderBy('cases.seq', 'desc')
    .executeTakeFirst()
  return latest?.handling_office_id ?? null
}

/** The accounts that may be responsible for a person of `officeId`: mediators first, then by name. */
export async function responsibleWorkers(
  db: Db,
  officeId: string,
  installation: string | null
): Promise<KeyPersonWorker[]> {
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.display_name', 'users.role'])
    .where('users.active', '=', 1)
    .where('users.username', 'is not', null)
    .where('users.role', 'in', WORKER_ROLES)
    .where((eb) => {
      const linked = eb
        .selectFrom('user_offices')
        .select('user_offices.id')
        .whereRef('user_offices.user_id', '=', 'users.id')
      return eb.or([
        eb('users.role', 'in', EVERY_OFFICE_ROLES),
        eb.exists(linked.where('user_offices.office_id', '=', officeId)),
        ...(installation === officeId ? [eb.not(eb.exists(linked))] : [])
      ])
    })
    .execute()
  return rows
    .map((r) => ({ id: r.id, displayName: r.display_name, role: r.role as UserRole }))
    .sort(
      (a, b) =>
        WORKER_ROLES.indexOf(a.role) - WORKER_ROLES.indexOf(b.role) ||
        a.displayName.localeCompare(b.displayName, 'zh-CN')
    )
}
