/*
 * The integrity check at start (DESIGN §3.7). SQLite's quick_check reads
 * every page, which for an office's store takes well under a second but for
 * a hub-sized one (gigabytes) would hold the app's only connection for tens
 * of seconds; those stores are checked through their daily backup copy
 * instead, which the online backup writes page for page, damage included.
 */
import { statSync } from 'node:fs'
import { sql } from 'kysely'
import type { AppContext } from '../../context'

/** The last check, of the store or of a backup copy of it, found damage (a copy holds the store's pages as they are). */
export function storeFoundDamaged(ctx: AppContext): boolean {
  return ctx.maintenance.lastIntegrityCheck?.ok === false
}

/** Stores up to this size are checked directly at every start. */
export const DIRECT_CHECK_MAX_BYTES = 512 * 1024 * 1024

export async function checkStoreAtStart(ctx: AppContext): Promise<void> {
  const size = statSync(ctx.runtime.databasePath).size
  if (size > DIRECT_CHECK_MAX_BYTES) return
  const { rows } = await sql<{ quick_check: string }>`pragma quick_check`.execute(ctx.db)
  const messages = rows.map((r) => r.quick_check)
  const ok = messages.length === 1 && messages[0] === 'ok'
  ctx.maintenance.lastIntegrityCheck = {
    target: '当前数据库',
    ok,
    detail: ok ? null : messages.slice(0, 5).join('；'),
    checkedAt: ctx.clock.now().toISOString()
  }
  if (!ok) ctx.log.error('数据库完整性检查未通过，请从备份恢复', messages)
}
