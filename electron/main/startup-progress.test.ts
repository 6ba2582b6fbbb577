/*
 * What the start window says while a start after an update backs up and
 * migrates the store, and how often it is told.
 */
import { describe, expect, it } from 'vitest'
import { onVisibleChange, progressPercent, startProgressText, type StartProgress } from './startup-progress'

describe('start progress', () => {
  it('says in zh-CN how far the backup is and which step of the migration runs', () => {
    expect(startProgressText({ phase: 'backup', copiedPages: 4096, totalPages: 9000 })).toBe(
      '升级前正在备份数据库：已完成 45%'
    )
    expect(startProgressText({ phase: 'backup', copiedPages: 9000, totalPages: 9000 })).toBe(
      '升级前正在备份数据库：已完成 100%'
    )
    expect(startProgressText({ phase: 'migrate', step: 2, steps: 3, name: '2026_12_06_2200_x' })).toBe(
      '正在升级数据库结构：第 2 / 3 步'
    )
    const restore = { phase: 'restore', fileName: 'desk-20261129T010000-daily.sqlite', totalBytes: 8e9 } as const
    expect(startProgressText({ ...restore, copying: 'current', copiedBytes: 2e9 })).toBe(
      '恢复前正在保留当前数据库：已完成 25%'
    )
    expect(startProgressText({ ...restore, copying: 'backup', copiedBytes: 8e9 })).toBe(
      '正在从备份 desk-20261129T010000-daily.sqlite 恢复数据库：已完成 100%'
    )
    // A migration has no share to show; an empty copy is at its start, never NaN.
    expect(progressPercent({ ...restore, copying: 'backup', copiedBytes: 0, totalBytes: 0 })).toBe(0)
    expect(progressPercent({ phase: 'migrate', step: 1, steps: 1, name: 'x' })).toBeNull()
    expect(progressPercent({ phase: 'backup', copiedPages: 0, totalPages: 0 })).toBe(0)
  })

  it('passes on a backup step only when the whole percent moves, and every new migration step', () => {
    const seen: StartProgress[] = []
    const listener = onVisibleChange((p) => seen.push(p))
    // 1,200 steps of a 19 GB store.
    for (let copied = 4096; copied <= 4096 * 1200; copied += 4096) {
      listener({ phase: 'backup', copiedPages: copied, totalPages: 4096 * 1200 })
    }
    // A restore's two copies each start from 0 %: the second is told, though its percent is the first's start.
    for (const copying of ['current', 'backup'] as const) {
      for (const copiedBytes of [0, 0, 50, 100, 100]) {
        listener({ phase: 'restore', fileName: 'f', copying, copiedBytes, totalBytes: 100 })
      }
    }
    listener({ phase: 'migrate', step: 1, steps: 2, name: 'a' })
    listener({ phase: 'migrate', step: 1, steps: 2, name: 'a' })
    listener({ phase: 'migrate', step: 2, steps: 2, name: 'b' })
    const percents = seen.filter((p) => p.phase === 'backup').map(progressPercent)
    expect(percents).toEqual(Array.from({ length: 101 }, (_, i) => i))
    const restores = seen.flatMap((p) => (p.phase === 'restore' ? [`${p.copying} ${progressPercent(p)}`] : []))
    expect(restores).toEqual(['current 0', 'current 50', 'current 100', 'backup 0', 'backup 50', 'backup 100'])
    expect(seen.filter((p) => p.phase === 'migrate').map((p) => (p.phase === 'migrate' ? p.step : 0))).toEqual([1, 2])
  })
})
