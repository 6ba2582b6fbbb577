/*
 * The checks of a bundle's rows (docs/hub-bundle.md §6, checks 6–8), in one
 * pass over its files, an entity at a time: every NDJSON line against its
 * schema and the manifest's counts, every office it refers to, and the
 * origin of every row it would write. A file is inflated when its turn
 * comes, handed to the caller to hash (onFile: the one inflation the checks
 * make of it) and its rows are checked a batch at a time, so a bundle of millions
 * of rows never sits in memory as objects; the merge reads the files again
 * (`BundleRows`). A small bundle keeps its parsed rows for the merge instead.
 *
 * The report keeps the order of the checks: a line problem anywhere fails
 * "lines" and skips the rest, whatever the later checks of earlier files
 * found; an office reference problem skips the origin check.
 */
import type { Kysely } from 'kysely'
import { HUB_ENTITIES, ndjsonName, TOMBSTONES_FILE, type HubEntity } from '../../../../shared/domain/hub-entities'
import type { BundleManifest } from '../../../../shared/rules/hub-manifest'
import type { HubRow, Tombstone } from '../../../../shared/rules/hub-rows'
import type { Database } from '../../db/schema'
import { MAX_PROBLEMS, parsedBatches, type LineTally } from './bundle-lines'
import { OriginGuard } from './origin-guard'
import { readAhead, type ZipArchive } from './zip-reader'

/** A checked bundle's rows, as the merge reads them. */
export interface BundleRows {
  offices: HubRow[]
  tombstones: Tombstone[]
  /** One entity's rows, in file order, a batch at a time. */
  batches(file: string): AsyncGenerator<HubRow[]>
}

export interface ScanResult {
  problems: string[]
  lineCount: number
  /** Why an office the rows refer to is not known here; null when all are. */
  references: string | null
  /** The first row of another office; null when every row is the signing office's. */
  origin: string | null
  rows: BundleRows
}

export interface ScanOptions {
  /** Keep the parsed rows for the merge (a small bundle) rather than parse them again. */
  keepParsed: boolean
  batchRows: number
  /** Each data file as it is read, before its rows are checked, to be hashed. */
  onFile?: (name: string, data: Buffer) => void
  /** After each entity: how many are done. */
  onEntity?: (done: number) => void
}

export async function scanBundle(
  db: Kysely<Database>,
  archive: ZipArchive,
  manifest: BundleManifest,
  { keepParsed, batchRows, onFile, onEntity }: ScanOptions
): Promise<ScanResult> {
  const tally: LineTally = { lines: 0, rows: 0, problems: [] }
  const kept = keepParsed ? new Map<string, HubRow[]>() : null
  const reader = fileReader(archive)
  const files = {
    read: async (file: string): Promise<Buffer | null> => {
      const data = await reader.read(file)
      if (data) onFile?.(ndjsonName(file), data)
      return data
    }
  }
  const declaredTombstones = Object.values(manifest.counts).reduce((sum, c) => sum + c.tombstones, 0)
  // Tombstones first: the origin check of each entity needs what the bundle deletes.
  const tombstones = (await collect(files, TOMBSTONES_FILE, tally, batchRows, manifest.formatVersion)) as Tombstone[]
  countProblem(tally, TOMBSTONES_FILE, tombstones.length, declaredTombstones)

  let offices: HubRow[] = []
  let references: string | null = null
  let origin: string | null = null
  let guard: OriginGuard | null = null
  const stillChecking = () => tally.problems.length === 0 && references === null && origin === null
  for (const [index, entity] of HUB_ENTITIES.entries()) {
    onEntity?.(index)
    const data = await files.read(entity.file)
    // Enough problems to report: the rest of the files are still read, for their hashes (checked first).
    if (tally.problems.length >= MAX_PROBLEMS) continue
    const rowsBefore = tally.rows
    const keptRows: HubRow[] = []
    if (data) {
      for (const batch of parsedBatches(entity.file, data, tally, batchRows, manifest.formatVersion) as Generator<
        HubRow[]
      >) {
        if (kept) keptRows.push(...batch)
        if (entity.file === 'offices') offices = offices.concat(batch)
        if (!stillChecking() || !guard) continue
        references = officeReferenceProblem(entity, batch, offices)
        if (references === null) origin = await guard.rows(entity, batch)
      }
    }
    kept?.set(entity.file, keptRows)
    countProblem(tally, entity.file, tally.rows - rowsBefore, manifest.counts[entity.file]?.rows ?? 0)
    if (entity.file === 'offices' && stillChecking()) {
      references = await unknownOffices(db, offices)
      if (references === null) {
        const started = await OriginGuard.start(db, manifest.office.code, offices, tombstones)
        if (typeof started === 'string') origin = started
        else guard = started
      }
    }
    if (stillChecking() && guard) origin = await guard.deletions(entity)
  }
  return {
    problems: tally.problems,
    lineCount: tally.lines,
    references,
    origin,
    rows: {
      offices,
      tombstones,
      batches: kept ? keptBatches(kept, batchRows) : parsedAgain(reader, batchRows, manifest.formatVersion)
    }
  }
}

/** A file's rows must number what the manifest says (asked only while no line has failed). */
function countProblem(tally: LineTally, file: string, rows: number, declared: number): void {
  if (tally.problems.length === 0 && rows !== declared) {
    tally.problems.push(`${ndjsonName(file)} 有 ${rows} 行，清单为 ${declared} 行`)
  }
}

/** Every office of offices.ndjson must be one this hub knows, by code. */
async function unknownOffices(db: Kysely<Database>, offices: HubRow[]): Promise<string | null> {
  const known = new Set((await db.selectFrom('offices').select('code').execute()).map((o) => o.code))
  const unknown = offices.filter((o) => !known.has(String(o.code))).map((o) => `${o.name}（${o.code}）`)
  return unknown.length > 0 ? `本中心没有这些调解组织：${unknown.join('、')}` : null
}

/** Every office a row points to must be named in offices.ndjson. */
function officeReferenceProblem(entity: HubEntity, batch: HubRow[], offices: HubRow[]): string | null {
  const columns = Object.entries(entity.refs ?? {}).filter(([, target]) => target === 'offices')
  if (columns.length === 0) return null
  const bundleOfficeIds = new Set(offices.map((o) => String(o.id)))
  for (const [column] of columns) {
    const missing = batch.find((row) => row[column] !== null && !bundleOfficeIds.has(String(row[column])))
    if (missing) return `${ndjsonName(entity.file)} 中 id 为 ${missing.id} 的行引用了数据包未列出的调解组织`
  }
  return null
}

interface FileReader {
  read(file: string): Promise<Buffer | null>
}

/** The bundle's data files, tombstones first, then entity by entity: the order of the checks and of the merge. */
export const DATA_FILE_NAMES: readonly string[] = [TOMBSTONES_FILE, ...HUB_ENTITIES.map((e) => e.file)].map(ndjsonName)

function fileReader(archive: ZipArchive): FileReader {
  const files = readAhead(archive, [...DATA_FILE_NAMES])
  return {
    read: (file: string): Promise<Buffer | null> =>
      archive.names.includes(ndjsonName(file)) ? files.read(ndjsonName(file)) : Promise.resolve(null)
  }
}

async function collect(
  files: FileReader,
  file: string,
  tally: LineTally,
  batchRows: number,
  formatVersion: number
): Promise<unknown[]> {
  const data = await files.read(file)
  const rows: unknown[] = []
  if (data) for (const batch of parsedBatches(file, data, tally, batchRows, formatVersion)) rows.push(...batch)
  return rows
}

function keptBatches(kept: Map<string, HubRow[]>, batchRows: number) {
  return async function* (file: string): AsyncGenerator<HubRow[]> {
    const rows = kept.get(file) ?? []
    for (let i = 0; i < rows.length; i += batchRows) yield rows.slice(i, i + batchRows)
  }
}

/** The rows read again for the merge: the same bytes the checks passed, so a problem now is a fault, not input. */
function parsedAgain(files: FileReader, batchRows: number, formatVersion: number) {
  return async function* (file: string): AsyncGenerator<HubRow[]> {
    const data = await files.read(file)
    if (!data) return
    const tally: LineTally = { lines: 0, rows: 0, problems: [] }
    yield* parsedBatches(file, data, tally, batchRows, formatVersion) as Generator<HubRow[]>
    if (tally.problems.length > 0) throw new Error(`再次读取数据包时出错：${tally.problems[0]}`)
  }
}
