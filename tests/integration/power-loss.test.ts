/*
 * Crash safety (DESIGN §3.7: no data lost when the power goes). A child
 * process registers and accepts cases as fast as it can and says which it
 * committed; it is killed with SIGKILL — no cleanup, as a power cut — at a
 * random moment, a hundred times over the same file. Afterwards every case
 * the child reported committed is there with its number, SQLite's
 * integrity_check is clean, no case number is given twice, and the audit
 * chain is unbroken.
 *
 * The writer is bundled once into a single file (tests/support/child-script.ts)
 * so each child starts in a fraction of a second.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { services } from '../../electron/main/services/index'
import { startApp } from '../../electron/main/startup'
import { buildChildScript, type ChildScript } from '../support/child-script'
import { chooseOffice } from '../support/intake-fixtures'

const KILLS = 100
const quiet = { error: () => {}, info: () => {} }

let dir: string
let dbPath: string
let writer: ChildScript

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-crash-'))
  dbPath = path.join(dir, 'desk.sqlite')
  writer = await buildChildScript('tests/integration/intake-writer.ts', 'crash-writer')
  const app = await startApp({ databasePath: dbPath, shell: 'harness', log: quiet })
  await chooseOffice(app, 'wutian')
  await app.close()
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  writer?.dispose()
})

/** A small deterministic generator, so a failing run can be repeated exactly. */
function lcg(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

/** Run the writer, kill it `delayMs` after it is ready, and return what it reported committed. */
function runAndKill(delayMs: number): Promise<Array<{ id: string; number: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer.file, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const wasReady = out.includes('ready\n')
      out += chunk.toString()
      if (!wasReady && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs)
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer stopped by itself: ${err || out}`))
      // Only whole lines: a line cut by the kill was not reported.
      const committed = [...out.matchAll(/^committed (\S+) (\S+)$/gm)].map((m) => ({ id: m[1], number: m[2] }))
      resolve(committed)
    })
  })
}

describe('power loss', () => {
  it(`keeps every reported write through ${KILLS} kills, with a clean store and no number given twice`, async () => {
    const random = lcg(20261129)
    const reported: Array<{ id: string; number: string }> = []
    for (let kill = 0; kill < KILLS; kill++) reported.push(...(await runAndKill(10 + Math.floor(random() * 190))))
    // Some kills land before the first commit; most runs commit several cases.
    expect(reported.length).toBeGreaterThan(KILLS / 2)

    const app = await startApp({ databasePath: dbPath, shell: 'harness', log: quiet })
    try {
      const { rows: check } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.ctx.db)
      expect(check).toEqual([{ integrity_check: 'ok' }])
      const stored = new Map(
        (await app.ctx.db.selectFrom('cases').select(['id', 'case_number']).execute()).map((c) => [c.id, c.case_number])
      )
      for (const { id, number } of reported) expect(stored.get(id), id).toBe(number)
      const numbers = [...stored.values()].filter((n) => n !== null)
      expect(new Set(numbers).size).toBe(numbers.length)
      expect(await services['audit.verify'](app.ctx, {})).toMatchObject({ ok: true, problems: [] })
    } finally {
      await app.close()
    }
  }, 300_000)
})
