/*
 * Chains the audit trail (DESIGN §3.7): every row gets its position, the
 * previous row's hash and its own, so an altered or removed row is
 * detectable; and the case it belongs to, so a case's trail reads quickly.
 * Rows written before this migration are chained here in the order they were
 * written, the only time the append-only trigger is lifted, inside the
 * migration's transaction.
 * Frozen in time: it keeps its own copy of the hash so later code changes cannot alter it.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const GENESIS_HASH = '0'.repeat(64)

interface OldRow {
  id: string
  at: string
  actor_id: string
  actor_name: string
  action: string
  entity: string
  entity_id: string
  summary: string
}

/** An update's summary holds only what changed, so older child-row updates may stay without a case. */
function caseIdOf(row: OldRow): string | null {
  if (row.entity === 'cases') return row.entity_id
  const { before, after } = JSON.parse(row.summary) as {
    before?: Record<string, unknown> | null
    after?: Record<string, unknown> | null
  }
  const caseId = after?.case_id ?? before?.case_id
  return typeof caseId === 'string' ? caseId : null
}

function hashOf(chainSeq: number, prevHash: string, row: OldRow, caseId: string | null): string {
  const fields = [
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    caseId,
    row.summary
  ]
  return createHash('sha256')
    .update(`${chainSeq}\n${prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex')
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('chain_seq', 'integer').execute()
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute()
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute()
  await db.schema.alterTable('audit_log').addColumn('case_id', 'text').execute()

  await sql`drop trigger audit_log_no_update`.execute(db)
  const rows = (await sql<OldRow>`select * from audit_log order by rowid`.execute(db)).rows
  let prevHash = GENESIS_HASH
  for (const [index, row] of rows.entries()) {
    const chainSeq = index + 1
    const caseId = caseIdOf(row)
    const hash = hashOf(chainSeq, prevHash, row, caseId)
    await sql`update audit_log set chain_seq = ${chainSeq}, prev_hash = ${prevHash}, hash = ${hash},
              case_id = ${caseId} where id = ${row.id}`.execute(db)
    prevHash = hash
  }
  await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)

  await db.schema.createIndex('audit_log_chain').unique().on('audit_log').column('chain_seq').execute()
  await db.schema.createIndex('audit_log_case').on('audit_log').columns(['case_id', 'chain_seq']).execute()
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'chain_seq']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const index of ['audit_log_actor', 'audit_log_case', 'audit_log_chain']) {
    await db.schema.dropIndex(index).execute()
  }
}
