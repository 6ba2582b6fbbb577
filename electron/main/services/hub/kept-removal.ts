/*
 * Removing kept bundle copies: by hand (hub.deleteBundle, the window asks
 * first), and at each export for the bundles older than the newest
 * KEPT_BUNDLE_COUNT, so the folder beside the store does not grow by a full
 * bundle's 200 MB every month for ever. The history rows stay: they are the
 * chain. The newest bundle's copy is never removed: the hub may not have it.
 *
 * A file and an audit row cannot share a transaction, so a copy is first
 * renamed `….removing`, then the removal is audited, and only then is the
 * file deleted; if the audit fails the copy gets its name back. A crash in
 * between leaves a `.removing` file, which the next removal or export gives
 * back its name (whether its audit row was written is unknown, so it is
 * decided again, and audited then).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { KEPT_BUNDLE_COUNT, type HubBundleDeleted } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { recordAuditOnly } from '../write'
import { keptBundleFolder, keptBundlePath } from './kept-bundles'

const REMOVING = '.removing'

/** Give every copy a removal cut short by a crash its name back. */
export function restoreUnfinishedRemovals(dbPath: string): void {
  const folder = keptBundleFolder(dbPath)
  if (!existsSync(folder)) return
  for (const name of readdirSync(folder)) {
    if (!name.endsWith(REMOVING)) continue
    const kept = path.join(folder, name.slice(0, -REMOVING.length))
    // A copy under the name again (made since) is the one to keep: the leftover is then the older one.
    if (existsSync(kept)) rmSync(path.join(folder, name))
    else renameSync(path.join(folder, name), kept)
  }
}

interface KeptCopy {
  id: string
  sequence: number
  fileName: string
}

/** Remove the copies, audited as `action` in one entry: renamed first, deleted once the audit row is in. */
async function removeAudited(ctx: AppContext, action: string, copies: KeptCopy[]): Promise<void> {
  const dbPath = ctx.runtime.databasePath
  mkdirSync(keptBundleFolder(dbPath), { recursive: true })
  const moved: Array<{ from: string; to: string }> = []
  try {
    for (const copy of copies) {
      const from = keptBundlePath(dbPath, copy.fileName)
      renameSync(from, from + REMOVING)
      moved.push({ from, to: from + REMOVING })
    }
    await recordAuditOnly(
      ctx,
      action,
      copies.map((copy) => ({
        entity: 'hub_exports',
        entityId: copy.id,
        before: { fileName: copy.fileName, kept: true },
        after: { fileName: copy.fileName, kept: false }
      }))
    )
  } catch (error) {
    for (const { from, to } of moved) renameSync(to, from)
    throw error
  }
  for (const { to } of moved) rmSync(to)
}

/** Remove the kept copy of bundle N by hand; not the newest bundle's, and not one that is gone already. */
export async function deleteKeptBundle(
  ctx: AppContext,
  input: ParsedInput<'hub.deleteBundle'>
): Promise<HubBundleDeleted> {
  restoreUnfinishedRemovals(ctx.runtime.databasePath)
  const copy = await ctx.db
    .selectFrom('hub_exports')
    .select(['id', 'sequence', 'file_name as fileName'])
    .where('sequence', '=', input.sequence)
    .executeTakeFirst()
  if (!copy) throw new AppError('NOT_FOUND', `本机没有生成过第 ${input.sequence} 号数据包`)
  const { newest } = await ctx.db
    .selectFrom('hub_exports')
    .select((eb) => eb.fn.max('sequence').as('newest'))
    .executeTakeFirstOrThrow()
  if (newest === copy.sequence) {
    throw new AppError(
      'CONFLICT',
      `第 ${copy.sequence} 号是最新的数据包，区中心可能尚未收到，不能删除它的本机副本；生成下一个数据包后方可删除`
    )
  }
  if (!existsSync(keptBundlePath(ctx.runtime.databasePath, copy.fileName))) {
    throw new AppError('NOT_FOUND', `第 ${input.sequence} 号数据包的本机副本（${copy.fileName}）已不在，无需删除`)
  }
  await removeAudited(ctx, 'hub.deleteBundle', [copy])
  return { sequence: copy.sequence, fileName: copy.fileName }
}

/**
 * After a new bundle is recorded: remove the copies of the bundles older than
 * the newest `keep`. Returns their numbers, oldest first.
 */
export async function removeOldCopies(ctx: AppContext, keep = KEPT_BUNDLE_COUNT): Promise<number[]> {
  const dbPath = ctx.runtime.databasePath
  restoreUnfinishedRemovals(dbPath)
  const older = await ctx.db
    .selectFrom('hub_exports')
    .select(['id', 'sequence', 'file_name as fileName'])
    .orderBy('sequence', 'desc')
    .offset(keep)
    .limit(-1)
    .execute()
  const present = older.filter((copy) => existsSync(keptBundlePath(dbPath, copy.fileName))).reverse()
  if (present.length > 0) await removeAudited(ctx, 'hub.removeOldCopies', present)
  return present.map((copy) => copy.sequence)
}
