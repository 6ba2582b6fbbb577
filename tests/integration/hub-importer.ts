/*
 * The child process of the hub import crash test: imports the bundle file
 * named in argv into the hub store named in argv, printing `phase <name>`
 * as each phase of the import starts and `done <status>` once the import
 * has returned — unless it is killed first.
 */
import { readFileSync } from 'node:fs'
// The import alone, not the whole service table: each child should start quickly.
import { importBytes } from '../../electron/main/services/hub/import'
import { watchProgress } from '../../electron/main/services/hub/progress'
import { startApp } from '../../electron/main/startup'

const [databasePath, bundlePath] = process.argv.slice(2)
const app = await startApp({
  databasePath,
  shell: 'harness',
  log: { error: (message) => process.stderr.write(`${message}\n`), info: () => {} }
})
let phase = ''
watchProgress((p) => {
  if (p.phase === phase) return
  phase = p.phase
  process.stdout.write(`phase ${p.phase}\n`)
})
const entry = await importBytes(app.ctx, 'crash.zip', () => readFileSync(bundlePath))
process.stdout.write(`done ${entry.status}\n`)
await app.close()
