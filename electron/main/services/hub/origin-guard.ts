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
import { HUB_ENTITIES, ndjsonName, type HubEntity } from '../../../../shared/domain/hub-entities'
import type { HubRow, Tombstone } from '../../../../shared/rules/hub-rows'
import type { Database } from '../../db/schema'
import type { Trx } from '../write'
import type { ParsedRows } from './bundle-lines'
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

/** The first row of another office the bundle would write, in words; null when every row is the source office's. */
export async function checkOrigins(
  db: Db,
  sourceCode: string,
  rows: ParsedRows,
  tombstones: Tombstone[]
): Promise<string | null> {
  const offices = await db.selectFrom('offices').select(['id', 'code', 'name']).execute()
  const source = offices.find((o) => o.code === sourceCode)
  if (!source) return `本中心没有代码为 ${sourceCode} 的调解组织`
  const officeName = new Map(offices.map((o) => [o.id, o.name]))
  const officeMap = await officeIdMap(db, rows.get('offices') ?? [])
  const mapOffice = (value: unknown) => (value === null ? null : (officeMap.get(String(value)) ?? String(value)))
  const refused = (entity: HubEntity, id: unknown, owners: Array<string | null>): string => {
    const others = [...new Set(owners.filter((o): o is string => o !== null && o !== source.id))]
    const whose = others.map((o) => officeName.get(o) ?? o).join('、') || '其他调解组织'
    return `数据包来自${source.name}，但${entity.label}（${ndjsonName(entity.file)}，id ${id}）属于${whose}：不得改写其他调解组织的数据，整个数据包已拒收，未写入任何数据`
  }

  // Cases: as the bundle has them (after the merge) and as the hub has them (before).
  const bundleCases = new Map<string, CaseOffices>()
  for (const row of rows.get('cases') ?? []) {
    bundleCases.set(String(row.id), {
      registered_office_id: mapOffice(row.registered_office_id)!,
      handling_office_id: mapOffice(row.handling_office_id)!
    })
  }
  const hubCases = new Map<string, CaseOffices & { id: string }>()
  const loadCases = async (ids: Iterable<string>) => {
    const missing = [...new Set(ids)].filter((id) => !hubCases.has(id))
    const found = await hubRows<CaseOffices & { id: string }>(
      db,
      'cases',
      'id, registered_office_id, handling_office_id',
      'id',
      missing
    )
    for (const [id, row] of found) hubCases.set(id, row)
  }
  const ownsCase = (c: CaseOffices | undefined) =>
    !c || c.registered_office_id === source.id || c.handling_office_id === source.id
  const caseOwners = (c: CaseOffices | undefined) => (c ? [c.registered_office_id, c.handling_office_id] : [])

  const tombstoned = new Map<string, Map<string, number>>()
  for (const t of tombstones) {
    if (!tombstoned.has(t.entity)) tombstoned.set(t.entity, new Map())
    tombstoned.get(t.entity)!.set(t.id, t.version)
  }

  for (const entity of HUB_ENTITIES) {
    if (entity.mode === 'owned' || entity.file === 'offices' || entity.file === 'chambers' || entity.file === 'users')
      continue
    const incoming = rows.get(entity.file) ?? []
    const deletions = tombstoned.get(entity.file) ?? new Map<string, number>()
    const hasCase = entity.fields.some((f) => f.name === 'case_id')
    const hasOffice = entity.refs?.office_id === 'offices'
    const key = entity.file === 'grids' ? 'code' : 'id'
    const columns = ['id', 'version', hasCase ? 'case_id' : null, hasOffice ? 'office_id' : null]
      .concat(entity.file === 'cases' ? ['registered_office_id', 'handling_office_id'] : [])
      .concat(key === 'code' ? ['code'] : [])
      .filter(Boolean)
      .join(', ')
    const lookFor = [...incoming.map((r) => String(r[key])), ...deletions.keys()]
    const there =
      lookFor.length > 0 && (await hasRows(db as Trx, entity.file))
        ? await hubRows<Record<string, string | number | null> & { id: string }>(db, entity.file, columns, key, lookFor)
        : new Map<string, Record<string, string | number | null> & { id: string }>()
    // What the merge would write: new rows, newer versions, and deletions of rows not newer at the hub.
    const writes = incoming.filter((r) => {
      const hub = there.get(String(r[key]))
      return !hub || Number(r.version) > Number(hub.version)
    })
    const deletes = [...deletions].flatMap(([id, version]) => {
      const hub = there.get(id)
      return hub && Number(hub.version) <= version ? [hub] : []
    })
    const overwritten = [
      ...writes.map((r) => there.get(String(r[key]))).filter((r): r is NonNullable<typeof r> => Boolean(r)),
      ...deletes
    ]

    if (entity.file === 'cases') {
      for (const r of writes) {
        const c = bundleCases.get(String(r.id))
        if (!ownsCase(c)) return refused(entity, r.id, caseOwners(c))
      }
      for (const hub of overwritten) {
        const c = hub as unknown as CaseOffices
        if (!ownsCase(c)) return refused(entity, hub.id, caseOwners(c))
      }
      continue
    }
    if (hasCase) {
      const linked = [...writes.map((r) => r.case_id), ...overwritten.map((r) => r.case_id)].filter(
        (id): id is string => typeof id === 'string'
      )
      await loadCases(linked.filter((id) => !bundleCases.has(id)))
      const caseOf = (id: unknown) => (typeof id === 'string' ? (bundleCases.get(id) ?? hubCases.get(id)) : undefined)
      for (const r of writes)
        if (!ownsCase(caseOf(r.case_id))) return refused(entity, r.id, caseOwners(caseOf(r.case_id)))
      for (const r of overwritten)
        if (!ownsCase(caseOf(r.case_id))) return refused(entity, r.id, caseOwners(caseOf(r.case_id)))
    }
    if (hasOffice) {
      for (const r of writes)
        if (mapOffice(r.office_id) !== source.id) return refused(entity, r.id, [mapOffice(r.office_id)])
      for (const r of overwritten) if (r.office_id !== source.id) return refused(entity, r.id, [String(r.office_id)])
    }
    if (entity.file === 'parties' || entity.file === 'mediators') {
      const problem = await sharedOwners(
        db,
        entity,
        overwritten.map((r) => r.id),
        source.id
      )
      if (problem) return refused(entity, problem.id, problem.owners)
    }
  }
  return null
}

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
