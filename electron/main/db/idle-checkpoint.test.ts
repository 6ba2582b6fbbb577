/*
 * WAL checkpoints in idle moments: a write stays in the WAL until the store
 * has been quiet, then one PASSIVE checkpoint copies it into the database
 * file; commits stay fully synced; closing the store cancels a pending one.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CheckpointResult } from './idle-checkpoint'
import { openStore, type Store } from './index'

const IDLE_MS = 20

let dir: string
let dbPath: string
let store: Store | null
let errors: unknown[]
let checkpoints: CheckpointResult[]
let waiting: Array<() => void>

/** Resolves at the next idle checkpoint. */
const nextCheckpoint = () => new Promise<void>((resolve) => waiting.push(resolve))
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-idle-checkpoint-'))
  dbPath = path.join(dir, 'desk.sqlite')
  errors = []
  checkpoints = []
  waiting = []
  store = await openStore(dbPath, {
    log: { error: (message, detail) => errors.push([message, detail]) },
    idleCheckpoint: {
      idleMs: IDLE_MS,
      onCheckpoint: (result) => {
        checkpoints.push(result)
        for (const resolve of waiting.splice(0)) resolve()
      }
    }
  })
  const created = nextCheckpoint()
  await sql`create table blobs (id integer primary key, body blob not null)`.execute(store.db)
  await created
})

afterEach(async () => {
  await store?.db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('idle WAL checkpoints', () => {
  it('leave a committed write in the WAL until the store is quiet, then copy it into the database file once', async () => {
    const db = store!.db
    const sizeBefore = statSync(dbPath).size
    const checkpointed = nextCheckpoint()
    const seen = checkpoints.length
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 50; i++) await sql`insert into blobs (body) values (randomblob(4000))`.execute(trx)
    })
    // Committed (and synced in the WAL), not yet in the database file: no checkpoint ran inside the commit.
    expect(statSync(dbPath).size).toBe(sizeBefore)

    await checkpointed
    expect(checkpoints.length).toBe(seen + 1)
    const result = checkpoints[seen]
    expect(result.busy).toBe(0)
    expect(result.log).toBeGreaterThanOrEqual(50)
    expect(result.checkpointed).toBe(result.log)
    expect(statSync(dbPath).size).toBeGreaterThanOrEqual(sizeBefore + 50 * 4000)

    // Its own statement does not re-arm the timer: a quiet store is checkpointed once.
    await quietFor(IDLE_MS * 5)
    expect(checkpoints.length).toBe(seen + 1)
    expect(errors).toEqual([])
  })

  it('keeps every commit fully synced, with the automatic checkpoint as a backstop for bursts', async () => {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store!.db)
    expect(rows).toEqual([{ synchronous: 2 }]) // FULL
    const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store!.db)
    expect(auto.rows).toEqual([{ wal_autocheckpoint: 1000 }])
  })

  it('cancels a pending checkpoint when the store closes', async () => {
    const seen = checkpoints.length
    await sql`insert into blobs (body) values (randomblob(10))`.execute(store!.db)
    await store!.db.destroy()
    store = null
    await quietFor(IDLE_MS * 5)
    expect(checkpoints.length).toBe(seen)
    expect(errors).toEqual([])
  })
})
