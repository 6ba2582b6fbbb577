/*
 * The seeded lifecycle against the services themselves, in a real seeded
 * store: case_due is exactly what refreshCaseDue rewrites for every case, and
 * a case driven through the services along a seeded case's path (accept,
 * assign, session, record, held, agreement, follow-up, close, archive) leaves
 * the same events (kinds, statuses, detail keys) and rows of the same shape
 * (the same columns set or empty, the same versions) as the seeded one.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '../../../shared/rules/china-time'
import { createHandlerTable, type HandlerTable } from '../ipc/register'
import { refreshCaseDue } from '../services/lifecycle/deadline-store'
import { dataOf } from '../../../tests/support/contract-cases'
import { expectStoreKeptInStep } from '../../../tests/support/list-rows'
import { startSeededApp, type TempApp } from '../../../tests/support/temp-app'

/** A successful answer's data (a failure throws with the error). */
const ok = dataOf
let app: TempApp
let api: HandlerTable

beforeAll(async () => {
  app = await startSeededApp({ cases: 1500, seed: 11, until: '2026-11-28', transactionSize: 500 })
  api = createHandlerTable(app.ctx)
}, 90_000)

afterAll(() => app?.dispose())

type Rows = Array<Record<string, unknown>>
const rowsOf = async (table: string, caseId: string, via = 'case_id'): Promise<Rows> =>
  (
    await sql
      .raw(`select * from ${table} where ${via} = '${caseId}' order by ${table === 'case_due' ? 'case_id' : 'id'}`)
      .execute(app.ctx.db)
  ).rows as Rows

/** Which columns are set and of what type, and the row's version: what must not differ between two such rows. */
const shape = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'version' ? v : v === null ? null : typeof v]))

/** The case's timeline after acceptance: kind, from → to, whether a reason was given, and the detail's keys. */
async function timeline(caseId: string) {
  const events = await rowsOf('case_events', caseId)
  return events
    .filter((e) => !['registered', 'accepted', 'mediator_assigned'].includes(e.kind as string))
    .map((e) => [e.kind, e.from_status, e.to_status, e.reason === null, Object.keys(JSON.parse(e.detail as string))])
}

describe('the seeded lifecycle, against the services', () => {
  it("gives every seeded session's people and parties the session's start, whatever order the load wrote them in", async () => {
    const { rows } = await sql<{ links: number; stale: number }>`
      select count(*) as links, sum(l.starts_at is not h.starts_at) as stale from (
        select hearing_id, starts_at from hearing_mediators union all select hearing_id, starts_at from hearing_parties
      ) l join hearings h on h.id = l.hearing_id`.execute(app.ctx.db)
    expect(Number(rows[0].links)).toBeGreaterThan(1000)
    expect(Number(rows[0].stale)).toBe(0)
  })

  it('keeps every table the store keeps by triggers as its rows say, whatever order the load wrote them in', async () => {
    // The list rows, the unassigned cases and each mediator's cases.
    const listed = await expectStoreKeptInStep(app.ctx.db, {
      listRows: 101,
      unassigned: 1,
      mediatorCases: 101,
      mediatorOpenCases: 1,
      sessionLinks: 100
    })
    expect(listed.filter((r) => r.party_names.length >= 2 && r.next_due_on !== null).length).toBeGreaterThan(0)
  })

  it('keeps case_due exactly as refreshCaseDue rewrites it, for every case', async () => {
    const snapshot = () => app.ctx.db.selectFrom('case_due').selectAll().orderBy('case_id').execute()
    const seeded = await snapshot()
    expect(seeded.length).toBeGreaterThan(0)
    const ids = await app.ctx.db.selectFrom('cases').select('id').execute()
    const today = chinaDate(app.ctx.clock.now())
    await app.ctx.db.transaction().execute(async (trx) => {
      for (const { id } of ids) await refreshCaseDue(trx, id, today)
    })
    expect(await snapshot()).toEqual(seeded)
  })

  it('leaves the same timeline and rows as a case driven through the services along the same path', async () => {
    // A seeded case that went the whole way: one session, a written agreement, a full follow-up, closed, archived.
    const { rows: models } = await sql<{ id: string; seq: number }>`
      select c.id, c.seq from cases c join agreements a on a.case_id = c.id and a.kind = 'written'
      where c.status = 'archived' and a.seeks_confirmation = 0
        and (select count(*) from hearings h where h.case_id = c.id) = 1
        and exists (select 1 from follow_ups f where f.case_id = c.id and f.performance = 'full')
        and not exists (select 1 from case_events e where e.case_id = c.id and e.kind in ('transferred', 'mediator_recused'))
        and (select count(*) from assignments s where s.case_id = c.id) = 1
      order by c.seq limit 1`.execute(app.ctx.db)
    const model = models[0]
    const fresh = await sql<{ id: string; handling_office_id: string }>`
      select c.id, c.handling_office_id from cases c where c.status = 'registered'
        and not exists (select 1 from case_events e where e.case_id = c.id and e.kind = 'transferred')
      order by c.seq limit 1`.execute(app.ctx.db)
    const caseId = fresh.rows[0].id
    const officeId = fresh.rows[0].handling_office_id

    const [hearing] = await rowsOf('hearings', model.id)
    const [record] = await rowsOf('case_records', model.id)
    const [agreement] = await rowsOf('agreements', model.id)
    const terms = await rowsOf('agreement_terms', model.id)
    const [visit] = await rowsOf('follow_ups', model.id)
    const [report] = await rowsOf('closing_reports', model.id)
    const [archive] = await rowsOf('case_archives', model.id)
    const started = (await timeline(model.id)).find((e) => e[0] === 'mediation_started')!
    const startedByButton = (started[4] as string[]).length === 0

    const { rows: leads } = await sql<{ id: string }>`
      select m.id from mediators m join mediator_offices o on o.mediator_id = m.id
      where o.office_id = ${officeId} and m.status = 'active' and m.kind <> 'expert' order by m.id limit 1`.execute(
      app.ctx.db
    )
    const { rows: rooms } = await sql<{
      id: string
    }>`select id from rooms where office_id = ${officeId} limit 1`.execute(app.ctx.db)
    const partyIds = (await rowsOf('case_parties', caseId)).map((p) => p.party_id as string)

    ok(await api['cases.accept']({ caseId }))
    ok(await api['assignments.assign']({ caseId, mediatorId: leads[0].id, role: 'lead', overrideReason: '测试' }))
    if (startedByButton) ok(await api['cases.startMediation']({ caseId }))
    // 16:30 lies outside the seeded slot grid, so nothing seeded clashes with it.
    const session = ok(
      await api['hearings.schedule']({
        caseId,
        startsAt: '2026-12-01T16:30',
        endsAt: '2026-12-01T17:15',
        // The same kind of place as the seeded session: a room of the office, or on site.
        placeKind: hearing.place_kind,
        roomId: hearing.place_kind === 'room' ? rooms[0].id : null,
        address: hearing.address,
        leadMediatorId: leads[0].id,
        partyIds: [...new Set(partyIds)],
        purpose: hearing.purpose,
        confirmWarnings: true
      })
    )
    const lifecycle = ok(
      await api['records.add']({
        caseId,
        kind: 'mediation',
        hearingId: session.id,
        heldAt: '2026-12-01 16:30',
        place: record.place,
        subject: record.subject,
        recorder: record.recorder,
        participants: record.participants,
        partiesPresent: record.parties_present,
        rightsExplained: true,
        statements: JSON.parse(record.statements as string),
        evidenceChecked: record.evidence_checked,
        riskWarnings: record.risk_warnings,
        result: record.result,
        resultNote: record.result_note
      })
    )
    ok(await api['hearings.markHeld']({ id: session.id, note: hearing.held_note, recordId: lifecycle.records[0].id }))
    const agreed = ok(
      await api['agreements.create']({
        caseId,
        kind: 'written',
        facts: agreement.facts,
        disputedPoints: agreement.disputed_points,
        responsibility: agreement.responsibility,
        terms: terms.map((t) => ({ content: t.content, amountCents: t.amount_cents, dueOn: t.due_on })),
        performanceManner: agreement.performance_manner,
        performanceDeadline: agreement.performance_deadline,
        amountCents: agreement.amount_cents,
        mediatorName: agreement.mediator_name,
        seeksConfirmation: false,
        copies: 10,
        signedOn: agreement.signed_on,
        effectiveOn: agreement.effective_on
      })
    )
    const newTerms = agreed.agreement!.terms
    ok(
      await api['followUps.add']({
        caseId,
        visitedOn: visit.visited_on,
        method: visit.method,
        visitedParty: visit.visited_party,
        performance: 'full',
        satisfaction: visit.satisfaction,
        visitorName: visit.visitor_name,
        termsPerformed: terms.map((t, i) => ({ termId: newTerms[i].id, performedOn: t.performed_on }))
      })
    )
    ok(await api['cases.close']({ caseId, result: report.result }))
    ok(await api['cases.archive']({ caseId, retention: archive.retention, filedBy: archive.filed_by }))

    expect(await timeline(caseId)).toEqual(await timeline(model.id))
    for (const [table, via] of [
      ['hearings', 'case_id'],
      ['case_records', 'case_id'],
      ['agreements', 'case_id'],
      ['agreement_terms', 'case_id'],
      ['follow_ups', 'case_id'],
      ['closing_reports', 'case_id'],
      ['case_archives', 'case_id'],
      ['case_due', 'case_id']
    ] as const) {
      const mine = (await rowsOf(table, caseId, via)).map(shape)
      const seeded = (await rowsOf(table, model.id, via)).map(shape)
      expect({ table, rows: mine }).toEqual({ table, rows: seeded })
    }
    const people = async (id: string) => ({
      mediators: (await rowsOf('hearing_mediators', (await rowsOf('hearings', id))[0].id as string, 'hearing_id')).map(
        shape
      ),
      party: shape((await rowsOf('hearing_parties', (await rowsOf('hearings', id))[0].id as string, 'hearing_id'))[0])
    })
    expect(await people(caseId)).toEqual(await people(model.id))
    const version = async (id: string) =>
      await app.ctx.db.selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(await version(caseId)).toEqual(await version(model.id))
  })
})
