/*
 * A hub import killed midway (DESIGN §3.7: no data lost when the power goes).
 * A large bundle is merged with SQLite's rollback journal instead of the
 * WAL (electron/main/db/bulk-journal.ts). A child process imports a bundle of
 * an office's register into a hub store and is killed with SIGKILL — no
 * cleanup, as a power cut — at a random moment of the merge, each time on a
 * fresh copy of the same hub store. Afterwards the app opens the store as it
 * would the next morning: SQLite's integrity check is clean, the store is
 * back in WAL mode with no journal left beside it, and the bundle is there
 * whole with its history row or not at all; the audit chain is unbroken.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BULK_JOURNAL } from '../../electron/main/db/bulk-journal'
import { exportFrom, officeApp, registerAt } from '../../electron/main/services/hub/hub-test-kit'
import { services } from '../../electron/main/services/index'
import { startApp } from '../../electron/main/startup'
import { buildChildScript, type ChildScript } from '../support/child-script'
import { seedTempStore, startTempApp, type SeededStore } from '../support/temp-app'

const KILLS = 12
const CASES = 1500
const quiet = { error: () => {}, info: () => {} }

let dir: string
let store: SeededStore
let importer: ChildScript
/** The hub with the office's key registered and nothing imported, copied afresh for each run. */
let pristineHub: string
let bundlePath: string
let bundleRows: number

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-hub-crash-'))
  store = await seedTempStore({ cases: CASES, seed: 5, office: 'wutian', until: '2026-11-28' })
  const office = await startTempApp({ dir: store.dir })
  const hub = await officeApp('ouhai')
  try {
    const bundle = await exportFrom(office, 'full')
    bundlePath = path.join(dir, 'bundle.zip')
    writeFileSync(bundlePath, bundle)
    const [made] = await services['hub.exports'](office.ctx, {})
    bundleRows = Object.values(made.counts).reduce((n, c) => n + c.rows + c.tombstones, 0)
    await registerAt(hub, office)
  } finally {
    await office.close()
    await hub.close()
  }
  pristineHub = path.join(dir, 'pristine.sqlite')
  copyFileSync(hub.dbPath, pristineHub)
  rmSync(hub.dir, { recursive: true, force: true })
  importer = await buildChildScript('tests/integration/hub-importer.ts', 'hub-importer')
}, 120_000)

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  store?.dispose()
  importer?.dispose()
})

interface Run {
  /** What the child printed: its phases and, if it got there, `done <status>`. */
  out: string
  killed: boolean
  /** From "phase merging" to the child's exit. */
  mergeMs: number
}

/** Import into a fresh copy of the hub at `hubPath`; kill the child `killAfterMs` after its merge starts (never if null). */
function runImport(hubPath: string, killAfterMs: number | null): Promise<Run> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(hubPath + suffix, { force: true })
  copyFileSync(pristineHub, hubPath)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [importer.file, hubPath, bundlePath], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let mergeStarted = 0
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (!mergeStarted && out.includes('phase merging\n')) {
        mergeStarted = performance.now()
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`importer failed: ${err || out}`))
      resolve({ out, killed: signal === 'SIGKILL', mergeMs: mergeStarted ? performance.now() - mergeStarted : 0 })
    })
  })
}

/** The hub store opened as the app opens it after a crash, and what it holds. */
async function reopened(hubPath: string) {
  const app = await startApp({ databasePath: hubPath, shell: 'harness', log: quiet })
  try {
    const { rows: check } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.ctx.db)
    const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(app.ctx.db)
    const cases = await app.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const events = await app.ctx.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const accepted = await app.ctx.db.selectFrom('hub_imports').select('id').where('status', '=', 'accepted').execute()
    return {
      integrity: check.map((r) => r.integrity_check),
      journalMode: mode[0].journal_mode,
      journalLeft: existsSync(`${hubPath}-journal`),
      cases: Number(cases.n),
      events: Number(events.n),
      accepted: accepted.length,
      audit: await services['audit.verify'](app.ctx, {})
    }
  } finally {
    await app.close()
  }
}

/** A small deterministic generator, so a failing run can be repeated exactly. */
function lcg(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

describe('a hub import killed midway', () => {
  it(`leaves the bundle whole or absent through ${KILLS} kills, the store clean and back in WAL mode`, async () => {
    // The bundle is large enough to be merged with the rollback journal.
    expect(bundleRows).toBeGreaterThanOrEqual(BULK_JOURNAL.minRows)
    const hubPath = path.join(dir, 'hub.sqlite')

    // One whole run first: what a finished import holds, and how long its merge takes on this machine.
    const whole = await runImport(hubPath, null)
    expect(whole.out).toContain('done accepted')
    const full = await reopened(hubPath)
    expect(full).toMatchObject({ integrity: ['ok'], journalMode: 'wal', journalLeft: false, cases: CASES, accepted: 1 })

    const random = lcg(20261207)
    let hotJournals = 0
    let wholeAfterKill = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await runImport(hubPath, Math.floor(random() * whole.mergeMs))
      // A journal beside the store after the kill: the merge was cut inside its transaction.
      if (run.killed && existsSync(`${hubPath}-journal`)) hotJournals++
      const after = await reopened(hubPath)
      expect(after.integrity).toEqual(['ok'])
      expect(after.journalMode).toBe('wal')
      expect(after.journalLeft).toBe(false)
      expect(after.audit).toMatchObject({ ok: true, problems: [] })
      if (after.accepted === 1) {
        wholeAfterKill++
        expect({ cases: after.cases, events: after.events }).toEqual({ cases: full.cases, events: full.events })
      } else {
        expect({ accepted: after.accepted, cases: after.cases, events: after.events }).toEqual({
          accepted: 0,
          cases: 0,
          events: 0
        })
      }
    }
    // Most kills land inside the merge's transaction, and SQLite rolled each of them back on opening.
    expect(hotJournals).toBeGreaterThan(KILLS / 2)
    expect(hotJournals + wholeAfterKill).toBeLessThanOrEqual(KILLS)
  }, 300_000)
})
