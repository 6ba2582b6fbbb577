/*
 * Removing kept bundle copies (kept-removal.ts): only the newest
 * KEPT_BUNDLE_COUNT bundles keep theirs after an export, a copy is removed by
 * hand only when it is not the newest, every removal is in the audit trail,
 * and a removal that cannot be audited leaves the copy where it was.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KEPT_BUNDLE_COUNT } from '../../../../shared/domain/hub'
import { tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { keptBundleFolder, keptBundlePath } from './kept-bundles'
import { officeApp, registerCaseAt } from './hub-test-kit'

const exportFull = (app: TempApp) => services['hub.export'](app.ctx, { kind: 'full', policy: 'full' })

describe('removing kept bundle copies', () => {
  let office: TempApp
  const folder = () => keptBundleFolder(office.ctx.runtime.databasePath)
  const copyOf = (fileName: string) => keptBundlePath(office.ctx.runtime.databasePath, fileName)
  const auditOf = (action: string) =>
    office.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'summary'])
      .where('action', '=', action)
      .orderBy('chain_seq')
      .execute()

  beforeEach(async () => {
    office = await officeApp('wutian')
    await registerCaseAt(office, 1, ['王芳', '陈建国'])
  })
  afterEach(async () => office.dispose())

  it(`keeps the copies of the newest ${KEPT_BUNDLE_COUNT} bundles and removes older ones at each export, audited`, async () => {
    const made = []
    for (let i = 0; i < KEPT_BUNDLE_COUNT; i++) made.push(await exportFull(office))
    expect(made.every((m) => m.removedCopies.length === 0)).toBe(true)
    expect(readdirSync(folder())).toHaveLength(KEPT_BUNDLE_COUNT)

    const next = await exportFull(office)
    expect(next.removedCopies).toEqual([1])
    expect(next.message).toBe(`已生成第 ${KEPT_BUNDLE_COUNT + 1} 号数据包`)
    expect(existsSync(copyOf(made[0].fileName!))).toBe(false)
    const after = await exportFull(office)
    expect(after.removedCopies).toEqual([2])

    const history = await services['hub.exports'](office.ctx, {})
    expect(history).toHaveLength(KEPT_BUNDLE_COUNT + 2) // the chain's history stays whole
    expect(history.filter((e) => !e.kept).map((e) => e.sequence)).toEqual([2, 1])
    expect(readdirSync(folder()).sort()).toEqual(
      history
        .filter((e) => e.kept)
        .map((e) => e.fileName)
        .sort()
    )
    const audited = await auditOf('hub.removeOldCopies')
    expect(audited.map((a) => [a.entity, a.entity_id])).toEqual([
      ['hub_exports', history.find((e) => e.sequence === 1)!.id],
      ['hub_exports', history.find((e) => e.sequence === 2)!.id]
    ])
    expect(JSON.parse(audited[0].summary)).toEqual({ before: { kept: true }, after: { kept: false } })
  })

  it('removes a copy by hand once a newer bundle exists, audited; the history row stays', async () => {
    const first = await exportFull(office)
    const second = await exportFull(office)

    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 1 })).resolves.toEqual({
      sequence: 1,
      fileName: first.fileName
    })
    expect(existsSync(copyOf(first.fileName!))).toBe(false)
    expect(existsSync(copyOf(second.fileName!))).toBe(true)
    expect(readdirSync(folder())).toEqual([second.fileName])
    const history = await services['hub.exports'](office.ctx, {})
    expect(history.map((e) => [e.sequence, e.kept])).toEqual([
      [2, true],
      [1, false]
    ])
    expect((await auditOf('hub.deleteBundle')).map((a) => a.entity_id)).toEqual([first.entry!.id])
  })

  it('refuses the newest bundle, a copy already gone and a bundle never made, writing nothing', async () => {
    const first = await exportFull(office)
    const before = await tableCounts(office)
    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '第 1 号是最新的数据包，区中心可能尚未收到，不能删除它的本机副本；生成下一个数据包后方可删除'
    })
    expect(existsSync(copyOf(first.fileName!))).toBe(true)
    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 7 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '本机没有生成过第 7 号数据包'
    })
    expect(await tableCounts(office)).toEqual(before)

    await exportFull(office)
    await services['hub.deleteBundle'](office.ctx, { sequence: 1 })
    const afterDelete = await tableCounts(office)
    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `第 1 号数据包的本机副本（${first.fileName}）已不在，无需删除`
    })
    expect(await tableCounts(office)).toEqual(afterDelete)
  })

  it('leaves the copy in place when the removal cannot be audited', async () => {
    const first = await exportFull(office)
    await exportFull(office)
    await sql`create trigger refuse_audit before insert on audit_log begin select raise(abort, 'disk full'); end`.execute(
      office.ctx.db
    )
    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 1 })).rejects.toThrow(/disk full/)
    expect(existsSync(copyOf(first.fileName!))).toBe(true)
    expect(readdirSync(folder())).toHaveLength(2)
  })

  it('still makes the bundle when the old copies cannot be removed, and says so', async () => {
    for (let i = 0; i < KEPT_BUNDLE_COUNT; i++) await exportFull(office)
    await sql`create trigger refuse_removal before insert on audit_log when new.action = 'hub.removeOldCopies'
      begin select raise(abort, 'disk full'); end`.execute(office.ctx.db)
    const next = await exportFull(office)
    expect(next.entry!.sequence).toBe(KEPT_BUNDLE_COUNT + 1)
    expect(next.removedCopies).toEqual([])
    expect(next.message).toMatch(
      new RegExp(`^已生成第 ${KEPT_BUNDLE_COUNT + 1} 号数据包；较早数据包的本机副本未能按保留规则删除（.*disk full`)
    )
    expect(readdirSync(folder())).toHaveLength(KEPT_BUNDLE_COUNT + 1)
    expect((await services['hub.exports'](office.ctx, {})).every((e) => e.kept)).toBe(true)
  })

  it('gives a copy whose removal was cut short its name back, and decides again', async () => {
    const first = await exportFull(office)
    await exportFull(office)
    // A crash after the rename, before the audit row or the delete.
    renameSync(copyOf(first.fileName!), `${copyOf(first.fileName!)}.removing`)
    expect((await services['hub.exports'](office.ctx, {}))[1].kept).toBe(false)

    await expect(services['hub.deleteBundle'](office.ctx, { sequence: 1 })).resolves.toMatchObject({ sequence: 1 })
    expect(readdirSync(folder())).toHaveLength(1)
    expect(await auditOf('hub.deleteBundle')).toHaveLength(1)
  })
})
