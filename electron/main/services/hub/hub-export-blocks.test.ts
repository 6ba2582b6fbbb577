/*
 * The export reads each table a block of rows at a time and hands every
 * block to zlib and the hash while SQLite reads the next, and reads the case
 * events and the later records on a second connection. However the reading
 * is cut, the bundle's files are the same bytes, and each holds every row
 * once: a seeded office store with the whole lifecycle, exported by two
 * copies of it, one read two rows at a time on one connection, the other
 * in large blocks on two. Owned children travel with the owners that
 * changed, and with no other.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES, ndjsonName } from '../../../../shared/domain/hub-entities'
import { rowOfLine } from '../../../../shared/rules/hub-rows'
import { seedTempStore, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { markSeededRowsChanged } from '../../tools/bench-hub'
import { collectRows, EXPORT_READING } from './export-rows'
import { entriesOf, exportFrom, type Manifest } from './hub-test-kit'

let whole: TempApp
let inBlocks: TempApp

beforeAll(async () => {
  const seeded = await seedTempStore({ cases: 60, seed: 3, until: '2026-11-28', office: 'wutian' })
  const copy = mkdtempSync(path.join(os.tmpdir(), 'mcd-blocks-'))
  whole = await startTempApp({ dir: seeded.dir })
  await markSeededRowsChanged(whole.ctx.db)
  await whole.close()
  copyFileSync(seeded.dbPath, path.join(copy, 'desk.sqlite'))
  ;[whole, inBlocks] = await Promise.all([startTempApp({ dir: seeded.dir }), startTempApp({ dir: copy })])
}, 60_000)

afterAll(async () => {
  await Promise.all([whole?.dispose(), inBlocks?.dispose()])
})

async function exportReadIn(app: TempApp, reading: typeof EXPORT_READING, kind: 'incremental' | 'full') {
  const saved = { ...EXPORT_READING }
  Object.assign(EXPORT_READING, reading)
  try {
    return await exportFrom(app, kind)
  } finally {
    Object.assign(EXPORT_READING, saved)
  }
}

const manifestOf = (bundle: Buffer): Manifest =>
  JSON.parse(
    entriesOf(bundle)
      .find((e) => e.name === 'manifest.json')!
      .data.toString('utf8')
  )

describe('an export read in blocks', () => {
  it('makes the same files as one read whole, each row once, whether incremental or full', async () => {
    for (const kind of ['incremental', 'full'] as const) {
      const small = await exportReadIn(inBlocks, { blockRows: 2, secondConnection: false }, kind)
      const large = await exportReadIn(whole, { blockRows: 5000, secondConnection: true }, kind)
      const [smallManifest, largeManifest] = [manifestOf(small), manifestOf(large)]
      expect(smallManifest.files, kind).toEqual(largeManifest.files)
      expect(smallManifest.counts, kind).toEqual(largeManifest.counts)

      const files = new Map(entriesOf(small).map((e) => [e.name, e.data.toString('utf8')]))
      for (const entity of HUB_ENTITIES) {
        const { rows } = await sql<{ id: string }>`select id from ${sql.table(entity.file)} order by id`.execute(
          inBlocks.ctx.db
        )
        const text = files.get(ndjsonName(entity.file))
        const lines = text ? text.split('\n') : []
        if (text) expect(lines.pop(), `${entity.file}: one newline after the last line`).toBe('')
        // Format 3: each line is the row's field values in order, the id first.
        const ids = lines.map((line) => String((rowOfLine(entity, JSON.parse(line)) as { id: string }).id))
        // Every row of the store changed (the seeded rows are all in the change log), so every row travels, once.
        expect(ids.slice().sort(), `${kind} ${entity.file}`).toEqual(rows.map((r) => r.id))
        expect(smallManifest.counts[entity.file]?.rows ?? 0, entity.file).toBe(rows.length)
      }
    }
    // The store is big enough that the small reading really cut files, owned children's among them, into many blocks.
    const counted = manifestOf(await exportReadIn(inBlocks, EXPORT_READING, 'full')).counts
    expect(counted.case_events.rows).toBeGreaterThan(100)
    expect(counted.hearing_mediators.rows).toBeGreaterThan(4)
    expect(counted.mediator_specialties.rows).toBeGreaterThan(4)
  })

  it('fails whole when the packing fails mid-file, and leaves the store ready for the next export', async () => {
    const saved = { ...EXPORT_READING }
    Object.assign(EXPORT_READING, { blockRows: 2, secondConnection: false })
    let blocks = 0
    const failing = {
      block() {
        if (++blocks === 5) throw new Error('磁盘已满')
      },
      end() {}
    }
    try {
      await expect(
        inBlocks.ctx.db.transaction().execute((trx) => collectRows(trx, 'full', 0, 0, () => {}, failing))
      ).rejects.toThrow('磁盘已满')
    } finally {
      Object.assign(EXPORT_READING, saved)
    }
    expect(blocks).toBe(5)
    // The query started before the failure ended before the rollback: the connection takes the next export.
    const bundle = await exportFrom(inBlocks, 'full')
    expect(manifestOf(bundle).counts.cases.rows).toBe(60)
  })

  it('sends the children of the owners that changed and no others, even after a read that stopped half-way', async () => {
    const db = inBlocks.ctx.db
    const first = async (query: ReturnType<typeof sql<{ id: string; version: number }>>) =>
      (await query.execute(db)).rows[0]
    const hearing = await first(sql`select id, version from hearings h
      where exists (select 1 from hearing_parties p where p.hearing_id = h.id) order by id limit 1`)
    const mediator = await first(sql`select id, version from mediators m
      where exists (select 1 from mediator_specialties s where s.mediator_id = m.id) order by id limit 1`)
    // A read outside any transaction that stops after every owner was listed leaves its temp tables on the connection.
    const { rows } = await sql<{ seq: number }>`select max(seq) as seq from change_log`.execute(db)
    const stopping = {
      block(entity: { file: string }) {
        if (entity.file === 'hearing_parties') throw new Error('磁盘已满')
      },
      end() {}
    }
    await expect(collectRows(db, 'incremental', 0, rows[0].seq, () => {}, stopping)).rejects.toThrow('磁盘已满')

    // One session and one mediator change, as their services would log them.
    for (const [entity, row] of [
      ['hearings', hearing],
      ['mediators', mediator]
    ] as const) {
      await sql`update ${sql.table(entity)} set version = version + 1 where id = ${row.id}`.execute(db)
      await sql`insert into change_log (entity, entity_id, operation, version, changed_at)
        values (${entity}, ${row.id}, 'update', ${row.version + 1}, ${new Date().toISOString()})`.execute(db)
    }
    const files = new Map(entriesOf(await exportFrom(inBlocks)).map((e) => [e.name, e.data.toString('utf8')]))
    for (const entity of HUB_ENTITIES.filter((e) => e.owner)) {
      const { table, column } = entity.owner!
      const owner = table === 'hearings' ? hearing.id : mediator.id
      const text = files.get(ndjsonName(entity.file))
      const sent = (text ? text.split('\n').slice(0, -1) : []).map(
        (line) => rowOfLine(entity, JSON.parse(line)) as Record<string, string>
      )
      const { rows: children } = await sql<{ id: string }>`select id from ${sql.table(entity.file)}
        where ${sql.ref(column)} = ${owner} order by id`.execute(db)
      expect(
        sent.map((row) => row.id).sort(),
        `${entity.file}: the children of the changed ${table}, all of them`
      ).toEqual(children.map((c) => c.id))
      expect(sent.every((row) => row[column] === owner)).toBe(true)
    }
    expect(files.has(ndjsonName('hearing_parties'))).toBe(true)
  })
})
