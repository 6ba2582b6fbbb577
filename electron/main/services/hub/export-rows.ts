/*
 * Which rows a bundle carries: everything the change log names after the
 * last exported position (incremental) or every row (full). Rows the log
 * names that are gone become tombstones; `owned` children travel whole with
 * each parent that travels; `reference` tables are always sent whole so the
 * hub can map their ids by natural key.
 *
 * SQLite writes the lines itself: json_array over the entity's fields in
 * the documented order, joined a block at a time with group_concat and
 * handed over as a blob. The driver then passes one buffer of UTF-8 per few
 * thousand rows instead of an object per row, and nothing is decoded into
 * JavaScript strings and encoded back — at 100,000 cases (≈ 1 million rows,
 * 470 MB of lines) the per-row objects, their garbage collection and the
 * two text conversions were most of the export's time.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { HubEntity } from '../../../../shared/domain/hub-entities'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import type { Tombstone } from '../../../../shared/rules/hub-rows'
import type { Database } from '../../db/schema'

/** How the rows are read. Tests make both small to run the many-block path on a small store, and turn the side off. */
export const EXPORT_READING = {
  /** Rows per block of a table's read (≈ 2–5 MB of text). */
  blockRows: 5000,
  /** Read SIDE_ENTITIES on a second connection (export-side.ts) where the store is a file. */
  secondConnection: true
}

/** An entity's rows as exported: how many (the lines themselves go to the sink). */
export interface EntityRows {
  count: number
}

/**
 * Where the lines go as they are read: each block (NDJSON lines in UTF-8,
 * '\n' between lines, none after the last), then the entity's end. A block
 * is handed over only once the next block's query is on its way, so what the
 * sink does with it (hashing, deflating) runs while SQLite reads on.
 */
export interface RowSink {
  block(entity: HubEntity, lines: Buffer): void
  end(entity: HubEntity, rows: EntityRows): void
}

export interface CollectedRows {
  rows: Map<string, EntityRows>
  tombstones: Tombstone[]
}

/**
 * A row's line (format 3): json_array over its fields in the documented order. Against json_object (format 2),
 * SQLite builds the case events of 100,000 cases 24 % faster and the lines are 27 % shorter (434 against 592 MB), so
 * the deflate and the hashes have less to do too.
 */
const jsonOf = (entity: HubEntity): RawBuilder<unknown> =>
  sql.raw(`json_array(${entity.fields.map((f) => `t."${f.name}"`).join(', ')})`)

const OWNERS = new Set(HUB_ENTITIES.flatMap((e) => (e.owner ? [e.owner.table] : [])))

interface Block {
  n: number
  last: number | null
  lines: Buffer | null
}

/**
 * One block of lines: the first `limit` rows `from` yields in the order of
 * `r` — the table's rowid (the order rows were written, no index to walk)
 * or the changed-id list's. `last` is where the next block starts.
 *
 * The subquery's ORDER BY … LIMIT fixes which rows a block holds, and SQLite
 * hands them to group_concat in that order. An ORDER BY inside group_concat
 * would only promise the same order again, at the price of sorting every
 * block once more: half the read time (case events of 100,000 cases: 3.7 s
 * with it, 2.0 s without). Nothing depends on the order within a block
 * beyond that: the hub checks the bytes by hash and merges a file's rows by id.
 */
async function block(db: Kysely<Database>, entity: HubEntity, from: RawBuilder<unknown>, limit: number) {
  const { rows } = await sql<Block>`
    select count(*) as n, max(r) as last, cast(group_concat(j, char(10)) as blob) as lines
    from (select ${jsonOf(entity)} as j, ${from} order by r limit ${limit})`.execute(db)
  return rows[0]
}

/**
 * Lets the query just started reach SQLite before the sink's synchronous work:
 * Kysely hands it to the driver a few promise steps later, and an immediate
 * runs only after those.
 */
const dispatched = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Block queries one after another, each started before the block before it
 * goes to the sink, so SQLite reads on while the sink works. `nextAfter(b, i)`
 * starts the query after the i-th block `b`, or returns null when it was the last.
 */
async function pipelined(
  entity: HubEntity,
  sink: RowSink,
  first: Promise<Block>,
  nextAfter: (b: Block, i: number) => Promise<Block> | null
): Promise<number> {
  let count = 0
  let next: Promise<Block> | null = first
  for (let i = 0; next; i++) {
    const b: Block = await next
    next = nextAfter(b, i)
    if (b.n === 0) continue
    if (next) await dispatched()
    try {
      sink.block(entity, b.lines!)
    } catch (error) {
      // The query already started ends before the transaction rolls back; the sink's failure is the one to report.
      await next?.catch(() => undefined)
      throw error
    }
    count += b.n
  }
  return count
}

/** Rows in blocks: `from(after)` is the FROM clause (with alias t and order key r) of the rows after key `after`. */
async function inBlocks(
  db: Kysely<Database>,
  entity: HubEntity,
  sink: RowSink,
  from: (after: number) => RawBuilder<unknown>
): Promise<EntityRows> {
  const rows = EXPORT_READING.blockRows
  const count = await pipelined(entity, sink, block(db, entity, from(0), rows), (b) =>
    b.n === rows ? block(db, entity, from(b.last!), rows) : null
  )
  return { count }
}

/** Every row of the table, in rowid order. */
const wholeTable = (db: Kysely<Database>, entity: HubEntity, sink: RowSink) =>
  inBlocks(db, entity, sink, (after) => sql`t.rowid as r from ${sql.table(entity.file)} t where t.rowid > ${after}`)

/**
 * The rows the change log names in (fromSeq, toSeq], and tombstones for the
 * named records that are gone. One pass over the log looks each named id up
 * once: a row that exists puts its table rowid in a temp table, one that is
 * gone puts minus the entry's seq there. The rowids then drive the read — no
 * id list through JavaScript, however many changed, and the rows are read in
 * the table's own order (case events of 100,000 cases: 3.5 s through their
 * ids, 2.0 s by rowid). Looking the ids up once instead of once for the rows
 * and again for the tombstones: case events of 100,000 changed cases 2.6 →
 * 1.5 s in the CLI. Sorted before they go in, the rowids append to the temp
 * table's B-tree instead of landing all over it.
 */
async function changedRows(
  db: Kysely<Database>,
  entity: HubEntity,
  fromSeq: number,
  toSeq: number,
  sink: RowSink
): Promise<EntityRows & { tombstones: Tombstone[] }> {
  await sql`delete from temp.hub_export_rows`.execute(db)
  await sql`insert or ignore into temp.hub_export_rows (r)
    select coalesce(t.rowid, -c.seq) from change_log c left join ${sql.table(entity.file)} t on t.id = c.entity_id
    where c.entity = ${entity.file} and c.seq > ${fromSeq} and c.seq <= ${toSeq}
    order by 1`.execute(db)
  // A record gone by toSeq: its last entry up to then gives the tombstone's version.
  const { rows: gone } = await sql<{ id: string; version: number }>`
    select c.entity_id as id, c.version from temp.hub_export_rows x join change_log c on c.seq = -x.r
    where x.r < 0
      and c.seq = (select max(l.seq) from change_log l
                   where l.entity = c.entity and l.entity_id = c.entity_id and l.seq <= ${toSeq})`.execute(db)
  const read = await listedRows(db, entity, sink)
  if (OWNERS.has(entity.file)) {
    // Kept in SQL for the owned children that follow (childrenOf): no id list through JavaScript and back.
    await sql`insert into temp.hub_export_owners (owner, id)
      select ${entity.file}, t.id from temp.hub_export_rows x join ${sql.table(entity.file)} t on t.rowid = x.r
      where x.r > 0`.execute(db)
  }
  return { ...read, tombstones: gone.map((r): Tombstone => ({ entity: entity.file, id: r.id, version: r.version })) }
}

/** The rows whose rowids temp.hub_export_rows lists (the positive ones), in rowid order, a block at a time. */
const listedRows = (db: Kysely<Database>, entity: HubEntity, sink: RowSink) =>
  inBlocks(
    db,
    entity,
    sink,
    (after) => sql`x.r as r from temp.hub_export_rows x join ${sql.table(entity.file)} t on t.rowid = x.r
      where x.r > ${after}`
  )

/** The temp tables of an incremental export: the rowids an entity sends, and the ids of the owners that travel. */
async function createTempTables(db: Kysely<Database>): Promise<void> {
  await sql`create temp table if not exists hub_export_rows (r integer primary key)`.execute(db)
  await sql`create temp table if not exists hub_export_owners (owner text not null, id text not null,
    primary key (owner, id)) without rowid`.execute(db)
  // Left by an export that failed outside a transaction: no owner of that one may bring its children into this one.
  await sql`delete from temp.hub_export_owners`.execute(db)
}

async function dropTempTables(db: Kysely<Database>): Promise<void> {
  await sql`drop table if exists temp.hub_export_rows`.execute(db)
  await sql`drop table if exists temp.hub_export_owners`.execute(db)
}

/**
 * The children of the owners that travel (an owned entity): their rowids
 * listed through the owners' ids kept in SQL, then read like any changed
 * rows. Binding the owners' ids 500 at a time instead, the session people
 * and parties of 100,000 cases (400,000 rows) took 3.5 s on the export's
 * main connection.
 */
async function childrenOf(db: Kysely<Database>, entity: HubEntity, sink: RowSink): Promise<EntityRows> {
  const { table, column } = entity.owner!
  await sql`delete from temp.hub_export_rows`.execute(db)
  await sql`insert into temp.hub_export_rows (r)
    select t.rowid from temp.hub_export_owners o join ${sql.table(entity.file)} t on ${sql.ref(`t.${column}`)} = o.id
    where o.owner = ${table}
    order by 1`.execute(db)
  return listedRows(db, entity, sink)
}

/** UUIDv7 ids are lowercase hex: code-unit order is their time order (and 50× faster than localeCompare). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * What a second connection reads, when the export has one (export-side.ts):
 * the case events (four rows in ten of a case's whole lifecycle) and the
 * records written once a case is mediated. None owns children or is owned,
 * so nothing read on the other connection waits for them, and the two halves
 * take about as long. At 100,000 changed cases one connection read 12.4 s;
 * split, the halves read side by side on SQLite's two threads.
 */
export const SIDE_ENTITIES: ReadonlySet<string> = new Set([
  'case_events',
  'case_records',
  'agreements',
  'follow_ups',
  'closing_reports',
  'case_archives'
])

export async function collectRows(
  db: Kysely<Database>,
  kind: 'incremental' | 'full',
  fromSeq: number,
  toSeq: number,
  onEntity: (done: number, total: number) => void,
  sink: RowSink,
  /** A second connection reading the same snapshot, or null to read everything on `db`. */
  side: Kysely<Database> | null = null
): Promise<CollectedRows> {
  const rows = new Map<string, EntityRows>()
  const tombstones: Tombstone[] = []
  let done = 0

  const read = async (on: Kysely<Database>, entity: HubEntity): Promise<void> => {
    let entityRows: EntityRows
    if (entity.mode === 'reference' || kind === 'full') entityRows = await wholeTable(on, entity, sink)
    else if (entity.mode === 'owned') entityRows = await childrenOf(on, entity, sink)
    else {
      const { tombstones: gone, ...changed } = await changedRows(on, entity, fromSeq, toSeq, sink)
      tombstones.push(...gone)
      entityRows = changed
    }
    rows.set(entity.file, entityRows)
    sink.end(entity, entityRows)
    onEntity(++done, HUB_ENTITIES.length)
  }
  const readAll = async (on: Kysely<Database>, entities: HubEntity[]) => {
    if (kind === 'incremental') await createTempTables(on)
    for (const entity of entities) await read(on, entity)
    if (kind === 'incremental') await dropTempTables(on)
  }

  const onSide = (entity: HubEntity) => side !== null && SIDE_ENTITIES.has(entity.file)
  const sideRead = side ? readAll(side, HUB_ENTITIES.filter(onSide)) : Promise.resolve()
  // Settled before this returns either way; a failure on the side is reported once the main half has ended.
  sideRead.catch(() => undefined)
  try {
    await readAll(
      db,
      HUB_ENTITIES.filter((entity) => !onSide(entity))
    )
  } finally {
    await sideRead.catch(() => undefined)
  }
  await sideRead
  tombstones.sort((a, b) => byText(a.entity, b.entity) || byText(a.id, b.id))
  return { rows, tombstones }
}

/** True when the bundle would carry nothing but the reference tables. */
export function carriesChanges(collected: CollectedRows): boolean {
  if (collected.tombstones.length > 0) return true
  return HUB_ENTITIES.some((e) => e.mode !== 'reference' && (collected.rows.get(e.file)?.count ?? 0) > 0)
}
