/*
 * Two-character terms read as two newest-first sources merged in code (names
 * through the FTS names column, summary words in a seq window). Against a
 * real store, every page of the walk, both ways, must be exactly what the one
 * query it replaced finds: `names : "|XY"` or (seq past the window's floor and
 * the summary holds XY), each case once.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PartyInput } from '../../../shared/domain/case-input'
import { chooseOffice, registration, residentId } from '../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, type TempApp } from '../../../tests/support/temp-app'
import { createHandlerTable } from '../ipc/register'
import { drivenSeqs, ftsPhrase } from './case-search-driven'
import { shortTermSource } from './case-search-short'

const clock = fixedClock('2026-11-29T02:00:00.000Z')
let app: TempApp

beforeEach(async () => {
  app = await startTempApp({ clock })
  await chooseOffice(app, 'wutian')
})
afterEach(async () => app.dispose())

const applicant = (name: string, n: number): PartyInput => ({
  kind: 'person',
  role: 'applicant',
  name,
  idNumber: residentId('1980-01-01', 100 + n),
  phone: `1390577${String(1000 + n).padStart(4, '0')}`
})

/** What the single `or` query found: the reference for the merged walk. */
async function reference(term: string, floor: number, order: 'asc' | 'desc'): Promise<number[]> {
  const { rows } = await sql<{ seq: number }>`select seq from cases
    where seq in (select rowid from case_search where case_search match ${`names : ${ftsPhrase(`|${term}`)}`})
       or (seq > ${floor} and summary like ${`%${term}%`})
    order by seq ${sql.raw(order)}`.execute(app.ctx.db)
  return rows.map((r) => r.seq)
}

/** The merged source walked page by page, as listCases walks it. */
async function walk(term: string, floor: number, order: 'asc' | 'desc', pageSize: number): Promise<number[]> {
  const seqs: number[] = []
  let bound: number | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page = await drivenSeqs(app.ctx, shortTermSource(term, floor), [], order, bound, pageSize + 1)
    seqs.push(...page.slice(0, pageSize))
    if (page.length <= pageSize) return seqs
    bound = page[pageSize - 1]
  }
  throw new Error('walk did not end')
}

/** The source itself read a chunk at a time: small chunks make the names side fill and bound the summary side. */
async function chunks(term: string, floor: number, order: 'asc' | 'desc', chunk: number): Promise<number[]> {
  const source = shortTermSource(term, floor)
  const seqs: number[] = []
  let bound: number | null = null
  for (let reads = 0; reads < 200; reads++) {
    const hits = await source(app.ctx.db, order, bound, chunk)
    seqs.push(...hits)
    if (hits.length < chunk) return seqs
    bound = hits[hits.length - 1]
  }
  throw new Error('source did not end')
}

describe('a two-character term: names and recent summaries merged in page order', () => {
  it('finds each case once, in order, on every page and both ways, names without limit and words above the floor', async () => {
    const api = createHandlerTable(app.ctx)
    // 40 cases: every 3rd has the name 王芳 (or 王芳芳), every 4th says 王芳 in its summary, some both;
    // the rest are noise that neither source should return.
    for (let i = 0; i < 40; i++) {
      const name = i % 3 === 0 ? (i % 2 ? '王芳芳' : '王芳') : '陈建'
      const summary = i % 4 === 0 ? `第${i}件：王芳反映邻居占用通道。` : `第${i}件：邻里通道纠纷。`
      const base = registration()
      const result = await api['cases.register'](
        registration({ summary, parties: [applicant(name, i), { ...base.parties[1] }] })
      )
      if (!result.ok) throw new Error(JSON.stringify(result.error))
    }
    const { rows } = await sql<{ top: number }>`select max(seq) as top from cases`.execute(app.ctx.db)
    const top = Number(rows[0].top)

    for (const floor of [0, top - 17, top]) {
      for (const order of ['desc', 'asc'] as const) {
        const expected = await reference('王芳', floor, order)
        expect(expected.length).toBeGreaterThan(5)
        for (const pageSize of [1, 2, 5, 50]) {
          expect(await walk('王芳', floor, order, pageSize)).toEqual(expected)
          expect(await chunks('王芳', floor, order, pageSize)).toEqual(expected)
        }
      }
    }
    // Above the floor the summaries count; below it only names do (a case with the word alone is left out).
    const below = await reference('王芳', top - 17, 'desc')
    const wordOnlyBelow = await sql<{ seq: number }>`select seq from cases
      where seq <= ${top - 17} and summary like '%王芳%' and seq not in (select rowid from case_search
      where case_search match 'names : "|王芳"')`.execute(app.ctx.db)
    expect(wordOnlyBelow.rows.length).toBeGreaterThan(0)
    for (const r of wordOnlyBelow.rows) expect(below).not.toContain(r.seq)
  })
})
