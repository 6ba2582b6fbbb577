/*
 * hub.verify and hub.import at the district hub. Verification writes
 * nothing. Import verifies, then merges in one transaction together with its
 * history row, the office's new chain position and one audit entry for the
 * whole bundle. A refused bundle — by a check, or by the store refusing the
 * merge — leaves only its refusal row, with the reason in zh-CN.
 */
import type { HubImportEntry, HubVerification, MergeCounts } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { ndjsonName } from '../../../../shared/domain/hub-entities'
import { chinaDate } from '../../../../shared/rules/china-time'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { HubImportTable } from '../../db/schema-hub'
import { BULK_JOURNAL, inRollbackJournal } from '../../db/bulk-journal'
import { writeChange } from '../write'
import { checkBundle, type CheckedBundle } from './bundle-check'
import { importEntryOf } from './history'
import { mergeBundle } from './merge'
import { finishProgress, reportProgress } from './progress'

export const verifyBundle = (ctx: AppContext, input: ParsedInput<'hub.verify'>): Promise<HubVerification> =>
  verifyBytes(ctx, () => Buffer.from(input.base64, 'base64'))

export const importBundle = (ctx: AppContext, input: ParsedInput<'hub.import'>): Promise<HubImportEntry> =>
  importBytes(ctx, input.fileName, () => Buffer.from(input.base64, 'base64'))

/** The bundle's bytes, got once the progress says "checking" (decoding or reading 200 MB takes a moment). */
type BundleBytes = () => Buffer

export async function verifyBytes(ctx: AppContext, bytes: BundleBytes): Promise<HubVerification> {
  reportProgress('import', 'checking')
  try {
    return (await checkBundle(ctx.db, bytes(), checkingProgress)).verification
  } finally {
    finishProgress()
  }
}

export async function importBytes(ctx: AppContext, fileName: string, bytes: BundleBytes): Promise<HubImportEntry> {
  reportProgress('import', 'checking')
  try {
    const bundle = bytes()
    const checked = await checkBundle(ctx.db, bundle, checkingProgress)
    const manifest = checked.verification.manifest
    const row: HubImportTable = {
      id: uuidv7(),
      imported_at: ctx.clock.now().toISOString(),
      imported_by: ctx.actor.displayName,
      file_name: fileName,
      bundle_sha256: checked.verification.bundleSha256,
      size_bytes: bundle.length,
      office_code: manifest?.officeCode ?? null,
      sequence: manifest?.sequence ?? null,
      status: 'refused',
      reason: checked.verification.reason,
      merged: null,
      verification: JSON.stringify(checked.verification)
    }
    if (checked.accepted) {
      const { accepted } = checked
      reportProgress('import', 'merging')
      try {
        // A large bundle is merged with the rollback journal: WAL mode would write its pages twice (bulk-journal.ts).
        const merge = () => mergeAccepted(ctx, accepted, row)
        await (rowsOf(accepted.manifest) >= BULK_JOURNAL.minRows ? inRollbackJournal(ctx.db, ctx.log, merge) : merge())
        return importEntryOf(row, accepted.manifest.office.name)
      } catch (error) {
        // The store refused the merge (a constraint the checks cannot foresee): nothing was written; say so.
        ctx.log.error('hub.import merge refused', error)
        Object.assign(row, {
          status: 'refused',
          merged: null,
          reason: `合并时数据库拒绝写入，未写入任何数据：${storeRefusal(error)}`
        })
      }
    }
    await writeChange(ctx, 'hub.import', async (trx, record) => {
      await trx.insertInto('hub_imports').values(row).execute()
      record({ entity: 'hub_imports', entityId: row.id, operation: 'insert', version: 1, after: summaryOf(row, null) })
    })
    return importEntryOf(row, manifest?.officeName ?? null)
  } finally {
    finishProgress()
  }
}

type Accepted = NonNullable<CheckedBundle['accepted']>

const rowsOf = (manifest: Accepted['manifest']) =>
  Object.values(manifest.counts).reduce((n, c) => n + c.rows + c.tombstones, 0)

/** The merge, the office's new chain position, the history row and one audit entry: one transaction. */
function mergeAccepted(ctx: AppContext, accepted: Accepted, row: HubImportTable): Promise<void> {
  return writeChange(ctx, 'hub.import', async (trx, record) => {
    const merged: MergeCounts = await mergeBundle(
      trx,
      accepted.rows,
      chinaDate(ctx.clock.now()),
      (phase, done, total) => reportProgress('import', phase, done, total)
    )
    // What is left is the history row, the audit entry and the commit of everything merged.
    reportProgress('import', 'saving')
    await trx
      .updateTable('hub_office_keys')
      .set({
        last_sequence: accepted.manifest.sequence,
        last_bundle_sha256: row.bundle_sha256,
        last_imported_at: row.imported_at
      })
      .where('id', '=', accepted.registration.id)
      .execute()
    Object.assign(row, { status: 'accepted', reason: null, merged: JSON.stringify(merged) })
    await trx.insertInto('hub_imports').values(row).execute()
    record({ entity: 'hub_imports', entityId: row.id, operation: 'insert', version: 1, after: summaryOf(row, merged) })
  })
}

/**
 * Why the store refused the merge, in words a hub supervisor can act on:
 * which file and which field. SQLite's own text, with the statement, stays
 * in the log (`hub.import merge refused`).
 */
export function storeRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const unique = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/.exec(message)
  if (unique) {
    const columns = unique[1].split(', ').map((c) => c.split('.'))
    const file = ndjsonName(columns[0][0])
    return `${file} 中有一行与本中心已有的记录或数据包中的另一行重复（${columns.map(([, c]) => c).join('、')}）`
  }
  if (message.includes('FOREIGN KEY constraint failed')) return '数据包中有一行引用了本中心和数据包里都没有的记录'
  const check = /CHECK constraint failed: (.+?)(?: \[in:|$)/.exec(message)
  if (check) return `数据包中有一行的取值不符合数据库的约束（${check[1]}）`
  const notNull = /NOT NULL constraint failed: (\w+)\.(\w+)/.exec(message)
  if (notNull) return `${ndjsonName(notNull[1])} 中有一行缺少必填字段 ${notNull[2]}`
  return message.replace(/\s*\[in: [\s\S]*$/, '')
}

const checkingProgress = (done: number, total: number) => reportProgress('import', 'checking', done, total)

/** What the audit trail keeps of an import: which bundle, from whom, and its outcome — not the verification report. */
function summaryOf(row: HubImportTable, merged: MergeCounts | null): Record<string, unknown> {
  return {
    file_name: row.file_name,
    bundle_sha256: row.bundle_sha256,
    office_code: row.office_code,
    sequence: row.sequence,
    status: row.status,
    reason: row.reason,
    merged
  }
}
