/*
 * The overview screens at scale, beside DESIGN §7's rows (which do not name
 * them): the district supervisor's home, the charts of the last 12 months, the
 * roster list and last month's district report, each opened through the
 * handler table as the window opens it. The target is the project's own, a
 * second: at a million cases the supervisor's home took 15–22 s before its
 * mediators' load was counted from the open cases, and the month's report
 * 4–5 s before its dates were indexed (docs/performance.md); nothing in the
 * bench showed either.
 */
import { performance } from 'node:perf_hooks'
import type { MethodName } from '../../../shared/ipc-contract'
import { chinaDate } from '../../../shared/rules/china-time'
import { shiftMonth } from '../services/stats/counting'
import type { HandlerTable } from '../ipc/register'
import { percentile, type BenchRow } from './bench'

export const SCREEN_TARGET_MS = 1000

/** Openings timed per screen: a screen of a second or more, opened by hand now and then, not 200 times. */
const RUNS = 5

/** Last month, as the supervisor opens the district report early in a month. */
function lastMonth(): { year: number; month: number } {
  const [year, month] = shiftMonth(chinaDate(new Date()).slice(0, 7), -1).split('-').map(Number)
  return { year, month }
}

const SCREENS: ReadonlyArray<{ key: string; operation: string; method: MethodName; input: () => unknown }> = [
  { key: 'supervisorHome', operation: '总览：主管首页（逾期、红色风险、调解员在办、本月与上月）', method: 'stats.supervisorHome', input: () => ({}) },
  { key: 'charts', operation: '总览：统计图表（近 12 个月，按类型、组织、状态、来源、风险、成功率、协议金额）', method: 'stats.charts', input: () => ({}) },
  { key: 'roster', operation: '调解员名册（全部调解员及各自在办案件数）', method: 'mediators.list', input: () => ({}) },
  { key: 'report', operation: '统计报表：区级上月月报（各组织受理、成功、不成、履行、司法确认、排查）', method: 'reports.monthly', input: () => ({ period: 'month', ...lastMonth(), scope: 'district' }) }
] // prettier-ignore

/** Each screen opened once to warm up, then RUNS times; a refused call stops the bench with its message. */
export async function screenRows(handlers: HandlerTable, dataSize: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const screen of SCREENS) {
    const open = handlers[screen.method] as (input: unknown) => ReturnType<HandlerTable[MethodName]>
    const times: number[] = []
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now()
      const answer = await open(screen.input())
      const ms = performance.now() - started
      if (!answer.ok) throw new Error(`${screen.operation}：${answer.error.message}`)
      if (run > 0) times.push(ms)
    }
    const p95 = percentile(times, 0.95)
    rows.push({
      key: screen.key,
      operation: screen.operation,
      dataSize,
      p50Ms: percentile(times, 0.5),
      p95Ms: p95,
      target: `p95 ≤ ${SCREEN_TARGET_MS / 1000} s（本项目自定，DESIGN §7 未列）`,
      pass: p95 <= SCREEN_TARGET_MS,
      missed: p95 <= SCREEN_TARGET_MS ? [] : ['p95'],
      cliP95Ms: null,
      ratio: null
    })
  }
  return rows
}
