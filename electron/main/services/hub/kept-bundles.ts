/*
 * The office's own copy of every bundle it makes, in `<database>.hub-exports/`
 * beside the store. The export writes the archive there, piece by piece,
 * instead of handing 200 MB of base64 to the window. The desktop window then
 * has the main process copy it where the user chooses (hub.saveBundle);
 * browser mode downloads it (hub.bundleFile). A bundle lost on its way to the
 * hub can be sent again: the chain cannot be made again without it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import type { HubBundleFile, HubBundleSaved } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { recordAuditOnly } from '../write'
import { sha256Hex } from './zip-writer'
import { besideStore } from '../../paths'

export function keptBundleFolder(dbPath: string): string {
  return besideStore(dbPath, '.hub-exports')
}

export const keptBundlePath = (dbPath: string, fileName: string): string =>
  path.join(keptBundleFolder(dbPath), fileName)

export const isKept = (dbPath: string, fileName: string): boolean => existsSync(keptBundlePath(dbPath, fileName))

/** Write the pieces under a temporary name, flush them to the disk, and only then give the file its name. */
async function writeWhole(target: string, pieces: readonly Buffer[]): Promise<void> {
  const partial = `${target}.part`
  const file = await open(partial, 'w')
  try {
    const { bytesWritten } = await file.writev(pieces as Buffer[])
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0)
    if (bytesWritten !== size) throw new Error(`${partial}: wrote ${bytesWritten} of ${size} bytes`)
    await file.datasync()
  } catch (error) {
    await file.close()
    rmSync(partial, { force: true })
    throw error
  }
  await file.close()
  renameSync(partial, target)
}

/**
 * Keep the archive beside the store, whole or not at all (a crash leaves no
 * half bundle under its name). A bundle already under that name (the chain
 * rewound by a restore, and its number made again the same day) is moved
 * aside, not overwritten: it may be the one the hub has.
 */
export async function keepBundle(dbPath: string, fileName: string, pieces: readonly Buffer[]): Promise<string> {
  const target = keptBundlePath(dbPath, fileName)
  const folder = path.dirname(target)
  mkdirSync(folder, { recursive: true })
  // What an export cut short by a crash left: never a bundle, never named like one.
  for (const left of readdirSync(folder)) if (left.endsWith('.part')) rmSync(path.join(folder, left), { force: true })
  if (existsSync(target)) renameSync(target, target.replace(/\.zip$/, `-replaced-${Date.now()}.zip`))
  await writeWhole(target, [...pieces])
  return target
}

/** The kept copy of bundle N, read and checked against its history row; refused if it is gone or changed. */
async function checkedCopy(
  ctx: AppContext,
  sequence: number
): Promise<{ id: string; fileName: string; bytes: Buffer }> {
  const row = await ctx.db
    .selectFrom('hub_exports')
    .select(['id', 'file_name', 'sha256'])
    .where('sequence', '=', sequence)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', `本机没有生成过第 ${sequence} 号数据包`)
  const file = keptBundlePath(ctx.runtime.databasePath, row.file_name)
  if (!existsSync(file)) {
    throw new AppError(
      'NOT_FOUND',
      `第 ${sequence} 号数据包的本机副本（${row.file_name}）已不在 ${keptBundleFolder(ctx.runtime.databasePath)} 中，无法再次保存`
    )
  }
  const bytes = readFileSync(file)
  if (sha256Hex(bytes) !== row.sha256) {
    throw new AppError(
      'CONFLICT',
      `第 ${sequence} 号数据包的本机副本（${row.file_name}）已被改动，SHA-256 与导出记录不符，不能报送`
    )
  }
  return { id: row.id, fileName: row.file_name, bytes }
}

/** A copy of a bundle handed out (it may carry every party's ID number) is in the audit trail, as other exports are. */
const auditHandedOut = (ctx: AppContext, action: string, copy: { id: string; fileName: string }, to: string | null) =>
  recordAuditOnly(ctx, action, [
    { entity: 'hub_exports', entityId: copy.id, before: null, after: { fileName: copy.fileName, savedTo: to } }
  ])

/** Bundle N as a file for the window to download (browser mode, or where no save dialog is at hand). */
export async function keptBundleFile(ctx: AppContext, input: ParsedInput<'hub.bundleFile'>): Promise<HubBundleFile> {
  const copy = await checkedCopy(ctx, input.sequence)
  await auditHandedOut(ctx, 'hub.bundleFile', copy, null)
  return { fileName: copy.fileName, base64: copy.bytes.toString('base64') }
}

/**
 * Bundle N saved where the user chooses in the desktop's save dialog, by the
 * main process: 200 MB never cross into the window as base64. Null when the
 * dialog was cancelled (nothing written, nothing audited).
 */
export async function saveKeptBundle(
  ctx: AppContext,
  input: ParsedInput<'hub.saveBundle'>
): Promise<HubBundleSaved | null> {
  if (!ctx.fileDialogs) throw new AppError('FORBIDDEN', '只有桌面应用能选择保存位置；在浏览器中请用下载保存数据包')
  const copy = await checkedCopy(ctx, input.sequence)
  const target = await ctx.fileDialogs.choosePath(copy.fileName, { name: '数据包', extensions: ['zip'] })
  if (!target) return null
  // A dialog offers only folders that are there; the command line's --out may name a new one.
  mkdirSync(path.dirname(target), { recursive: true })
  await writeWhole(target, [copy.bytes])
  await auditHandedOut(ctx, 'hub.saveBundle', copy, target)
  return { fileName: copy.fileName, path: target }
}
