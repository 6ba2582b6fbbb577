/*
 * The benchmark's one table, as Markdown (so it pastes into
 * docs/performance.md unchanged), with the machine above it and notes below.
 */
import type { BenchResult, BenchRow } from './bench'
import { CLI_FLOOR_MS } from './bench-cli'

const HEADER = ['operation', 'data size', 'p50', 'p95', 'target', 'pass/fail', 'sqlite3 CLI p95', 'ratio']

const ms = (value: number | null) => (value === null ? '—' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`)

function cells(row: BenchRow): string[] {
  return [
    row.operation,
    row.dataSize,
    row.value ?? ms(row.p50Ms),
    row.value ? '—' : ms(row.p95Ms),
    row.target,
    row.status ??
      (row.pass === null ? '—' : row.pass ? (row.cliFloor ? `pass (≤ CLI + ${CLI_FLOOR_MS} ms)` : 'pass') : row.missed?.length ? `FAIL (${row.missed.join(', ')})` : 'FAIL'),
    ms(row.cliP95Ms),
    row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`
  ]
}

export function formatTable(result: BenchResult): string {
  const { machine } = result
  const lines = [
    `机器：${machine.cpus} 核 ${machine.cpuModel}，内存 ${machine.memoryGb} GB，Node ${machine.node}，` +
      `SQLite ${machine.sqlite}（npm sqlite3）/ ${machine.sqliteCli ?? '无'}（sqlite3 命令行），` +
      `开始时负载 ${machine.loadAverage.join(' / ')}`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...result.rows.map((row) => `| ${cells(row).join(' | ')} |`),
    ''
  ]
  const totals = result.rows.filter((r) => r.meanTotal !== undefined)
  if (totals.length > 0) {
    lines.push(`每次查询平均命中：${totals.map((r) => `${r.operation} ${Math.round(r.meanTotal!)}`).join('；')}`)
  }
  return [...lines, ...result.notes].join('\n')
}
