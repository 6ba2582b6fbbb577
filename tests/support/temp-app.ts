/*
 * A real app over a real SQLite file in a fresh temp folder, built by the
 * real migrator and seed: what integration tests run against.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import type { Clock, Logger } from '../../electron/main/context'
import { startApp, type RunningApp } from '../../electron/main/startup'
import { seedDatabase, type SeedOptions, type SeedReport } from '../../electron/main/tools/seed'

export interface TempApp extends RunningApp {
  dir: string
  dbPath: string
  /** What the app logged as errors (INTERNAL failures land here). */
  errors: Array<{ message: string; detail: unknown }>
  dispose(): Promise<void>
}

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso)
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) }
}

export async function startTempApp(options: { clock?: Clock; dir?: string } = {}): Promise<TempApp> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'mcd-test-'))
  const dbPath = path.join(dir, 'desk.sqlite')
  const errors: TempApp['errors'] = []
  const log: Logger = { error: (message, detail) => errors.push({ message, detail }), info: () => {} }
  const app = await startApp({ databasePath: dbPath, shell: 'harness', clock: options.clock, log })
  return {
    ...app,
    dir,
    dbPath,
    errors,
    async dispose() {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface SeededStore {
  dir: string
  dbPath: string
  report: SeedReport
  dispose(): void
}

/**
 * A temp folder whose store the generator filled (`npm run seed`'s own
 * function, through the real migrations), at the path `startTempApp({ dir })`
 * opens. For tests that need a register of thousands of realistic cases.
 */
export async function seedTempStore(options: Omit<SeedOptions, 'dbPath'>): Promise<SeededStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-seeded-'))
  const dbPath = path.join(dir, 'desk.sqlite')
  try {
    const report = await seedDatabase({ ...options, dbPath })
    return { dir, dbPath, report, dispose: () => rmSync(dir, { recursive: true, force: true }) }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/** The app over a freshly generated store; `dispose` closes it and removes the folder. */
export async function startSeededApp(
  options: Omit<SeedOptions, 'dbPath'> & { clock?: Clock }
): Promise<TempApp & { report: SeedReport }> {
  const { clock, ...seed } = options
  const store = await seedTempStore(seed)
  try {
    return { ...(await startTempApp({ dir: store.dir, clock })), report: store.report }
  } catch (error) {
    store.dispose()
    throw error
  }
}

/** Row counts of every table in the store: equal before and after means nothing was written. */
export async function tableCounts(app: RunningApp): Promise<Record<string, number>> {
  // Tables and full-text tables, not the full-text tables' shadow storage: the store merges that in idle
  // moments (db/idle-checkpoint.ts), so its row counts change with no write by anyone.
  const { rows: tables } = await sql<{ name: string }>`
    select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual')
      and name not like 'sqlite_%' order by name`.execute(app.ctx.db)
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(app.ctx.db)
    counts[name] = rows[0].n
  }
  return counts
}
