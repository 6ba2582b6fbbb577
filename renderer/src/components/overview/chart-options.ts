/*
 * ECharts for the charts page: only the pieces used are registered (the
 * bundle stays small), drawn on canvas (no eval, nothing the window's
 * Content-Security-Policy refuses), with zh-CN labels and the risk colours
 * red / yellow / green. The options are built from the service's rows, the
 * same rows the table beside each chart shows.
 */
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { RiskLevel } from '../../../../shared/domain/reference-data'
import type { AmountRow, CountRow, RateRow } from '../../../../shared/domain/stats'

use([CanvasRenderer, BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>

/** The ECharts init options: canvas, Chinese tooltips and toolbox texts whatever the system language. */
export const INIT_OPTIONS = { renderer: 'canvas', locale: 'ZH' } as const

export const RISK_COLOURS: Record<RiskLevel, string> = { red: '#d9363e', yellow: '#e6a23c', green: '#3a9d5d' }
const PALETTE = ['#b91c1c', '#2563eb', '#0d9488', '#ca8a04', '#7c3aed', '#db2777', '#475569', '#65a30d']
const FONT = { fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' }

const grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true }

/** Counts as vertical bars (months, offices) or horizontal ones (long labels such as dispute types). */
export function barOption(rows: CountRow[], options: { horizontal?: boolean; line?: boolean } = {}): ChartOption {
  const labels = rows.map((r) => r.label)
  const category = { type: 'category' as const, data: labels, axisLabel: { ...FONT, interval: 0, hideOverlap: true } }
  const value = { type: 'value' as const, minInterval: 1, name: '件' }
  return {
    color: PALETTE,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: options.horizontal
      ? value
      : { ...category, axisLabel: { ...category.axisLabel, rotate: labels.length > 6 ? 30 : 0 } },
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: [
      options.line
        ? { type: 'line', name: '案件数', data: rows.map((r) => r.value), smooth: false, areaStyle: { opacity: 0.15 } }
        : { type: 'bar', name: '案件数', data: rows.map((r) => r.value), barMaxWidth: 28 }
    ]
  }
}

/** Shares of a whole; risk rows take their own colours. */
export function pieOption(rows: CountRow[], risk = false): ChartOption {
  return {
    color: PALETTE,
    textStyle: FONT,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { orient: 'vertical', left: 0, top: 'middle', textStyle: FONT },
    series: [
      {
        type: 'pie',
        name: '案件数',
        radius: ['36%', '62%'],
        center: ['62%', '50%'],
        // Long source names (当事人申请（来访、来电、来信）…) wrap instead of running off the canvas.
        label: { formatter: '{b} {c}', width: 96, overflow: 'break' },
        data: rows.map((r) => ({
          name: r.label,
          value: r.value,
          ...(risk ? { itemStyle: { color: RISK_COLOURS[r.key as RiskLevel] } } : {})
        }))
      }
    ]
  }
}

export function rateOption(rows: RateRow[]): ChartOption {
  return {
    color: ['#0d9488'],
    textStyle: FONT,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
    grid,
    xAxis: { type: 'value', max: 100, name: '%' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: FONT },
    series: [{ type: 'bar', name: '调解成功率', data: rows.map((r) => r.rate ?? 0), barMaxWidth: 22 }]
  }
}

export function amountOption(rows: AmountRow[]): ChartOption {
  return {
    color: ['#b91c1c'],
    textStyle: FONT,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toLocaleString('zh-CN')} 元` },
    grid,
    xAxis: { type: 'value', name: '元' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: FONT },
    series: [{ type: 'bar', name: '协议金额', data: rows.map((r) => r.amountCents / 100), barMaxWidth: 22 }]
  }
}
