/*
 * Whether this machine has the Electron binary. The npm package installs
 * without it where the download is impossible; `require('electron')` would
 * then try to download, so we look for the files instead.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export function electronBinaryPath(): string | null {
  const require = createRequire(import.meta.url)
  let packageDir: string
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = path.join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
