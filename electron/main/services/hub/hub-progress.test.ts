/*
 * What the hub screen's progress bar hears while an export or an import
 * runs (hub.progress): each phase in its order, the entities merged and the
 * rebuild's steps counted out of their totals, the commit named as its own
 * phase (at 100,000 cases it takes ≈ 16 s), and idle once the call returns,
 * whether it succeeded or was refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import type { HubProgress } from '../../../../shared/domain/hub'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { REBUILD_STEPS } from './derived-indexes'
import { exportFrom, importAt, officeApp, registerAt, registerCaseAt, whileWatching } from './hub-test-kit'
import { currentProgress } from './progress'

/** Every progress reported while `work` runs, in order, each repeat of the one before left out. */
async function heard(work: () => Promise<unknown>): Promise<HubProgress[]> {
  const seen: HubProgress[] = []
  await whileWatching((p) => {
    const last = seen[seen.length - 1]
    if (!last || JSON.stringify(last) !== JSON.stringify(p)) seen.push(p)
  }, work)
  return seen
}

describe('the progress of a hub export and import', () => {
  let office: TempApp
  let hub: TempApp
  beforeAll(async () => {
    ;[office, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerCaseAt(office, 1, ['王芳', '陈建国'])
    await registerAt(hub, office)
  })
  afterAll(() => Promise.all([office.dispose(), hub.dispose()]))

  it('names each phase of an import in order, counts the entities and the rebuild, and ends idle', async () => {
    const bundle = await exportFrom(office)
    const seen = await heard(() => importAt(hub, bundle))
    const phases = seen.map((p) => p.phase).filter((phase, i, all) => all[i - 1] !== phase)
    expect(phases).toEqual(['checking', 'merging', 'indexing', 'saving', 'idle'])
    expect(seen.filter((p) => p.phase !== 'idle').every((p) => p.task === 'import')).toBe(true)

    const merging = seen.filter((p) => p.phase === 'merging' && p.total > 0)
    expect(merging.at(-1)).toMatchObject({ done: HUB_ENTITIES.length, total: HUB_ENTITIES.length })
    // The rebuild counts its steps from none to all: a supervisor sees it move instead of a bar going round.
    const indexing = seen.filter((p) => p.phase === 'indexing')
    expect(indexing.map((p) => p.done)).toEqual(Array.from({ length: REBUILD_STEPS + 1 }, (_, i) => i))
    expect(indexing.every((p) => p.total === REBUILD_STEPS)).toBe(true)
    expect(currentProgress()).toEqual({ task: null, phase: 'idle', done: 0, total: 0 })
  })

  it('ends idle after a refused bundle too, without merging', async () => {
    const seen = await heard(() => importAt(hub, Buffer.from('不是数据包')))
    expect(seen.map((p) => p.phase)).not.toContain('merging')
    expect(seen.at(-1)?.phase).toBe('idle')
    expect(currentProgress().phase).toBe('idle')
  })

  it('names reading and packing for an export, and ends idle', async () => {
    await registerCaseAt(office, 2, ['李娜', '张伟'])
    const seen = await heard(() => services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' }))
    const phases = seen.map((p) => p.phase).filter((phase, i, all) => all[i - 1] !== phase)
    expect(phases).toEqual(['reading', 'packing', 'idle'])
    expect(seen.filter((p) => p.phase !== 'idle').every((p) => p.task === 'export')).toBe(true)
  })
})
