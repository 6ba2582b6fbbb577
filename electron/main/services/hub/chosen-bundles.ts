/*
 * A bundle the hub's supervisor picks in the desktop's open dialog: the main
 * process reads the file itself when it is verified or imported, so a
 * 200 MB bundle never crosses from the window as base64 (twice: once to
 * verify, once to import). The window names the file by a token this
 * process gave out; it can never make the main process read a path of its
 * own choosing.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ChosenBundle, HubImportEntry, HubVerification } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { BUNDLE_LIMITS, megabytes } from './bundle-limits'
import { importBytes, verifyBytes } from './import'

/** The files chosen in this process, by token. */
const chosenFiles = new WeakMap<AppContext, Map<string, string>>()

function tooLarge(bytes: number): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `所选文件 ${megabytes(bytes)} MB，超过可接收的上限 ${megabytes(BUNDLE_LIMITS.maxArchiveBytes)} MB，不是可导入的数据包`
  )
}

export async function chooseBundle(ctx: AppContext): Promise<ChosenBundle | null> {
  if (!ctx.fileDialogs) throw new AppError('FORBIDDEN', '只有桌面应用能在本机选择文件；在浏览器中请用“选择数据包…”上传')
  const file = await ctx.fileDialogs.chooseFile({ name: '数据包', extensions: ['zip'] })
  if (!file) return null
  // A dialog offers only files that are there; the command line's --in may name one that is not.
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `所选文件 ${file} 不存在`)
  const sizeBytes = statSync(file).size
  if (sizeBytes > BUNDLE_LIMITS.maxArchiveBytes) throw tooLarge(sizeBytes)
  const token = randomUUID()
  const files = chosenFiles.get(ctx) ?? new Map<string, string>()
  chosenFiles.set(ctx, files)
  files.set(token, file)
  return { token, fileName: path.basename(file), sizeBytes }
}

/** The chosen file's name and a reader of its bytes; refused if the token is not one of ours or the file is gone. */
function chosenFile(ctx: AppContext, token: string): { fileName: string; bytes: () => Buffer } {
  const file = chosenFiles.get(ctx)?.get(token)
  if (!file) throw new AppError('NOT_FOUND', '所选数据包已失效（软件重新启动过），请重新选择')
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `所选数据包 ${file} 已被移走或删除，请重新选择`)
  return {
    fileName: path.basename(file),
    bytes: () => {
      const bytes = readFileSync(file)
      if (bytes.length > BUNDLE_LIMITS.maxArchiveBytes) throw tooLarge(bytes.length)
      return bytes
    }
  }
}

export async function verifyChosen(ctx: AppContext, input: ParsedInput<'hub.verifyChosen'>): Promise<HubVerification> {
  return verifyBytes(ctx, chosenFile(ctx, input.token).bytes)
}

export async function importChosen(ctx: AppContext, input: ParsedInput<'hub.importChosen'>): Promise<HubImportEntry> {
  const { fileName, bytes } = chosenFile(ctx, input.token)
  return importBytes(ctx, fileName, bytes)
}
