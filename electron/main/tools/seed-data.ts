/*
 * The realistic register generator: N cases of a district's people's
 * mediation network, deterministic from a seed (no clock, no Math.random).
 * It yields the rows the services would have written, table by table:
 * parties (about 15% of a case's links reuse an earlier party record),
 * cases with their lifecycle up to the last day (numbers only for accepted
 * cases, per office per year, without gaps, in acceptance order), case
 * parties, timeline events, mediator assignments, the search rows (the FTS
 * row in refreshCaseSearch's `|a|b|` format with rowid = seq, and the
 * short-name keys), and after acceptance the sessions, records, outcome,
 * agreement, follow-up, confirmation, closing and archive rows with their
 * events (seed-lifecycle.ts), and each open case's case_due row.
 */
import { DECLINE_REASON_LABELS, DECLINE_ROUTE_SUGGESTIONS } from '../../../shared/domain/case'
import { formatCaseNumber } from '../../../shared/domain/case-number'
import { type CaseDeadlineFacts, type DeadlineSettings, factsBeforeAcceptance } from '../../../shared/rules/deadlines'
import type { WorkingCalendar } from '../../../shared/rules/working-days'
import type { CaseRow } from '../db/schema'
import { makeSummary } from './seed-summaries'
import { PeopleFactory } from './seed-people'
import {
  chinaDay,
  chinaMidnight,
  chinaYearOf,
  DAY,
  HOUR,
  iso,
  MINUTE,
  Rng,
  seededUuidv7,
  Weighted
} from './seed-random'
import { generateRoster, type GeneratedMediator, type SeedOffice } from './seed-roster'
import {
  COMMERCIAL_TYPES,
  DECLINE_NOTES,
  DECLINE_REASON_WEIGHTS,
  DISPUTE_WEIGHTS,
  OFFICE_WEIGHTS,
  RISK_REASONS,
  SOURCE_BY_TYPE,
  SOURCE_WEIGHTS,
  TRANSFER_NOTES,
  VILLAGES
} from './seed-vocabulary'
import { PartyMaker, type PartyLink } from './seed-parties'
import { type AddEvent, AssignmentMaker } from './seed-assignments'
import { type CaseBatch, emptyBatch, pushSearchRows, type SequenceRow } from './seed-batch'
import { LIFECYCLE_KEYS, LifecycleMaker, type LifecycleRows } from './seed-lifecycle'
import { type SeedRoom, SessionBooker } from './seed-sessions'
import { PREVENTION_KEYS, PreventionMaker, type PreventionRows } from './seed-prevention'

export type { SeedOffice } from './seed-roster'
export type { SeedRoom } from './seed-sessions'
export { emptyBatch } from './seed-batch'
export type { CaseBatch, NameKeyRow, SearchRow, SequenceRow } from './seed-batch'

export interface SeedContext {
  offices: readonly SeedOffice[]
  actor: { id: string; displayName: string }
  chambers: readonly string[]
  /** The offices' mediation rooms (sessions not in a room are held on site). */
  rooms: readonly SeedRoom[]
  /** The store's working-day calendar and deadline settings: sessions fall on working days, case_due follows them. */
  calendar: WorkingCalendar
  settings: DeadlineSettings
}

export interface GeneratorOptions {
  seed: number
  cases: number
  /** The register's last day, 'YYYY-MM-DD' in China; statuses are as they stand that evening. */
  until: string
  /** How many years the register spans, ending on `until`. */
  years?: number
  context: SeedContext
  /** Codes of the offices that register cases (all, weighted, when absent): one code makes an office's own store. */
  caseOffices?: readonly string[]
}

const DECLINE_WEIGHTS = new Weighted(DECLINE_REASON_WEIGHTS)

export class RegisterGenerator {
  readonly roster: GeneratedMediator[]
  readonly stats = { cases: 0, parties: 0, caseParties: 0, reusedLinks: 0, events: 0, assignments: 0 }
  /** Rows written per lifecycle table (batch key), for the load's summary. */
  readonly lifecycleRows: Partial<Record<keyof LifecycleRows, number>> = {}
  readonly preventionRows: Partial<Record<keyof PreventionRows, number>> = {}
  readonly #options: GeneratorOptions
  readonly #rng: Rng
  readonly #parties: PartyMaker
  readonly #offices: Weighted<SeedOffice>
  readonly #subCenters: SeedOffice[]
  /** Each office's mark in the full-text rows, by office id. */
  readonly #marks: ReadonlyMap<string, number>
  readonly #types = new Weighted(DISPUTE_WEIGHTS)
  readonly #sources = new Weighted(SOURCE_WEIGHTS)
  readonly #sourcesByType = new Map(Object.entries(SOURCE_BY_TYPE).map(([t, w]) => [t, new Weighted(w)]))
  /** Per office: when it last accepted a case (acceptance is first come, first served) and its sequences by year. */
  readonly #lastAccepted = new Map<string, number>()
  readonly #sequences = new Map<string, Map<number, number>>()
  readonly #assignments: AssignmentMaker
  readonly #sessions: SessionBooker
  readonly #life: LifecycleMaker
  readonly #prevention: PreventionMaker
  #lastRegistered = 0
  readonly #start: number
  readonly #end: number
  readonly #dayWeights: Float64Array
  readonly #dayCumulative: Float64Array

  constructor(options: GeneratorOptions) {
    this.#options = options
    const root = new Rng(options.seed)
    this.#rng = root.fork(1)
    const people = new PeopleFactory(root.fork(2), options.until)
    const { offices, chambers } = options.context
    const end = chinaMidnight(options.until)
    this.roster = generateRoster(root.fork(3), people, offices, chambers, options.until, end - 400 * DAY)
    this.#parties = new PartyMaker(root.fork(4), people)
    this.#subCenters = offices.filter((o) => o.kind === 'town_street_center')
    // The roster stays district-wide (experts serve several offices); only registration is narrowed.
    const registering = options.caseOffices ? offices.filter((o) => options.caseOffices!.includes(o.code)) : offices
    if (registering.length === 0) throw new Error(`没有代码为 ${options.caseOffices!.join('、')} 的调解组织`)
    const weight = (code: string) => (options.caseOffices ? OFFICE_WEIGHTS[code] || 1 : (OFFICE_WEIGHTS[code] ?? 0))
    this.#offices = new Weighted(registering.map((o) => [o, weight(o.code)] as const))
    this.#marks = new Map(offices.map((o) => [o.id, o.searchMark]))

    // Registrations fall on working days between 08:30 and 17:30; weekends see a few (grid reports, police).
    const days = Math.round((options.years ?? 6) * 365.25)
    this.#start = end - (days - 1) * DAY
    this.#end = end + 18 * HOUR
    this.#assignments = new AssignmentMaker(root.fork(5), this.roster, this.#end)
    const { calendar, settings, rooms, actor } = options.context
    this.#sessions = new SessionBooker(root.fork(6), calendar, rooms)
    this.#life = new LifecycleMaker(
      root.fork(7),
      this.#end,
      { calendar, settings, actor },
      this.#sessions,
      this.#assignments
    )
    this.#prevention = new PreventionMaker(
      root.fork(8),
      new PeopleFactory(root.fork(9), options.until),
      this.#end,
      actor,
      registering
    )
    this.#dayWeights = new Float64Array(days)
    this.#dayCumulative = new Float64Array(days)
    let sum = 0
    for (let d = 0; d < days; d++) {
      const weekday = new Date(this.#start + d * DAY + 8 * HOUR).getUTCDay()
      this.#dayWeights[d] = weekday === 0 ? 0.2 : weekday === 6 ? 0.3 : 1
      sum += this.#dayWeights[d]
      this.#dayCumulative[d] = sum
    }
  }

  /** Registration instant of the i-th case (0-based): strictly increasing in i. */
  #registeredAt(i: number): number {
    const total = this.#dayCumulative[this.#dayCumulative.length - 1]
    const position = ((i + 0.5) / this.#options.cases) * total
    let lo = 0
    let hi = this.#dayCumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.#dayCumulative[mid] > position) hi = mid
      else lo = mid + 1
    }
    const before = this.#dayCumulative[lo] - this.#dayWeights[lo]
    const fraction = (position - before) / this.#dayWeights[lo]
    const spacing = ((total / this.#options.cases) * 9 * HOUR) / this.#dayWeights[lo]
    const jitter = Math.min(this.#rng.float() * 0.9 * spacing, 10 * MINUTE)
    return Math.floor(this.#start + lo * DAY + 8.5 * HOUR + fraction * 9 * HOUR + jitter)
  }

  *batches(size = 1000): Generator<CaseBatch> {
    let batch = emptyBatch()
    for (let i = 0; i < this.#options.cases; i++) {
      this.#generateCase(i, batch)
      if (batch.cases.length >= size) {
        this.#count(batch)
        yield batch
        batch = emptyBatch()
        // Later cases book sessions only after their own registration: earlier days are done with.
        this.#sessions.forgetBefore(this.#lastRegistered)
      }
    }
    if (batch.cases.length > 0) {
      this.#count(batch)
      yield batch
    }
  }

  #count(batch: CaseBatch): void {
    for (const key of LIFECYCLE_KEYS) this.lifecycleRows[key] = (this.lifecycleRows[key] ?? 0) + batch[key].length
    for (const key of PREVENTION_KEYS) this.preventionRows[key] = (this.preventionRows[key] ?? 0) + batch[key].length
  }

  /** The number sequences as acceptCase leaves them: the last number given per office and year. */
  sequences(): SequenceRow[] {
    return [...this.#sequences].flatMap(([office_id, years]) =>
      [...years].map(([year, last_sequence]) => ({ office_id, year, last_sequence }))
    )
  }

  #generateCase(i: number, out: CaseBatch): void {
    const rng = this.#rng
    const { actor } = this.#options.context
    const seq = i + 1
    const reg = this.#registeredAt(i)
    this.#lastRegistered = reg
    const type = this.#types.pick(rng)
    let office = this.#offices.pick(rng)
    if (office.kind === 'chamber_center' && !COMMERCIAL_TYPES.has(type)) office = this.#offices.pick(rng)
    if (office.kind === 'chamber_center' && !COMMERCIAL_TYPES.has(type)) office = rng.pick(this.#subCenters)
    const source =
      office.kind === 'chamber_center' && rng.chance(0.6)
        ? 'chamber_member'
        : (this.#sourcesByType.get(type) ?? this.#sources).pick(rng)
    const township = office.township ?? rng.pick(this.#subCenters).township!
    const village = rng.pick(VILLAGES[township])
    const summary = makeSummary(rng, type, village, chinaYearOf(reg))
    const risk = rng.float()
    const riskLevel = risk < 0.03 ? 'red' : risk < 0.15 ? 'yellow' : 'green'
    const caseId = seededUuidv7(reg, rng)
    const row: CaseRow = {
      id: caseId,
      seq,
      registered_office_id: office.id,
      handling_office_id: office.id,
      case_number: null,
      case_year: null,
      case_sequence: null,
      status: 'registered',
      source,
      dispute_type: type,
      occurred_on: chinaDay(reg - rng.int(60) * DAY),
      place_township: township,
      place_village: village,
      summary: summary.text,
      claims: JSON.stringify(summary.claims),
      amount_cents: summary.amountCents,
      risk_level: riskLevel,
      risk_reason: riskLevel === 'green' ? null : rng.pick(RISK_REASONS),
      registered_at: iso(reg),
      accepted_at: null,
      declined_at: null,
      decline_reason: null,
      decline_note: null,
      decline_route: null,
      registered_by: actor.id,
      created_at: iso(reg),
      updated_at: iso(reg),
      version: 1
    }
    out.cases.push(row)
    this.stats.cases++

    const links = this.#parties.forCase(type, township, village, reg)
    const names: string[] = []
    const idNumbers: Array<string | null> = []
    const phones: Array<string | null> = []
    links.forEach((link, index) => {
      if (link.isNew) {
        out.parties.push(link.party)
        this.stats.parties++
      } else this.stats.reusedLinks++
      out.caseParties.push({
        id: seededUuidv7(reg, rng),
        case_id: caseId,
        party_id: link.party.id,
        role: link.role,
        acts_for_party_id: link.actsFor === null ? null : links[link.actsFor].party.id,
        sort_order: index,
        created_at: row.created_at,
        updated_at: row.created_at,
        version: 1
      })
      names.push(link.party.name)
      idNumbers.push(link.party.id_number, link.party.credit_code)
      phones.push(link.party.phone)
    })
    this.stats.caseParties += links.length

    const event: AddEvent = (at, kind, fields) => {
      out.events.push({
        id: seededUuidv7(at, rng),
        case_id: caseId,
        at: iso(at),
        actor_id: actor.id,
        actor_name: actor.displayName,
        kind,
        from_status: fields.from_status ?? null,
        to_status: fields.to_status ?? null,
        reason: fields.reason ?? null,
        detail: JSON.stringify(fields.detail),
        created_at: iso(at),
        updated_at: iso(at),
        version: 1
      })
      this.stats.events++
    }
    event(reg, 'registered', { to_status: 'registered', detail: { source } })
    // What refreshCaseDue reads of the case (deadlineFacts), filled in as the lifecycle goes.
    const facts: CaseDeadlineFacts = factsBeforeAcceptance(row.status, chinaDay(reg), null)
    this.#lifecycle(row, reg, event, out, links, facts)
    this.#life.dueRow(row, facts, out)
    this.#prevention.grids(out, this.#start)
    this.#prevention.patrols(row, reg, links, out)
    this.#prevention.keyPerson(row, reg, links, out)

    pushSearchRows(out, row, this.#marks.get(row.handling_office_id)!, { names, idNumbers, phones })
  }

  /** Transfer, decline or accept (with its number and mediators), then the later stages up to the last day. */
  #lifecycle(
    row: CaseRow,
    reg: number,
    event: AddEvent,
    out: CaseBatch,
    links: readonly PartyLink[],
    facts: CaseDeadlineFacts
  ): void {
    const rng = this.#rng
    const offices = this.#options.context.offices
    let now = reg
    const touch = (at: number) => {
      row.version++
      row.updated_at = iso(at)
      now = at
    }
    if (rng.chance(0.02)) {
      const at = reg + rng.between(1, 48) * HOUR
      const to = rng.pick(this.#subCenters)
      if (at <= this.#end && to.id !== row.handling_office_id) {
        const from = offices.find((o) => o.id === row.handling_office_id)!
        row.handling_office_id = to.id
        touch(at)
        const detail = { fromOfficeId: from.id, fromOfficeName: from.name, toOfficeId: to.id, toOfficeName: to.name }
        event(at, 'transferred', { reason: rng.pick(TRANSFER_NOTES), detail })
      }
    }
    if (rng.chance(0.04)) {
      const at = now + rng.between(2, 72) * HOUR
      if (at > this.#end) return
      const reason = DECLINE_WEIGHTS.pick(rng)
      const note = reason === 'other' ? rng.pick(DECLINE_NOTES) : null
      const route = rng.pick(DECLINE_ROUTE_SUGGESTIONS)
      Object.assign(row, {
        status: 'declined',
        declined_at: iso(at),
        decline_reason: reason,
        decline_note: note,
        decline_route: route
      })
      touch(at)
      facts.decidedOn = chinaDay(at)
      const reasonText = reason === 'other' ? note! : DECLINE_REASON_LABELS[reason]
      event(at, 'declined', {
        from_status: 'registered',
        to_status: 'declined',
        reason: reasonText,
        detail: { reason, route }
      })
      return
    }
    const office = row.handling_office_id
    const acceptAt = Math.max(
      now + rng.between(1, 96) * HOUR,
      (this.#lastAccepted.get(office) ?? 0) + rng.between(1, 10) * MINUTE
    )
    if (acceptAt > this.#end) return
    this.#lastAccepted.set(office, acceptAt)
    const year = chinaYearOf(acceptAt)
    const years = this.#sequences.get(office) ?? new Map<number, number>()
    this.#sequences.set(office, years)
    const sequence = (years.get(year) ?? 0) + 1
    years.set(year, sequence)
    const shortName = offices.find((o) => o.id === office)!.shortName
    const caseNumber = formatCaseNumber(year, shortName, sequence)
    Object.assign(row, {
      status: 'accepted',
      case_number: caseNumber,
      case_year: year,
      case_sequence: sequence,
      accepted_at: iso(acceptAt)
    })
    touch(acceptAt)
    event(acceptAt, 'accepted', { from_status: 'registered', to_status: 'accepted', detail: { caseNumber } })

    facts.decidedOn = facts.acceptedOn = chinaDay(acceptAt)

    const before = out.assignments.length
    const officeCode = offices.find((o) => o.id === office)!.code
    const team = this.#assignments.assign(
      row,
      officeCode,
      acceptAt + rng.between(5, 120) * MINUTE,
      event,
      out.assignments
    )
    const address = `${row.place_township}${row.place_village}`
    const hostsSessions = !this.#options.caseOffices || this.#options.caseOffices.includes(officeCode)
    this.#life.run({ row, links, team, address, hostsSessions, event, out }, acceptAt, facts)
    this.stats.assignments += out.assignments.length - before
  }
}
