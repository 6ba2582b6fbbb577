/*
 * The generator's rows against the project's own rules: every resident ID,
 * credit code and phone passes its validator, case numbers parse and run
 * without gaps per office and year in acceptance order, the lifecycle agrees
 * with the numbers, the search rows are what refreshCaseSearch would write,
 * the roster passes the roster checks, and the same seed gives the same rows.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import officesFile from '../../../resources/reference/offices.json' with { type: 'json' }
import disputeTypesFile from '../../../resources/reference/dispute-types.json' with { type: 'json' }
import { CASE_EVENT_KINDS, CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case'
import { parseCaseNumber } from '../../../shared/domain/case-number'
import { checkCreditCode } from '../../../shared/rules/credit-code'
import { checkPhone } from '../../../shared/rules/phone'
import { DEADLINE_DEFAULTS } from '../../../shared/rules/deadlines'
import { bookingClashes, DEFAULT_OFFICE_HOURS, timeWarnings } from '../../../shared/rules/hearing-clash'
import { canTransition } from '../../../shared/rules/case-status'
import { checkResidentId } from '../../../shared/rules/resident-id'
import { makeWorkingCalendar } from '../../../shared/rules/working-days'
import { UUID_PATTERN } from '../../../shared/uuid'
import { barJoin } from '../services/case-search-index'
import { isOpenStatus, markedNumber } from '../services/case-search-office'
import { partyKey } from '../services/hearings/hearing-plan'
import { libraryYears } from '../services/hearings/holiday-library'
import { checkMediatorRecord } from '../services/mediators'
import { type CaseBatch, emptyBatch, RegisterGenerator, type SeedContext } from './seed-data'
import { ROSTER_SIZE } from './seed-roster'
import { SUMMARY_TYPES } from './seed-summaries'
import { CHAMBERS } from './seed-vocabulary'

const UNTIL = '2026-11-28'

const LIBRARY = libraryYears()
const CALENDAR = makeWorkingCalendar([...LIBRARY.values()].flat(), LIBRARY.keys())

function fakeContext(): SeedContext {
  const all = [
    { ...officesFile.district, township: null },
    ...officesFile.sub_centers,
    { ...officesFile.chamber_center, township: null }
  ]
  const offices = all.map((o, i) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    code: o.code,
    name: o.name,
    shortName: o.short_name,
    kind: o.kind,
    township: o.township,
    searchMark: i + 1
  }))
  return {
    offices,
    actor: { id: '00000000-0000-7000-8000-100000000000', displayName: '本机管理员' },
    chambers: CHAMBERS,
    rooms: offices.flatMap((o, i) =>
      ['第一调解室', '第二调解室'].map((name, j) => ({
        id: `00000000-0000-7000-8000-2${String(i * 10 + j).padStart(11, '0')}`,
        officeId: o.id,
        name,
        capacity: 10
      }))
    ),
    calendar: CALENDAR,
    settings: DEADLINE_DEFAULTS
  }
}

function generate(seed: number, cases: number, batchSize = 300): { generator: RegisterGenerator; all: CaseBatch } {
  const generator = new RegisterGenerator({ seed, cases, until: UNTIL, context: fakeContext() })
  const all = emptyBatch()
  for (const batch of generator.batches(batchSize)) {
    for (const key of Object.keys(all) as Array<keyof CaseBatch>) (all[key] as object[]).push(...batch[key])
  }
  return { generator, all }
}

/** Map.groupBy (Node 21+) for Node 20. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

function hashOf(seed: number, batchSize?: number): string {
  const { generator, all } = generate(seed, 2000, batchSize)
  return createHash('sha256')
    .update(JSON.stringify([all, generator.roster, generator.sequences()]))
    .digest('hex')
}

describe('the generated register', () => {
  const { generator, all } = generate(7, 2000)
  const parties = new Map(all.parties.map((p) => [p.id, p]))

  it('has about 2.3 parties a case, about 15% of them reused records', () => {
    expect(all.cases).toHaveLength(2000)
    expect(all.caseParties.length / 2000).toBeGreaterThan(2.15)
    expect(all.caseParties.length / 2000).toBeLessThan(2.5)
    const reused = all.caseParties.length - all.parties.length
    expect(reused / all.caseParties.length).toBeGreaterThan(0.08)
    expect(reused / all.caseParties.length).toBeLessThan(0.22)
    expect(parties.size).toBe(all.parties.length)
    for (const link of all.caseParties) expect(parties.has(link.party_id)).toBe(true)
  })

  it('gives valid, unique resident IDs whose birth date and gender agree with the record', () => {
    const people = all.parties.filter((p) => p.id_number)
    expect(people.length).toBeGreaterThan(1000)
    for (const p of people) {
      const checked = checkResidentId(p.id_number!, UNTIL)
      expect(checked.ok, `${p.name} ${p.id_number}`).toBe(true)
      if (checked.ok) expect([checked.info.birthDate, checked.info.gender]).toEqual([p.birth_date, p.gender])
    }
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length)
    const mediatorIds = generator.roster.map((m) => m.record.idNumber)
    expect(new Set([...mediatorIds, ...people.map((p) => p.id_number)]).size).toBe(mediatorIds.length + people.length)
  })

  it('gives organisations valid, unique credit codes and every phone its stored form', () => {
    const orgs = all.parties.filter((p) => p.kind === 'organisation')
    expect(orgs.length).toBeGreaterThan(50)
    for (const o of orgs) {
      const checked = checkCreditCode(o.credit_code!)
      expect(checked.ok && checked.checkCharValid, `${o.name} ${o.credit_code}`).toBe(true)
    }
    expect(new Set(orgs.map((o) => o.credit_code)).size).toBe(orgs.length)
    for (const p of all.parties.filter((p) => p.phone)) {
      const checked = checkPhone(p.phone!)
      expect(checked.ok && checked.normalized, p.phone!).toBe(p.phone)
    }
    expect(all.parties.some((p) => p.name.includes('·'))).toBe(true)
    expect(all.parties.some((p) => /^(欧阳|司马|诸葛)/.test(p.name))).toBe(true)
  })

  it('numbers accepted cases per office and year from 1 without gaps, in acceptance order', () => {
    const shortNames = new Map(fakeContext().offices.map((o) => [o.id, o.shortName]))
    const byOfficeYear = new Map<string, Array<{ sequence: number; acceptedAt: string }>>()
    for (const c of all.cases) {
      expect(CASE_STATUSES).toContain(c.status)
      expect(c.case_number !== null).toBe(c.accepted_at !== null)
      if (c.status === 'registered' || c.status === 'declined') expect(c.case_number).toBeNull()
      if (!c.case_number) continue
      const parsed = parseCaseNumber(c.case_number)!
      expect(parsed).toEqual({
        year: c.case_year,
        officeShortName: shortNames.get(c.handling_office_id),
        sequence: c.case_sequence
      })
      const key = `${c.handling_office_id}/${c.case_year}`
      byOfficeYear.set(key, [
        ...(byOfficeYear.get(key) ?? []),
        { sequence: c.case_sequence!, acceptedAt: c.accepted_at! }
      ])
    }
    const last = new Map(generator.sequences().map((s) => [`${s.office_id}/${s.year}`, s.last_sequence]))
    expect(byOfficeYear.size).toBeGreaterThan(30)
    for (const [key, list] of byOfficeYear) {
      list.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt))
      expect(list.map((l) => l.sequence)).toEqual(list.map((_, i) => i + 1))
      expect(last.get(key)).toBe(list.length)
    }
    expect(new Set(all.cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(8)
  })

  it('writes summaries of 20–80 characters, amounts in whole cents, and every dispute type', () => {
    for (const c of all.cases) {
      expect([...c.summary].length).toBeGreaterThanOrEqual(20)
      expect([...c.summary].length).toBeLessThanOrEqual(80)
      expect(c.summary).not.toContain('{')
      if (c.amount_cents !== null) expect(Number.isSafeInteger(c.amount_cents) && c.amount_cents > 0).toBe(true)
      expect(JSON.parse(c.claims)).toBeInstanceOf(Array)
      if (c.risk_level !== 'green') expect(c.risk_reason).toBeTruthy()
    }
    expect(SUMMARY_TYPES.sort()).toEqual(disputeTypesFile.types.map((t) => t.code).sort())
    expect(all.cases.filter((c) => c.summary.includes('借款')).length).toBeGreaterThan(10)
  })

  it('writes the search row and name keys exactly as refreshCaseSearch builds them', () => {
    const markOf = new Map(fakeContext().offices.map((o) => [o.id, o.searchMark]))
    const linksOf = new Map<string, typeof all.caseParties>()
    for (const l of all.caseParties) linksOf.set(l.case_id, [...(linksOf.get(l.case_id) ?? []), l])
    const keys = new Map<number, string[]>()
    for (const k of all.nameKeys) keys.set(k.case_seq, [...(keys.get(k.case_seq) ?? []), k.name])
    all.cases.forEach((c, i) => {
      const ps = linksOf
        .get(c.id)!
        .sort((a, b) => a.sort_order - b.sort_order)
        .map((l) => parties.get(l.party_id)!)
      expect(all.search[i]).toEqual({
        rowid: c.seq,
        // The case's tokens end the number (case-search-office.ts).
        case_number: markedNumber(c.case_number ?? '', {
          mark: markOf.get(c.handling_office_id)!,
          open: isOpenStatus(c.status)
        }),
        summary: c.summary,
        names: barJoin(ps.map((p) => p.name)),
        id_numbers: barJoin(ps.flatMap((p) => [p.id_number, p.credit_code])),
        phones: barJoin(ps.map((p) => p.phone))
      })
      expect(keys.get(c.seq)).toEqual([...new Set(ps.map((p) => p.name))])
    })
  })

  it('keeps ids, events and assignments as the services would', () => {
    for (const row of [...all.cases, ...all.parties, ...all.caseParties, ...all.events, ...all.assignments]) {
      expect(row.id).toMatch(UUID_PATTERN)
    }
    expect(all.cases.map((c) => c.seq)).toEqual(all.cases.map((_, i) => i + 1))
    expect([...all.cases.map((c) => c.registered_at)].sort()).toEqual(all.cases.map((c) => c.registered_at))
    for (const e of all.events) expect(CASE_EVENT_KINDS).toContain(e.kind)
    const activeLeads = all.assignments.filter((a) => a.role === 'lead' && a.status === 'active').map((a) => a.case_id)
    expect(new Set(activeLeads).size).toBe(activeLeads.length)
    const roster = new Set(generator.roster.map((m) => m.id))
    for (const a of all.assignments) expect(roster.has(a.mediator_id)).toBe(true)
  })

  it('makes a roster of 84 full-time, 412 part-time and 151 experts that passes the roster checks', () => {
    const kinds = generator.roster.map((m) => m.record.kind)
    expect(kinds.filter((k) => k === 'full_time')).toHaveLength(ROSTER_SIZE.full_time)
    expect(kinds.filter((k) => k === 'part_time')).toHaveLength(ROSTER_SIZE.part_time)
    expect(kinds.filter((k) => k === 'expert')).toHaveLength(ROSTER_SIZE.expert)
    const context = fakeContext()
    const lookup = {
      officeIdByCode: new Map(context.offices.map((o) => [o.code, o.id])),
      chamberIdByName: new Map(CHAMBERS.map((name) => [name, name])),
      disputeTypes: new Set(disputeTypesFile.types.map((t) => t.code))
    }
    for (const m of generator.roster) expect(checkMediatorRecord(m.record, lookup, UNTIL).errors).toEqual({})
  })

  it('holds sessions on working days in office hours, none clashing with another by the clash rule', () => {
    const partyById = new Map(all.parties.map((p) => [p.id, p]))
    const people = new Map<string, Array<{ id: string; name: string }>>()
    for (const m of all.hearingMediators)
      people.set(m.hearing_id, [...(people.get(m.hearing_id) ?? []), { id: m.mediator_id, name: '' }])
    const parties = new Map<string, Array<{ id: string; name: string }>>()
    for (const p of all.hearingParties) {
      expect(p.party_key).toBe(partyKey(partyById.get(p.party_id)!))
      parties.set(p.hearing_id, [...(parties.get(p.hearing_id) ?? []), { id: p.party_key, name: '' }])
    }
    const booked = all.hearings.map((h) => ({
      id: h.id,
      label: h.id,
      startsAt: h.starts_at,
      endsAt: h.ends_at,
      roomId: h.room_id,
      roomName: null,
      people: people.get(h.id) ?? [],
      parties: parties.get(h.id) ?? []
    }))
    expect(booked.length).toBeGreaterThan(1500)
    const byDay = groupBy(booked, (b) => b.startsAt.slice(0, 10))
    for (const b of booked) {
      expect(timeWarnings(b, CALENDAR, DEFAULT_OFFICE_HOURS)).toEqual([])
      const candidate = { ...b, roomCapacity: null, mediators: b.people, experts: [] }
      expect(bookingClashes(candidate, byDay.get(b.startsAt.slice(0, 10))!)).toEqual([])
    }
  })

  it('moves every case along the status machine, one event a move, the version counting them', () => {
    const eventsOf = groupBy(all.events, (e) => e.case_id)
    for (const c of all.cases) {
      const events = eventsOf.get(c.id)!.sort((a, b) => a.id.localeCompare(b.id))
      let status: string | null = null
      let moves = 0
      for (const e of events) {
        if (e.to_status === null) continue
        if (status !== null) expect(canTransition(status as CaseStatus, e.to_status as CaseStatus)).toBe(true)
        expect(e.from_status).toBe(status)
        status = e.to_status
        moves++
      }
      expect(status).toBe(c.status)
      const transfers = events.filter((e) => e.kind === 'transferred').length
      expect(c.version).toBe(moves + transfers)
    }
  })

  it('writes the outcome rows with the statuses: agreements adding up, closed cases reported, archives filed', () => {
    const caseOf = new Map(all.cases.map((c) => [c.id, c]))
    const ended = all.cases.filter((c) =>
      ['agreement', 'failed', 'withdrawn', 'follow_up', 'closed', 'archived'].includes(c.status)
    )
    const share = all.agreements.length / (all.agreements.length + all.terminations.length)
    expect(share).toBeGreaterThan(0.83)
    expect(share).toBeLessThan(0.93)
    expect(all.agreements.length + all.terminations.length).toBe(ended.length)
    for (const a of all.agreements) {
      const terms = all.agreementTerms.filter((t) => t.agreement_id === a.id)
      const amounts = terms.filter((t) => t.amount_cents !== null)
      if (amounts.length > 0) expect(amounts.reduce((sum, t) => sum + t.amount_cents!, 0)).toBe(a.amount_cents)
      for (const t of terms) expect(t.due_on! <= a.performance_deadline).toBe(true)
      expect(a.case_number).toBe(caseOf.get(a.case_id)!.case_number)
    }
    const reported = new Set(all.closingReports.map((r) => r.case_id))
    for (const c of all.cases.filter((c) => c.status === 'closed' || (c.status === 'archived' && c.accepted_at))) {
      expect(reported.has(c.id)).toBe(true)
    }
    expect(new Set(all.archives.map((a) => a.case_id))).toEqual(
      new Set(all.cases.filter((c) => c.status === 'archived').map((c) => c.id))
    )
    for (const f of all.followUps) expect(['follow_up', 'closed', 'archived']).toContain(caseOf.get(f.case_id)!.status)
    expect(all.confirmations.some((j) => j.ruling === 'confirmed')).toBe(true)
    expect(all.caseDue.length).toBeGreaterThan(0)
  })

  it('is the same for the same seed and different for another', () => {
    const seven = hashOf(7)
    expect(hashOf(7)).toBe(seven)
    expect(hashOf(8)).not.toBe(seven)
  })

  it('does not depend on how many cases the loader takes at a time', () => {
    expect(hashOf(7, 100)).toBe(hashOf(7, 1000))
  })
})
