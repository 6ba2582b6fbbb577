/*
 * A search with other filters, on a generated store of 8,000 cases: whichever
 * side drives each step, the list names exactly the cases that both the
 * search alone and the filters alone name, in page order, page by page, both
 * ways, with the same total. Terms are drawn from the store (a common and a
 * rare first character, a two-character name start, a summary word, a phrase,
 * a digit run), and the filters span a small and a large office, "open", a
 * type, red, overdue, unassigned and a month.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCasesSchema } from '../../../shared/domain/case-input'
import type { CaseListPage } from '../../../shared/domain/case'
import { fixedClock, startSeededApp, type TempApp } from '../../../tests/support/temp-app'
import { capturingContext } from '../tools/bench-cli'
import type { RunningApp } from '../startup'
import { COUNT_CAP } from './case-list'
import { shortWordSource } from './case-search-short'
import { services } from './index'

let app: TempApp

beforeAll(async () => {
  app = await startSeededApp({
    cases: 8000,
    seed: 11,
    until: '2026-11-28',
    clock: fixedClock('2026-11-28T04:00:00.000Z')
  })
}, 120_000)

afterAll(() => app?.dispose())

type Filter = Record<string, unknown>

const list = (ctx: RunningApp['ctx'], input: Filter): Promise<CaseListPage> =>
  services['cases.list'](ctx, listCasesSchema.parse(input))

/** Every page of a list, in order, and the first page's total. */
async function walk(input: Filter, limit: number, ctx = app.ctx): Promise<{ seqs: number[]; total: number | null }> {
  const seqs: number[] = []
  let cursor: string | undefined
  let total: number | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const page = await list(ctx, { ...input, limit, cursor })
    if (pages === 0) total = page.total
    seqs.push(...page.rows.map((r) => r.seq))
    if (!page.nextCursor) return { seqs, total }
    cursor = page.nextCursor
  }
  throw new Error('the list did not end')
}

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(app.ctx.db)).rows[0]

/** Search terms drawn from the store, each of another kind of source. */
async function drawTerms(): Promise<Record<string, string>> {
  const common = await one(sql<{ c: string }>`select first_char as c from case_name_keys
    group by first_char order by count(distinct case_seq) desc limit 1`)
  const rare = await one(sql<{ c: string }>`select first_char as c from case_name_keys
    group by first_char having count(distinct case_seq) between 20 and 60 order by first_char limit 1`)
  const start = await one(sql<{ s: string }>`select substr(name, 1, 2) as s from case_name_keys
    where length(name) = 3 group by s order by count(*) desc limit 1`)
  const word = await one(sql<{ w: string }>`select substr(summary, 3, 2) as w from cases
    group by w order by count(*) desc limit 1 offset 3`)
  const phrase = await one(sql<{ p: string }>`select substr(summary, 1, 4) as p from cases
    group by p order by count(*) desc limit 1 offset 2`)
  // Birth year and month in a resident ID: a digit run of six.
  const digits = await one(sql<{ d: string }>`select substr(id_number, 7, 6) as d from parties
    where id_type = 'resident_id' group by d order by count(*) desc limit 1`)
  return {
    common: common.c,
    rare: rare.c,
    start: start.s,
    word: word.w,
    phrase: phrase.p,
    digits: digits.d
  }
}

/** Filters spanning dense and sparse sides: the largest and the smallest office, and narrower ones within them. */
async function drawFilters(): Promise<Record<string, Filter>> {
  const offices = (
    await sql<{ id: string }>`select handling_office_id as id from cases group by 1 order by count(*) desc`.execute(
      app.ctx.db
    )
  ).rows
  const large = offices[0].id
  const small = offices[offices.length - 1].id
  const type = await one(sql<{ t: string }>`select dispute_type as t from cases group by 1 order by count(*) desc`)
  const month = await one(sql<{ m: string }>`select substr(registered_at, 1, 7) as m from cases
    group by m order by count(*) desc limit 1`)
  return {
    'large office': { officeId: large },
    'small office': { officeId: small },
    'large office, open': { officeId: large, open: true },
    'small office, open': { officeId: small, open: true },
    'large office and a type': { officeId: large, disputeType: type.t },
    'a type': { disputeType: type.t },
    red: { riskLevel: 'red' },
    'open and red': { open: true, riskLevel: 'red' },
    overdue: { due: 'overdue' },
    unassigned: { unassigned: true },
    'large office, a month': { officeId: large, registeredFrom: `${month.m}-01`, registeredTo: `${month.m}-28` }
  }
}

describe('a search with other filters, driven by either side', () => {
  it('lists exactly the cases both the search and the filters name, page by page, both ways', async () => {
    const terms = await drawTerms()
    const filters = await drawFilters()
    let nonEmpty = 0
    let beyondSample = 0
    for (const [termName, query] of Object.entries(terms)) {
      const searched = new Set((await walk({ query }, 500)).seqs)
      for (const [filterName, filter] of Object.entries(filters)) {
        const filtered = (await walk(filter, 500)).seqs
        for (const sort of ['newest', 'oldest'] as const) {
          const inOrder = sort === 'newest' ? filtered : [...filtered].reverse()
          const expected = inOrder.filter((seq) => searched.has(seq))
          const label = `${termName} ${query} · ${filterName} · ${sort}`
          const byPages = await walk({ ...filter, query, sort }, 7)
          expect(byPages.seqs, label).toEqual(expected)
          expect(byPages.total, label).toBe(Math.min(expected.length, COUNT_CAP))
          expect((await walk({ ...filter, query, sort }, 200)).seqs, label).toEqual(expected)
          if (expected.length > 0) nonEmpty++
          if (searched.size > 256 && filtered.length > 256) beyondSample++
        }
      }
    }
    // Most combinations find something, and some have both sides longer than a step's sample.
    expect(nonEmpty).toBeGreaterThan(40)
    expect(beyondSample).toBeGreaterThan(6)
  })

  it('lets the sparser side drive: a common name of a rare type, a rare name of a common type', async () => {
    // An office is kept to by the search index itself (case-search-office.ts); the other filters still race it.
    const terms = await drawTerms()
    const { rows: types } = await sql<{ t: string }>`select dispute_type as t from cases
      group by 1 order by count(*) desc`.execute(app.ctx.db)
    const statements = async (input: Filter) => {
      const capture = capturingContext(app.ctx, app.store.handle)
      await list(capture.ctx, input)
      return capture.take().map((s) => s.sql)
    }
    // A common first character and the rarest type: the type's cases are read, each looked up by its key.
    const fewCases = await statements({ disputeType: types[types.length - 1].t, query: terms.common })
    expect(
      fewCases.some((s) => /cases_read/.test(s) && /k\.first_char = \? and k\.case_seq = "w"\."seq"/.test(s))
    ).toBe(true)
    expect(fewCases.some((s) => /materialized \(select case_seq/.test(s))).toBe(false)
    // A rare first character and the commonest type: its few cases are read, each tested for the type.
    const fewMatches = await statements({ disputeType: types[0].t, query: terms.rare })
    expect(fewMatches.some((s) => /"hits" as materialized \(select case_seq/.test(s))).toBe(true)
    expect(fewMatches.some((s) => /cases_read/.test(s))).toBe(false)
  })
  it('reads a two-character word’s two sources merged in page order, never sorted', async () => {
    // As a union of two ordered, limited subqueries SQLite sorted both sides: 36 ms for 16,016 seqs at a million
    // cases, against 3.6 ms merged.
    const terms = await drawTerms()
    const source = shortWordSource(terms.word)!
    for (const order of ['desc', 'asc'] as const) {
      for (const query of [
        source.query(order, null, 500),
        source.query(order, 4000, 500),
        source.arm!(order, 4000, 2000)
      ]) {
        const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(app.ctx.db)
        const plan = rows.map((r) => r.detail).join('\n')
        expect(plan).not.toMatch(/TEMP B-TREE/)
      }
      const { rows } = await sql<{ detail: string }>`explain query plan ${source.query(order, null, 500)}`.execute(
        app.ctx.db
      )
      expect(rows.map((r) => r.detail)).toContain('MERGE (UNION)')
    }
  })
})
