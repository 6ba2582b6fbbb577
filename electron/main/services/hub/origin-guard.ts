/*
 * The origin check (docs/hub-bundle.md §6, check 8): a bundle signed by
 * office A may write only A's rows. Every row the merge would insert, update
 * or delete is traced to the office it belongs to — a case to its
 * registering or handling office, a case's records (and a hearing's) to
 * their case, rooms, grids, patrol reports and report figures to their
 * office, a party to the cases it is in, a roster entry to the offices it
 * serves — both as the bundle says and as the hub has it. One row of another
 * office refuses the whole bundle, naming the row: a validly signed bundle
 * that reaches into another office's records is a fault or an attack, and a
 * partial merge would leave the office's chain position meaning nothing.
 * Rows the merge would leave unchanged are not checked (nothing is
 * overwritten). Users carry no office and are never able to sign in at the
 * hub; they are not traced.
 */
import type { Kysely } from 'kysely'
import { ndjsonName, type HubEntity } from '../../../../shared/domain/hub-entities'
import type { HubRow, Tombstone } from '../../../../shared/rules/hub-rows'
import type { Database } from '../../db/schema'
import type { Trx } from '../write'
import { hasRows, selectRaw } from './raw-rows'

const CHUNK = 500
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(',')

type Db = Kysely<Database> | Trx

/** Office ids differ between installations (each seeds its own): the code is what names an office. */
export async function officeIdMap(db: Db, offices: HubRow[]): Promise<Map<string, string>> {
  const hub = new Map((await db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id]))
  return new Map(offices.map((o) => [String(o.id), hub.get(String(o.code))!]))
}

async function hubRows<T extends { id: string }>(db: Db, table: string, columns: string, key: string, ids: string[]) {
  const found = new Map<string, T>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows = await selectRaw<T>(
      db as Trx,
      `select ${columns} from "${table}" where "${key}" in (${placeholders(chunk.length)})`,
      chunk
    )
    for (const row of rows) found.set(String((row as Record<string, unknown>)[key]), row)
  }
  return found
}

interface CaseOffices {
  registered_office_id: string
  handling_office_id: string
}

type HubRecord = Record<string, string | number | null> & { id: string }

/**
 * The check, an entity at a time and a batch of rows at a time, in the
 * bundle's entity order (cases before their records): `start` once with the
 * bundle's offices and tombstones, `rows` for each batch of an entity's
 * rows, `deletions` once for each entity. Each says the first row of another
 * office it meets, in words, or null.
 */
export class OriginGuard {
  /** Cases as the bundle has them (after the merge), filled as the cases' batches pass. */
  private readonly bundleCases = new Map<string, CaseOffices>()
  /** Cases as the hub has them (before), looked up when a record points to one the bundle does not carry. */
  private readonly hubCases = new Map<string, CaseOffices & { id: string }>()

  private constructor(
    private readonly db: Db,
    private readonly source: { id: string; name: string },
    private readonly officeName: Map<string, string>,
    private readonly officeMap: Map<string, string>,
    private readonly tombstoned: Map<string, Map<string, number>>
  ) {}

  /** The guard for a bundle signed by `sourceCode`, or why there can be none. */
  static async start(
    db: Db,
    sourceCode: string,
    bundleOffices: HubRow[],
    tombstones: Tombstone[]
  ): Promise<OriginGuard | string> {
    const offices = await db.selectFrom('offices').select(['id', 'code', 'name']).execute()
    const source = offices.find((o) => o.code === sourceCode)
    if (!source) return `本中心没有代码为 ${sourceCode} 的调解组织`
    const tombstoned = new Map<string, Map<string, number>>()
    for (const t of tombstones) {
      if (!tombstoned.has(t.entity)) tombstoned.set(t.entity, new Map())
      tombstoned.get(t.entity)!.set(t.id, t.version)
    }
    const officeName = new Map(offices.map((o) => [o.id, o.name]))
    return new OriginGuard(db, source, officeName, await officeIdMap(db, bundleOffices), tombstoned)
  }

  /** A batch of the entity's rows: the ones the merge would write, and the hub rows they would overwrite. */
  async rows(entity: HubEntity, batch: HubRow[]): Promise<string | null> {
    if (!traced(entity) || batch.length === 0) return null
    if (entity.file === 'cases') {
      for (const row of batch) {
        this.bundleCases.set(String(row.id), {
          registered_office_id: this.mapOffice(row.registered_office_id)!,
          handling_office_id: this.mapOffice(row.handling_office_id)!
        })
      }
    }
    const key = keyOf(entity)
    const there = await this.hubRowsOf(
      entity,
      batch.map((r) => String(r[key]))
    )
    // What the merge would write: new rows, and newer versions of rows the hub has.
    const writes = batch.filter((r) => {
      const hub = there.get(String(r[key]))
      return !hub || Number(r.version) > Number(hub.version)
    })
    const overwritten = writes.flatMap((r) => there.get(String(r[key])) ?? [])
    return this.owned(entity, writes, overwritten)
  }

  /** The entity's tombstones: the hub rows they would delete (those not newer at the hub). */
  async deletions(entity: HubEntity): Promise<string | null> {
    const deletions = this.tombstoned.get(entity.file)
    if (!traced(entity) || !deletions || deletions.size === 0) return null
    const there = await this.hubRowsOf(entity, [...deletions.keys()])
    const deletes = [...deletions].flatMap(([id, version]) => {
      const hub = there.get(id)
      return hub && Number(hub.version) <= version ? [hub] : []
    })
    return this.owned(entity, [], deletes)
  }

  private mapOffice(value: unknown): string | null {
    return value === null ? null : (this.officeMap.get(String(value)) ?? String(value))
  }

  private refused(entity: HubEntity, id: unknown, owners: Array<string | null>): string {
    const others = [...new Set(owners.filter((o): o is string => o !== null && o !== this.source.id))]
    const whose = others.map((o) => this.officeName.get(o) ?? o).join('、') || '其他调解组织'
    return `数据包来自${this.source.name}，但${entity.label}（${ndjsonName(entity.file)}，id ${id}）属于${whose}：不得改写其他调解组织的数据，整个数据包已拒收，未写入任何数据`
  }

  private async hubRowsOf(entity: HubEntity, keys: string[]): Promise<Map<string, HubRecord>> {
    if (keys.length === 0 || !(await hasRows(this.db as Trx, entity.file))) return new Map()
    const hasCase = entity.fields.some((f) => f.name === 'case_id')
    const hasOffice = entity.refs?.office_id === 'offices'
    const key = keyOf(entity)
    const columns = ['id', 'version', hasCase ? 'case_id' : null, hasOffice ? 'office_id' : null]
      .concat(entity.file === 'cases' ? ['registered_office_id', 'handling_office_id'] : [])
      .concat(key === 'code' ? ['code'] : [])
      .filter(Boolean)
      .join(', ')
    return hubRows<HubRecord>(this.db, entity.file, columns, key, keys)
  }

  /** Rows the bundle writes (as it has them) and hub rows it overwrites or deletes (as the hub has them). */
  private async owned(entity: HubEntity, writes: HubRow[], overwritten: HubRecord[]): Promise<string | null> {
    const ownsCase = (c: CaseOffices | undefined) =>
      !c || c.registered_office_id === this.source.id || c.handling_office_id === this.source.id
    const caseOwners = (c: CaseOffices | undefined) => (c ? [c.registered_office_id, c.handling_office_id] : [])
    if (entity.file === 'cases') {
      for (const r of writes) {
        const c = this.bundleCases.get(String(r.id))
        if (!ownsCase(c)) return this.refused(entity, r.id, caseOwners(c))
      }
      for (const hub of overwritten) {
        const c = hub as unknown as CaseOffices
        if (!ownsCase(c)) return this.refused(entity, hub.id, caseOwners(c))
      }
      return null
    }
    if (entity.fields.some((f) => f.name === 'case_id')) {
      const linked = [...writes.map((r) => r.case_id), ...overwritten.map((r) => r.case_id)].filter(
        (id): id is string => typeof id === 'string' && !this.bundleCases.has(id)
      )
      await this.loadHubCases(linked)
      const caseOf = (id: unknown) =>
        typeof id === 'string' ? (this.bundleCases.get(id) ?? this.hubCases.get(id)) : undefined
      for (const r of [...writes, ...overwritten])
        if (!ownsCase(caseOf(r.case_id))) return this.refused(entity, r.id, caseOwners(caseOf(r.case_id)))
    }
    if (entity.refs?.office_id === 'offices') {
      for (const r of writes)
        if (this.mapOffice(r.office_id) !== this.source.id)
          return this.refused(entity, r.id, [this.mapOffice(r.office_id)])
      for (const r of overwritten)
        if (r.office_id !== this.source.id) return this.refused(entity, r.id, [String(r.office_id)])
    }
    if (entity.file === 'parties' || entity.file === 'mediators') {
      const problem = await sharedOwners(
        this.db,
        entity,
        overwritten.map((r) => r.id),
        this.source.id
      )
      if (problem) return this.refused(entity, problem.id, problem.owners)
    }
    return null
  }

  private async loadHubCases(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.hubCases.has(id))
    const found = await hubRows<CaseOffices & { id: string }>(
      this.db,
      'cases',
      'id, registered_office_id, handling_office_id',
      'id',
      missing
    )
    for (const [id, row] of found) this.hubCases.set(id, row)
  }
}

/** Owned children go with their parent's check; offices, chambers and users are not traced (see above). */
const traced = (entity: HubEntity): boolean =>
  entity.mode !== 'owned' && !['offices', 'chambers', 'users'].includes(entity.file)

const keyOf = (entity: HubEntity): string => (entity.file === 'grids' ? 'code' : 'id')

/**
 * Parties and roster entries carry no office: a party belongs to the offices
 * of the cases it is in at the hub, a mediator to the offices it serves. One
 * that belongs somewhere, and not to the source office, is another's.
 */
async function sharedOwners(
  db: Db,
  entity: HubEntity,
  ids: string[],
  source: string
): Promise<{ id: string; owners: string[] } | null> {
  const owners = new Map<string, string[]>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows =
      entity.file === 'parties'
        ? await selectRaw<{ owner: string; a: string; b: string }>(
            db as Trx,
            `select cp.party_id as owner, c.registered_office_id as a, c.handling_office_id as b from case_parties cp
             join cases c on c.id = cp.case_id where cp.party_id in (${placeholders(chunk.length)})`,
            chunk
          )
        : await selectRaw<{ owner: string; a: string; b: string }>(
            db as Trx,
            `select mediator_id as owner, office_id as a, office_id as b from mediator_offices
             where mediator_id in (${placeholders(chunk.length)})`,
            chunk
          )
    for (const r of rows) owners.set(r.owner, [...(owners.get(r.owner) ?? []), r.a, r.b])
  }
  for (const [id, list] of owners) if (!list.includes(source)) return { id, owners: list }
  return null
}
