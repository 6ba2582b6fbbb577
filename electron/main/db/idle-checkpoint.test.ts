/*
 * The store's upkeep in idle moments: a write stays in the WAL until the
 * store has been quiet, then one PASSIVE checkpoint copies it into the
 * database file; commits stay fully synced; closing the store cancels a
 * pending one. Full-text segments left by separate commits are merged in
 * quiet moments, step by step, and the searches answer the same.
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
let merges: string[][]
let waiting: Array<() => void>

/** Resolves at the next idle checkpoint. */
const nextCheckpoint = () => new Promise<void>((resolve) => waiting.push(resolve))
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-idle-checkpoint-'))
  dbPath = path.join(dir, 'desk.sqlite')
  errors = []
  checkpoints = []
  merges = []
  waiting = []
  store = await openStore(dbPath, {
    log: { error: (message, detail) => errors.push([message, detail]) },
    idleCheckpoint: {
      idleMs: IDLE_MS,
      onCheckpoint: (result, merged) => {
        checkpoints.push(result)
        merges.push(merged)
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

describe('idle full-text merges', () => {
  /** The FTS5 segments of the table: each commit adds one; merging makes few of many. */
  const segments = async () =>
    Number((await sql<{ n: number }>`select count(distinct segid) as n from notes_idx`.execute(store!.db)).rows[0].n)

  it('merge the segments of separate commits when the store is quiet, and stop when there is nothing left', async () => {
    const db = store!.db
    await sql`create virtual table notes using fts5(body)`.execute(db)
    // Hold the table's own merging off, as if every commit had come in a burst with no automerge turn yet.
    await sql`insert into notes (notes, rank) values ('automerge', 0)`.execute(db)
    await sql`insert into notes (notes, rank) values ('crisismerge', 64)`.execute(db)
    const words = ['借款', '相邻', '物业', '工资', '婚姻', '赔偿']
    for (let i = 0; i < 40; i++) {
      await sql`insert into notes (rowid, body) values (${i + 1}, ${`${words[i % words.length]} 纠纷 第${i}件`})`.execute(
        db
      )
    }
    const before = await segments()
    expect(before).toBe(40)
    const found = async () =>
      (await sql<{ rowid: number }>`select rowid from notes where notes match '物业' order by rowid`.execute(db)).rows
    const answer = await found()
    expect(answer.map((r) => r.rowid)).toEqual([3, 9, 15, 21, 27, 33, 39])

    // Quiet moments come and go until the table has nothing left to merge; a statement in between goes first.
    const start = merges.length
    for (let turn = 0; turn < 50; turn++) {
      await nextCheckpoint()
      if (merges.at(-1)!.length === 0) break
    }
    expect(merges.slice(start).some((m) => m.includes('notes'))).toBe(true)
    expect(merges.at(-1)).toEqual([])
    const settled = checkpoints.length
    await quietFor(IDLE_MS * 5)
    expect(checkpoints.length, 'nothing left: the store is not kept busy').toBe(settled)

    expect(await segments()).toBeLessThan(before / 4)
    expect(await found()).toEqual(answer)
    expect(errors).toEqual([])
  })
})
