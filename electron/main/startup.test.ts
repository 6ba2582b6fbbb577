import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import officesFile from '../../resources/reference/offices.json' with { type: 'json' }
import disputeTypesFile from '../../resources/reference/dispute-types.json' with { type: 'json' }
import { startTempApp, tableCounts, type TempApp } from '../../tests/support/temp-app'
import { DEFAULT_DB_FILE, resolveDatabasePath } from './startup'

const started: TempApp[] = []
afterEach(async () => {
  for (const app of started.splice(0)) await app.dispose()
})

describe('startApp', () => {
  it('on an empty folder: migrates, seeds every reference office, dispute type and source, and creates the local administrator', async () => {
    const app = await startTempApp()
    started.push(app)
    const counts = await tableCounts(app)
    expect(counts.offices).toBe(1 + officesFile.sub_centers.length + 1)
    expect(counts.dispute_types).toBe(disputeTypesFile.types.length)
    expect(counts.case_sources).toBe(disputeTypesFile.case_sources.length)
    expect(counts.users).toBe(1)
    // Every seeded row, each year of the holiday schedule and the first user are audited and change-logged.
    expect(counts.holiday_years).toBeGreaterThanOrEqual(23) // 2004–2026 from the chinese-days library
    expect(counts.audit_log).toBe(
      counts.offices + counts.dispute_types + counts.case_sources + counts.holiday_years + 1
    )
    expect(counts.change_log).toBe(counts.audit_log)
    expect(app.migration.backupPath).toBeNull()
    const shortNames = (
      await app.ctx.db.selectFrom('offices').select('short_name').orderBy('sort_order').execute()
    ).map((o) => o.short_name)
    expect(shortNames).toContain('瓯海梧田')
    expect(shortNames[0]).toBe('瓯海')
  })

  it('a second start on the same file changes nothing and keeps the same user', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-restart-'))
    const first = await startTempApp({ dir })
    const counts = await tableCounts(first)
    const actor = first.ctx.actor
    await first.close()
    const second = await startTempApp({ dir })
    started.push(second)
    expect(await tableCounts(second)).toEqual(counts)
    expect(second.ctx.actor).toEqual(actor)
    expect(second.migration.applied).toEqual([])
  })

  it('keeps an office renamed locally, and adds back a reference office that is missing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-reseed-'))
    const first = await startTempApp({ dir })
    await first.ctx.db
      .updateTable('offices')
      .set({ name: '梧田街道调解中心（新址）' })
      .where('code', '=', 'wutian')
      .execute()
    await first.ctx.db.deleteFrom('offices').where('code', '=', 'zeya').execute()
    await first.close()
    const second = await startTempApp({ dir })
    started.push(second)
    const names = await second.ctx.db
      .selectFrom('offices')
      .select(['code', 'name'])
      .where('code', 'in', ['wutian', 'zeya'])
      .orderBy('code')
      .execute()
    expect(names).toEqual([
      { code: 'wutian', name: '梧田街道调解中心（新址）' },
      { code: 'zeya', name: '泽雅镇矛盾纠纷调解分中心' }
    ])
  })

  it('opens with WAL, foreign keys and full sync', async () => {
    const app = await startTempApp()
    started.push(app)
    const { sql } = await import('kysely')
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(app.ctx.db)).rows[0] as object)[0]
    expect(await pragma('journal_mode')).toBe('wal')
    expect(await pragma('foreign_keys')).toBe(1)
    expect(await pragma('synchronous')).toBe(2)
    expect(await pragma('busy_timeout')).toBe(5000)
  })
})

describe('resolveDatabasePath', () => {
  it('uses MCD_DB when set, else the file in the user-data folder', () => {
    expect(resolveDatabasePath('/home/u/.config/desk', {})).toBe(path.join('/home/u/.config/desk', DEFAULT_DB_FILE))
    expect(resolveDatabasePath('/home/u/.config/desk', { MCD_DB: '  ' })).toBe(
      path.join('/home/u/.config/desk', DEFAULT_DB_FILE)
    )
    expect(resolveDatabasePath('/x', { MCD_DB: '/srv/share/office.sqlite' })).toBe('/srv/share/office.sqlite')
    expect(resolveDatabasePath('/x', { MCD_DB: 'rel/office.sqlite' })).toBe(path.resolve('rel/office.sqlite'))
  })
})
