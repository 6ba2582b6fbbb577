/*
 * Backups and restore against real files: the daily copy at start, a restore
 * that brings back exactly the backed-up state at the next start while
 * keeping what it replaced, and the backups it refuses (damaged, or from a
 * newer version of the app).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import { fixedClock } from '../../../../tests/support/temp-app'
import { startApp, type RunningApp } from '../../startup'
import { services } from '../index'
import { BACKUP_ABORTED, UNFINISHED_COPY_SUFFIX } from '../../db/online-backup'
import type { StartProgress } from '../../startup-progress'
import { IDLE_CHECKPOINT_MS } from '../../db/idle-checkpoint'
import { ensureDailyBackup } from './backups'
import { backupFolder, listBackupFiles, RESTORE_COPY } from './backup-files'

let dir: string
let dbPath: string
let app: RunningApp
const clock = fixedClock('2026-11-29T01:00:00.000Z')
/** What the app logged as errors since the last start. */
let loggedErrors: string[] = []
const quiet = { error: (message: string) => loggedErrors.push(message), info: () => {} }

/** What the last start said it was doing (startup-progress.ts). */
let startProgress: StartProgress[] = []
const start = async () => {
  loggedErrors = []
  startProgress = []
  const onProgress = (progress: StartProgress) => startProgress.push(progress)
  return (app = await startApp({ databasePath: dbPath, shell: 'harness', clock, log: quiet, onProgress }))
}
const restart = async () => {
  await app.close()
  await start()
}
const summaries = async () =>
  (await app.ctx.db.selectFrom('cases').select('summary').orderBy('seq').execute()).map((c) => c.summary)
/** Every row of every table, as text: equal snapshots mean equal stores (audit rows up to `auditHead` only). */
async function snapshot(auditHead: number): Promise<Record<string, string[]>> {
  // Full-text tables by their rows, not their shadow storage, which the store merges in idle moments.
  const { rows: tables } = await sql<{ name: string }>`
    select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual')
      and name not like 'sqlite_%' order by name`.execute(app.ctx.db)
  const data: Record<string, string[]> = {}
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(app.ctx.db)
    data[name] = rows
      .filter((row) => name !== 'audit_log' || (row.chain_seq as number) <= auditHead)
      .map((row) => JSON.stringify(row))
      .sort()
  }
  return data
}

const register = (summary: string) =>
  services['cases.register'](app.ctx, registerCaseSchema.parse(registration({ summary })))

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-backup-'))
  dbPath = path.join(dir, 'desk.sqlite')
  clock.set('2026-11-29T01:00:00.000Z')
  await start()
  await chooseOffice(app, 'wutian')
})
afterEach(async () => {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('daily backups', () => {
  it('takes one checked copy per China day once the store holds cases', async () => {
    await restart()
    expect(listBackupFiles(dbPath)).toEqual([]) // nothing to lose yet
    await register('邻里通道堆放杂物引发纠纷，双方多次争吵')
    await restart()
    await app.background // the daily copy is taken behind the window
    await restart()
    await app.background
    expect(listBackupFiles(dbPath).map((b) => b.kind)).toEqual(['daily'])
    expect(app.ctx.maintenance.lastIntegrityCheck).toMatchObject({ ok: true, target: '当前数据库' })
    const trail = await services['audit.list'](app.ctx, { filter: { action: 'backups.daily' } })
    expect(trail.rows).toHaveLength(1)
  })

  it('rotates the daily copies: 7 days, the last of 4 weeks, the last of 12 months', async () => {
    await register('邻里通道堆放杂物引发纠纷，双方多次争吵')
    // A start every day from 1 January to 30 November 2026 (China time, 09:00).
    for (let day = Date.UTC(2026, 0, 1, 1); day <= Date.UTC(2026, 10, 30, 1); day += 86_400_000) {
      clock.set(new Date(day).toISOString())
      await ensureDailyBackup(app.ctx)
    }
    const kept = listBackupFiles(dbPath).map((b) => b.takenAt.slice(0, 10))
    expect(kept).toEqual([
      // the last 7 days
      ...['30', '29', '28', '27', '26', '25', '24'].map((d) => `2026-11-${d}`),
      // the last of each of the 4 newest weeks (Monday first): 30 and 29 are already kept, then 22 and 15
      '2026-11-22',
      '2026-11-15',
      // the last of each of the 12 newest months: November is kept, then October back to January
      ...['10-31', '09-30', '08-31', '07-31', '06-30', '05-31', '04-30', '03-31', '02-28', '01-31'].map(
        (d) => `2026-${d}`
      )
    ])
  }, 60_000)
})

describe('the online copy, step by step', () => {
  const copyCases = async (file: string) => {
    const other = await startApp({ databasePath: file, shell: 'harness', clock, log: quiet })
    try {
      const { rows } = await sql<{ n: number; check: string }>`select (select count(*) from cases) as n,
        (select quick_check from pragma_quick_check) as "check"`.execute(other.ctx.db)
      return rows[0]
    } finally {
      await other.close()
    }
  }

  it('serves the app between steps, and a case saved meanwhile is in the copy', async () => {
    for (let i = 0; i < 20; i++) await register(`第 ${i} 件：邻里通道堆放杂物引发纠纷，双方多次争吵`)
    const target = path.join(dir, 'stepwise.sqlite')
    const order: string[] = []
    // Eight pages a step: dozens of steps, so the save below is served between two of them.
    const copying = app.store.handle.backupTo(target, undefined, 8).then(() => order.push('copy'))
    await register('复制进行中登记的案件').then(() => order.push('save'))
    await copying
    expect(order).toEqual(['save', 'copy'])
    expect(await copyCases(target)).toEqual({ n: 21, check: 'ok' })
  })

  it('stops when the app closes, leaving no partial file', async () => {
    for (let i = 0; i < 5; i++) await register(`第 ${i} 件：买卖合同货款纠纷`)
    const target = path.join(dir, 'stopped.sqlite')
    const stop = new AbortController()
    const copying = app.store.handle.backupTo(target, stop.signal, 1)
    stop.abort()
    await expect(copying).rejects.toMatchObject({ code: BACKUP_ABORTED })
    expect(existsSync(target)).toBe(false)
    expect(existsSync(`${target}${UNFINISHED_COPY_SUFFIX}`)).toBe(false)
  })

  it('is written under an unfinished name and takes the backup’s name only once complete', async () => {
    for (let i = 0; i < 10; i++) await register(`第 ${i} 件：邻里通道堆放杂物引发纠纷，双方多次争吵`)
    mkdirSync(backupFolder(dbPath), { recursive: true })
    const target = path.join(backupFolder(dbPath), 'desk-20261129T020000-manual.sqlite')
    const listed = () => listBackupFiles(dbPath).some((b) => b.fileName === path.basename(target))
    const during: Array<{ named: boolean; unfinished: boolean; listed: boolean }> = []
    await app.store.handle.backupTo(target, undefined, 8, () =>
      during.push({
        named: existsSync(target),
        unfinished: existsSync(`${target}${UNFINISHED_COPY_SUFFIX}`),
        listed: listed()
      })
    )
    expect(during.length).toBeGreaterThan(3)
    // While it copies, nothing calls it a backup; the last step ends before the rename.
    expect(during.every((d) => !d.named && d.unfinished && !d.listed)).toBe(true)
    expect(existsSync(target)).toBe(true)
    expect(existsSync(`${target}${UNFINISHED_COPY_SUFFIX}`)).toBe(false)
    expect(listed()).toBe(true)
  })

  it('a copy cut short is removed at the next start and does not count as the day’s copy', async () => {
    await register('邻里通道堆放杂物引发纠纷，双方多次争吵')
    // The next day's copy was cut short by a killed process.
    clock.set('2026-11-30T01:00:00.000Z')
    const folder = backupFolder(dbPath)
    mkdirSync(folder, { recursive: true })
    const mine = path.join(folder, `desk-20261130T010000-daily.sqlite${UNFINISHED_COPY_SUFFIX}`)
    const theirs = path.join(folder, `other-20261130T010000-daily.sqlite${UNFINISHED_COPY_SUFFIX}`)
    for (const file of [mine, `${mine}-journal`, theirs]) writeFileSync(file, Buffer.alloc(4096, 0x41))

    await restart()
    await app.background
    expect(existsSync(mine)).toBe(false)
    expect(existsSync(`${mine}-journal`)).toBe(false)
    // Another store's copy in the same folder is its own app's business.
    expect(existsSync(theirs)).toBe(true)
    // The day's copy was taken whole, and is the one listed for the day.
    const today = listBackupFiles(dbPath).filter((b) => b.kind === 'daily' && b.takenAt.startsWith('2026-11-30'))
    expect(today).toHaveLength(1)
    expect(readdirSync(folder).filter((f) => f.startsWith('desk-') && f.endsWith(UNFINISHED_COPY_SUFFIX))).toEqual([])
  })
})

describe('restore', () => {
  const chunkBytes = RESTORE_COPY.chunkBytes
  beforeEach(() => {
    RESTORE_COPY.chunkBytes = 64 * 1024
  })
  afterEach(() => {
    RESTORE_COPY.chunkBytes = chunkBytes
  })

  it('brings back exactly the backed-up cases at the next start, keeping the replaced store as a backup', async () => {
    await register('邻里通道堆放杂物引发纠纷，双方多次争吵')
    const head = (await services['audit.verify'](app.ctx, {})).headSeq
    const atBackup = await snapshot(head)
    const { backups } = await services['backups.create'](app.ctx, {})
    await register('买卖合同货款纠纷，被申请人拖欠货款')
    clock.set('2026-11-29T02:00:00.000Z')
    await services['backups.restore'](app.ctx, { fileName: backups[0].fileName })
    // Written after the restore was asked for: must survive in the kept copy.
    await register('劳务报酬纠纷，申请人要求支付拖欠工资')
    expect(await summaries()).toHaveLength(3)

    await restart()
    // The replaced store kept first, then the backup put in place, each from nothing to its whole size a chunk at a
    // time (64 KiB here, so that a small store takes many steps).
    const sizeOf = (fileName: string) => statSync(path.join(backupFolder(dbPath), fileName)).size
    const keptFile = listBackupFiles(dbPath).find((b) => b.kind === 'before_restore')!.fileName
    const sizes = { current: sizeOf(keptFile), backup: sizeOf(backups[0].fileName) }
    const steps = (copying: 'current' | 'backup') => {
      const total = sizes[copying]
      const at = Array.from({ length: Math.ceil(total / RESTORE_COPY.chunkBytes) }, (_, i) =>
        Math.min(total, (i + 1) * RESTORE_COPY.chunkBytes)
      )
      return [0, ...at].map((copied) => `${copying} ${copied}/${total}`)
    }
    const copies = startProgress.map((p) =>
      p.phase === 'restore' ? `${p.copying} ${p.copiedBytes}/${p.totalBytes}` : p.phase
    )
    expect(steps('current').length).toBeGreaterThan(5)
    expect(copies).toEqual([...steps('current'), ...steps('backup')])
    expect(startProgress.every((p) => p.phase === 'restore' && p.fileName === backups[0].fileName)).toBe(true)
    expect(await summaries()).toEqual(['邻里通道堆放杂物引发纠纷，双方多次争吵'])
    // Every row of every table as it was when the copy was taken (the start since then only appended audit rows).
    expect(await snapshot(head)).toEqual(atBackup)
    expect((await services['backups.list'](app.ctx, {})).pendingRestore).toBeNull()
    const kept = listBackupFiles(dbPath).find((b) => b.kind === 'before_restore')!
    expect(kept).toBeDefined()

    // The kept store holds all three cases, the last one included.
    await services['backups.restore'](app.ctx, { fileName: kept.fileName })
    await restart()
    expect(await summaries()).toHaveLength(3)
    expect((await services['audit.verify'](app.ctx, {})).ok).toBe(true)
  })

  it('refuses a damaged backup and one from a newer version, and asks nothing of the next start', async () => {
    await register('邻里通道堆放杂物引发纠纷，双方多次争吵')
    const { backups } = await services['backups.create'](app.ctx, {})
    const file = path.join(backupFolder(dbPath), backups[0].fileName)

    const newer = path.join(backupFolder(dbPath), 'desk-20261129T010001-manual.sqlite')
    await app.ctx.maintenance.backupTo(newer)
    const other = await startApp({ databasePath: newer, shell: 'harness', clock, log: quiet })
    await sql`insert into kysely_migration (name, timestamp) values ('2999_01_01_0000_from_the_future', '')`.execute(
      other.ctx.db
    )
    await other.close()
    await expect(services['backups.restore'](app.ctx, { fileName: path.basename(newer) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { fileName: '该备份来自更新版本的软件，请先升级本软件再恢复' }
    })

    writeFileSync(file, Buffer.alloc(8192, 0x41)) // overwritten with junk
    await expect(services['backups.restore'](app.ctx, { fileName: backups[0].fileName })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED'
    })
    expect((await services['backups.list'](app.ctx, {})).pendingRestore).toBeNull()
    expect(readdirSync(backupFolder(dbPath))).not.toContain('restore-pending.json')
  })

  it('says there is nothing to cancel when no restore is waiting', async () => {
    await expect(services['backups.cancelRestore'](app.ctx, {})).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '没有等待恢复的备份'
    })
  })
})

describe('a damaged store', () => {
  it('still opens, says it is damaged, and is brought back by restoring a backup', async () => {
    for (let n = 0; n < 30; n++) await register(`第${n}件：邻里通道堆放杂物引发纠纷`)
    const { backups } = await services['backups.create'](app.ctx, {})
    await app.close()
    // A disk fault: the middle of a page near the end of the file overwritten.
    const size = statSync(dbPath).size
    const fd = openSync(dbPath, 'r+')
    writeSync(fd, Buffer.alloc(1500, 0xff), 0, 1500, size - 4096 * 2 + 200)
    closeSync(fd)

    await start()
    const info = await services['app.info'](app.ctx, {})
    expect(info.storeProblem).toMatchObject({ ok: false, target: '当前数据库' })
    expect(info.storeProblem!.detail).toMatch(/malformed|Tree|page/)
    // No copy of the damaged store was taken at this start.
    expect(listBackupFiles(dbPath).map((b) => b.fileName)).toEqual([backups[0].fileName])

    await services['backups.restore'](app.ctx, { fileName: backups[0].fileName })
    // The damaged file is left as it is until the restore: quiet moments bring no checkpoint into it and no
    // full-text merge writes on top of the damage (the request is in the WAL, synced, and the restore replaces both).
    const fileBefore = readFileSync(dbPath)
    await new Promise((resolve) => setTimeout(resolve, IDLE_CHECKPOINT_MS * 3))
    expect(readFileSync(dbPath).equals(fileBefore)).toBe(true)
    expect(loggedErrors).toEqual(['数据库完整性检查未通过，请从备份恢复'])
    await restart()
    expect((await services['app.info'](app.ctx, {})).storeProblem).toBeNull()
    expect(await summaries()).toHaveLength(30)
  })
})
