/*
 * Owned children merged into a table that has none yet (an office's first
 * bundle at a new hub) stream a batch at a time instead of being read whole
 * first (merge.ts). They must still follow their parent: written with a
 * parent the bundle changed, left out with one it did not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'
import { mediatorRecordSchema } from '../../../../shared/domain/mediator-input'
import { pickFields, type HubRow } from '../../../../shared/rules/hub-rows'
import { uuidv7 } from '../../../../shared/uuid'
import { mediatorRecord } from '../../../../tests/support/roster-fixtures'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import type { BundleRows } from './bundle-scan'
import { officeApp } from './hub-test-kit'
import { mergeBundle } from './merge'

const MEDIATORS = HUB_ENTITIES.find((e) => e.file === 'mediators')!

function bundleOf(files: Record<string, HubRow[]>): BundleRows {
  return {
    offices: [],
    tombstones: [],
    async *batches(file) {
      if (files[file]) yield files[file]
    }
  }
}

describe('owned children merged into an empty table', () => {
  let hub: TempApp
  let mediator: HubRow
  beforeAll(async () => {
    hub = await officeApp('ouhai')
    const saved = await services['mediators.save'](hub.ctx, {
      record: mediatorRecordSchema.parse(mediatorRecord({ officeCodes: ['ouhai'] }))
    })
    const row = await hub.ctx.db
      .selectFrom('mediators')
      .selectAll()
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow()
    mediator = pickFields(MEDIATORS, row as unknown as HubRow)
    await hub.ctx.db.deleteFrom('mediator_specialties').execute()
  })
  afterAll(() => hub.dispose())

  const specialty = (disputeType: string): HubRow => ({
    id: uuidv7(),
    mediator_id: mediator.id,
    dispute_type: disputeType,
    created_at: '2026-12-01T02:00:00.000Z',
    updated_at: '2026-12-01T02:00:00.000Z',
    version: 1
  })
  const merge = (files: Record<string, HubRow[]>) =>
    hub.ctx.db.transaction().execute((trx) => mergeBundle(trx, bundleOf(files), '2026-12-07', () => {}))
  const specialties = async () =>
    (await hub.ctx.db.selectFrom('mediator_specialties').select('dispute_type').execute()).map((r) => r.dispute_type)

  it('leaves out the children of a parent the hub already has at that version', async () => {
    const counts = await merge({ mediators: [mediator], mediator_specialties: [specialty('labour')] })
    expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 1, deleted: 0 })
    expect(await specialties()).toEqual([])
  })

  it('writes the children of a parent the bundle changed', async () => {
    const changed = { ...mediator, version: Number(mediator.version) + 1, note: '调整专长' }
    const counts = await merge({
      mediators: [changed],
      mediator_specialties: [specialty('labour'), specialty('contract')]
    })
    // The bundle's children are the parent's whole set: its office and its credential, not sent, are dropped.
    expect(counts).toEqual({ inserted: 2, updated: 1, unchanged: 0, deleted: 2 })
    expect((await specialties()).sort()).toEqual(['contract', 'labour'])
    const left = async (table: 'mediator_offices' | 'mediator_credentials') =>
      (await hub.ctx.db.selectFrom(table).select('id').where('mediator_id', '=', String(mediator.id)).execute()).length
    expect([await left('mediator_offices'), await left('mediator_credentials')]).toEqual([0, 0])
  })
})
