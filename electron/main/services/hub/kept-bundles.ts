/*
 * The office's own copy of every bundle it makes, in `<database>.hub-exports/`
 * beside the store. The export writes the archive there, piece by piece,
 * instead of handing 200 MB of base64 to the window; the window then asks for
 * the file (hub.bundleFile) to save where the user wants. A bundle lost on its
 * way to the hub can be sent again: the chain cannot be made again without it.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import type { HubBundleFile } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'

export function keptBundleFolder(dbPath: string): string {
  return path.join(path.dirname(dbPath), `${path.basename(dbPath).replace(/\.[^.]*$/, '')}.hub-exports`)
}

export const keptBundlePath = (dbPath: string, fileName: string): string =>
  path.join(keptBundleFolder(dbPath), fileName)

export const isKept = (dbPath: string, fileName: string): boolean => existsSync(keptBundlePath(dbPath, fileName))

/**
 * Write the archive's pieces under a temporary name, flush them to the disk
 * and only then give the file its name: a crash leaves either no bundle or a
 * whole one. A bundle already under that name (the chain rewound by a
 * restore, and its number made again the same day) is moved aside, not
 * overwritten: it may be the one the hub has.
 */
export async function keepBundle(dbPath: string, fileName: string, pieces: readonly Buffer[]): Promise<string> {
  const target = keptBundlePath(dbPath, fileName)
  mkdirSync(path.dirname(target), { recursive: true })
  const partial = `${target}.part`
  const file = await open(partial, 'w')
  try {
    await file.writev(pieces as Buffer[])
    await file.datasync()
  } catch (error) {
    await file.close()
    rmSync(partial, { force: true })
    throw error
  }
  await file.close()
  if (existsSync(target)) renameSync(target, target.replace(/\.zip$/, `-replaced-${Date.now()}.zip`))
  renameSync(partial, target)
  return target
}

/** The kept copy of bundle N, as a file to save: refused if it is gone or no longer the bytes that were recorded. */
export async function keptBundleFile(ctx: AppContext, input: ParsedInput<'hub.bundleFile'>): Promise<HubBundleFile> {
  const row = await ctx.db
    .selectFrom('hub_exports')
    .select(['file_name', 'sha256'])
    .where('sequence', '=', input.sequence)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', `本机没有生成过第 ${input.sequence} 号数据包`)
  const file = keptBundlePath(ctx.runtime.databasePath, row.file_name)
  if (!existsSync(file)) {
    throw new AppError(
      'NOT_FOUND',
      `第 ${input.sequence} 号数据包的本机副本（${row.file_name}）已不在 ${keptBundleFolder(ctx.runtime.databasePath)} 中，无法再次保存`
    )
  }
  const bytes = readFileSync(file)
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new AppError(
      'CONFLICT',
      `第 ${input.sequence} 号数据包的本机副本（${row.file_name}）已被改动，SHA-256 与导出记录不符，不能报送`
    )
  }
  return { fileName: row.file_name, base64: bytes.toString('base64') }
}
