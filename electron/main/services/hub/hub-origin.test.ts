/*
 * The origin check: a bundle validly signed by one office (wutian) that
 * reaches into another office's rows at the hub (a jingshan case, its
 * events, its parties, a deletion of it) is refused whole, naming the row,
 * and writes nothing but its refusal; the honest bundle behind it still goes in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITY_BY_FILE } from '../../../../shared/domain/hub-entities'
import { pickFields, type HubRow } from '../../../../shared/rules/hub-rows'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import {
  countsBesidesImportRecord,
  exportFrom,
  importAt,
  officeApp,
  registerAt,
  registerCaseAt,
  withLineAdded,
  READING_MODES,
  readBundlesAs
} from './hub-test-kit'

const JINGSHAN = '景山街道矛盾纠纷调解分中心'

describe.each(READING_MODES)('hub origin check (bundles read %s)', (mode) => {
  readBundlesAs(mode)
  let wutian: TempApp
  let jingshan: TempApp
  let hub: TempApp
  let honest: Buffer
  let jingshanCase: string

  beforeAll(async () => {
    ;[wutian, jingshan, hub] = await Promise.all([officeApp('wutian'), officeApp('jingshan'), officeApp('ouhai')])
    jingshanCase = await registerCaseAt(jingshan, 1, ['欧阳明华', '李卫东'])
    await registerAt(hub, jingshan)
    expect((await importAt(hub, await exportFrom(jingshan))).status).toBe('accepted')
    await registerCaseAt(wutian, 2, ['王芳', '陈建国'])
    await registerAt(hub, wutian)
    expect((await importAt(hub, await exportFrom(wutian))).status).toBe('accepted')
    await registerCaseAt(wutian, 3, ['刘洋', '孙丽'])
    honest = await exportFrom(wutian)
  })
  afterAll(async () => {
    await Promise.all([wutian.dispose(), jingshan.dispose(), hub.dispose()])
  })

  /** A row of jingshan's store as wutian's installation would write it (its own office ids). */
  async function asWutianRow(file: string, where: Record<string, string>): Promise<HubRow> {
    const entity = HUB_ENTITY_BY_FILE.get(file)!
    const [column, value] = Object.entries(where)[0]
    const row = await jingshan.ctx.db
      .selectFrom(file as 'cases')
      .selectAll()
      .where(column as 'id', '=', value)
      .executeTakeFirstOrThrow()
    const picked = pickFields(entity, row)
    const wutianOffice = async (id: unknown) => {
      const { code } = await jingshan.ctx.db
        .selectFrom('offices')
        .select('code')
        .where('id', '=', String(id))
        .executeTakeFirstOrThrow()
      return (await wutian.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow())
        .id
    }
    for (const [col, target] of Object.entries(entity.refs ?? {})) {
      if (target === 'offices') picked[col] = await wutianOffice(picked[col])
    }
    return picked
  }

  /** The honest second bundle with one line added to `file` (or a tombstone), re-signed with wutian's own key. */
  function forged(file: string, line: object, tombstone = false): Buffer {
    return withLineAdded(
      honest,
      wutian,
      tombstone
        ? { tombstone: line as { entity: string; id: string; version: number } }
        : { file, row: line as Record<string, unknown> }
    )
  }

  async function expectRefused(bundle: Buffer, reason: RegExp): Promise<void> {
    const before = await countsBesidesImportRecord(hub)
    const report = await services['hub.verify'](hub.ctx, { fileName: 'forged.zip', base64: bundle.toString('base64') })
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => c.key)).toEqual(['origin'])
    const entry = await importAt(hub, bundle, 'forged.zip')
    expect(entry.status).toBe('refused')
    expect(entry.reason).toMatch(reason)
    expect(entry.reason).toMatch(/整个数据包已拒收，未写入任何数据/)
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
    expect(hub.errors).toEqual([])
  }

  it('refuses a newer version of another office’s case, naming it, whatever office the forger writes in', async () => {
    const row = await asWutianRow('cases', { id: jingshanCase })
    const overwrite = { ...row, summary: '伪造的纠纷简要情况', version: Number(row.version) + 1 }
    await expectRefused(
      forged('cases', overwrite),
      new RegExp(`案件（cases\\.ndjson，id ${jingshanCase}）属于${JINGSHAN}`)
    )
    const wutianId = (
      await wutian.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
    ).id
    const relabelled = { ...overwrite, registered_office_id: wutianId, handling_office_id: wutianId }
    await expectRefused(forged('cases', relabelled), new RegExp(`属于${JINGSHAN}`))
  })

  it('refuses records added to another office’s case and changes to its parties', async () => {
    const event = await asWutianRow('case_events', { case_id: jingshanCase })
    const added = { ...event, id: '01900000-0000-7000-8000-000000000001', reason: '伪造的流程记录' }
    await expectRefused(forged('case_events', added), /数据包来自梧田.*案件流程记录（case_events\.ndjson.*属于景山/)
    const link = await jingshan.ctx.db
      .selectFrom('case_parties')
      .select('party_id')
      .where('case_id', '=', jingshanCase)
      .executeTakeFirstOrThrow()
    const party = await asWutianRow('parties', { id: link.party_id })
    await expectRefused(
      forged('parties', { ...party, phone: '13900000000', version: Number(party.version) + 1 }),
      new RegExp(`当事人（parties\\.ndjson，id ${link.party_id}）属于${JINGSHAN}`)
    )
  })

  it('refuses a deletion of another office’s case', async () => {
    await expectRefused(
      forged('tombstones', { entity: 'cases', id: jingshanCase, version: 99 }, true),
      new RegExp(`id ${jingshanCase}）属于${JINGSHAN}`)
    )
  })

  it('still takes the honest bundle, whose rows are all the office’s own', async () => {
    const report = await services['hub.verify'](hub.ctx, { fileName: 'b.zip', base64: honest.toString('base64') })
    expect(report.checks.find((c) => c.key === 'origin')).toMatchObject({ status: 'passed' })
    expect((await importAt(hub, honest)).status).toBe('accepted')
    const kept = await hub.ctx.db
      .selectFrom('cases')
      .select('summary')
      .where('id', '=', jingshanCase)
      .executeTakeFirst()
    expect(kept?.summary).toMatch(/第1号测试纠纷/)
  })
})
