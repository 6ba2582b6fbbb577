/*
 * Backups of the case store as the admin sees them (DESIGN §3.7): taken
 * daily and before every migration or restore, checked when written, and
 * restorable on the next start.
 */
import { z } from '../validation'

export const BACKUP_KINDS = ['daily', 'manual', 'before_migration', 'before_restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: '每日自动备份',
  manual: '手动备份',
  before_migration: '升级前备份',
  before_restore: '恢复前备份'
}

export interface BackupEntry {
  fileName: string
  kind: BackupKind
  /** When it was taken (UTC ISO), from its name. */
  takenAt: string
  sizeBytes: number
}

export interface IntegrityReport {
  /** What was checked: the live store at start, or a backup copy just written. */
  target: string
  ok: boolean
  /** SQLite's own words when it is not ok. */
  detail: string | null
  checkedAt: string
}

export interface BackupOverview {
  folder: string
  backups: BackupEntry[]
  /** The backup the next start will restore, if one was asked for. */
  pendingRestore: string | null
  lastIntegrityCheck: IntegrityReport | null
  /** Daily copies kept: the last `days` days, the last of each of `weeks` weeks and of `months` months. */
  rotation: { days: number; weeks: number; months: number }
}

export const backupFileNameSchema = z
  .string()
  .regex(/^[^/\\]+\.sqlite$/, '备份文件名无效')
  .max(200, '备份文件名无效')
