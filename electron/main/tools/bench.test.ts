/*
 * The benchmark's whole code path on a small seeded store, without timing
 * assertions: terms are drawn, every search and list kind runs through the
 * handler table, intake saves, the SQL is replayed in the sqlite3 CLI (when
 * Debian's CLI is installed), and the table and JSON come out complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBench, type BenchResult } from './bench'
import { cliVerdict, DEBIAN_SQLITE3, findCli, inlineParameters } from './bench-cli'
import { formatTable } from './bench-report'
import { seedTempStore, type SeededStore } from '../../../tests/support/temp-app'

const cli = findCli()
let store: SeededStore
let result: BenchResult

beforeAll(async () => {
  store = await seedTempStore({ cases: 2000, seed: 3, until: '2026-11-28' })
  if (!cli) console.warn(`${DEBIAN_SQLITE3} 不存在：冒烟测试跳过与 sqlite3 命令行的对比（apt-get install -y sqlite3）`)
  result = await runBench({
    dbPath: store.dbPath,
    queries: 6,
    warmup: 2,
    warmRound: 3,
    saves: 3,
    clashSessions: 300,
    cliPath: cli ? cli.path : null,
    hubCases: 300,
    hubDir: store.dir
  })
}, 240_000)

afterAll(() => store?.dispose())

describe('the benchmark on a small store', () => {
  it('measures every search and list kind through cases.list, intake, memory and size', () => {
    const keys = result.rows.map((r) => r.key)
    expect(keys).toEqual([
      'name2', 'prefix1', 'id', 'phone', 'number', 'word', 'word2', 'miss', 'searchOffice', 'list1', 'listDeep', 'listOverview', 'listCombined',
      'rss', 'intake', 'clash', 'docx', 'supervisorHome', 'charts', 'roster', 'report', 'hubExport', 'hubImport', 'size'
    ]) // prettier-ignore
    expect(result.cases).toBe(2000)
    for (const row of result.rows.filter((r) => r.target.startsWith('p95') && r.status === undefined)) {
      expect(row.p95Ms, row.operation).toBeGreaterThan(0)
      expect(row.p50Ms!).toBeLessThanOrEqual(row.p95Ms!)
      expect(typeof row.pass).toBe('boolean')
    }
    expect(result.rows.find((r) => r.key === 'name2')!.meanTotal).toBeGreaterThan(0)
    expect(result.rows.find((r) => r.key === 'miss')!.meanTotal).toBe(0)
    expect(result.rows.find((r) => r.key === 'clash')).toMatchObject({ dataSize: '300 sessions' })
    // The hub rows ran for real: 300 changed cases exported and imported into a fresh hub store.
    for (const key of ['hubExport', 'hubImport']) {
      const row = result.rows.find((r) => r.key === key)!
      expect(row.status, key).toBeUndefined()
      expect(row.dataSize, key).toMatch(/^300 changed cases, [\d,]+ rows/)
      expect(row.p95Ms, key).toBeGreaterThan(0)
      expect(typeof row.pass).toBe('boolean')
    }
    expect(result.notes.join('\n')).toMatch(/合并新增 [\d,]+ 行/)
    // The untimed first round over another draw: its p95 per kind, the fresh process's, is in the notes.
    expect(result.notes.join('\n')).toMatch(/首轮.*各调用 3 次.*检索：两字姓名 [\d.]+ ms；检索：姓名首字 [\d.]+ ms/)
    // The store was read into the page cache before anything was timed.
    expect(result.notes[0]).toMatch(/^计时前先把库文件（[1-9]\d* MB）读入系统页缓存/)
    expect(result.rows.find((r) => r.key === 'docx')).toMatchObject({
      target: 'p95 ≤ 150 ms',
      pass: expect.any(Boolean)
    })
  })

  it.runIf(cli)('replays the same SQL in the sqlite3 CLI and gives each search a ratio', () => {
    for (const row of result.rows.slice(0, 11)) {
      expect(row.cliP95Ms, row.operation).toBeGreaterThan(0)
      expect(row.ratio, row.operation).toBeGreaterThan(0)
    }
  })

  it('prints one Markdown table and the same as JSON', () => {
    const table = formatTable(result)
    expect(table).toContain('| operation | data size | p50 | p95 | target | pass/fail | sqlite3 CLI p95 | ratio |')
    expect(table.split('\n').filter((line) => line.startsWith('| '))).toHaveLength(result.rows.length + 1)
    expect(table).toContain('changed cases')
    expect(JSON.parse(JSON.stringify(result)).rows).toHaveLength(result.rows.length)
  })
})

describe('inlining parameters for the CLI', () => {
  it('puts literals where the placeholders are, never inside quoted text', () => {
    expect(
      inlineParameters({
        sql: `select * from t where a = ? and b like ? escape '\\' and c = '?' and d in (?, ?)`,
        parameters: ["O'Brien", '%王芳%', 3, null]
      })
    ).toBe(`select * from t where a = 'O''Brien' and b like '%王芳%' escape '\\' and c = '?' and d in (3, NULL)`)
  })
})

describe('the 2× CLI rule and its floor', () => {
  it('passes within 2×, passes on the 1 ms floor, and fails a slow plan however fast the CLI is', () => {
    expect(cliVerdict(1.9, 1)).toBe('within')
    // A miss: 0.11 ms in the CLI, 1.02 ms through the service — the binding's fixed cost, on the floor.
    expect(cliVerdict(1.02, 0.11)).toBe('floor')
    // 3 ms against 1 ms is more than 2× and more than 1 ms over: a worse plan, a failure.
    expect(cliVerdict(3, 1)).toBe('missed')
    expect(cliVerdict(120, 7)).toBe('missed')
  })
})
