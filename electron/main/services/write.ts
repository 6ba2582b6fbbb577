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
import { auditHash, caseIdOf, GENESIS_HASH } from './trust/audit-hash'

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
    await appendAuditRows(trx, ctx, action, at, changes)
    const logRows = changes.map((change) => ({
      entity: change.entity,
      entity_id: change.entityId,
      operation: change.operation,
      version: change.version,
      changed_at: at
    }))
    for (const chunk of chunks(logRows)) await trx.insertInto('change_log').values(chunk).execute()
    return result
  })
}

/** What the audit trail records of one change or one access. */
export type AuditedItem = Pick<RecordedChange, 'entity' | 'entityId' | 'before' | 'after'>

/**
 * Append rows to the audit trail's hash chain. Inside the caller's IMMEDIATE
 * transaction no other writer can take the same place in the chain.
 */
async function appendAuditRows(
  trx: Trx,
  ctx: AppContext,
  action: string,
  at: string,
  items: AuditedItem[]
): Promise<void> {
  const last = await trx
    .selectFrom('audit_log')
    .select(['chain_seq', 'hash'])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  let chainSeq = last?.chain_seq ?? 0
  let prevHash = last?.hash ?? GENESIS_HASH
  const caseIds = items.map((c) => caseIdOf(c.entity, c.entityId, c.before ?? null, c.after ?? null))
  // A party saved while registering a case belongs to that case's trail, though parties are shared between cases.
  const distinctCases = new Set(caseIds.filter((id) => id !== null))
  const caseOfAction = distinctCases.size === 1 ? [...distinctCases][0] : null
  const rows = items.map((item, index) => {
    const fields = {
      id: uuidv7(),
      at,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.displayName,
      action,
      entity: item.entity,
      entity_id: item.entityId,
      case_id: caseIds[index] ?? caseOfAction,
      summary: JSON.stringify(summarize(item.before ?? null, item.after ?? null))
    }
    chainSeq += 1
    const hash = auditHash(chainSeq, prevHash, fields)
    const row = { ...fields, chain_seq: chainSeq, prev_hash: prevHash, hash }
    prevHash = hash
    return row
  })
  for (const chunk of chunks(rows)) await trx.insertInto('audit_log').values(chunk).execute()
}

/**
 * Multi-row inserts, a few hundred rows at a time: one statement per row cost
 * an intake save a dozen round trips through the binding (docs/performance.md),
 * and SQLite caps the bound values of one statement.
 */
function chunks<T>(rows: T[], size = 200): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/**
 * An audit entry for what changes no synchronised record — a backup taken, a
 * restore asked for, sensitive data shown unmasked — so it is in the trail
 * but not in the change log that feeds hub exports.
 */
export async function recordAuditOnly(ctx: AppContext, action: string, items: AuditedItem[]): Promise<void> {
  await ctx.db.transaction().execute((trx) => appendAuditRows(trx, ctx, action, ctx.clock.now().toISOString(), items))
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
