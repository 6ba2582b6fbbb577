/*
 * Open a URL in the system browser, if this machine has one we know how to
 * start. Returns the command used, or null so the caller can say what to open.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

const CANDIDATES: Record<string, string[][]> = {
  linux: [['xdg-open'], ['chromium'], ['chromium-browser'], ['google-chrome'], ['firefox']],
  darwin: [['open']],
  win32: [['cmd', '/c', 'start', '""']]
}

export function findOnPath(command: string, envPath: string = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, command)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this folder; try the next one
    }
  }
  return null
}

export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): string | null {
  for (const [command, ...args] of CANDIDATES[platform] ?? CANDIDATES.linux) {
    if (platform !== 'win32' && !findOnPath(command)) continue
    const child = spawn(command, [...args, url], { detached: true, stdio: 'ignore' })
    child.on('error', () => {})
    child.unref()
    return command
  }
  return null
}
