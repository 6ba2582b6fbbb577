/*
 * `npm run bench [-- --db FILE] [--cases N] [--queries N] [--hub-cases N] [--cold] [--json]`: the
 * DESIGN §7 benchmark (electron/main/tools/bench.ts) as one table. Without
 * --db it seeds a fresh store of N cases (default 1,000,000) in a temp
 * folder first, in a child process, so this process's memory is only the
 * app's; the temp folder is removed afterwards unless --keep is given. The
 * hub rows seed their own office store of --hub-cases changed cases
 * (default 100,000; 0 skips them) in another temp folder. The store file
 * is read into the OS page cache before anything is timed, unless --cold.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { runBench } from '../electron/main/tools/bench'
import { formatTable } from '../electron/main/tools/bench-report'
import { seedInChildProcess } from '../electron/main/tools/seed-process'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    cases: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    saves: { type: 'string', default: '200' },
    'hub-cases': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false }
  }
})
const number = (text: string) => Number(text.replace(/[_,]/g, ''))
const progress = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`)

let dbPath = values.db ? path.resolve(values.db) : null
let tempDir: string | null = null
if (!dbPath) {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'mcd-bench-'))
  dbPath = path.join(tempDir, 'bench.sqlite')
  progress(`生成 ${number(values.cases).toLocaleString('en-US')} 件案件到 ${dbPath} …`)
  await seedInChildProcess({ dbPath, cases: number(values.cases), seed: number(values.seed), log: progress })
}

try {
  const result = await runBench({
    dbPath,
    queries: number(values.queries),
    saves: number(values.saves),
    hubCases: number(values['hub-cases']),
    warmFile: !values.cold,
    log: progress
  })
  console.log(values.json ? JSON.stringify(result, null, 2) : `\n${formatTable(result)}`)
} finally {
  if (tempDir && !values.keep) rmSync(tempDir, { recursive: true, force: true })
}
