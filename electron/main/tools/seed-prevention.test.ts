/*
 * The generator's grids, patrol reports and key-person register, in a store
 * it filled: every row is one the app's own forms would accept, the links
 * between them hold, and the services read them as their own (an office's
 * patrols by month, the key-person list with who is due).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { savePatrolSchema } from '../../../shared/contract/patrols'
import { registerKeyPersonSchema } from '../../../shared/domain/key-person'
import { chinaDateTime } from '../../../shared/rules/china-time'
import { DEFAULT_REVIEW_INTERVALS, nextReviewOn } from '../../../shared/rules/key-persons'
import type { KeyPersonLogTable, KeyPersonTable } from '../db/schema-key-persons'
import type { PatrolReportTable } from '../db/schema-prevention'
import { services } from '../services/index'
import { PREVENTION_TABLES } from './seed-columns'
import { seedTempStore, startTempApp, type SeededStore, type TempApp } from '../../../tests/support/temp-app'

let store: SeededStore
let app: TempApp

beforeAll(async () => {
  store = await seedTempStore({ cases: 3000, seed: 11, until: '2026-11-28' })
  app = await startTempApp({ dir: store.dir })
}, 60_000)

afterAll(async () => {
  await app?.dispose()
  store?.dispose()
})

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(app.ctx.db)).rows

describe('the generated grids and patrol reports', () => {
  it('are the rows the load reports, and each is a report the patrol form accepts, on its office’s own grid', async () => {
    for (const [key, { table }] of Object.entries(PREVENTION_TABLES)) {
      const n = (await rows(sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`))[0].n
      expect({ table, n }).toEqual({ table, n: store.report.preventionRows[key as keyof typeof PREVENTION_TABLES] })
      expect(n).toBeGreaterThan(0)
    }
    const patrols = await rows(sql<PatrolReportTable & { grid_office: string | null }>`
      select p.*, g.office_id as grid_office from patrol_reports p left join grids g on g.code = p.grid_code`)
    for (const p of patrols) {
      expect(p.grid_office).toBe(p.office_id)
      const form = savePatrolSchema.safeParse({
        gridCode: p.grid_code,
        reporterName: p.reporter_name,
        reporterPhone: p.reporter_phone,
        patrolledAt: p.patrolled_at,
        place: p.place,
        findings: p.findings,
        disputesFound: p.disputes_found,
        parties: JSON.parse(p.parties),
        handling: p.handling,
        handlingNote: p.handling_note
      })
      expect(form.success ? 'accepted' : form.error.issues[0]).toBe('accepted')
    }
    expect(new Set(patrols.map((p) => p.handling))).toEqual(new Set(['none', 'on_spot', 'passed_on']))
  })

  it('link each case passed on to intake: a grid report or patrol find, of the same office, found before it came in', async () => {
    const linked = await rows(sql<{
      patrolled_at: string
      office_id: string
      case_office: string
      source: string
      registered_at: string
    }>`
      select p.patrolled_at, p.office_id, c.registered_office_id as case_office, c.source, c.registered_at
      from patrol_reports p join cases c on c.id = p.case_id`)
    expect(linked.length).toBe(
      (await rows(sql<{ n: number }>`select count(*) as n from patrol_reports where handling = 'passed_on'`))[0].n
    )
    for (const l of linked) {
      expect(l.office_id).toBe(l.case_office)
      expect(['grid_report', 'patrol']).toContain(l.source)
      // patrolled_at is China time to the minute.
      expect(l.patrolled_at < chinaDateTime(l.registered_at)).toBe(true)
    }
  })

  it('are an office’s own patrols in its patrol list, month by month, with the grid’s village', async () => {
    const { rows: busiest } = await sql<{ office_id: string; month: string; n: number }>`
      select office_id, substr(patrolled_at, 1, 7) as month, count(*) as n from patrol_reports
      group by 1, 2 order by n desc limit 1`.execute(app.ctx.db)
    await services['settings.set'](app.ctx, { key: 'installation.officeId', value: busiest[0].office_id })
    const page = await services['patrols.list'](app.ctx, { month: busiest[0].month, limit: 200, offset: 0 })
    expect(page.total).toBe(busiest[0].n)
    expect(page.rows.every((r) => r.village !== null && r.place.includes(r.village!))).toBe(true)
  })
})

describe('the generated key-person register', () => {
  it('holds entries the register form accepts, each person once, the applicant of a red-risk case', async () => {
    const entries = await rows(sql<KeyPersonTable & { risk_level: string; linked: number; id_number: string | null }>`
      select k.*, c.risk_level, p.id_number,
        (select count(*) from case_parties cp where cp.case_id = k.case_id and cp.party_id = k.party_id and cp.role = 'applicant') as linked
      from key_persons k join cases c on c.id = k.case_id join parties p on p.id = k.party_id`)
    expect(entries.length).toBe(store.report.preventionRows.keyPersons)
    for (const k of entries) {
      expect(k.risk_level).toBe('red')
      expect(k.linked).toBe(1)
      const form = registerKeyPersonSchema.safeParse({
        partyId: k.party_id,
        caseId: k.case_id,
        reason: k.reason,
        level: k.level,
        levelReason: k.level_reason
      })
      expect(form.success ? 'accepted' : form.error.issues[0]).toBe('accepted')
    }
    const people = entries.map((k) => k.id_number ?? k.party_id)
    expect(new Set(people).size).toBe(people.length)
    expect(new Set(entries.map((k) => k.status))).toEqual(new Set(['active', 'closed']))
  })

  it('reviews each person at the level’s interval, and the entry’s next review is the last one’s', async () => {
    const entries = await rows(sql<KeyPersonTable>`select * from key_persons`)
    const logs = await rows(sql<KeyPersonLogTable>`select * from key_person_logs order by at`)
    for (const k of entries) {
      const own = logs.filter((l) => l.key_person_id === k.id)
      expect(own[0].kind).toBe('registered')
      expect(own[0].to_level).toBe(k.level)
      for (const log of own.filter((l) => l.kind === 'visit' || l.kind === 'review' || l.kind === 'registered')) {
        expect(log.next_review_on).toBe(nextReviewOn(log.on_date, k.level, DEFAULT_REVIEW_INTERVALS))
      }
      const reviewed = own.filter((l) => l.next_review_on !== null)
      expect(k.next_review_on).toBe(reviewed.at(-1)!.next_review_on)
      expect(own.at(-1)!.kind === 'closed').toBe(k.status === 'closed')
      expect(k.version).toBe(own.length)
    }
  })

  it('is the key-person list the services read, with who is overdue', async () => {
    const list = await services['keyPersons.list'](app.ctx, { status: 'active' })
    const active = await rows(
      sql<{ id: string; next_review_on: string }>`select id, next_review_on from key_persons where status = 'active'`
    )
    expect(list.map((k) => k.keyPersonId).sort()).toEqual(active.map((k) => k.id).sort())
    const closed = await services['keyPersons.list'](app.ctx, { status: 'closed' })
    expect(closed.length + list.length).toBe(store.report.preventionRows.keyPersons)
  })
})
