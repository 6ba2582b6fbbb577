/*
 * The merge at the hub, inside the import's one transaction. Rows are
 * written with the version they carry, by UUIDv7 id: absent → inserted,
 * older at the hub → updated, otherwise left alone, so the same bundle twice
 * changes nothing. Tombstones delete (children before parents). Owned
 * children are replaced as a set with each parent that changed. Reference
 * rows (offices, chambers) are mapped to the hub's own rows by natural key.
 *
 * Nothing here calls `record`: merged rows are not the hub's own changes, and
 * logging them would make the hub's next export carry every office's rows
 * again under the hub's name. The import's single audit entry (with the
 * bundle's hash) is the evidence of where they came from.
 */
import type { Kysely } from 'kysely'
import type { MergeCounts } from '../../../../shared/domain/hub'
import type { HubEntity } from '../../../../shared/domain/hub-entities'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import type { HubRow, Tombstone } from '../../../../shared/rules/hub-rows'
import { SYSTEM_ACTOR } from '../../context'
import { refreshCaseSearch } from '../case-search-index'
import { refreshCaseDue } from '../lifecycle/deadline-store'
import type { Trx } from '../write'
import type { ParsedRows } from './bundle-lines'

const CHUNK = 400
const INSERT_BATCH = 50

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTrx = Kysely<any>

export async function mergeBundle(
  trx: Trx,
  rows: ParsedRows,
  tombstones: Tombstone[],
  today: string,
  onEntity: (done: number, total: number) => void
): Promise<MergeCounts> {
  const db = trx as unknown as AnyTrx
  const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 }
  const idMap = new Map<string, Map<string, string>>([['offices', await officeMap(db, rows.get('offices') ?? [])]])
  idMap.set('chambers', await mergeChambers(db, rows.get('chambers') ?? [], counts))

  for (const entity of [...HUB_ENTITIES].reverse()) {
    for (const t of tombstones.filter((x) => x.entity === entity.file)) {
      const result = await db
        .deleteFrom(entity.file)
        .where('id', '=', t.id)
        .where('version', '<=', t.version)
        .executeTakeFirst()
      counts.deleted += Number(result.numDeletedRows)
    }
  }

  const changedParents = new Map<string, Set<string>>()
  let nextCaseSeq =
    Number(
      (
        await db
          .selectFrom('cases')
          .select((eb) => eb.fn.max('seq').as('s'))
          .executeTakeFirst()
      )?.s ?? 0
    ) + 1
  for (const [index, entity] of HUB_ENTITIES.entries()) {
    onEntity(index + 1, HUB_ENTITIES.length)
    if (entity.mode === 'reference') continue
    let incoming = (rows.get(entity.file) ?? []).map((row) => mapRefs(entity, row, idMap))
    if (entity.mode === 'owned') {
      const parents = changedParents.get(entity.owner!.table) ?? new Set()
      incoming = incoming.filter((row) => parents.has(String(row[entity.owner!.column])))
      await dropReplacedChildren(db, entity, parents, incoming, counts)
    }
    const changed = new Set<string>()
    for (let i = 0; i < incoming.length; i += CHUNK) {
      const chunk = incoming.slice(i, i + CHUNK)
      const existing = new Map<string, { version: number; username?: string | null }>(
        (
          await db
            .selectFrom(entity.file)
            .select(entity.file === 'users' ? ['id', 'version', 'username'] : ['id', 'version'])
            .where(
              'id',
              'in',
              chunk.map((r) => r.id)
            )
            .execute()
        ).map((r) => [r.id as string, r])
      )
      const inserts: HubRow[] = []
      for (const row of chunk) {
        const id = String(row.id)
        const found = existing.get(id)
        if (entity.file === 'users' && (id === SYSTEM_ACTOR.id || (found && found.username))) {
          counts.unchanged += 1 // the hub's own accounts are never overwritten by an office's staff list
          continue
        }
        if (!found) {
          inserts.push(entity.file === 'cases' ? { ...row, seq: nextCaseSeq++ } : localised(entity, row))
          changed.add(id)
        } else if (Number(row.version) > found.version) {
          const { id: _id, ...fields } = localised(entity, row)
          await db.updateTable(entity.file).set(fields).where('id', '=', id).execute()
          counts.updated += 1
          changed.add(id)
        } else counts.unchanged += 1
      }
      for (let j = 0; j < inserts.length; j += INSERT_BATCH) {
        await db
          .insertInto(entity.file)
          .values(inserts.slice(j, j + INSERT_BATCH))
          .execute()
      }
      counts.inserted += inserts.length
    }
    changedParents.set(entity.file, changed)
  }
  await refreshCaseIndexes(trx, db, changedParents, today)
  return counts
}

/** Office ids differ between installations (each seeds its own): the code is what names an office. */
async function officeMap(db: AnyTrx, offices: HubRow[]): Promise<Map<string, string>> {
  const hub = new Map((await db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id]))
  return new Map(offices.map((o) => [String(o.id), hub.get(String(o.code))!]))
}

/** Chambers are matched by name (unique); a chamber the hub lacks is added with the office's id. */
async function mergeChambers(db: AnyTrx, chambers: HubRow[], counts: MergeCounts): Promise<Map<string, string>> {
  const map = new Map<string, string>()
  for (const chamber of chambers) {
    const hub = await db
      .selectFrom('chambers')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', chamber.id), eb('name', '=', chamber.name)]))
      .executeTakeFirst()
    if (hub) {
      map.set(String(chamber.id), hub.id as string)
      counts.unchanged += 1
    } else {
      await db.insertInto('chambers').values(chamber).execute()
      map.set(String(chamber.id), String(chamber.id))
      counts.inserted += 1
    }
  }
  return map
}

function mapRefs(entity: HubEntity, row: HubRow, idMap: Map<string, Map<string, string>>): HubRow {
  if (!entity.refs) return row
  const mapped = { ...row }
  for (const [column, target] of Object.entries(entity.refs)) {
    const value = row[column]
    if (value !== null) mapped[column] = idMap.get(target)?.get(String(value)) ?? value
  }
  return mapped
}

/** Staff of other offices are kept for attribution only: never able to sign in at the hub. */
function localised(entity: HubEntity, row: HubRow): HubRow {
  return entity.file === 'users' ? { ...row, active: 0 } : row
}

/** The children a changed parent no longer has: its set in the bundle is the whole set. */
async function dropReplacedChildren(
  db: AnyTrx,
  entity: HubEntity,
  parents: Set<string>,
  incoming: HubRow[],
  counts: MergeCounts
): Promise<void> {
  const keep = new Set(incoming.map((r) => String(r.id)))
  const parentIds = [...parents]
  for (let i = 0; i < parentIds.length; i += CHUNK) {
    const current = await db
      .selectFrom(entity.file)
      .select('id')
      .where(entity.owner!.column, 'in', parentIds.slice(i, i + CHUNK))
      .execute()
    const gone = current.map((r) => r.id as string).filter((id) => !keep.has(id))
    for (let j = 0; j < gone.length; j += CHUNK) {
      await db
        .deleteFrom(entity.file)
        .where('id', 'in', gone.slice(j, j + CHUNK))
        .execute()
    }
    counts.deleted += gone.length
  }
}

/** The search index and the due-date table are derived: rebuilt for every case whose rows moved. */
async function refreshCaseIndexes(
  trx: Trx,
  db: AnyTrx,
  changed: Map<string, Set<string>>,
  today: string
): Promise<void> {
  const caseIds = new Set(changed.get('cases') ?? [])
  for (const entity of HUB_ENTITIES) {
    if (entity.file === 'cases' || !entity.fields.some((f) => f.name === 'case_id')) continue
    const ids = [...(changed.get(entity.file) ?? [])]
    for (let i = 0; i < ids.length; i += CHUNK) {
      const found = await db
        .selectFrom(entity.file)
        .select('case_id')
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute()
      for (const r of found) caseIds.add(r.case_id as string)
    }
  }
  const parties = [...(changed.get('parties') ?? [])]
  for (let i = 0; i < parties.length; i += CHUNK) {
    const found = await trx
      .selectFrom('case_parties')
      .select('case_id')
      .where('party_id', 'in', parties.slice(i, i + CHUNK))
      .execute()
    for (const r of found) caseIds.add(r.case_id)
  }
  for (const caseId of caseIds) {
    await refreshCaseSearch(trx, caseId)
    await refreshCaseDue(trx, caseId, today)
  }
}
