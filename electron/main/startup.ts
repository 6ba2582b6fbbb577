/*
 * Everything that happens before the first window opens, shared by the
 * Electron shell, the browser harness and the tests: open the store, back it
 * up and migrate it, seed reference data, and find the acting user.
 */
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import type { Shell } from '../../shared/domain/app-info'
import { consoleLogger, SYSTEM_ACTOR, systemClock, type AppContext, type Clock, type Logger } from './context'
import { openStore, type Store } from './db/index'
import { MIGRATIONS, migrateToLatest, type MigrationReport } from './db/migrator'
import type { StartProgressListener } from './startup-progress'
import { seedReferenceData } from './services/reference-seed'
import { seedHolidayCalendar } from './services/hearings/working-calendar'
import { accountsInForce, ensureLocalActor } from './services/users'
import { applyPendingRestore, removeUnfinishedCopies } from './services/trust/backup-files'
import { checkStoreAtStart, storeFoundDamaged } from './services/trust/integrity'
import { ensureDailyBackup } from './services/trust/backups'

export const APP_VERSION: string = packageJson.version

export const DEFAULT_DB_FILE = 'mediation-case-desk.sqlite'

export interface StartOptions {
  databasePath: string
  shell: Shell
  clock?: Clock
  log?: Logger
  /**
   * The day's first start copies the store (on by default). The benchmark turns it off: it measures a
   * generated scratch store, and a copy of a many-gigabyte store would only fill the disk and share the CPU.
   */
  dailyBackup?: boolean
  /** Told what a long start is doing (a restore; the backup and migration after an update), for the shell to show. */
  onProgress?: StartProgressListener
}

export interface RunningApp {
  ctx: AppContext
  store: Store
  migration: MigrationReport
  /** Work started at start that runs behind the window (the daily backup); it never rejects. */
  background: Promise<void>
  close(): Promise<void>
}

/** `MCD_DB` wins (CLI, tests, a shared drive); otherwise the file in the user-data folder. */
export function resolveDatabasePath(
  userDataDir: string,
  env: Record<string, string | undefined> = process.env
): string {
  const override = env.MCD_DB?.trim()
  return override ? path.resolve(override) : path.join(userDataDir, DEFAULT_DB_FILE)
}

export async function startApp(options: StartOptions): Promise<RunningApp> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? consoleLogger
  // A restore asked for in the last session happens now, before anything holds the file.
  const restore = await applyPendingRestore(options.databasePath, clock.now(), options.onProgress)
  if (restore) log.info(`已从备份恢复数据库：${restore.restored}（恢复前的数据库已保存为 ${restore.keptAs ?? '—'}）`)
  for (const file of removeUnfinishedCopies(options.databasePath)) log.info(`已删除上次未完成的备份副本：${file}`)
  const store = await openStore(options.databasePath, { log })
  const closing = new AbortController()
  try {
    const migration = await migrateToLatest(
      store.db,
      store.handle,
      store.path,
      clock.now(),
      MIGRATIONS,
      options.onProgress
    )
    if (migration.backupPath) log.info(`迁移前已备份数据库：${migration.backupPath}`)
    const ctx: AppContext = {
      db: store.db,
      session: { accountsEnabled: false, userId: null, locked: false },
      maintenance: {
        backupTo: (target, signal) => store.handle.backupTo(target, signal),
        closing: closing.signal,
        lastIntegrityCheck: null
      },
      actor: SYSTEM_ACTOR,
      clock,
      log,
      runtime: {
        appVersion: APP_VERSION,
        schemaVersion: migration.schemaVersion,
        databasePath: store.path,
        shell: options.shell
      }
    }
    await seedReferenceData(ctx)
    await seedHolidayCalendar(ctx)
    ctx.actor = await ensureLocalActor(ctx)
    // Once the first administrator has a password, nobody acts until they sign in.
    ctx.session.accountsEnabled = await accountsInForce(ctx)
    if (ctx.session.accountsEnabled) ctx.actor = SYSTEM_ACTOR
    await checkStoreAtStart(ctx)
    store.holdUpkeepWhile(() => storeFoundDamaged(ctx))
    // A copy of a store already found damaged would only push good older copies out of the rotation.
    // The daily copy runs behind the window: a hub-size store takes minutes to copy, and the copy steps
    // between the app's own queries, so nobody waits for it; closing stops it and leaves no partial file.
    const background =
      storeFoundDamaged(ctx) || options.dailyBackup === false
        ? Promise.resolve()
        : ensureDailyBackup(ctx).then(
            () => undefined,
            (error: unknown) => log.error('每日备份未完成', error)
          )
    return {
      ctx,
      store,
      migration,
      background,
      close: async () => {
        closing.abort()
        await background
        await store.db.destroy()
      }
    }
  } catch (error) {
    await store.db.destroy()
    throw error
  }
}
