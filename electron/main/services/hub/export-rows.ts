/*
 * Which rows a bundle carries: everything the change log names after the
 * last exported position (incremental) or every row (full). Rows the log
 * names that are gone become tombstones; `owned` children travel whole with
 * each parent that travels; `reference` tables are always sent whole so the
 * hub can map their ids by natural key.
 */
import { sql, type Kysely } from 'kysely'
import type { HubEntity } from '../../../../shared/domain/hub-entities'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import type { Tombstone } from '../../../../shared/rules/hub-rows'
import type { Database } from '../../db/schema'

const CHUNK = 500

export interface CollectedRows {
  rows: Map<string, Array<Record<string, unknown>>>
  tombstones: Tombstone[]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

async function rowsByIds(
  db: AnyDb,
  table: string,
  column: string,
  ids: string[]
): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    found.push(...(await db.selectFrom(table).selectAll().where(column, 'in', chunk).execute()))
  }
  return found
}

/** Latest change-log entry per record in (fromSeq, toSeq], by entity. */
async function changedRecords(
  db: Kysely<Database>,
  fromSeq: number,
  toSeq: number
): Promise<Map<string, Map<string, { operation: string; version: number }>>> {
  const logged = HUB_ENTITIES.filter((e) => e.mode === 'logged').map((e) => e.file)
  const { rows } = await sql<{ entity: string; entity_id: string; operation: string; version: number }>`
    select c.entity, c.entity_id, c.operation, c.version from change_log c
    join (select entity, entity_id, max(seq) as last from change_log
          where seq > ${fromSeq} and seq <= ${toSeq} group by entity, entity_id) l on l.last = c.seq
    where c.entity in (${sql.join(logged)})`.execute(db)
  const byEntity = new Map<string, Map<string, { operation: string; version: number }>>()
  for (const row of rows) {
    if (!byEntity.has(row.entity)) byEntity.set(row.entity, new Map())
    byEntity.get(row.entity)!.set(row.entity_id, { operation: row.operation, version: row.version })
  }
  return byEntity
}

export async function collectRows(
  db: Kysely<Database>,
  kind: 'incremental' | 'full',
  fromSeq: number,
  toSeq: number,
  onEntity: (done: number, total: number) => void
): Promise<CollectedRows> {
  const anyDb = db as unknown as AnyDb
  const rows = new Map<string, Array<Record<string, unknown>>>()
  const tombstones: Tombstone[] = []
  const changed = kind === 'incremental' ? await changedRecords(db, fromSeq, toSeq) : null

  const rowsOf = async (entity: HubEntity): Promise<Array<Record<string, unknown>>> => {
    if (entity.mode === 'reference' || !changed) return anyDb.selectFrom(entity.file).selectAll().execute()
    if (entity.mode === 'owned') {
      const parents = (rows.get(entity.owner!.table) ?? []).map((r) => r.id as string)
      return rowsByIds(anyDb, entity.file, entity.owner!.column, parents)
    }
    const named = changed.get(entity.file) ?? new Map()
    const present = await rowsByIds(anyDb, entity.file, 'id', [...named.keys()])
    const presentIds = new Set(present.map((r) => r.id as string))
    for (const [id, last] of named) {
      if (!presentIds.has(id)) tombstones.push({ entity: entity.file, id, version: last.version })
    }
    return present
  }

  for (const [index, entity] of HUB_ENTITIES.entries()) {
    const found = await rowsOf(entity)
    found.sort((a, b) => String(a.id).localeCompare(String(b.id)))
    rows.set(entity.file, found)
    onEntity(index + 1, HUB_ENTITIES.length)
  }
  tombstones.sort((a, b) => a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id))
  return { rows, tombstones }
}

/** True when the bundle would carry nothing but the reference tables. */
export function carriesChanges(collected: CollectedRows): boolean {
  if (collected.tombstones.length > 0) return true
  return HUB_ENTITIES.some((e) => e.mode !== 'reference' && (collected.rows.get(e.file)?.length ?? 0) > 0)
}
