/*
 * Backups and restore as the admin uses them: a daily copy taken at start,
 * a copy on demand, each checked as soon as it is written, and a restore of
 * any of them at the next start. Taking and restoring are in the audit
 * trail; neither changes a synchronised record, so neither is in the change log.
 */
import path from 'node:path'
import { mkdirSync, rmSync } from 'node:fs'
import sqlite3 from 'sqlite3'
import type { BackupEntry, BackupOverview } from '../../../../shared/domain/backup'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import type { AppContext } from '../../context'
import { MIGRATIONS } from '../../db/migrator'
import { BACKUP_ABORTED } from '../../db/online-backup'
import { SqliteError } from '../../db/sqlite-error'
import { AppError, invalidField } from '../../errors'
import { recordAuditOnly } from '../write'
import {
  backupFolder,
  backupPath,
  cancelPendingRestore,
  checkDatabaseFile,
  DAILY_ROTATION,
  fullCheckDue,
  noteFullCheck,
  listBackupFiles,
  pruneDailyBackups,
  readPendingRestore,
  writePendingRestore
} from './backup-files'

function overview(ctx: AppContext): BackupOverview {
  const dbPath = ctx.runtime.databasePath
  return {
    folder: backupFolder(dbPath),
    backups: listBackupFiles(dbPath),
    pendingRestore: readPendingRestore(dbPath),
    lastIntegrityCheck: ctx.maintenance.lastIntegrityCheck,
    rotation: DAILY_ROTATION
  }
}

/**
 * Copy the store and check the copy (weekly with the full integrity_check).
 * A copy that fails the check is removed — it could not be restored — and
 * the failure is what the store's health reports: the online backup copies
 * pages as they are, so damage in the copy is damage in the store.
 */
async function takeBackup(ctx: AppContext, kind: 'daily' | 'manual'): Promise<BackupEntry | null> {
  const dbPath = ctx.runtime.databasePath
  const now = ctx.clock.now()
  const target = backupPath(dbPath, kind, now)
  mkdirSync(path.dirname(target), { recursive: true })
  try {
    await ctx.maintenance.backupTo(target, ctx.maintenance.closing)
  } catch (error) {
    if (!(error instanceof SqliteError && error.code === BACKUP_ABORTED)) throw error
    ctx.log.info(`备份在完成前因软件退出而停止，未留下不完整的副本：${target}`)
    return null
  }
  const full = fullCheckDue(dbPath, now)
  const check = await checkDatabaseFile(target, () => ctx.clock.now(), full ? 'full' : 'quick')
  ctx.maintenance.lastIntegrityCheck = check
  if (!check.ok) {
    rmSync(target, { force: true })
    ctx.log.error('备份副本完整性检查未通过，数据库可能已损坏', check)
    return null
  }
  if (full) noteFullCheck(dbPath, now)
  const entry = listBackupFiles(dbPath).find((b) => b.fileName === path.basename(target))!
  await recordAuditOnly(ctx, `backups.${kind}`, [
    { entity: 'backups', entityId: entry.fileName, before: null, after: { ...entry, check: full ? 'full' : 'quick' } }
  ])
  return entry
}

export async function listBackups(ctx: AppContext): Promise<BackupOverview> {
  return overview(ctx)
}

export async function createBackup(ctx: AppContext): Promise<BackupOverview> {
  await takeBackup(ctx, 'manual')
  return overview(ctx)
}

/** At start: one daily copy per China day, once the store holds cases; then the daily copies are rotated. */
export async function ensureDailyBackup(ctx: AppContext): Promise<BackupEntry | null> {
  const today = chinaDate(ctx.clock.now())
  const hasDaily = listBackupFiles(ctx.runtime.databasePath).some(
    (b) => b.kind === 'daily' && chinaDate(new Date(b.takenAt)) === today
  )
  if (hasDaily) return null
  const anyCase = await ctx.db.selectFrom('cases').select('id').limit(1).executeTakeFirst()
  if (!anyCase) return null
  const entry = await takeBackup(ctx, 'daily')
  if (entry) pruneDailyBackups(ctx.runtime.databasePath)
  return entry
}

/** The migrations a backup has run: one this app does not know means it came from a newer version. */
function migrationsOf(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError)
      db.all<{ name: string }>('select name from kysely_migration', (error, rows) => {
        db.close(() => (error ? resolve([]) : resolve(rows.map((r) => r.name))))
      })
    })
  })
}

/** Ask for a backup to be restored at the next start, once it is known to be sound and not from a newer version. */
export async function requestRestore(ctx: AppContext, input: ParsedInput<'backups.restore'>): Promise<BackupOverview> {
  const dbPath = ctx.runtime.databasePath
  const entry = listBackupFiles(dbPath).find((b) => b.fileName === input.fileName)
  if (!entry) throw invalidField('fileName', '没有这个备份文件')
  const file = path.join(backupFolder(dbPath), entry.fileName)
  const check = await checkDatabaseFile(file, () => ctx.clock.now())
  if (!check.ok) throw invalidField('fileName', `该备份文件已损坏，不能恢复：${check.detail ?? ''}`)
  const unknown = (await migrationsOf(file)).filter((name) => !(name in MIGRATIONS))
  if (unknown.length > 0) throw invalidField('fileName', '该备份来自更新版本的软件，请先升级本软件再恢复')
  writePendingRestore(dbPath, entry.fileName)
  await recordAuditOnly(ctx, 'backups.restore', [
    { entity: 'backups', entityId: entry.fileName, before: null, after: { restoreAtNextStart: entry } }
  ])
  return overview(ctx)
}

export async function cancelRestore(ctx: AppContext): Promise<BackupOverview> {
  const pending = readPendingRestore(ctx.runtime.databasePath)
  if (!pending) throw new AppError('CONFLICT', '没有等待恢复的备份')
  cancelPendingRestore(ctx.runtime.databasePath)
  await recordAuditOnly(ctx, 'backups.cancelRestore', [
    { entity: 'backups', entityId: pending, before: { restoreAtNextStart: pending }, after: null }
  ])
  return overview(ctx)
}
