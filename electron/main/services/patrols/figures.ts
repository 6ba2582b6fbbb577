/*
 * The statistics report's patrol figures (排查次数, 排查发现纠纷数), counted from
 * the patrol reports entered, so the report and the patrol register can never
 * disagree.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface PatrolFigures {
  /** Patrol reports in the period: 排查次数. */
  patrols: number
  /** Disputes those patrols found: 排查发现纠纷数. */
  disputesFound: number
}

export interface PatrolPeriod {
  /** Offices counted; an empty list counts nothing. */
  officeIds: readonly string[]
  /** First and last day of the period, 'YYYY-MM-DD', China time, both included. */
  from: string
  to: string
}

export async function patrolFigures(db: Kysely<Database>, period: PatrolPeriod): Promise<PatrolFigures> {
  if (period.officeIds.length === 0) return { patrols: 0, disputesFound: 0 }
  const row = await db
    .selectFrom('patrol_reports')
    .select((eb) => [eb.fn.countAll<number>().as('patrols'), eb.fn.sum<number | null>('disputes_found').as('found')])
    .where('office_id', 'in', period.officeIds)
    // patrolled_at is 'YYYY-MM-DD HH:mm': every time on the last day sorts below 'YYYY-MM-DD~'.
    .where('patrolled_at', '>=', period.from)
    .where('patrolled_at', '<', `${period.to}~`)
    .executeTakeFirstOrThrow()
  return { patrols: Number(row.patrols), disputesFound: Number(row.found ?? 0) }
}
