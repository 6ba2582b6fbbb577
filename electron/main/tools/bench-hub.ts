/*
 * The hub rows of the benchmark (DESIGN §7: export ≤ 10 s, import ≤ 15 s for
 * 100,000 changed cases), through the real services. An office's own store
 * is seeded (every case registered at one sub-center; the district roster),
 * and every seeded row is entered in the change log as the services would
 * have (the seed writes none), so the timed export is an ordinary
 * incremental one of N changed cases. The bundle is then imported into a
 * fresh hub store with the office's key registered. Timed: the service calls
 * only (hub.export: read, pack, sign, zip, write the kept copy, history
 * row; hub.import: every
 * check, merge, derived tables, history row) — not app start, seeding or
 * registration. CPU time (user + sys, all threads) is given beside wall time
 * because this machine is shared. The office store is seeded by a child
 * process (seed-process.ts), so neither call pays for the generator's heap.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { HubBundleFile } from '../../../shared/domain/hub'
import { HUB_ENTITIES } from '../../../shared/domain/hub-entities'
import type { Logger } from '../context'
import type { Database } from '../db/schema'
import { services } from '../services/index'
import { startApp } from '../startup'
import type { BenchOptions, BenchRow } from './bench'
import { seedInChildProcess } from './seed-process'

export interface HubBenchResult {
  cases: number
  /** Rows in the bundle (all entities) and its size. */
  rows: number
  bundleBytes: number
  exportMs: number
  exportCpuMs: number
  /** hub.bundleFile: the kept copy read, checked and handed over as base64, as the window saves it. */
  fileMs: number
  importMs: number
  importCpuMs: number
  merged: { inserted: number; updated: number; unchanged: number; deleted: number } | null
  /** Why the hub refused the bundle, when it did (the import row then says so instead of a time). */
  refused: string | null
}

const quiet: Logger = { error: (message, detail) => console.error(message, detail ?? ''), info: () => {} }

/** The office that registers every case of the benchmark's office store. */
export const HUB_BENCH_OFFICE = 'wutian'

/**
 * The last day of that store's register, fixed: with today's date, runs on different days measured different
 * bundles (100,000 cases gave 2,944,271 rows on 5 December and 2,938,682 on the 6th).
 */
export const HUB_BENCH_UNTIL = '2026-12-05'

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await work()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { value, ms, cpuMs: (used.user + used.system) / 1000 }
}

export async function timeHub(options: {
  dir: string
  cases: number
  seed: number
  until?: string
  log: (line: string) => void
}): Promise<HubBenchResult> {
  const officePath = path.join(options.dir, 'hub-bench-office.sqlite')
  const hubPath = path.join(options.dir, 'hub-bench-center.sqlite')
  options.log(`中心端基准：生成 ${options.cases.toLocaleString('en-US')} 件的调解组织库（${HUB_BENCH_OFFICE}）…`)
  // In a child process: the export is timed in a process that has only opened the store, as an office's app has.
  await seedInChildProcess({
    dbPath: officePath,
    cases: options.cases,
    seed: options.seed,
    until: options.until,
    office: HUB_BENCH_OFFICE,
    log: options.log
  })

  // The change log an office's services would have written over the years, and its key; then the store is closed
  // and opened again, as an office's app is between days, so the export does not start on a WAL of 2.9 M new rows.
  const setup = await startApp({ databasePath: officePath, shell: 'harness', log: quiet, dailyBackup: false })
  let key: Awaited<ReturnType<(typeof services)['hub.publicKeyFile']>>
  try {
    await markSeededRowsChanged(setup.ctx.db)
    await services['hub.generateKey'](setup.ctx, {})
    key = await services['hub.publicKeyFile'](setup.ctx, {})
  } finally {
    await setup.close()
  }
  const office = await startApp({ databasePath: officePath, shell: 'harness', log: quiet, dailyBackup: false })
  let exported: Awaited<ReturnType<(typeof services)['hub.export']>>
  let exportTime: { ms: number; cpuMs: number }
  let file: Awaited<ReturnType<typeof timed<HubBundleFile>>>
  try {
    const run = await timed(() => services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' }))
    exported = run.value
    exportTime = run
    if (!exported.entry) throw new Error(`中心端基准：导出未生成数据包（${exported.message}）`)
    const sequence = exported.entry.sequence
    file = await timed(() => services['hub.bundleFile'](office.ctx, { sequence }))
  } finally {
    await office.close()
  }
  if (!exported.entry) throw new Error(`中心端基准：导出未生成数据包（${exported.message}）`)
  const counts = exported.entry.counts
  const rows = Object.values(counts).reduce((sum, c) => sum + c.rows + c.tombstones, 0)
  options.log(
    `已导出 ${rows.toLocaleString('en-US')} 行，${(exported.entry.sizeBytes / 1024 ** 2).toFixed(1)} MB，${(exportTime.ms / 1000).toFixed(1)} 秒`
  )

  const hub = await startApp({ databasePath: hubPath, shell: 'harness', log: quiet, dailyBackup: false })
  try {
    const ids = new Map(
      (await hub.ctx.db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id])
    )
    await services['settings.set'](hub.ctx, { key: 'installation.officeId', value: ids.get('ouhai')! })
    await services['hub.registerOffice'](hub.ctx, {
      officeId: ids.get(key.officeCode)!,
      publicKeyPem: key.publicKeyPem
    })
    const run = await timed(() =>
      services['hub.import'](hub.ctx, { fileName: file.value.fileName, base64: file.value.base64 })
    )
    const refused = run.value.status === 'accepted' ? null : (run.value.reason ?? run.value.status)
    options.log(refused ? `导入被拒收：${refused}` : `已导入，${(run.ms / 1000).toFixed(1)} 秒`)
    return {
      cases: counts.cases?.rows ?? 0,
      rows,
      bundleBytes: exported.entry.sizeBytes,
      exportMs: exportTime.ms,
      exportCpuMs: exportTime.cpuMs,
      fileMs: file.ms,
      importMs: run.ms,
      importCpuMs: run.cpuMs,
      merged: run.value.merged ?? null,
      refused
    }
  } finally {
    await hub.close()
  }
}

/**
 * One change-log entry per seeded row of every logged entity, as if each had
 * been saved through the services (the seed writes none, on purpose).
 */
export async function markSeededRowsChanged(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const entity of HUB_ENTITIES.filter((e) => e.mode === 'logged')) {
      await sql`insert into change_log (entity, entity_id, operation, version, changed_at)
        select ${entity.file}, t.id, 'insert', t.version, t.updated_at from ${sql.table(entity.file)} t
        where not exists (select 1 from change_log c where c.entity = ${entity.file} and c.entity_id = t.id)`.execute(
        trx
      )
    }
  })
}

export const NOT_MEASURED = '未测（--hub-cases 0）'
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** The two rows of the table: export ≤ 10 s and import ≤ 15 s, one run each (a run is long and writes a store). */
export async function hubRows(
  options: BenchOptions,
  log: (line: string) => void,
  notes: string[]
): Promise<BenchRow[]> {
  const cases = options.hubCases ?? 100_000
  const row = (key: string, operation: string, target: string): BenchRow => ({
    key,
    operation,
    dataSize: '—',
    p50Ms: null,
    p95Ms: null,
    target,
    pass: null,
    status: NOT_MEASURED,
    cliP95Ms: null,
    ratio: null
  })
  const exportRow = row('hubExport', '中心端增量导出（hub.export：读取变更、打包、签名、压缩）', '≤ 10 s')
  const importRow = row('hubImport', '中心端导入（hub.import：全部校验、合并、重建检索与期限）', '≤ 15 s')
  if (cases === 0) return [exportRow, importRow]

  const dir = options.hubDir ?? mkdtempSync(path.join(os.tmpdir(), 'mcd-bench-hub-'))
  try {
    const r = await timeHub({ dir, cases, seed: options.seed ?? 1, until: HUB_BENCH_UNTIL, log })
    const size = `${r.cases.toLocaleString('en-US')} changed cases, ${r.rows.toLocaleString('en-US')} rows, ${(r.bundleBytes / 1024 ** 2).toFixed(0)} MB`
    const filled = (base: BenchRow, ms: number, cpuMs: number, limit: number): BenchRow => ({
      ...base,
      dataSize: size,
      p50Ms: ms,
      p95Ms: ms,
      value: `${s(ms)}（CPU ${s(cpuMs)}）`,
      pass: ms <= limit,
      missed: ms <= limit ? [] : ['time'],
      status: undefined
    })
    const exported = filled(exportRow, r.exportMs, r.exportCpuMs, 10_000)
    if (!r.merged) {
      return [
        exported,
        { ...importRow, dataSize: size, pass: false, missed: ['refused'], status: `拒收：${r.refused}` }
      ]
    }
    notes.push(
      `中心端导出/导入：各运行一次（墙钟时间，括号内为本进程全部线程的 CPU 时间）；合并新增 ${r.merged.inserted.toLocaleString('en-US')} 行，` +
        `更新 ${r.merged.updated}，未变 ${r.merged.unchanged}，删除 ${r.merged.deleted}。` +
        `导出把数据包写入库旁的本机副本；界面另存时取回该副本（hub.bundleFile：读取、核对 SHA-256、转为 base64）另用 ${s(r.fileMs)}，不计入导出行。`
    )
    return [exported, filled(importRow, r.importMs, r.importCpuMs, 15_000)]
  } finally {
    if (!options.hubDir) rmSync(dir, { recursive: true, force: true })
  }
}
