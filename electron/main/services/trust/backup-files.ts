/*
 * The backup folder beside the database: names that say when and why each
 * copy was taken, a check of every copy just written (on its own read-only
 * connection, so the live store's one connection is not held for it), and a
 * restore that happens at the next start, before the store is opened —
 * never under a running app's feet.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import type { BackupEntry, BackupKind, IntegrityReport } from '../../../../shared/domain/backup'
import { UNFINISHED_COPY_SUFFIX } from '../../db/online-backup'
import type { StartProgressListener } from '../../startup-progress'
import { storeStem } from '../../paths'

const NAME = /^(.+)-(\d{8}T\d{6})-(daily|manual|before-restore|before-.+)\.sqlite$/

export function backupFolder(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'backups')
}

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
}

/**
 * `<dir>/backups/<name>-<yyyymmddThhmmss>-<kind>.sqlite`, as migration backups
 * are named; a name already taken moves on by a second, so no copy is ever
 * overwritten (two restores in one second would otherwise replace the first kept store).
 */
export function backupPath(dbPath: string, kind: 'daily' | 'manual' | 'before-restore', now: Date): string {
  const base = storeStem(dbPath)
  for (let at = now.getTime(); ; at += 1000) {
    const candidate = path.join(backupFolder(dbPath), `${base}-${stampOf(new Date(at))}-${kind}.sqlite`)
    if (!existsSync(candidate)) return candidate
  }
}

function kindOf(tag: string): BackupKind {
  if (tag === 'daily') return 'daily'
  if (tag === 'manual') return 'manual'
  if (tag === 'before-restore') return 'before_restore'
  return 'before_migration'
}

/** How a restore copies. Tests make the chunk small to copy a small store in many steps. */
export const RESTORE_COPY = {
  /** Bytes per read and write: a 19 GB store in ≈ 2,400 steps, each a chance to say how far it is. */
  chunkBytes: 8 * 1024 * 1024
}

/**
 * A file copied under its unfinished name, synced, and renamed once whole,
 * so `to` is never a partial copy. Chunk by chunk rather than in one call,
 * so that a copy of minutes can say how far it is.
 */
async function copyWhole(from: string, to: string, onCopied: (copiedBytes: number, totalBytes: number) => void) {
  const unfinished = `${to}${UNFINISHED_COPY_SUFFIX}`
  const source = await open(from, 'r')
  try {
    const totalBytes = (await source.stat()).size
    const target = await open(unfinished, 'w')
    try {
      const buffer = Buffer.allocUnsafe(Math.min(RESTORE_COPY.chunkBytes, Math.max(1, totalBytes)))
      onCopied(0, totalBytes)
      for (let copied = 0; copied < totalBytes;) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, copied)
        if (bytesRead === 0) throw new Error(`复制 ${path.basename(from)} 时文件意外变短`)
        await target.write(buffer, 0, bytesRead, copied)
        copied += bytesRead
        onCopied(copied, totalBytes)
      }
      await target.sync()
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
  renameSync(unfinished, to)
}

/**
 * The backup folder's files of this database (another store in the same
 * folder has its own), each with its backup name parsed; `asBackup` says
 * which backup name a file stands for, or '' for none.
 */
function ownFiles(dbPath: string, asBackup: (fileName: string) => string) {
  const folder = backupFolder(dbPath)
  if (!existsSync(folder)) return []
  const base = storeStem(dbPath)
  return readdirSync(folder).flatMap((fileName) => {
    const match = NAME.exec(asBackup(fileName))
    return match && match[1] === base ? [{ path: path.join(folder, fileName), fileName, match }] : []
  })
}

/**
 * Copies of this database cut short before they were complete (the app was
 * killed or crashed while copying; see UNFINISHED_COPY_SUFFIX) are removed:
 * never a backup, and as large as the store.
 */
export function removeUnfinishedCopies(dbPath: string): string[] {
  const unfinished = ownFiles(dbPath, (fileName) => {
    const copy = fileName.replace(/-journal$/, '')
    return copy.endsWith(UNFINISHED_COPY_SUFFIX) ? copy.slice(0, -UNFINISHED_COPY_SUFFIX.length) : ''
  })
  for (const file of unfinished) rmSync(file.path, { force: true })
  return unfinished.map((file) => file.fileName)
}

/** Every backup of this database, newest first. */
export function listBackupFiles(dbPath: string): BackupEntry[] {
  const entries: BackupEntry[] = []
  for (const { path: file, fileName, match } of ownFiles(dbPath, (fileName) => fileName)) {
    const s = match[2]
    entries.push({
      fileName,
      kind: kindOf(match[3]),
      takenAt: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.000Z`,
      sizeBytes: statSync(file).size
    })
  }
  return entries.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.fileName.localeCompare(a.fileName))
}

/** How many daily copies are kept: the last 7 days, the last of each of 4 weeks and of each of 12 months. */
export const DAILY_ROTATION = { days: 7, weeks: 4, months: 12 } as const

/** Monday of the China-calendar week of a UTC instant, as 'YYYY-MM-DD'. */
function weekOf(takenAt: string): string {
  const day = new Date(Date.parse(takenAt) + 8 * 3600_000)
  const offset = (day.getUTCDay() + 6) % 7
  return new Date(day.getTime() - offset * 86_400_000).toISOString().slice(0, 10)
}

function monthOf(takenAt: string): string {
  return new Date(Date.parse(takenAt) + 8 * 3600_000).toISOString().slice(0, 7)
}

/**
 * Rotate the daily copies (7 daily, 4 weekly, 12 monthly): the newest of
 * each recent day, week and month stays, the rest go. Other kinds are the
 * admin's to delete. Returns the names removed.
 */
export function pruneDailyBackups(dbPath: string): string[] {
  const dailies = listBackupFiles(dbPath).filter((entry) => entry.kind === 'daily')
  const keep = new Set(dailies.slice(0, DAILY_ROTATION.days).map((entry) => entry.fileName))
  for (const [periodOf, count] of [
    [weekOf, DAILY_ROTATION.weeks],
    [monthOf, DAILY_ROTATION.months]
  ] as const) {
    const seen = new Set<string>()
    for (const entry of dailies) {
      const period = periodOf(entry.takenAt)
      if (seen.has(period)) continue
      seen.add(period)
      if (seen.size > count) break
      keep.add(entry.fileName)
    }
  }
  const removed = dailies.filter((entry) => !keep.has(entry.fileName)).map((entry) => entry.fileName)
  for (const fileName of removed) rmSync(path.join(backupFolder(dbPath), fileName))
  return removed
}

/** `pragma quick_check` (or the slower, thorough `integrity_check`) of a database file on its own read-only connection. */
export function checkDatabaseFile(
  file: string,
  now: () => Date,
  mode: 'quick' | 'full' = 'quick'
): Promise<IntegrityReport> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError)
      const pragma = mode === 'full' ? 'integrity_check' : 'quick_check'
      db.all<Record<string, string>>(`pragma ${pragma}`, (error, rows) => {
        db.close(() => {
          if (error)
            return resolve({
              target: path.basename(file),
              ok: false,
              detail: error.message,
              checkedAt: now().toISOString()
            })
          const messages = rows.map((r) => r[pragma])
          const ok = messages.length === 1 && messages[0] === 'ok'
          resolve({
            target: path.basename(file),
            ok,
            detail: ok ? null : messages.slice(0, 5).join('；'),
            checkedAt: now().toISOString()
          })
        })
      })
    })
  })
}

const FULL_CHECK_EVERY_MS = 7 * 86_400_000

function healthFile(dbPath: string): string {
  return path.join(backupFolder(dbPath), 'integrity.json')
}

/** The thorough integrity_check runs weekly (on a fresh backup copy); quick_check the rest of the time. */
export function fullCheckDue(dbPath: string, now: Date): boolean {
  const file = healthFile(dbPath)
  if (!existsSync(file)) return true
  const { lastFullCheck } = JSON.parse(readFileSync(file, 'utf8')) as { lastFullCheck: string }
  return now.getTime() - Date.parse(lastFullCheck) >= FULL_CHECK_EVERY_MS
}

export function noteFullCheck(dbPath: string, now: Date): void {
  writeFileSync(healthFile(dbPath), JSON.stringify({ lastFullCheck: now.toISOString() }))
}

function pendingFile(dbPath: string): string {
  return path.join(backupFolder(dbPath), 'restore-pending.json')
}

export function readPendingRestore(dbPath: string): string | null {
  const file = pendingFile(dbPath)
  if (!existsSync(file)) return null
  return (JSON.parse(readFileSync(file, 'utf8')) as { fileName: string }).fileName
}

export function writePendingRestore(dbPath: string, fileName: string): void {
  mkdirSync(backupFolder(dbPath), { recursive: true })
  writeFileSync(pendingFile(dbPath), JSON.stringify({ fileName }))
}

export function cancelPendingRestore(dbPath: string): void {
  rmSync(pendingFile(dbPath), { force: true })
}

/** Open and close the file once: the last connection to close checkpoints the WAL into the main file. */
function checkpoint(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (openError) => {
      if (openError) return reject(openError)
      db.close((closeError) => (closeError ? reject(closeError) : resolve()))
    })
  })
}

/**
 * At start, before the store is opened: keep the current database as a
 * before-restore backup (after folding its WAL in, so nothing written since
 * the restore was asked for is lost), then put the chosen backup in its place.
 */
export async function applyPendingRestore(
  dbPath: string,
  now: Date,
  onProgress?: StartProgressListener
): Promise<{ restored: string; keptAs: string | null } | null> {
  const fileName = readPendingRestore(dbPath)
  if (!fileName) return null
  const source = path.join(backupFolder(dbPath), fileName)
  if (!existsSync(source)) {
    cancelPendingRestore(dbPath)
    throw new Error(`要恢复的备份文件不存在：${fileName}，数据库未改动`)
  }
  // Two whole copies of the store (the one replaced is kept): minutes for a large one.
  const copying =
    (step: 'current' | 'backup') =>
    (copiedBytes: number, totalBytes: number): void =>
      onProgress?.({ phase: 'restore', fileName, copying: step, copiedBytes, totalBytes })
  let keptAs: string | null = null
  if (existsSync(dbPath)) {
    await checkpoint(dbPath)
    keptAs = backupPath(dbPath, 'before-restore', now)
    await copyWhole(dbPath, keptAs, copying('current'))
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
  // Cut short, the copy leaves the store as it was; the restore, still asked for, runs again at the next start.
  await copyWhole(source, dbPath, copying('backup'))
  cancelPendingRestore(dbPath)
  return { restored: fileName, keptAs: keptAs && path.basename(keptAs) }
}
