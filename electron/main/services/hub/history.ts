/* hub.exports and hub.imports: the two histories, newest first. */
import type { Selectable } from 'kysely'
import type { HubExportEntry, HubImportEntry, HubVerification, MergeCounts } from '../../../../shared/domain/hub'
import type { AppContext } from '../../context'
import type { HubExportTable, HubImportTable } from '../../db/schema-hub'
import { isKept } from './kept-bundles'

const HISTORY_LIMIT = 200

export function exportEntryOf(row: Selectable<HubExportTable>, kept: boolean): HubExportEntry {
  return {
    id: row.id,
    sequence: row.sequence,
    kind: row.kind,
    policy: row.policy,
    fromSeq: row.from_seq,
    toSeq: row.to_seq,
    counts: JSON.parse(row.counts) as HubExportEntry['counts'],
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    fileName: row.file_name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    kept
  }
}

export function importEntryOf(row: Selectable<HubImportTable>, officeName: string | null): HubImportEntry {
  return {
    id: row.id,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    fileName: row.file_name,
    bundleSha256: row.bundle_sha256,
    sizeBytes: row.size_bytes,
    officeCode: row.office_code,
    officeName,
    sequence: row.sequence,
    status: row.status,
    reason: row.reason,
    merged: row.merged ? (JSON.parse(row.merged) as MergeCounts) : null,
    verification: JSON.parse(row.verification) as HubVerification
  }
}

export async function listExports(ctx: AppContext): Promise<HubExportEntry[]> {
  const rows = await ctx.db
    .selectFrom('hub_exports')
    .selectAll()
    .orderBy('sequence', 'desc')
    .limit(HISTORY_LIMIT)
    .execute()
  return rows.map((row) => exportEntryOf(row, isKept(ctx.runtime.databasePath, row.file_name)))
}

export async function listImports(ctx: AppContext): Promise<HubImportEntry[]> {
  const rows = await ctx.db
    .selectFrom('hub_imports')
    .leftJoin('offices', 'offices.code', 'hub_imports.office_code')
    .selectAll('hub_imports')
    .select('offices.name as office_name')
    .orderBy('hub_imports.imported_at', 'desc')
    .orderBy('hub_imports.id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute()
  return rows.map((row) => importEntryOf(row, row.office_name))
}
