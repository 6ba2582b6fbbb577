/*
 * A seeded store, opened by the real app: the bulk rows hold together
 * (foreign keys, integrity, FTS), are exactly what refreshCaseSearch writes,
 * search through the service finds seeded parties by name and ID fragment,
 * and the services carry on from the seeded state (the next case number).
 */
import { services } from '../services/index'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCaseNumber } from '../../../shared/domain/case-number'
import { contract, type MethodInput } from '../../../shared/ipc-contract'
import { createHandlerTable, type HandlerTable } from '../ipc/register'
import { listCases } from '../services/case-list'
import { refreshCaseSearch } from '../services/case-search-index'
import { seedDatabase, type SeedReport } from './seed'
import { capturingContext } from './bench-cli'
import * as createCaseDigits from '../db/migrations/2026_12_05_4000_create_case_digits'
import * as createCaseWords from '../db/migrations/2026_12_05_4100_create_case_words'
import * as markSearchRows from '../db/migrations/2026_12_06_2100_mark_search_rows_by_office'
import { LIFECYCLE_TABLES } from './seed-columns'
import { dataOf } from '../../../tests/support/contract-cases'
import { seedTempStore, startTempApp, type SeededStore, type TempApp } from '../../../tests/support/temp-app'

/** A successful answer's data (a failure throws with the error). */
const ok = dataOf
let store: SeededStore
let report: SeedReport
let app: TempApp
let api: HandlerTable

beforeAll(async () => {
  store = await seedTempStore({ cases: 2000, seed: 7, until: '2026-11-28', transactionSize: 700 })
  report = store.report
  app = await startTempApp({ dir: store.dir })
  api = createHandlerTable(app.ctx)
}, 60_000)

afterAll(() => app?.dispose())

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(app.ctx.db)).rows[0].n)

describe('a seeded store', () => {
  it('holds every generated row, consistent and back in WAL mode', async () => {
    expect(await count(sql`select count(*) as n from cases`)).toBe(2000)
    expect(await count(sql`select count(*) as n from case_search`)).toBe(2000)
    expect(await count(sql`select count(*) as n from parties`)).toBe(report.parties)
    expect(await count(sql`select count(*) as n from case_parties`)).toBe(report.caseParties)
    expect(await count(sql`select count(*) as n from case_events`)).toBe(report.events)
    expect(await count(sql`select count(*) as n from assignments`)).toBe(report.assignments)
    expect(await count(sql`select count(*) as n from mediators`)).toBe(647)
    // Every lifecycle table the generator filled holds exactly its rows (sessions, agreements, case_due …).
    for (const [key, { table }] of Object.entries(LIFECYCLE_TABLES)) {
      const rows = report.lifecycleRows[key as keyof typeof LIFECYCLE_TABLES]
      expect({ table, rows: await count(sql`select count(*) as n from ${sql.table(table)}`) }).toEqual({ table, rows })
      expect(rows).toBeGreaterThan(0)
    }
    expect(await count(sql`select count(*) as n from audit_log where action = 'seed.bulk'`)).toBe(1)
    // The bulk load's audit row joins the hash chain the roster's rows started.
    expect(await services['audit.verify'](app.ctx, {})).toMatchObject({ ok: true, problems: [] })
    const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(app.ctx.db)
    expect(mode[0].journal_mode).toBe('wal')
    expect((await sql`pragma foreign_key_check`.execute(app.ctx.db)).rows).toEqual([])
    expect((await sql`pragma quick_check`.execute(app.ctx.db)).rows).toEqual([{ quick_check: 'ok' }])
    await sql`insert into case_search (case_search) values ('integrity-check')`.execute(app.ctx.db)
  })

  it('gives a roster a district keeps: most training certificates current, a few lapsed or running out', async () => {
    const { rows } = ok(await api['mediators.list']({}))
    expect(rows).toHaveLength(647)
    const flagged = rows.map((r) => r.expiringCredential).filter((c) => c !== null)
    const lapsed = flagged.filter((c) => c.validUntil < report.until)
    // The roster screen flags each of these; a roster flagged mostly red would be noise, not a warning.
    expect(lapsed.length).toBeGreaterThan(647 * 0.02)
    expect(lapsed.length).toBeLessThan(647 * 0.12)
    expect(flagged.length - lapsed.length).toBeGreaterThan(0)
    expect(flagged.length).toBeLessThan(647 * 0.2)
  })

  it('keeps each office and year’s sequence at the highest number given', async () => {
    const { rows } = await sql<{ office_id: string; year: number; last_sequence: number; highest: number }>`
      select s.office_id, s.year, s.last_sequence,
        (select max(case_sequence) from cases c where c.handling_office_id = s.office_id and c.case_year = s.year) as highest
      from case_number_sequences s`.execute(app.ctx.db)
    expect(rows.length).toBeGreaterThan(30)
    for (const row of rows) expect(row.last_sequence).toBe(row.highest)
  })

  it('has the search rows refreshCaseSearch would write', async () => {
    const sample = await app.ctx.db
      .selectFrom('cases')
      .select(['id', 'seq'])
      .where(sql`seq % 97`, '=', 0)
      .execute()
    const snapshot = async (seq: number) => ({
      fts: (
        await sql`select case_number, summary, names, id_numbers, phones from case_search where rowid = ${seq}`.execute(
          app.ctx.db
        )
      ).rows,
      digits: (await sql`select grams from case_digits where rowid = ${seq}`.execute(app.ctx.db)).rows,
      words: (await sql`select bigrams from case_words where rowid = ${seq}`.execute(app.ctx.db)).rows,
      keys: await app.ctx.db
        .selectFrom('case_name_keys')
        .selectAll()
        .where('case_seq', '=', seq)
        .orderBy('name')
        .execute()
    })
    for (const c of sample) {
      const seeded = await snapshot(c.seq)
      await app.ctx.db.transaction().execute((trx) => refreshCaseSearch(trx, c.id))
      expect(await snapshot(c.seq)).toEqual(seeded)
    }
  })

  it('finds a seeded party through cases.list by two-character name and by an ID fragment', async () => {
    const party = await app.ctx.db
      .selectFrom('parties')
      .innerJoin('case_parties', 'case_parties.party_id', 'parties.id')
      .select(['parties.name', 'parties.id_number', 'case_parties.case_id'])
      .where(sql`length(parties.name)`, '=', 2)
      .where('parties.id_number', 'is not', null)
      .orderBy('parties.id')
      .executeTakeFirstOrThrow()
    const list = async (input: MethodInput<'cases.list'>) => ok(await api['cases.list']({ limit: 2000, ...input }))

    const byName = await list({ query: party.name })
    expect(byName.rows.map((r) => r.id)).toContain(party.case_id)
    for (const row of byName.rows) {
      expect(
        [...row.applicants, ...row.respondents].some((n) => n.startsWith(party.name)) ||
          row.summary.includes(party.name)
      ).toBe(true)
    }

    const fragment = party.id_number!.slice(6, 12)
    const byId = await list({ query: fragment })
    expect(byId.rows.map((r) => r.id)).toContain(party.case_id)
    expect(byId.total).toBe(byId.rows.length)

    const first = String.fromCodePoint(party.name.codePointAt(0)!)
    expect((await list({ query: first })).rows.map((r) => r.id)).toContain(party.case_id)
  })

  it('lets the services carry on: accepting a seeded case gives its office the next number', async () => {
    const pending = await app.ctx.db
      .selectFrom('cases')
      .select(['id', 'handling_office_id'])
      .where('status', '=', 'registered')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    const before = await app.ctx.db
      .selectFrom('case_number_sequences')
      .select('last_sequence')
      .where('office_id', '=', pending.handling_office_id)
      .where('year', '=', year)
      .executeTakeFirst()
    const accepted = ok(await api['cases.accept']({ caseId: pending.id }))
    expect(parseCaseNumber(accepted.caseNumber!)?.sequence).toBe((before?.last_sequence ?? 0) + 1)
  })

  it('refuses to seed a store that already holds cases', async () => {
    // One connection at a time: the app lets go of the file while the seed tool looks at it.
    await app.close()
    await expect(seedDatabase({ dbPath: store.dbPath, cases: 10 })).rejects.toThrow(/已有 2,?\d+ 件案件/)
    app = await startTempApp({ dir: store.dir })
    api = createHandlerTable(app.ctx)
  })
})

describe('a load that fails midway', () => {
  it('throws the failure itself and leaves the store in WAL mode, its file free for the next opener', async () => {
    const broken = await startTempApp()
    // A store that refuses its case events: the roster goes in, the bulk load stops at its first batch.
    await sql`create trigger refuse_events before insert on case_events
      begin select raise(abort, '测试：案件事件拒绝写入'); end`.execute(broken.ctx.db)
    await broken.close()
    await expect(seedDatabase({ dbPath: broken.dbPath, cases: 10 })).rejects.toThrow('测试：案件事件拒绝写入')
    // The file header's read and write versions: 2 is WAL, 1 the rollback journal the load ran without.
    const header = readFileSync(broken.dbPath).subarray(18, 20)
    expect([...header]).toEqual([2, 2])
    // The load's exclusive lock is gone: the app opens the file and reads it.
    const reopened = await startTempApp({ dir: broken.dir })
    try {
      await expect(reopened.ctx.db.selectFrom('mediators').select('id').limit(1).execute()).resolves.toHaveLength(1)
    } finally {
      await reopened.dispose()
    }
  })
})

describe('the list at scale (found by the benchmark)', () => {
  it('counts up to the cap and says there are more', async () => {
    const page = await api['cases.list']({ limit: 5 })
    expect(page).toMatchObject({ ok: true, data: { total: 1000, totalIsLowerBound: true } })
  })

  it('finds a case number exactly, not every case whose number shares 调字第', async () => {
    const { rows } = await sql<{
      case_number: string
    }>`select case_number from cases where case_number is not null limit 1 offset 17`.execute(app.ctx.db)
    const page = await api['cases.list']({ query: rows[0].case_number })
    expect(page).toMatchObject({
      ok: true,
      data: { total: 1, totalIsLowerBound: false, rows: [{ caseNumber: rows[0].case_number }] }
    })
  })

  it('a search answers its newest page and its capped count in one statement, as the index counts them', async () => {
    // The most common surname character and a summary word of three characters, drawn from the data.
    const { rows: firsts } = await sql<{ first_char: string; n: number }>`
      select first_char, count(distinct case_seq) as n from case_name_keys group by first_char order by n desc limit 1`.execute(
      app.ctx.db
    )
    const { rows: words } = await sql<{ word: string }>`
      select substr(summary, 3, 3) as word from cases where length(summary) > 10 order by seq limit 1`.execute(
      app.ctx.db
    )
    const terms = [
      {
        query: firsts[0].first_char,
        seqs: sql<{ seq: number }>`select distinct case_seq as seq from case_name_keys
          where first_char = ${firsts[0].first_char} order by case_seq desc`
      },
      {
        query: words[0].word,
        seqs: sql<{ seq: number }>`select rowid as seq from case_search
          where case_search match ${`"${words[0].word.replace(/"/g, '""')}"`} order by rowid desc`
      }
    ]
    for (const term of terms) {
      const all = (await term.seqs.execute(app.ctx.db)).rows.map((r) => r.seq)
      expect(all.length).toBeGreaterThan(1)
      const capture = capturingContext(app.ctx, app.store.handle)
      const page = await listCases(capture.ctx, contract['cases.list'].input.parse({ query: term.query, limit: 20 }))
      expect(capture.take()).toHaveLength(1)
      expect(page.total).toBe(Math.min(all.length, 1000))
      expect(page.totalIsLowerBound).toBe(all.length > 1000)
      expect(page.rows.map((r) => r.seq)).toEqual(all.slice(0, 20))
      // The next page goes on from the cursor and counts nothing again.
      const next = ok(await api['cases.list']({ query: term.query, limit: 20, cursor: page.nextCursor ?? undefined }))
      expect(next.total).toBeNull()
      expect(next.rows.map((r) => r.seq)).toEqual(all.slice(20, 40))
    }
  })

  it('finds digit fragments through the digit-run index exactly as the trigram index does', async () => {
    // Fragments of 4–8 digits from ID numbers, phones and case numbers of the generated data.
    const { rows } = await sql<{ text: string }>`
      select id_number as text from parties where id_number is not null and rowid % 97 = 5
      union all select replace(phone, '-', '') from parties where phone is not null and rowid % 89 = 3
      union all select case_number from cases where case_number is not null and rowid % 101 = 7
      limit 60`.execute(app.ctx.db)
    const fragments = rows.flatMap(({ text }, i) => {
      const digits = text.match(/\d{4,}/g) ?? []
      const run = digits[digits.length - 1]
      if (!run) return []
      const length = 4 + (i % 5)
      const start = run.length > length ? i % (run.length - length) : 0
      return [run.slice(start, start + length)]
    })
    expect(fragments.length).toBeGreaterThan(40)
    for (const fragment of fragments) {
      const trigram = await sql<{ seq: number }>`select rowid as seq from case_search
        where case_search match ${`"${fragment}"`} order by rowid desc`.execute(app.ctx.db)
      const page = ok(await api['cases.list']({ query: fragment, limit: 200 }))
      expect(page.rows.map((r) => r.seq)).toEqual(trigram.rows.slice(0, 200).map((r) => r.seq))
      expect(page.total).toBe(Math.min(trigram.rows.length, 1000))
    }
  })

  it('finds a two-character word in every summary, and names beginning with it, as a full read would', async () => {
    // Two-character words drawn from the generated summaries, and two-character names.
    const { rows } = await sql<{ term: string }>`
      select substr(summary, 1 + (rowid % 9), 2) as term from cases where rowid % 131 = 3
      union all select substr(name, 1, 2) from parties where kind = 'person' and rowid % 211 = 5
      limit 40`.execute(app.ctx.db)
    const terms = rows.map((r) => r.term).filter((t) => /^[\p{L}\p{N}]{2}$/u.test(t))
    expect(terms.length).toBeGreaterThan(25)
    for (const term of terms) {
      const reference = await sql<{ seq: number }>`select seq from cases
        where seq in (select rowid from case_search where case_search match ${`names : "|${term}"`})
           or instr(summary, ${term}) > 0
        order by seq desc`.execute(app.ctx.db)
      const page = ok(await api['cases.list']({ query: term, limit: 200 }))
      expect(page.rows.map((r) => r.seq)).toEqual(reference.rows.slice(0, 200).map((r) => r.seq))
      expect(page.total).toBe(Math.min(reference.rows.length, 1000))
      expect(page.notice).toBeNull()
      // With a filter the index is walked chunk by chunk instead: the same cases.
      const open = ok(await api['cases.list']({ query: term, status: 'in_mediation', limit: 200 }))
      const inMediation = await sql<{ seq: number }>`select seq from cases where status = 'in_mediation'
        and seq in (${sql.join(reference.rows.map((r) => r.seq).concat(-1))}) order by seq desc`.execute(app.ctx.db)
      expect(open.rows.map((r) => r.seq)).toEqual(inMediation.rows.slice(0, 200).map((r) => r.seq))
    }
  })

  it('fills the search rows of an existing store in its migrations as the app writes them', async () => {
    const db = app.ctx.db
    const rows = async () => ({
      search: (await sql`select rowid, * from case_search order by rowid`.execute(db)).rows,
      digits: (await sql`select rowid, grams from case_digits order by rowid`.execute(db)).rows,
      words: (await sql`select rowid, bigrams from case_words order by rowid`.execute(db)).rows
    })
    const written = await rows()
    expect(written.words).toHaveLength(2000)
    // The store as it stood before the tokens: no marks, the digit and word rows as their own migrations wrote
    // them, and the case numbers without the Private Use characters at their end (the office's and open trigrams).
    await sql`drop trigger office_marks_on_insert`.execute(db)
    await sql`drop table office_marks`.execute(db)
    await sql`drop table case_digits`.execute(db)
    await sql`drop table case_words`.execute(db)
    await createCaseDigits.up(db)
    await createCaseWords.up(db)
    const numbers = await sql<{
      seq: number
      n: string
    }>`select rowid as seq, case_number as n from case_search`.execute(db)
    for (const { seq, n } of numbers.rows) {
      await sql`update case_search set case_number = ${n.replace(/[\ue000-\uf8ff]+$/u, '')} where rowid = ${seq}`.execute(
        db
      )
    }
    expect((await rows()).words).not.toEqual(written.words)

    await markSearchRows.up(db)
    expect(await rows()).toEqual(written)
  })

  it('re-indexes a case through an index on case_seq, not a scan of every name key', async () => {
    const { rows } = await sql<{
      detail: string
    }>`explain query plan delete from case_name_keys where case_seq = 5`.execute(app.ctx.db)
    expect(rows.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX case_name_keys_case/)
  })
})
