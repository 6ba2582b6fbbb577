/* The case timeline: every routing, status change, assignment and recusal is an event, written in the change's transaction. */
import type { CaseEventKind, CaseStatus } from '../../../shared/domain/case'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import type { CaseEventRow } from '../db/schema'
import type { RecordChange, Trx } from './write'

export async function addCaseEvent(
  ctx: AppContext,
  trx: Trx,
  record: RecordChange,
  caseId: string,
  kind: CaseEventKind,
  event: { from?: CaseStatus | null; to?: CaseStatus | null; reason?: string | null; detail?: Record<string, unknown> }
): Promise<CaseEventRow> {
  const now = ctx.clock.now().toISOString()
  const row = {
    id: uuidv7(),
    case_id: caseId,
    at: now,
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.displayName,
    kind,
    from_status: event.from ?? null,
    to_status: event.to ?? null,
    reason: event.reason ?? null,
    detail: JSON.stringify(event.detail ?? {}),
    created_at: now,
    updated_at: now,
    version: 1
  }
  await trx.insertInto('case_events').values(row).execute()
  record({ entity: 'case_events', entityId: row.id, operation: 'insert', version: 1, after: row })
  return row
}
