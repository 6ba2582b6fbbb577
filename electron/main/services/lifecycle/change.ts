/*
 * The frame of every lifecycle write: one audited transaction (write.ts) on
 * a case that exists and is not archived, with case_due refreshed at the end
 * so the overdue lists move with the change. A status change goes through
 * the status machine and leaves its case event.
 */
import type { CaseEventKind, CaseStatus } from '../../../../shared/domain/case'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { CaseRow } from '../../db/schema'
import { addCaseEvent } from '../case-events'
import { caseForUpdate, requireTransition, updateCase } from '../cases'
import { writeChange, type RecordChange, type Trx } from '../write'
import { refreshCaseDue } from './deadline-store'
import { refuseIfArchived, todayOf } from './guards'

export interface CaseChange {
  trx: Trx
  record: RecordChange
  theCase: CaseRow
  /** ISO instant of this change. */
  now: string
  /** China date of this change. */
  today: string
}

export async function changeCase<T>(
  ctx: AppContext,
  action: string,
  caseId: string,
  work: (change: CaseChange) => Promise<T>
): Promise<T> {
  return writeChange(ctx, action, async (trx, record) => {
    const theCase = await caseForUpdate(trx, caseId)
    refuseIfArchived(theCase.status)
    const today = todayOf(ctx)
    const result = await work({ trx, record, theCase, now: ctx.clock.now().toISOString(), today })
    await refreshCaseDue(trx, caseId, today)
    return result
  })
}

/** Move the case along the status machine and write the event saying so. */
export async function moveCase(
  ctx: AppContext,
  change: CaseChange,
  to: CaseStatus,
  kind: CaseEventKind,
  event: { reason?: string | null; detail?: Record<string, unknown> } = {}
): Promise<void> {
  const from = change.theCase.status as CaseStatus
  requireTransition(from, to, event.reason)
  await updateCase(change.trx, change.record, change.theCase, { status: to }, change.now)
  change.theCase = { ...change.theCase, status: to, version: change.theCase.version + 1 }
  await addCaseEvent(ctx, change.trx, change.record, change.theCase.id, kind, { from, to, ...event })
}

/** Insert one authored row of a lifecycle table, audited. */
export async function insertAuthored<T extends Record<string, unknown>>(
  ctx: AppContext,
  change: CaseChange,
  table:
    | 'case_records'
    | 'agreements'
    | 'terminations'
    | 'follow_ups'
    | 'judicial_confirmations'
    | 'mediation_extensions'
    | 'closing_reports'
    | 'case_archives'
    | 'case_amendments',
  values: T
): Promise<T & { id: string }> {
  const row = {
    id: uuidv7(),
    case_id: change.theCase.id,
    author_id: ctx.actor.id,
    author_name: ctx.actor.displayName,
    ...values,
    created_at: change.now,
    updated_at: change.now,
    version: 1
  }
  // The table's own row type is checked where `values` is built; here every table shares this frame.
  await change.trx
    .insertInto(table)
    .values(row as never)
    .execute()
  change.record({ entity: table, entityId: row.id, operation: 'insert', version: 1, after: row })
  return row
}

/** The active lead mediator's name, as the closing report and documents name them. */
export async function leadMediatorName(trx: Trx, caseId: string): Promise<string | null> {
  const lead = await trx
    .selectFrom('assignments')
    .innerJoin('mediators', 'mediators.id', 'assignments.mediator_id')
    .select('mediators.name')
    .where('assignments.case_id', '=', caseId)
    .where('assignments.role', '=', 'lead')
    .where('assignments.status', '=', 'active')
    .executeTakeFirst()
  return lead?.name ?? null
}
