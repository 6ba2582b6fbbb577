/*
 * The one write path. Every change runs in a single transaction that also
 * writes an audit_log row (who, when, what, before/after) and a change_log row
 * (what the next hub export must carry) for each record it touched. If any
 * step fails, the transaction rolls back and no row is left anywhere.
 */
import type { Transaction } from 'kysely'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'

export type Trx = Transaction<Database>

export interface RecordedChange {
  entity: string
  entityId: string
  operation: 'insert' | 'update' | 'delete'
  /** The record's version after the change (for a delete: the version deleted). */
  version: number
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

export type RecordChange = (change: RecordedChange) => void

/**
 * Run `work` as one audited transaction. `work` calls `record` once for every
 * row it inserts, updates or deletes; `action` names what the user did
 * (`settings.set`, `cases.accept` …).
 */
export async function writeChange<T>(
  ctx: AppContext,
  action: string,
  work: (trx: Trx, record: RecordChange) => Promise<T>
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const changes: RecordedChange[] = []
    const result = await work(trx, (change) => changes.push(change))
    const at = ctx.clock.now().toISOString()
    for (const change of changes) {
      await trx
        .insertInto('audit_log')
        .values({
          id: uuidv7(),
          at,
          actor_id: ctx.actor.id,
          actor_name: ctx.actor.displayName,
          action,
          entity: change.entity,
          entity_id: change.entityId,
          summary: JSON.stringify(summarize(change.before ?? null, change.after ?? null))
        })
        .execute()
      await trx
        .insertInto('change_log')
        .values({
          entity: change.entity,
          entity_id: change.entityId,
          operation: change.operation,
          version: change.version,
          changed_at: at
        })
        .execute()
    }
    return result
  })
}

/** Only the fields that differ, so the audit trail reads as what changed. */
export function summarize(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after }
  const changedBefore: Record<string, unknown> = {}
  const changedAfter: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updated_at' || key === 'version') continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key]
      changedAfter[key] = after[key]
    }
  }
  return { before: changedBefore, after: changedAfter }
}
