/*
 * The masked policy: no full ID number, phone or given name anywhere in the
 * bundle's bytes once every entry is inflated; and the entity list matches
 * the live tables, so a new column cannot silently stay behind (or leak).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITIES, HUB_LOCAL_TABLES } from '../../../../shared/domain/hub-entities'
import { mediatorRecordSchema } from '../../../../shared/domain/mediator-input'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { mediatorRecord } from '../../../../tests/support/roster-fixtures'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { BUNDLE_LIMITS } from './bundle-check'
import { exportFrom, officeApp, registerCaseAt, rowsOfFile } from './hub-test-kit'
import { readZip } from './zip-reader'

/** Columns that never leave the office, per exported table (login data of accounts, each installation's own keys). */
const LOCAL_COLUMNS: Record<string, string[]> = {
  users: ['username', 'password_hash', 'password_salt', 'failed_sign_ins', 'locked_until', 'password_changed_at'],
  cases: ['seq'],
  // The session's start beside its people and parties: copied by the store's triggers at each end.
  hearing_mediators: ['starts_at'],
  hearing_parties: ['starts_at']
}

describe('hub bundle contents', () => {
  let office: TempApp
  beforeAll(async () => {
    office = await officeApp('wutian')
  })
  afterAll(() => office.dispose())

  it('lists every column of every table: exported, or kept at home on purpose', async () => {
    const { rows: tables } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
        and name not like 'case_search_%' and name not like 'case_digits_%'
        and name not like 'case_words_%'`.execute(office.ctx.db)
    const exported = new Map(HUB_ENTITIES.map((e) => [e.file, e]))
    for (const { name } of tables) {
      if (HUB_LOCAL_TABLES.includes(name)) continue
      const entity = exported.get(name)
      expect(entity, `table ${name} is neither exported nor listed as local`).toBeDefined()
      const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(
        office.ctx.db
      )
      const expected = columns.map((c) => c.name).filter((c) => !(LOCAL_COLUMNS[name] ?? []).includes(c))
      expect(entity!.fields.map((f) => f.name).sort(), name).toEqual(expected.sort())
    }
  })

  it('masks identifiers and names in a masked bundle, everywhere in its bytes', async () => {
    const idNumbers = [residentId('1980-01-01', 101), residentId('1970-06-15', 301), residentId('1980-01-01', 102)]
    await registerCaseAt(office, 1, ['王芳菲', '陈建国'])
    await registerCaseAt(office, 2, ['欧阳明华', '李卫东'])
    await services['mediators.save'](office.ctx, {
      record: mediatorRecordSchema.parse(
        mediatorRecord({
          name: '林海燕',
          conflicts: [
            {
              name: '林小东',
              idNumber: residentId('2001-02-03', 777),
              creditCode: null,
              relation: 'relative',
              note: null
            }
          ]
        })
      )
    })
    const bundle = await exportFrom(office, 'full', 'masked')
    const text = [...readZip(bundle, BUNDLE_LIMITS).values()].map((b) => b.toString('utf8')).join('\n')
    const secrets = [
      ...idNumbers,
      residentId('1975-03-08', 262),
      residentId('2001-02-03', 777),
      '13857710001',
      '0577-88880001',
      '13906771234',
      '芳菲',
      '建国',
      '明华',
      '卫东',
      '海燕',
      '小东',
      '老殿后村12号'
    ]
    for (const secret of secrets) expect(text.includes(secret), secret).toBe(false)
    const parties = rowsOfFile(bundle, 'parties')
    expect(parties.map((p) => p.name)).toEqual(expect.arrayContaining(['欧阳某', '王某']))
    expect(parties.map((p) => p.address)).toContain('梧田街道****')

    // The full policy carries them whole: the scan above is not vacuous.
    const full = [...readZip(await exportFrom(office, 'full', 'full'), BUNDLE_LIMITS).values()]
      .map((b) => b.toString('utf8'))
      .join('\n')
    for (const secret of secrets) expect(full.includes(secret), secret).toBe(true)
  })
})
