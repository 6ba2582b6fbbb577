/*
 * A bulk write in SQLite's rollback journal instead of the WAL, then back.
 *
 * The store runs in WAL mode (DESIGN §5): each commit is one append and one
 * fsync, and idle checkpoints copy the pages into the file later. For one
 * transaction of 2 GB — a hub import of 100,000 cases with their whole
 * lifecycle — that means every page is written twice (into the WAL, then by
 * the checkpoint into the file), the WAL's index is searched on every page
 * read while it grows to half a million frames, and the commit ends in a
 * checkpoint of the whole WAL. Measured at a fresh hub: 93–95 s in WAL mode
 * against 74–80 s with the rollback journal, the commit itself 11 s against
 * 1.2 s (docs/performance.md, "7 December 2026, evening, the import's journal").
 *
 * The rollback journal is as safe: with synchronous = FULL a commit is
 * atomic and durable, and a transaction cut short by a crash or power cut
 * leaves a hot journal that SQLite rolls back the next time the file is
 * opened, before the app puts it back in WAL mode (db/index.ts). Pages
 * added past the file's end are not journaled at all, which is why a bulk
 * insert costs so little here.
 *
 * SQLite changes the journal mode only when no other connection has the
 * file open; the store keeps one connection (TOOLCHAIN.md), and the hub
 * export's second reader lives only inside an export. If the switch is
 * refused, the work runs in WAL mode as before: slower, not wrong.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './schema'
import type { Logger } from '../context'

/** When the hub import switches; tests lower it to take small bundles through the switch. */
export const BULK_JOURNAL = {
  /**
   * Rows of a bundle from which it is merged with the rollback journal. Below this (an office's day or month) the
   * switch's checkpoint and the journal's extra fsyncs cost about what WAL mode's second write of a few MB does.
   */
  minRows: 20_000
}

async function setJournalMode(db: Kysely<Database>, mode: 'delete' | 'wal'): Promise<string> {
  const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode = ${sql.raw(mode)}`.execute(db)
  return rows[0]?.journal_mode ?? ''
}

/**
 * Runs `work` (one transaction, begun inside it) with the rollback journal,
 * and puts the store back in WAL mode afterwards, whether the work succeeded
 * or failed. A store left out of WAL mode by a failure here is logged; the
 * app's next start puts it back.
 */
export async function inRollbackJournal<T>(
  db: Kysely<Database>,
  log: Pick<Logger, 'error'>,
  work: () => Promise<T>
): Promise<T> {
  const mode = await setJournalMode(db, 'delete').catch((error: unknown) => {
    log.error('bulk write: the store stays in WAL mode', error)
    return 'wal'
  })
  if (mode !== 'delete') return work()
  try {
    return await work()
  } finally {
    const back = await setJournalMode(db, 'wal').catch((error: unknown) => {
      log.error('bulk write: the store could not go back to WAL mode', error)
      return null
    })
    if (back !== null && back !== 'wal') log.error(`bulk write: the store stayed in journal mode ${back}, not WAL`)
  }
}
