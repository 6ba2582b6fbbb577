/*
 * A generated case after acceptance, as the services would have left it,
 * step by step up to the register's last day: a mediation session scheduled
 * (hearings.schedule) and held with its record (records.add, the first of
 * which starts mediation unless 开始调解 was pressed), sometimes a second
 * session, then the outcome — an agreement with its terms (88 %), a failure
 * or a withdrawal (terminations) — terms performed on the spot or at a
 * follow-up visit, judicial confirmation for some agreements, the closing
 * report and the archive. Every step writes the rows and the event with the
 * detail JSON its service writes, moves the case's status and version as
 * moveCase does, and the case's due-date row is what refreshCaseDue keeps.
 */
import type { Selectable } from 'kysely'
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/domain/case'
import { DEFAULT_BRING, HEARING_KIND_LABELS } from '../../../shared/domain/hearing'
import {
  RECORD_KIND_LABELS,
  RETENTION_LABELS,
  TERMINATION_ROUTE_LABELS,
  type MediationResult
} from '../../../shared/domain/lifecycle'
import { caseDeadlines, nextDue, type CaseDeadlineFacts, type DeadlineSettings } from '../../../shared/rules/deadlines'
import type { WorkingCalendar } from '../../../shared/rules/working-days'
import type { CaseRow } from '../db/schema'
import type { HearingTables } from '../db/schema-hearings'
import type { LifecycleTables } from '../db/schema-lifecycle'
import { partyKey } from '../services/hearings/hearing-plan'
import { placeText } from '../services/hearings/hearing-store'
import { AgreementSteps, type Move } from './seed-agreements'
import type { AddEvent, AssignmentMaker, CaseTeam } from './seed-assignments'
import type { PartyLink } from './seed-parties'
import { chinaDay, DAY, HOUR, iso, MINUTE, type Rng, seededUuidv7 } from './seed-random'
import type { SessionBooker } from './seed-sessions'
import * as T from './seed-lifecycle-text'

export type Row<K extends keyof (HearingTables & LifecycleTables)> = Selectable<(HearingTables & LifecycleTables)[K]>

/** The batch keys of the lifecycle's rows, in the order they are loaded (parents first). */
export const LIFECYCLE_KEYS = [
  'hearings',
  'hearingMediators',
  'hearingParties',
  'records',
  'agreements',
  'agreementTerms',
  'terminations',
  'followUps',
  'confirmations',
  'closingReports',
  'archives',
  'caseDue'
] as const

export interface LifecycleRows {
  hearings: Array<Row<'hearings'>>
  hearingMediators: Array<Row<'hearing_mediators'>>
  hearingParties: Array<Row<'hearing_parties'>>
  records: Array<Row<'case_records'>>
  agreements: Array<Row<'agreements'>>
  agreementTerms: Array<Row<'agreement_terms'>>
  terminations: Array<Row<'terminations'>>
  followUps: Array<Row<'follow_ups'>>
  confirmations: Array<Row<'judicial_confirmations'>>
  closingReports: Array<Row<'closing_reports'>>
  archives: Array<Row<'case_archives'>>
  caseDue: Array<Row<'case_due'>>
}

interface Made {
  agreement: Row<'agreements'> | null
  terms: Array<Row<'agreement_terms'>>
}

export interface AcceptedCase {
  row: CaseRow
  links: readonly PartyLink[]
  team: CaseTeam | null
  /**
   * False for a case handed to an office outside an office's own store: its
   * sessions are that office's rows (hearings.office_id), kept in its store.
   */
  hostsSessions: boolean
  /** Where a session on site takes place. */
  address: string
  event: AddEvent
  out: LifecycleRows & { assignments: Parameters<AssignmentMaker['maybeRecuse']>[4] }
}

/** The store's calendar and deadline defaults, and who the seed acts as. */
export interface LifecycleContext {
  calendar: WorkingCalendar
  settings: DeadlineSettings
  actor: { id: string; displayName: string }
}

/** The services' `when` of a session: 'YYYY-MM-DD HH:mm–HH:mm'. */
const BRING = JSON.stringify(DEFAULT_BRING)
const when = (h: { starts_at: string; ends_at: string }) => `${h.starts_at.replace('T', ' ')}–${h.ends_at.slice(11)}`

export class LifecycleMaker {
  readonly #rng: Rng
  readonly #end: number
  readonly #context: LifecycleContext
  readonly #sessions: SessionBooker
  readonly #assignments: AssignmentMaker
  readonly #agreements: AgreementSteps

  constructor(rng: Rng, end: number, context: LifecycleContext, sessions: SessionBooker, assignments: AssignmentMaker) {
    this.#rng = rng
    this.#end = end
    this.#context = context
    this.#sessions = sessions
    this.#assignments = assignments
    this.#agreements = new AgreementSteps(rng, context.actor)
  }

  /** The case_due row refreshCaseDue would keep for these facts (none when nothing is open). */
  dueRow(row: CaseRow, facts: CaseDeadlineFacts, out: LifecycleRows): void {
    const next = nextDue(caseDeadlines(facts, this.#context.settings, this.#context.calendar))
    if (next)
      out.caseDue.push({ case_id: row.id, case_seq: row.seq, next_due_on: next.dueOn, next_due_kind: next.kind })
  }

  /** Everything after acceptance up to the last day; `facts` gathers what the deadlines read. */
  run(c: AcceptedCase, acceptAt: number, facts: CaseDeadlineFacts): void {
    const made: Made = { agreement: null, terms: [] }
    this.#steps(c, acceptAt, facts, made)
    if (made.agreement) {
      facts.agreement = {
        effectiveOn: made.agreement.effective_on,
        seeksConfirmation: made.agreement.seeks_confirmation === 1,
        terms: made.terms.map((t) => ({ id: t.id, number: t.number, dueOn: t.due_on, performedOn: t.performed_on }))
      }
    }
  }

  #steps(c: AcceptedCase, acceptAt: number, facts: CaseDeadlineFacts, made: Made): void {
    const rng = this.#rng
    const { row, out, team } = c
    const lead = () => team!.members[0]
    // Sessions are planned once the mediators are assigned.
    let now = team ? Math.max(acceptAt, ...team.members.map((m) => Date.parse(m.row.assigned_at))) : acceptAt
    /** moveCase: the status, the version and the event (from → to) in one step. */
    const move: Move = (at, to, kind, event = {}) => {
      const from = row.status
      row.status = to
      row.version++
      row.updated_at = iso(at)
      facts.status = to
      c.event(at, kind, { from_status: from, to_status: to, detail: {}, ...event })
      now = at
    }
    const authored = (at: number) => ({
      id: seededUuidv7(at, rng),
      case_id: row.id,
      author_id: this.#context.actor.id,
      author_name: this.#context.actor.displayName
    })
    const tracked = (at: number) => ({ created_at: iso(at), updated_at: iso(at), version: 1 })
    if (!team) return

    const outcome: 'agreement' | 'failed' | 'withdrawn' =
      rng.float() < 0.88 ? 'agreement' : rng.chance(0.66) ? 'failed' : 'withdrawn'
    const sessionCount = !c.hostsSessions ? 0 : rng.chance(0.2) ? 2 : 1
    if (rng.chance(0.4) || sessionCount === 0) {
      const at = now + rng.between(10, 24 * 60) * MINUTE
      if (at > this.#end) return
      move(at, 'in_mediation', 'mediation_started')
    }

    // The sessions: scheduled, then held with their record, the last one ending in the outcome.
    const principals = c.links.filter((l) => l.role !== 'agent')
    const partyIds = [...new Set(c.links.map((l) => l.party.id))]
    const keyOf = new Map(c.links.map((l) => [l.party.id, partyKey(l.party)]))
    let lastSessionEnd = now
    for (let n = 1; n <= sessionCount; n++) {
      const scheduleAt = now + rng.between(10, 48 * 60) * MINUTE
      if (scheduleAt > this.#end) return
      const people = team.members
      const keys = [...people.map((m) => `m:${m.mediator.id}`), ...partyIds.map((id) => `p:${keyOf.get(id)}`)]
      const slot = this.#sessions.book(row.handling_office_id, scheduleAt, keys, rng.chance(0.6))
      if (!slot) return
      const hearing: Row<'hearings'> = {
        id: seededUuidv7(scheduleAt, rng),
        case_id: row.id,
        office_id: slot.room?.officeId ?? row.handling_office_id,
        kind: 'mediation',
        starts_at: slot.startsAt,
        ends_at: slot.endsAt,
        place_kind: slot.room ? 'room' : 'onsite',
        room_id: slot.room?.id ?? null,
        address: slot.room ? null : c.address,
        video_link: null,
        purpose: n === 1 ? rng.pick(T.SESSION_PURPOSES) : '继续调解',
        bring: BRING,
        status: 'scheduled',
        status_reason: null,
        record_id: null,
        held_note: null,
        ...tracked(scheduleAt)
      }
      out.hearings.push(hearing)
      const roles = people.map((m) => ({ mediator_id: m.mediator.id, role: m.row.role }))
      for (const p of [...roles.filter((r) => r.role !== 'expert'), ...roles.filter((r) => r.role === 'expert')]) {
        out.hearingMediators.push({
          id: seededUuidv7(scheduleAt, rng),
          hearing_id: hearing.id,
          ...p,
          starts_at: hearing.starts_at,
          ...tracked(scheduleAt)
        })
      }
      for (const partyId of partyIds) {
        out.hearingParties.push({
          id: seededUuidv7(scheduleAt, rng),
          hearing_id: hearing.id,
          party_id: partyId,
          party_key: keyOf.get(partyId)!,
          notified_at: null,
          notified_how: null,
          notified_note: null,
          starts_at: hearing.starts_at,
          ...tracked(scheduleAt)
        })
      }
      c.event(scheduleAt, 'hearing_scheduled', {
        detail: {
          hearingId: hearing.id,
          kindLabel: HEARING_KIND_LABELS.mediation,
          when: when(hearing),
          place: slot.room?.name ?? hearing.address,
          mediators: people.filter((m) => m.row.role !== 'expert').map((m) => m.mediator.record.name),
          warnings: []
        }
      })
      // Held: the record first (records.add), then the session marked held with it (hearings.markHeld).
      const recordAt = slot.end + rng.between(5, 90) * MINUTE
      if (recordAt > this.#end) return
      if (row.status === 'accepted')
        move(recordAt, 'in_mediation', 'mediation_started', { detail: { byFirstRecord: true } })
      const result: MediationResult = n < sessionCount ? 'continued' : outcome === 'withdrawn' ? 'continued' : outcome
      const names = people.map((m) => m.mediator.record.name)
      const record: Row<'case_records'> = {
        ...authored(recordAt),
        kind: 'mediation',
        hearing_id: hearing.id,
        held_at: hearing.starts_at.replace('T', ' '),
        place: placeText(hearing.place_kind, slot.room?.name ?? null, hearing.address, null),
        recorder: names.at(-1)!,
        investigator: null,
        person_questioned: null,
        content: null,
        subject: `${principals[0].party.name}与${principals.at(-1)!.party.name}纠纷的调解`,
        participants: names.join('、'),
        parties_present: principals.map((l) => l.party.name).join('、'),
        rights_explained: 1,
        statements: JSON.stringify(
          principals.map((l) => ({
            party: l.party.name,
            statement: rng.pick(T.STATEMENTS[l.role === 'applicant' ? 'applicant' : 'respondent'])
          }))
        ),
        evidence_checked: rng.pick(T.EVIDENCE_NOTES),
        risk_warnings: rng.pick(T.RISK_WARNINGS),
        result,
        result_note: rng.pick(T.RESULT_NOTES[result]),
        ...tracked(recordAt)
      }
      out.records.push(record)
      c.event(recordAt + 1, 'record_added', {
        detail: {
          recordId: record.id,
          kind: 'mediation',
          label: RECORD_KIND_LABELS.mediation,
          heldAt: record.held_at
        }
      })
      const heldAt = recordAt + rng.between(1, 30) * MINUTE
      if (heldAt > this.#end) return
      const heldNote = rng.pick(T.HELD_NOTES)
      Object.assign(hearing, {
        status: 'held',
        record_id: record.id,
        held_note: heldNote,
        updated_at: iso(heldAt),
        version: 2
      })
      c.event(heldAt, 'hearing_held', {
        reason: null,
        detail: {
          hearingId: hearing.id,
          kindLabel: HEARING_KIND_LABELS.mediation,
          when: when(hearing),
          held_note: heldNote,
          record_id: record.id
        }
      })
      now = heldAt
      lastSessionEnd = heldAt
      if (n < sessionCount)
        this.#assignments.maybeRecuse(row, team, heldAt + rng.between(1, 48) * HOUR, c.event, out.assignments)
      now = Math.max(now, ...team.members.map((m) => Date.parse(m.row.updated_at)))
    }

    // The outcome.
    const outcomeAt =
      outcome === 'agreement'
        ? lastSessionEnd + rng.between(5, 60) * MINUTE
        : lastSessionEnd + rng.between(1, outcome === 'failed' ? 5 : 12) * DAY
    if (outcomeAt > this.#end) return
    const today = chinaDay(outcomeAt)
    facts.mediationEndedOn = today
    let outcomeStatus: CaseStatus = outcome
    if (outcome === 'failed') {
      const routes = [...rng.pick(T.FAILURE_ROUTES)]
      const reason = rng.pick(T.FAILURE_REASONS)
      move(outcomeAt, 'failed', 'mediation_failed', {
        reason,
        detail: { routes, routeLabels: routes.map((r) => TERMINATION_ROUTE_LABELS[r]), notifiedOn: today }
      })
      out.terminations.push({
        ...authored(outcomeAt + 1),
        kind: 'failed',
        reason,
        routes: JSON.stringify(routes),
        withdrawn_by: null,
        ended_on: today,
        ...tracked(outcomeAt + 1)
      })
    } else if (outcome === 'withdrawn') {
      const reason = rng.pick(T.WITHDRAWAL_REASONS)
      const by = c.links[0].party.name
      move(outcomeAt, 'withdrawn', 'withdrawn', { reason, detail: { withdrawnBy: by } })
      out.terminations.push({
        ...authored(outcomeAt + 1),
        kind: 'withdrawn',
        reason,
        routes: '[]',
        withdrawn_by: by,
        ended_on: today,
        ...tracked(outcomeAt + 1)
      })
    }
    const agreement =
      outcome === 'agreement' ? this.#agreements.agreement(c, outcomeAt, lead().mediator.record.name, move) : null
    made.agreement = agreement?.row ?? null
    made.terms = agreement?.terms ?? []

    // Terms performed on the spot, or a follow-up visit; judicial confirmation for some; closing; the archive.
    const followAt = agreement && rng.chance(0.7) ? outcomeAt + rng.between(3, 20) * DAY : null
    const closeAt = (followAt ?? outcomeAt) + rng.between(outcome === 'agreement' ? 5 : 1, 40) * DAY
    const archiveAt = closeAt + rng.between(30, 300) * DAY
    if (agreement) {
      const terms = agreement.terms
      if (!followAt) {
        let at = outcomeAt + rng.between(10, 120) * MINUTE
        if (at + terms.length <= this.#end)
          for (const term of terms) this.#agreements.perform(c, term, (at += 1), chinaDay(at))
      } else if (followAt <= this.#end) {
        this.#agreements.followUp(c, agreement.row, terms, followAt, lead().mediator.record.name, facts, move)
        if (row.status === 'follow_up') outcomeStatus = 'follow_up'
      }
      if (agreement.row.seeks_confirmation === 1)
        this.#agreements.confirm(c, agreement.row, outcomeAt, Math.min(archiveAt, this.#end), facts)
    }
    if (closeAt > this.#end) return
    if (outcomeStatus === 'agreement' && !made.terms.every((t) => t.performed_on)) return
    const report: Row<'closing_reports'> = {
      ...authored(closeAt),
      closed_on: chinaDay(closeAt),
      outcome: outcomeStatus,
      result: rng.pick(T.CLOSING_RESULTS[outcomeStatus as keyof typeof T.CLOSING_RESULTS]),
      mediator_name: lead().mediator.record.name,
      note: null,
      ...tracked(closeAt)
    }
    out.closingReports.push(report)
    facts.closedOn = report.closed_on
    move(closeAt + 1, 'closed', 'closed', {
      detail: { reportId: report.id, outcome: CASE_STATUS_LABELS[outcomeStatus], closedOn: report.closed_on }
    })
    if (archiveAt > this.#end) return
    const retention = rng.chance(0.7) ? 'short' : rng.chance(0.85) ? 'long' : 'permanent'
    const archive: Row<'case_archives'> = {
      ...authored(archiveAt),
      archived_on: chinaDay(archiveAt),
      retention,
      filed_by: lead().mediator.record.name,
      note: null,
      ...tracked(archiveAt)
    }
    out.archives.push(archive)
    move(archiveAt + 1, 'archived', 'archived', {
      detail: { retention: RETENTION_LABELS[retention], filedBy: archive.filed_by, archivedOn: archive.archived_on }
    })
  }
}
