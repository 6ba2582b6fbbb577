/*
 * A bundle whose rows refer to records that are neither at the hub nor in
 * the bundle passes every check (each row is the signing office's own, and
 * well formed) and is refused by the store's foreign keys during the merge:
 * a link to a party that does not exist, a row changed to point at one, a
 * party deleted while a case at the hub still links it. Nothing is written,
 * and the chain stays where it was.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HUB_ENTITY_BY_FILE } from '../../../../shared/domain/hub-entities'
import { lineOfRow, rowOfLine } from '../../../../shared/rules/hub-rows'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import {
  countsBesidesImportRecord,
  exportFrom,
  importAt,
  officeApp,
  registerAt,
  registerCaseAt,
  resigned,
  withLineAdded
} from './hub-test-kit'

const NOBODY = '0190a1b2-0000-7000-8000-00000000abcd'

/** The file's rows after `change`, written back as format-3 lines. */
function changeRows(
  files: Map<string, Buffer>,
  file: string,
  change: (rows: Array<Record<string, unknown>>) => Array<Record<string, unknown>>
): void {
  const entity = HUB_ENTITY_BY_FILE.get(file)!
  const name = `${file}.ndjson`
  const rows = (files.get(name)?.toString('utf8') ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => rowOfLine(entity, JSON.parse(line)) as Record<string, unknown>)
  const lines = change(rows).map((row) => JSON.stringify(lineOfRow(entity, row)))
  files.set(name, Buffer.from(lines.join('\n') + '\n', 'utf8'))
}

describe('references the merge checks', () => {
  let wutian: TempApp
  let hub: TempApp

  beforeEach(async () => {
    ;[wutian, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerAt(hub, wutian)
    await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
  })
  afterEach(async () => {
    await Promise.all([wutian.dispose(), hub.dispose()])
  })

  /** Verify passes, the import is refused by the store, and nothing is written. */
  async function refusedAtMerge(bundle: Buffer): Promise<void> {
    const verification = await services['hub.verify'](hub.ctx, { fileName: 'b.zip', base64: bundle.toString('base64') })
    expect(verification.reason).toBeNull()
    const before = await countsBesidesImportRecord(hub)
    const refused = await importAt(hub, bundle)
    expect(refused.reason).toBe(
      '合并时数据库拒绝写入，未写入任何数据：数据包中有一行引用了本中心和数据包里都没有的记录'
    )
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
    expect(hub.errors.map((e) => e.message)).toEqual(['hub.import merge refused'])
    hub.errors.length = 0
  }

  it('refuses a case linking a party that is neither at the hub nor in the bundle, then takes the bundle as made', async () => {
    const good = await exportFrom(wutian)
    const dangling = resigned(good, wutian, (files) =>
      changeRows(files, 'case_parties', (rows) => rows.map((row, i) => (i === 0 ? { ...row, party_id: NOBODY } : row)))
    )
    await refusedAtMerge(dangling)

    expect((await importAt(hub, good)).status).toBe('accepted')
    expect((await sql`pragma foreign_key_check`.execute(hub.ctx.db)).rows).toEqual([])
  })

  it('refuses a link changed to point at a party that does not exist', async () => {
    expect((await importAt(hub, await exportFrom(wutian))).status).toBe('accepted')
    await registerCaseAt(wutian, 2, ['李娜', '张伟'])
    const second = await exportFrom(wutian)
    // The first case's first link, rewritten in a newer version: an update at the hub, not an insert.
    const link = await hub.ctx.db.selectFrom('case_parties').selectAll().orderBy('id').executeTakeFirstOrThrow()
    const changed = withLineAdded(second, wutian, {
      file: 'case_parties',
      row: { ...link, party_id: NOBODY, version: link.version + 1 }
    })
    await refusedAtMerge(changed)
    const still = await hub.ctx.db.selectFrom('case_parties').select('party_id').where('id', '=', link.id).execute()
    expect(still).toEqual([{ party_id: link.party_id }])
  })

  it('refuses deleting a party that a case at the hub still links', async () => {
    expect((await importAt(hub, await exportFrom(wutian))).status).toBe('accepted')
    await registerCaseAt(wutian, 2, ['李娜', '张伟'])
    const second = await exportFrom(wutian)
    const party = await hub.ctx.db
      .selectFrom('parties')
      .select(['id', 'version'])
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const deleting = withLineAdded(second, wutian, {
      tombstone: { entity: 'parties', id: party.id, version: party.version }
    })
    await refusedAtMerge(deleting)
    expect(await hub.ctx.db.selectFrom('parties').select('id').where('id', '=', party.id).execute()).toHaveLength(1)
  })
})
