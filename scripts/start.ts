/*
 * `npm start`: build if out/ is missing or older than the sources, then open
 * the Electron window where its binary is installed, and otherwise the same
 * app in the local browser. `npm run start:browser` forces browser mode.
 * Other arguments go to browser mode (--no-open, --port N, --db FILE).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { electronBinaryPath } from './electron-binary'

const root = path.resolve(import.meta.dirname, '..')
const OUTPUTS = ['out/main/index.js', 'out/main/browser.js', 'out/preload/index.js', 'out/renderer/index.html']
const SOURCES = ['electron', 'renderer', 'shared', 'resources', 'package.json', 'electron.vite.config.ts']

function newestMtime(entry: string): number {
  const full = path.join(root, entry)
  if (!existsSync(full)) return 0
  const stat = statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of readdirSync(full)) {
    if (child === 'node_modules') continue
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  }
  return newest
}

function buildIsStale(): boolean {
  if (!OUTPUTS.every((file) => existsSync(path.join(root, file)))) return true
  const oldestOutput = Math.min(...OUTPUTS.map((file) => statSync(path.join(root, file)).mtimeMs))
  return SOURCES.some((source) => newestMtime(source) > oldestOutput)
}

const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const passOn = args.filter((arg) => arg !== '--browser')

if (buildIsStale()) {
  console.log('正在构建程序（out/ 不存在或早于源代码）…')
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const electron = forceBrowser ? null : electronBinaryPath()
let command: string
let commandArgs: string[]
if (electron) {
  command = electron
  commandArgs = [root]
} else {
  if (!forceBrowser) console.log('本机没有 Electron 程序文件（无法下载），改为在本机浏览器中运行。')
  command = process.execPath
  commandArgs = [path.join(root, 'out/main/browser.js'), ...passOn]
}

const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
