/*
 * The audit trail against a real store: the hash chain catches a row altered,
 * removed or written outside the app even when the append-only triggers are
 * dropped; the migration chains rows written before the chain; the reader
 * filters by case, user and China date, and pages newest first.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import { chooseOffice, registration } from '../../../../tests/support/intake-fixtures'
import { addMediator } from '../../../../tests/support/roster-fixtures'
import { fixedClock, startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { openStore } from '../../db/index'
import { MIGRATIONS, migrateToLatest } from '../../db/migrator'
import { services } from '../index'

let app: TempApp
const clock = fixedClock('2026-11-29T15:30:00.000Z') // 23:30 on 29 November in China

beforeEach(async () => {
  app = await startTempApp({ clock })
  await chooseOffice(app, 'wutian')
})
afterEach(() => app.dispose())

async function register(summary = '邻里通道堆放杂物引发纠纷，双方多次争吵'): Promise<string> {
  return (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration({ summary })))).id
}

describe('the hash chain', () => {
  it('links every audit row in order and verifies clean', async () => {
    await register()
    await register()
    const result = await services['audit.verify'](app.ctx, {})
    expect(result).toMatchObject({ ok: true, problems: [] })
    const { rows } = await sql<{ chain_seq: number }>`select chain_seq from audit_log order by rowid`.execute(
      app.ctx.db
    )
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1))
    expect(result.checked).toBe(rows.length)
  })

  it('names the row whose content was altered behind the app', async () => {
    await register()
    // What someone with a SQLite tool could do: lift the trigger and rewrite history.
    await sql`drop trigger audit_log_no_update`.execute(app.ctx.db)
    await sql`update audit_log set actor_name = '他人' where chain_seq = 3`.execute(app.ctx.db)
    const result = await services['audit.verify'](app.ctx, {})
    expect(result.ok).toBe(false)
    expect(result.problems[0]).toMatchObject({ chainSeq: 3, problem: '记录内容与其校验值不符：已被改动' })
  })

  it('names the gap a deleted row leaves', async () => {
    await register()
    await sql`drop trigger audit_log_no_delete`.execute(app.ctx.db)
    await sql`delete from audit_log where chain_seq = 4`.execute(app.ctx.db)
    const result = await services['audit.verify'](app.ctx, {})
    expect(result.ok).toBe(false)
    expect(result.problems[0]).toMatchObject({ chainSeq: 4, problem: '缺少第 4–4 条记录：已被删除' })
  })

  it('reports a row written outside the app', async () => {
    await register()
    await sql`insert into audit_log (id, at, actor_id, actor_name, action, entity, entity_id, summary)
              values ('x', '2026-11-29T00:00:00Z', 'a', '外部', 'manual', 'cases', 'c', '{}')`.execute(app.ctx.db)
    const result = await services['audit.verify'](app.ctx, {})
    expect(result.ok).toBe(false)
    expect(result.problems[0]).toMatchObject({ id: 'x', problem: '记录不在链上：不是由本软件写入的' })
  })

  it('keeps the trail append-only after the chain was added', async () => {
    await register()
    await expect(sql`update audit_log set action = 'x'`.execute(app.ctx.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(app.ctx.db)).rejects.toThrow(/append-only/)
  })
})

describe('the migration that chains the trail', () => {
  it('chains rows written before it, in the order they were written, with their case', async () => {
    const before = Object.fromEntries(
      Object.entries(MIGRATIONS).filter(([name]) => name < '2026_11_29_2200_chain_audit_log')
    )
    const dbPath = `${app.dir}/older.sqlite`
    const store = await openStore(dbPath)
    try {
      await migrateToLatest(store.db, store.handle, dbPath, new Date(), before)
      for (const [id, entity, summary] of [
        ['01', 'cases', { before: null, after: { id: 'c1' } }],
        ['02', 'case_events', { before: null, after: { case_id: 'c1' } }],
        ['03', 'settings', { before: null, after: { key: 'k' } }]
      ] as const) {
        await sql`insert into audit_log (id, at, actor_id, actor_name, action, entity, entity_id, summary)
                  values (${id}, '2026-11-01T00:00:00Z', 'a', '甲', 'old', ${entity}, 'c1',
                  ${JSON.stringify(summary)})`.execute(store.db)
      }
      await migrateToLatest(store.db, store.handle, dbPath, new Date())
      const { rows } = await sql<{ id: string; chain_seq: number; case_id: string | null }>`
        select id, chain_seq, case_id from audit_log order by chain_seq`.execute(store.db)
      expect(rows).toEqual([
        { id: '01', chain_seq: 1, case_id: 'c1' },
        { id: '02', chain_seq: 2, case_id: 'c1' },
        { id: '03', chain_seq: 3, case_id: null }
      ])
    } finally {
      await store.db.destroy()
    }
  })
})

describe('reading the trail', () => {
  it('filters by case and by China date, newest first, and pages by position', async () => {
    const first = await register()
    clock.set('2026-11-29T16:30:00.000Z') // 00:30 on 30 November in China
    const second = await register('买卖合同货款纠纷，被申请人拖欠货款')

    const ofFirst = await services['audit.list'](app.ctx, { filter: { caseId: first } })
    expect(new Set(ofFirst.rows.map((r) => r.caseId))).toEqual(new Set([first]))

    const on30th = await services['audit.list'](app.ctx, { filter: { fromDate: '2026-11-30', toDate: '2026-11-30' } })
    expect(new Set(on30th.rows.map((r) => r.caseId))).toEqual(new Set([second]))

    const pageOne = await services['audit.list'](app.ctx, { limit: 3 })
    const pageTwo = await services['audit.list'](app.ctx, { limit: 3, beforeSeq: pageOne.nextBeforeSeq! })
    const seqs = [...pageOne.rows, ...pageTwo.rows].map((r) => r.chainSeq!)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(new Set(seqs).size).toBe(6)
  })
})

describe('views of sensitive data', () => {
  it('records who opened a mediator’s full ID number and who exported the roster, outside the change log', async () => {
    const mediator = await addMediator(app, { name: '林海燕' })
    const changesBefore = (await app.ctx.db.selectFrom('change_log').select('seq').execute()).length
    await services['mediators.get'](app.ctx, { id: mediator.id })
    await services['mediators.exportXlsx'](app.ctx, {})
    const trail = await services['audit.list'](app.ctx, { limit: 2 })
    expect(trail.rows.map((r) => [r.action, r.entityId, r.actorName])).toEqual([
      ['mediators.exportXlsx', 'roster', '本机管理员'],
      ['mediators.viewSensitive', mediator.id, '本机管理员']
    ])
    expect((await app.ctx.db.selectFrom('change_log').select('seq').execute()).length).toBe(changesBefore)
  })
})
