/*
 * The audit trail's hash chain. Each audit row carries its position
 * (chain_seq), the previous row's hash and its own hash over both and every
 * field it records, so a row altered, removed or slipped in — even by someone
 * who drops the append-only triggers with a SQLite tool — breaks the chain at
 * that row. Pure: used by the write helper, the migration that chained the
 * rows written before the chain existed, the seed tool and the verifier.
 */
import { createHash } from 'node:crypto'

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64)

/** The fields an audit row records, in the order they are hashed. */
export interface AuditFields {
  id: string
  at: string
  actor_id: string
  actor_name: string
  action: string
  entity: string
  entity_id: string
  case_id: string | null
  summary: string
}

export function auditHash(chainSeq: number, prevHash: string, row: AuditFields): string {
  const fields = [
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.case_id,
    row.summary
  ]
  return createHash('sha256')
    .update(`${chainSeq}\n${prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex')
}

/** The case a change belongs to, so the audit trail can be read per case. */
export function caseIdOf(
  entity: string,
  entityId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null
): string | null {
  if (entity === 'cases') return entityId
  const caseId = after?.case_id ?? before?.case_id
  return typeof caseId === 'string' ? caseId : null
}
