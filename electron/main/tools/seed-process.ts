/*
 * The generator run in a process of its own, as `npm run seed` runs it, for
 * the benchmark's stores. Seeding a million cases, or an office's 100,000
 * with their whole lifecycle, grows the process that does it (a 512 MB page
 * cache, gigabytes of SQL text through its heap); the process that then
 * measures the app should hold only what the app would.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SEED_SCRIPT = fileURLToPath(new URL('../../../scripts/seed.ts', import.meta.url))

export interface SeedProcessOptions {
  dbPath: string
  cases: number
  seed: number
  until?: string
  office?: string
  /** Each line the generator prints (its progress); nothing when omitted. */
  log?: (line: string) => void
}

/** Seeds `dbPath` in a child process; resolves when it has finished, rejects with its last lines if it failed. */
export function seedInChildProcess(options: SeedProcessOptions): Promise<void> {
  const args = [
    '--max-semi-space-size=64',
    '--import',
    'tsx',
    SEED_SCRIPT,
    '--db',
    options.dbPath,
    '--cases',
    String(options.cases),
    '--seed',
    String(options.seed),
    ...(options.until ? ['--until', options.until] : []),
    ...(options.office ? ['--office', options.office] : [])
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const tail: string[] = []
    const line = (text: string) => {
      if (!text.trim()) return
      options.log?.(text)
      tail.push(text)
      if (tail.length > 20) tail.shift()
    }
    // A chunk may end mid-line (and mid-character): each stream keeps its unfinished line.
    const lines = () => {
      let rest = ''
      return {
        take(chunk: string) {
          const parts = (rest + chunk).split('\n')
          rest = parts.pop()!
          parts.forEach(line)
        },
        end: () => line(rest)
      }
    }
    const out = lines()
    const err = lines()
    child.stdout.setEncoding('utf8').on('data', out.take)
    child.stderr.setEncoding('utf8').on('data', err.take)
    child.on('error', reject)
    child.on('close', (code) => {
      out.end()
      err.end()
      if (code === 0) resolve()
      else reject(new Error(`生成数据的子进程退出码 ${code}：\n${tail.join('\n')}`))
    })
  })
}
