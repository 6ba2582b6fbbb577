/*
 * Fills a case store with a generated register (`npm run seed`). The store
 * is created and migrated by the real startApp (migrations, reference data,
 * the local user); the installation office, the chambers, the offices' rooms
 * and the mediator roster go through the services (roster rows through
 * writeMediator, audited). Then, with the app closed, one raw connection
 * bulk-loads the cases in large transactions: the same rows the services
 * write (cases, parties, case parties, events, number sequences, assignments,
 * the FTS row and the name keys, sessions with their mediators and parties,
 * records, agreements and terms, terminations, follow-ups, confirmations,
 * closing reports, archives, case_due) but, for speed, without an
 * audit_log/change_log row per record: one
 * summary audit row says what was loaded. Durability pragmas are relaxed only
 * for the load (a crash mid-load leaves a file to throw away, not to trust)
 * and the file is returned to WAL.
 */
import { statSync } from 'node:fs'
import { saveRoomSchema } from '../../../shared/domain/room'
import { chinaDate } from '../../../shared/rules/china-time'
import { auditHash, GENESIS_HASH } from '../services/trust/audit-hash'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext, Logger } from '../context'
import { services } from '../services/index'
import { writeMediator } from '../services/mediator-store'
import { loadWorkingCalendar } from '../services/hearings/working-calendar'
import { deadlineSettings } from '../services/lifecycle/deadline-store'
import { writeChange } from '../services/write'
import { startApp } from '../startup'
import { batchText, type BulkTableSpec, RawDb } from './bulk-writer'
import { type Columns, LIFECYCLE_TABLES, PREVENTION_TABLES } from './seed-columns'
import { type CaseBatch, RegisterGenerator, type SeedOffice, type SeedRoom } from './seed-data'
import { chinaMidnight, DAY, iso } from './seed-random'
import { CHAMBERS } from './seed-vocabulary'

export interface SeedOptions {
  dbPath: string
  cases: number
  seed?: number
  /** Last day of the register ('YYYY-MM-DD', China); today by default. */
  until?: string
  /** Cases per transaction of the bulk load. */
  transactionSize?: number
  progressEvery?: number
  /** An office's own store: this office (by code) is the installation and registers every case. */
  office?: string
  log?: (line: string) => void
}

export interface SeedReport {
  dbPath: string
  seed: number
  until: string
  cases: number
  parties: number
  caseParties: number
  reusedPartyLinks: number
  events: number
  assignments: number
  /** Rows of the lifecycle tables (sessions, records, agreements …) by batch key. */
  lifecycleRows: CaseCounts
  /** Grids, patrol reports, key persons and their log entries written. */
  preventionRows: RegisterGenerator['preventionRows']
  mediators: number
  seconds: number
  bytes: number
}

type CaseCounts = RegisterGenerator['lifecycleRows']

const quiet: Logger = { error: (message, detail) => console.error(message, detail ?? ''), info: () => {} }

const PARTY_COLUMNS: Columns<'parties'> = [
  'id', 'kind', 'name', 'id_type', 'id_number', 'birth_date', 'gender', 'ethnicity', 'phone', 'address',
  'occupation', 'employer', 'credit_code', 'legal_representative', 'contact_person', 'created_at', 'updated_at', 'version'
] // prettier-ignore
const CASE_COLUMNS: Columns<'cases'> = [
  'id', 'seq', 'registered_office_id', 'handling_office_id', 'case_number', 'case_year', 'case_sequence', 'status',
  'source', 'dispute_type', 'occurred_on', 'place_township', 'place_village', 'summary', 'claims', 'amount_cents',
  'risk_level', 'risk_reason', 'registered_at', 'accepted_at', 'declined_at', 'decline_reason', 'decline_note',
  'decline_route', 'registered_by', 'created_at', 'updated_at', 'version'
] // prettier-ignore
const CASE_PARTY_COLUMNS: Columns<'caseParties'> = [
  'id', 'case_id', 'party_id', 'role', 'acts_for_party_id', 'sort_order', 'created_at', 'updated_at', 'version'
] // prettier-ignore
const EVENT_COLUMNS: Columns<'events'> = [
  'id', 'case_id', 'at', 'actor_id', 'actor_name', 'kind', 'from_status', 'to_status', 'reason', 'detail',
  'created_at', 'updated_at', 'version'
] // prettier-ignore
const ASSIGNMENT_COLUMNS: Columns<'assignments'> = [
  'id', 'case_id', 'mediator_id', 'role', 'chosen_by_parties', 'status', 'override_reason', 'ended_reason',
  'assigned_at', 'ended_at', 'created_at', 'updated_at', 'version'
] // prettier-ignore
const SEARCH_COLUMNS: Columns<'search'> = ['rowid', 'case_number', 'summary', 'names', 'id_numbers', 'phones']
const DIGITS_COLUMNS: Columns<'digits'> = ['rowid', 'grams']
const WORDS_COLUMNS: Columns<'words'> = ['rowid', 'bigrams']
const NAME_KEY_COLUMNS: Columns<'nameKeys'> = ['name', 'first_char', 'case_seq']

/** Back to the design's WAL (the file header keeps it); the other pragmas end with the connection. */
async function leaveLoadMode(db: RawDb): Promise<void> {
  await db.exec('pragma locking_mode = normal')
  await db.exec('pragma journal_mode = wal')
}

function reportCleanup(step: string, error: unknown): void {
  console.error(`批量写入失败后${step}也失败：${error instanceof Error ? error.message : String(error)}`)
}

/** Load-time pragmas: nothing to protect yet, so no journal and no fsync; a big page cache for the indexes. */
const LOAD_PRAGMAS = [
  'pragma journal_mode = off',
  'pragma synchronous = off',
  'pragma locking_mode = exclusive',
  'pragma cache_size = -524288',
  'pragma temp_store = memory'
]

export async function seedDatabase(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => {})
  const seed = options.seed ?? 1
  const until = options.until ?? chinaDate(new Date())
  const started = performance.now()

  // 1. The real start: migrations, reference data, local user; then what services own.
  const app = await startApp({ databasePath: options.dbPath, shell: 'harness', log: quiet })
  let generator: RegisterGenerator
  let actor: { id: string; displayName: string }
  try {
    const { n } = await app.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (Number(n) > 0) throw new Error(`数据库中已有 ${n} 件案件；生成数据只写入新建的数据库，请换一个文件`)
    actor = { id: app.ctx.actor.id, displayName: app.ctx.actor.displayName }
    const offices = await app.ctx.db.selectFrom('offices').selectAll().orderBy('sort_order').execute()
    const installation = await services['settings.get'](app.ctx, { key: 'installation.officeId' })
    if (options.office) {
      const own = offices.find((o) => o.code === options.office)
      if (!own) throw new Error(`没有代码为 ${options.office} 的调解组织`)
      await services['settings.set'](app.ctx, { key: 'installation.officeId', value: own.id })
    } else if (typeof installation.value !== 'string') {
      // A store of the whole district: the district center is the installation.
      const district = offices.find((o) => o.kind === 'district_center')!
      await services['settings.set'](app.ctx, { key: 'installation.officeId', value: district.id })
    }
    const known = new Set((await app.ctx.db.selectFrom('chambers').select('name').execute()).map((c) => c.name))
    for (const name of CHAMBERS) if (!known.has(name)) await services['chambers.add'](app.ctx, { name })

    const marks = new Map(
      (await app.ctx.db.selectFrom('office_marks').selectAll().execute()).map((m) => [m.office_id, m.mark])
    )
    const seedOffices: SeedOffice[] = offices.map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      shortName: o.short_name,
      kind: o.kind,
      township: o.township,
      searchMark: marks.get(o.id)!
    }))
    generator = new RegisterGenerator({
      seed,
      cases: options.cases,
      until,
      context: {
        offices: seedOffices,
        actor,
        chambers: CHAMBERS,
        // An office's own store furnishes only its own rooms: another office's rows are not its to write (hub import).
        rooms: await ensureRooms(
          app.ctx,
          seedOffices.filter((o) => !options.office || o.code === options.office)
        ),
        calendar: await loadWorkingCalendar(app.ctx.db),
        settings: await deadlineSettings(app.ctx.db)
      },
      caseOffices: options.office ? [options.office] : undefined
    })
    await writeRoster(app.ctx, generator, until)
    log(`已写入调解员名册 ${generator.roster.length} 人（经 writeMediator，含审计记录）`)
  } finally {
    await app.close()
  }

  // 2. The bulk load, on one raw connection while nothing else holds the file.
  const db = await RawDb.open(options.dbPath)
  try {
    for (const pragma of LOAD_PRAGMAS) await db.exec(pragma)
    await bulkLoad(db, generator, options, log, started)
    const now = new Date()
    await db.run(
      `insert into case_number_sequences (office_id, year, last_sequence) values ${generator
        .sequences()
        .map(() => '(?, ?, ?)')
        .join(', ')}`,
      generator.sequences().flatMap((s) => [s.office_id, s.year, s.last_sequence])
    )
    const [last] = await db.all<{ chain_seq: number; hash: string }>(
      'select chain_seq, hash from audit_log where chain_seq is not null order by chain_seq desc limit 1'
    )
    const fields = {
      id: uuidv7(now.getTime()),
      at: now.toISOString(),
      actor_id: actor.id,
      actor_name: actor.displayName,
      action: 'seed.bulk',
      entity: 'cases',
      entity_id: 'bulk',
      case_id: null,
      summary: JSON.stringify({
        before: null,
        after: {
          ...generator.stats,
          ...generator.lifecycleRows,
          ...generator.preventionRows,
          seed,
          until,
          note: '生成的测试数据：逐条记录未写审计日志和变更日志（change_log），不会进入中心端增量导出'
        }
      })
    }
    // The one audit row of the bulk load joins the hash chain like any other.
    const chainSeq = (last?.chain_seq ?? 0) + 1
    const prevHash = last?.hash ?? GENESIS_HASH
    const row = { ...fields, chain_seq: chainSeq, prev_hash: prevHash, hash: auditHash(chainSeq, prevHash, fields) }
    await db.run(
      `insert into audit_log (${Object.keys(row).join(', ')}) values (${Object.keys(row)
        .map(() => '?')
        .join(', ')})`,
      Object.values(row)
    )
    await db.exec('commit')
  } catch (error) {
    // The load's own error is the one to throw; a failed rollback after it is said, not hidden.
    await db.exec('rollback').catch((rollbackError) => reportCleanup('回滚', rollbackError))
    await leaveLoadMode(db).catch((modeError) => reportCleanup('恢复 WAL 日志模式', modeError))
    await db.close()
    throw error
  }
  // After a load that succeeded, a store left out of WAL is a failure of the seed.
  await leaveLoadMode(db).finally(() => db.close())

  const seconds = (performance.now() - started) / 1000
  const { stats } = generator
  return {
    dbPath: options.dbPath,
    seed,
    until,
    cases: stats.cases,
    parties: stats.parties,
    caseParties: stats.caseParties,
    reusedPartyLinks: stats.reusedLinks,
    events: stats.events,
    assignments: stats.assignments,
    lifecycleRows: generator.lifecycleRows,
    preventionRows: generator.preventionRows,
    mediators: generator.roster.length,
    seconds,
    bytes: statSync(options.dbPath).size
  }
}

/** Rooms per office through rooms.save (audited): three at the district center, two at a sub-center, one elsewhere. */
async function ensureRooms(ctx: AppContext, offices: readonly SeedOffice[]): Promise<SeedRoom[]> {
  const names = ['第一调解室', '第二调解室', '第三调解室']
  const existing = await ctx.db.selectFrom('rooms').select('office_id').execute()
  const furnished = new Set(existing.map((r) => r.office_id))
  for (const office of offices) {
    if (furnished.has(office.id)) continue
    const count = office.kind === 'district_center' ? 3 : office.kind === 'town_street_center' ? 2 : 1
    for (const [i, name] of names.slice(0, count).entries()) {
      await services['rooms.save'](ctx, saveRoomSchema.parse({ officeId: office.id, name, capacity: 12 - 2 * i }))
    }
  }
  const rooms = await ctx.db
    .selectFrom('rooms')
    .select(['id', 'office_id', 'name', 'capacity'])
    .where('active', '=', 1)
    .where(
      'office_id',
      'in',
      offices.map((o) => o.id)
    )
    .orderBy('office_id')
    .orderBy('name')
    .execute()
  return rooms.map((r) => ({ id: r.id, officeId: r.office_id, name: r.name, capacity: r.capacity }))
}

async function writeRoster(ctx: AppContext, generator: RegisterGenerator, until: string): Promise<void> {
  const { db } = ctx
  const officeIdByCode = new Map(
    (await db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id])
  )
  const chamberIdByName = new Map(
    (await db.selectFrom('chambers').select(['id', 'name']).execute()).map((c) => [c.name, c.id])
  )
  const enteredAt = iso(chinaMidnight(until) - 400 * DAY)
  await writeChange(ctx, 'seed.roster', async (trx, record) => {
    for (const mediator of generator.roster) {
      await writeMediator(
        trx,
        record,
        {
          id: mediator.id,
          data: mediator.record,
          officeIds: mediator.record.officeCodes.map((code) => officeIdByCode.get(code)!),
          chamberIds: mediator.record.chambers.map((name) => chamberIdByName.get(name)!),
          before: null
        },
        enteredAt
      )
    }
  })
}

/** Tables whose rows a batch keeps under a key of its own (the lifecycle's, the prevention rows). */
function keyedTables<K extends keyof CaseBatch>(
  tables: Record<K, { table: string; columns: Columns<K> }>
): Array<BulkTableSpec<CaseBatch>> {
  return (Object.keys(tables) as K[]).map((key) => ({
    table: tables[key].table,
    columns: tables[key].columns,
    rowsOf: (b: CaseBatch) => b[key] as readonly object[]
  }))
}

/** The load's tables in the order their rows are written, each batch's rows of it. */
const LOAD_TABLES: ReadonlyArray<BulkTableSpec<CaseBatch>> = [
  { table: 'parties', columns: PARTY_COLUMNS, rowsOf: (b) => b.parties },
  { table: 'cases', columns: CASE_COLUMNS, rowsOf: (b) => b.cases },
  { table: 'case_parties', columns: CASE_PARTY_COLUMNS, rowsOf: (b) => b.caseParties },
  { table: 'case_events', columns: EVENT_COLUMNS, rowsOf: (b) => b.events },
  { table: 'assignments', columns: ASSIGNMENT_COLUMNS, rowsOf: (b) => b.assignments },
  { table: 'case_search', columns: SEARCH_COLUMNS, rowsOf: (b) => b.search },
  { table: 'case_digits', columns: DIGITS_COLUMNS, rowsOf: (b) => b.digits },
  { table: 'case_words', columns: WORDS_COLUMNS, rowsOf: (b) => b.words },
  { table: 'case_name_keys', columns: NAME_KEY_COLUMNS, rowsOf: (b) => b.nameKeys },
  ...keyedTables(LIFECYCLE_TABLES),
  // After the cases and parties their reports and register entries refer to.
  ...keyedTables(PREVENTION_TABLES)
]

async function bulkLoad(
  db: RawDb,
  generator: RegisterGenerator,
  options: SeedOptions,
  log: (line: string) => void,
  started: number
): Promise<void> {
  const transactionSize = options.transactionSize ?? 25_000
  const progressEvery = options.progressEvery ?? 50_000
  let done = 0
  let lastReport = 0
  let writing: Promise<void> = Promise.resolve()
  await db.exec('begin')
  // Generating batch k (JavaScript) overlaps SQLite parsing and writing batch k-1 on the libuv pool. Batches of 100
  // cases rather than 1,000: a batch's row objects are then mostly gone before V8's next young-generation collection
  // instead of being copied by it (with the seed script's 64 MB semi-space, 100,000 cases took 56–61 s instead of 71–75 s).
  for (const batch of generator.batches(100)) {
    const text = batchText(LOAD_TABLES, batch)
    await writing
    done += batch.cases.length
    const endsTransaction = done % transactionSize < batch.cases.length
    writing = db.exec(endsTransaction ? `${text};\ncommit;\nbegin` : text)
    if (done - lastReport >= progressEvery || done === options.cases) {
      lastReport = done
      const seconds = (performance.now() - started) / 1000
      log(
        `已写入 ${done.toLocaleString('en-US')} / ${options.cases.toLocaleString('en-US')} 件（${Math.round(done / seconds).toLocaleString('en-US')} 件/秒，${seconds.toFixed(1)} 秒）`
      )
    }
  }
  await writing
}
