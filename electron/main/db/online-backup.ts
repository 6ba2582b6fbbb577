/*
 * The store's copy through SQLite's online backup API (consistent under
 * WAL), taken a step at a time between the app's own statements, so a
 * multi-gigabyte store is copied without freezing the window. Only the
 * connection's handle (sqlite3-dialect.ts) calls it, under its mutex.
 */
import { renameSync, rmSync } from 'node:fs'
import type sqlite3 from 'sqlite3'
import { SqliteError, wrapError } from './sqlite-error'

/** The part of node-sqlite3's Backup API we use (its typings omit it). */
interface BackupCapable {
  backup(filename: string, callback: (error: Error | null) => void): OnlineBackup
}

/** node-sqlite3's Backup object (its typings do not declare it). */
interface OnlineBackup {
  step(pages: number, callback: (error: Error | null) => void): void
  finish(callback: (error: Error | null) => void): void
  readonly completed: boolean
  /** Pages left to copy and the source's pages, as of the last step. */
  readonly remaining: number
  readonly pageCount: number
}

/**
 * Pages copied per step of a backup (16 MB at SQLite's 4 KiB page). Between
 * steps the connection serves the app's own queries, so a multi-gigabyte
 * store is copied without freezing the window; writes made through this same
 * connection meanwhile are carried into the copy by SQLite itself.
 */
export const BACKUP_PAGES_PER_STEP = 4096

/** A backup stopped on purpose (the app is closing) before it was complete; the partial file is removed. */
export const BACKUP_ABORTED = 'BACKUP_ABORTED'

/**
 * What a copy is called until it is complete. Only a finished copy takes its
 * own name, so a copy cut short by a crash or a killed process (a 19 GB store
 * takes two minutes) is never listed as a backup, never counted as the day's
 * copy, and never offered for restore; the next start removes it
 * (removeUnfinishedCopies in services/trust/backup-files.ts).
 */
export const UNFINISHED_COPY_SUFFIX = '.partial'

/** What the copy waits on between steps: the connection's own FIFO mutex. */
interface StepLock {
  lock(): Promise<void>
  unlock(): void
}

/**
 * Copy `db` to `target`, BACKUP_PAGES_PER_STEP pages at a time, each step under `lock` (between the app's own
 * transactions; writes made through the same connection meanwhile are carried into the copy by SQLite). `signal`
 * stops it between steps: the partial copy is removed and the promise rejects with BACKUP_ABORTED. The copy is
 * written under UNFINISHED_COPY_SUFFIX and takes `target`'s name only once complete; `onStep` hears the pages copied
 * after each step.
 */
export async function copyOnline(
  db: sqlite3.Database,
  lock: StepLock,
  target: string,
  {
    signal,
    pagesPerStep = BACKUP_PAGES_PER_STEP,
    onStep
  }: { signal?: AbortSignal; pagesPerStep?: number; onStep?: (copiedPages: number, totalPages: number) => void }
): Promise<void> {
  const fail = (error: Error) => wrapError(error, `backup to ${target}`)
  const unfinished = `${target}${UNFINISHED_COPY_SUFFIX}`
  const backup = await new Promise<OnlineBackup>((resolve, reject) => {
    const opened = (db as unknown as BackupCapable).backup(unfinished, (error) =>
      error ? reject(fail(error)) : resolve(opened)
    )
  })
  try {
    while (!backup.completed) {
      if (signal?.aborted) throw new SqliteError(BACKUP_ABORTED, `backup to ${target} stopped before it was complete`)
      await lock.lock()
      try {
        await new Promise<void>((resolve, reject) =>
          backup.step(pagesPerStep, (error) => (error ? reject(fail(error)) : resolve()))
        )
      } finally {
        lock.unlock()
      }
      onStep?.(backup.pageCount - backup.remaining, backup.pageCount)
    }
  } catch (error) {
    // The step's error (or the abort) is what the caller must hear; finishing only releases the copy.
    await new Promise<void>((resolve) => backup.finish(() => resolve()))
    rmSync(unfinished, { force: true })
    throw error
  }
  await new Promise<void>((resolve, reject) => backup.finish((error) => (error ? reject(fail(error)) : resolve())))
  renameSync(unfinished, target)
}
