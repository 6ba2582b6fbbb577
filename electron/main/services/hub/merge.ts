/*
 * The merge at the hub, inside the import's one transaction. Rows are
 * written with the version they carry, by UUIDv7 id: absent → inserted,
 * older at the hub → updated, otherwise left alone, so the same bundle twice
 * changes nothing. Tombstones delete (children before parents). Owned
 * children are replaced as a set with each parent that changed. Reference
 * rows (offices, chambers, grids) are mapped to the hub's own rows by
 * natural key. Everything goes in set-sized statements (raw-rows.ts): the
 * versions of 500 ids in one query, their inserts and updates in one
 * multi-row statement each, and the derived tables rebuilt once at the end
 * for every case touched (derived-indexes.ts).
 *
 * Nothing here calls `record`: merged rows are not the hub's own changes, and
 * logging them would make the hub's next export carry every office's rows
 * again under the hub's name. The import's single audit entry (with the
 * bundle's hash) is the evidence of where they came from.
 */
import type { MergeCounts } from '../../../../shared/domain/hub'
import type { HubEntity } from '../../../../shared/domain/hub-entities'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import type { HubRow, Tombstone } from '../../../../shared/rules/hub-rows'
import { SYSTEM_ACTOR } from '../../context'
import { SEARCH_FTS_TABLES } from '../case-search-index'
import type { Trx } from '../write'
import type { BundleRows } from './bundle-scan'
import { REBUILD_STEPS, rebuildCaseIndexes } from './derived-indexes'
import {
  execRaw,
  fullInsertText,
  hasRows,
  insertMany,
  insertStatements,
  selectRaw,
  updateMany,
  updateStatements,
  withOrderedStatements,
  type OrderedStatements
} from './raw-rows'
import { officeIdMap } from './origin-guard'

/** Ids per version lookup (one bound value each). */
const CHUNK = 500
/** The page cache while merging (negative: KiB), for this connection only, put back afterwards. */
const MERGE_CACHE_KIB = -262144

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(',')

/** What merging an entity's rows changed: ids written, and the cases whose derived rows must be rebuilt. */
interface Touched {
  changed: Map<string, Set<string>>
  cases: Set<string>
  /** Parties updated in place: they may be in hub cases the bundle does not carry. */
  parties: Set<string>
}

export async function mergeBundle(
  trx: Trx,
  rows: BundleRows,
  today: string,
  onProgress: MergeProgress
): Promise<MergeCounts> {
  const [{ cache_size: cacheSize }] = await selectRaw<{ cache_size: number }>(trx, 'pragma cache_size')
  // A large bundle is one large transaction: with the default 2 MB page cache SQLite spills and re-reads index pages all along.
  await execRaw(trx, `pragma cache_size = ${MERGE_CACHE_KIB}`)
  try {
    return await mergeRows(trx, rows, today, onProgress)
  } finally {
    await execRaw(trx, `pragma cache_size = ${Number(cacheSize)}`)
  }
}

/** Entities merged so far, then the rebuild of the touched cases' search rows and deadlines. */
export type MergeProgress = (phase: 'merging' | 'indexing', done: number, total: number) => void

/** The tables owned children hang from: their changed ids are kept until the children are merged. */
const OWNER_TABLES = new Set(HUB_ENTITIES.flatMap((e) => (e.owner ? [e.owner.table] : [])))

async function mergeRows(trx: Trx, rows: BundleRows, today: string, onProgress: MergeProgress): Promise<MergeCounts> {
  const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 }
  const touched: Touched = { changed: new Map(), cases: new Set(), parties: new Set() }
  const idMap = new Map<string, Map<string, string>>([['offices', await officeIdMap(trx, rows.offices)]])
  for (const entity of HUB_ENTITIES.filter((e) => e.mode === 'reference' && e.file !== 'offices')) {
    const incoming: HubRow[] = []
    for await (const batch of rows.batches(entity.file))
      incoming.push(...batch.map((row) => mapRefs(entity, row, idMap)))
    idMap.set(entity.file, await mergeReference(trx, entity, incoming, counts))
  }

  await applyTombstones(trx, rows.tombstones, counts, touched)

  const state: MergeState = {
    counts,
    touched,
    nextCaseSeq: Number((await selectRaw<{ s: number | null }>(trx, 'select max(seq) as s from cases'))[0]?.s ?? 0) + 1,
    sessionStarts: new Map()
  }
  for (const [index, entity] of HUB_ENTITIES.entries()) {
    onProgress('merging', index + 1, HUB_ENTITIES.length)
    if (entity.mode === 'reference') continue
    const empty = !(await hasRows(trx, entity.file))
    // Owned children of the parents that changed; any other child in the bundle is left out.
    const parents = entity.owner ? (touched.changed.get(entity.owner.table) ?? new Set<string>()) : null
    const ofChanged = (row: HubRow) => !parents || parents.has(String(row[entity.owner!.column]))
    let incoming: HubRow[] | null = null
    // An empty table holds no children to drop, so they stream a batch at a time like any other rows. Otherwise the
    // whole set is read first: dropping before writing keeps the (parent, person) unique indexes satisfied.
    if (entity.mode === 'owned' && !empty) {
      // A changed parent's children in the bundle are its whole set: read them all, drop the rest, then write.
      incoming = []
      for await (const batch of rows.batches(entity.file)) {
        for (const row of batch) {
          const mapped = mapRefs(entity, row, idMap)
          if (ofChanged(mapped)) incoming.push(mapped)
        }
      }
      await dropReplacedChildren(trx, entity, parents!, incoming, counts)
    }
    const changed = await withOrderedStatements(trx, async (statements) => {
      const merge = new EntityMerge(statements, entity, state, empty)
      if (incoming) await merge.rows(incoming)
      else
        for await (const batch of rows.batches(entity.file))
          await merge.rows(batch.map((row) => mapRefs(entity, row, idMap)).filter(ofChanged))
      return merge.changed
    })
    if (OWNER_TABLES.has(entity.file)) touched.changed.set(entity.file, changed)
  }
  onProgress('indexing', 0, REBUILD_STEPS)
  await casesOfParties(trx, touched)
  await rebuildCaseIndexes(trx, touched.cases, today, (done) => onProgress('indexing', done, REBUILD_STEPS))
  return counts
}

interface MergeState {
  counts: MergeCounts
  touched: Touched
  /** The hub numbers the cases it receives in its own sequence. */
  nextCaseSeq: number
  /** Each merged session's start, for its people and parties (see SESSION_LINKS). */
  sessionStarts: Map<string, string>
}

/**
 * Tables that keep a copy of their session's start (`starts_at`, kept by the
 * store's triggers, migration 2026_12_05_5000). A bundle does not carry it,
 * it is not the office's data, but a link inserted without it is inserted
 * and then rewritten by the trigger, indexes and all: the session people and
 * parties of 100,000 cases took 45 µs a row instead of the case events' 26.
 * Written with the start of the session merged just before, the trigger finds
 * it right and leaves the row alone.
 */
const SESSION_LINKS = new Set(['hearing_mediators', 'hearing_parties'])

/**
 * One entity's rows merged a batch at a time, by version. The statements of
 * a batch are queued on the connection and not waited for: SQLite writes
 * batch k while the bundle's next rows are read and parsed, and the version
 * lookups of batch k + 1 run after batch k's writes, so they see them.
 */
class EntityMerge {
  /** Ids written (kept only for the tables owned children hang from). */
  readonly changed = new Set<string>()
  private readonly columns: string[]
  private prepared = false

  constructor(
    private readonly statements: OrderedStatements,
    private readonly entity: HubEntity,
    private readonly state: MergeState,
    /** An office's first bundle meets empty tables at a new hub: nothing there to compare versions with. */
    private readonly empty: boolean
  ) {
    this.columns = entity.fields.map((f) => f.name)
  }

  async rows(incoming: HubRow[]): Promise<void> {
    const { statements, entity, state } = this
    const { counts, touched } = state
    if (incoming.length === 0) return
    if (!this.prepared) {
      // Most inserts are full-sized: prepared once, they start without waiting for JavaScript (runInOrder).
      await statements.prepare(fullInsertText(entity.file, this.insertColumns))
      this.prepared = true
    }
    // At most one batch queued while the next is read: its lookups wait for it anyway, and so do an empty table's inserts.
    const existing = this.empty ? (await statements.idle(), new Map<string, Found>()) : await this.lookUp(incoming)
    const inserts: HubRow[] = []
    const updates: HubRow[] = []
    for (const row of incoming) {
      const id = String(row.id)
      const there = existing.get(id)
      if (entity.file === 'users' && (id === SYSTEM_ACTOR.id || (there && there.username))) {
        counts.unchanged += 1 // the hub's own accounts are never overwritten by an office's staff list
        continue
      }
      if (!there) inserts.push(this.inserted(row))
      else if (Number(row.version) > there.version) updates.push(localised(entity, row))
      else {
        counts.unchanged += 1
        continue
      }
      if (OWNER_TABLES.has(entity.file)) this.changed.add(id)
      if (entity.file === 'cases') touched.cases.add(id)
      // A hearing's owned children carry no case id: the hearing's case is touched with them.
      if (typeof row.case_id === 'string') touched.cases.add(row.case_id)
    }
    if (entity.file === 'hearings')
      for (const row of [...inserts, ...updates]) state.sessionStarts.set(String(row.id), String(row.starts_at))
    for (const statement of insertStatements(entity.file, this.insertColumns, inserts)) statements.run(statement)
    for (const statement of updateStatements(entity.file, this.columns, updates)) statements.run(statement)
    // A party new to the hub is in no hub case yet but the ones this merge links it to (their links carry the case).
    if (entity.file === 'parties') for (const row of updates) touched.parties.add(String(row.id))
    counts.inserted += inserts.length
    counts.updated += updates.length
  }

  /** What an insert writes besides the bundle's fields: the hub's own case number, a link's session start. */
  private get insertColumns(): string[] {
    if (this.entity.file === 'cases') return [...this.columns, 'seq']
    return SESSION_LINKS.has(this.entity.file) ? [...this.columns, 'starts_at'] : this.columns
  }

  private inserted(row: HubRow): HubRow {
    const { entity, state } = this
    if (entity.file === 'cases') return { ...row, seq: state.nextCaseSeq++ }
    if (SESSION_LINKS.has(entity.file))
      return { ...row, starts_at: state.sessionStarts.get(String(row.hearing_id)) ?? null }
    return localised(entity, row)
  }

  /** The hub's versions of the batch's ids, CHUNK ids a query, all queued at once behind the writes before them. */
  private async lookUp(incoming: HubRow[]): Promise<Map<string, Found>> {
    const { entity } = this
    const ids = [...new Set(incoming.map((r) => String(r.id)))]
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK))
    const found = await Promise.all(
      chunks.map((chunk) =>
        this.statements.all<Found>(
          `select id, version${entity.file === 'users' ? ', username' : ''} from "${entity.file}" where id in (${placeholders(chunk.length)})`,
          chunk
        )
      )
    )
    return new Map(found.flat().map((r) => [r.id, r]))
  }
}

/** A row's id and version at the hub (and, for users, whether it is one of the hub's own accounts). */
interface Found {
  id: string
  version: number
  username?: string | null
}

/**
 * Reference rows: matched by natural key (offices must exist, checked before
 * the merge); a chamber or grid the hub lacks is added with the office's id,
 * and a grid the office changed since (a newer version) is rewritten.
 */
async function mergeReference(
  trx: Trx,
  entity: HubEntity,
  incoming: HubRow[],
  counts: MergeCounts
): Promise<Map<string, string>> {
  const key = entity.naturalKey!
  const map = new Map<string, string>()
  const hub = new Map(
    (
      await selectRaw<{ id: string; k: string; version: number }>(
        trx,
        `select id, "${key}" as k, version from "${entity.file}"`
      )
    ).map((r) => [r.k, r])
  )
  const byId = new Set([...hub.values()].map((r) => r.id))
  const inserts: HubRow[] = []
  const updates: HubRow[] = []
  for (const row of incoming) {
    const there = hub.get(String(row[key]))
    if (there) {
      map.set(String(row.id), there.id)
      if (entity.file === 'grids' && Number(row.version) > there.version) updates.push({ ...row, id: there.id })
      else counts.unchanged += 1
    } else if (byId.has(String(row.id))) {
      // Same id, renamed at the office: the hub keeps its row and its name.
      map.set(String(row.id), String(row.id))
      counts.unchanged += 1
    } else {
      inserts.push(row)
      map.set(String(row.id), String(row.id))
    }
  }
  const columns = entity.fields.map((f) => f.name)
  await insertMany(trx, entity.file, columns, inserts)
  await updateMany(trx, entity.file, columns, updates)
  counts.inserted += inserts.length
  counts.updated += updates.length
  return map
}

/** Deletions, children before parents; a row newer at the hub than the deleted version stays. */
async function applyTombstones(
  trx: Trx,
  tombstones: Tombstone[],
  counts: MergeCounts,
  touched: Touched
): Promise<void> {
  for (const entity of [...HUB_ENTITIES].reverse()) {
    const deleted = new Map(tombstones.filter((t) => t.entity === entity.file).map((t) => [t.id, t.version]))
    const ids = [...deleted.keys()]
    const hasCase = entity.fields.some((f) => f.name === 'case_id')
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK)
      const found = await selectRaw<{ id: string; version: number; case_id?: string | null; seq?: number }>(
        trx,
        `select id, version${hasCase ? ', case_id' : ''}${entity.file === 'cases' ? ', seq' : ''} from "${entity.file}" where id in (${placeholders(chunk.length)})`,
        chunk
      )
      const gone = found.filter((r) => r.version <= deleted.get(r.id)!)
      if (gone.length === 0) continue
      for (const r of gone) if (r.case_id) touched.cases.add(r.case_id)
      if (entity.file === 'cases') {
        // A deleted case's derived rows go with it; the rebuild only rewrites cases that exist.
        const seqs = gone.map((r) => r.seq)
        for (const table of SEARCH_FTS_TABLES) {
          await execRaw(trx, `delete from ${table} where rowid in (${placeholders(seqs.length)})`, seqs)
        }
        await execRaw(trx, `delete from case_name_keys where case_seq in (${placeholders(seqs.length)})`, seqs)
        await execRaw(trx, `delete from case_due where case_seq in (${placeholders(seqs.length)})`, seqs)
      }
      const goneIds = gone.map((r) => r.id)
      await execRaw(trx, `delete from "${entity.file}" where id in (${placeholders(goneIds.length)})`, goneIds)
      counts.deleted += gone.length
    }
  }
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
  trx: Trx,
  entity: HubEntity,
  parents: Set<string>,
  incoming: HubRow[],
  counts: MergeCounts
): Promise<void> {
  const keep = new Set(incoming.map((r) => String(r.id)))
  const parentIds = [...parents]
  const column = entity.owner!.column
  for (let i = 0; i < parentIds.length; i += CHUNK) {
    const chunk = parentIds.slice(i, i + CHUNK)
    const current = await selectRaw<{ id: string }>(
      trx,
      `select id from "${entity.file}" where "${column}" in (${placeholders(chunk.length)})`,
      chunk
    )
    const gone = current.map((r) => r.id).filter((id) => !keep.has(id))
    for (let j = 0; j < gone.length; j += CHUNK) {
      const ids = gone.slice(j, j + CHUNK)
      await execRaw(trx, `delete from "${entity.file}" where id in (${placeholders(ids.length)})`, ids)
    }
    counts.deleted += gone.length
  }
}

/** A party's name or numbers are in the search rows of every case it is in. */
async function casesOfParties(trx: Trx, touched: Touched): Promise<void> {
  const parties = [...touched.parties]
  for (let i = 0; i < parties.length; i += CHUNK) {
    const chunk = parties.slice(i, i + CHUNK)
    const found = await selectRaw<{ case_id: string }>(
      trx,
      `select case_id from case_parties where party_id in (${placeholders(chunk.length)})`,
      chunk
    )
    for (const r of found) touched.cases.add(r.case_id)
  }
}
