/*
 * The agreement and what follows it in a generated case, as the services
 * write it: agreements.create (the move to 达成协议 first, then the
 * agreement with the parties copied in and its terms), terms marked
 * performed (markTermsPerformed), the follow-up visit (followUps.add, whose
 * first visit moves the case to 回访中), and judicial confirmation
 * (confirmations.apply, then recordRuling). Each step's event carries the
 * detail JSON its service writes.
 */
import type { CaseStatus } from '../../../shared/domain/case'
import {
  AGREEMENT_KIND_LABELS,
  FOLLOW_UP_METHOD_LABELS,
  PERFORMANCE_LABELS,
  RULING_LABELS
} from '../../../shared/domain/lifecycle'
import type { CaseDeadlineFacts } from '../../../shared/rules/deadlines'
import { formatCents } from '../../../shared/rules/money'
import { agreementParty } from '../services/lifecycle/agreements'
import type { AddEvent } from './seed-assignments'
import type { AcceptedCase, Row } from './seed-lifecycle'
import { addDays, chinaDay, DAY, iso, type Rng, seededUuidv7 } from './seed-random'
import * as T from './seed-lifecycle-text'

/** moveCase of seed-lifecycle.ts: status, version and event in one step. */
export type Move = (at: number, to: CaseStatus, kind: Parameters<AddEvent>[1], event?: object) => void

export class AgreementSteps {
  readonly #rng: Rng
  readonly #actor: { id: string; displayName: string }

  constructor(rng: Rng, actor: { id: string; displayName: string }) {
    this.#rng = rng
    this.#actor = actor
  }

  /** agreements.create: the status moves first (agreement_reached), then the agreement and its terms. */
  agreement(
    c: AcceptedCase,
    at: number,
    mediatorName: string,
    move: (at: number, to: CaseStatus, kind: Parameters<AddEvent>[1], event?: object) => void
  ): { row: Row<'agreements'>; terms: Array<Row<'agreement_terms'>> } {
    const rng = this.#rng
    const { row, out } = c
    const principals = c.links.filter((l) => l.role !== 'agent')
    const written = rng.chance(0.85)
    const effectiveOn = chinaDay(at)
    const deadline = addDays(effectiveOn, rng.between(7, 90))
    const amount = row.amount_cents
      ? Math.max(100_00, Math.round((row.amount_cents * rng.between(50, 100)) / 100 / 100_00) * 100_00)
      : 0
    const count = amount >= 3000_00 ? rng.between(1, 3) : 1
    const applicant = principals.find((l) => l.role === 'applicant')?.party.name ?? principals[0].party.name
    const respondent = principals.find((l) => l.role === 'respondent')?.party.name ?? principals.at(-1)!.party.name
    const terms: Array<{ content: string; amountCents: number | null; dueOn: string }> = []
    let left = amount
    for (let i = 0; i < count; i++) {
      const dueOn =
        i === count - 1
          ? deadline
          : addDays(effectiveOn, Math.floor(((i + 1) * dayDiff(effectiveOn, deadline)) / count))
      if (amount === 0) {
        terms.push({ content: rng.pick(T.NON_MONEY_TERMS), amountCents: null, dueOn })
        continue
      }
      const part = i === count - 1 ? left : Math.round(amount / count / 100_00) * 100_00
      left -= part
      terms.push({
        content: `${respondent}于${dueOn}前向${applicant}支付人民币${formatCents(part)}元`,
        amountCents: part,
        dueOn
      })
    }
    const seeks = written && rng.chance(0.12)
    move(at, 'agreement', 'agreement_reached', {
      detail: {
        kind: written ? 'written' : 'oral',
        label: AGREEMENT_KIND_LABELS[written ? 'written' : 'oral'],
        amount: formatCents(amount),
        effectiveOn,
        terms: terms.length
      }
    })
    const agreement: Row<'agreements'> = {
      id: seededUuidv7(at + 1, rng),
      case_id: row.id,
      author_id: this.#actor.id,
      author_name: this.#actor.displayName,
      kind: written ? 'written' : 'oral',
      case_number: row.case_number ?? '',
      parties: JSON.stringify(c.links.map((l) => agreementParty({ ...l.party, role: l.role }))),
      facts: row.summary,
      disputed_points: rng.pick(T.DISPUTED_POINTS),
      responsibility: rng.pick(T.RESPONSIBILITIES),
      performance_manner: amount > 0 ? rng.pick(T.PERFORMANCE_MANNERS) : '按协议约定的方式履行',
      performance_deadline: deadline,
      amount_cents: amount,
      copies: written ? principals.length + 1 + rng.int(2) : null,
      signed_on: written ? effectiveOn : null,
      effective_on: effectiveOn,
      mediator_name: mediatorName,
      seeks_confirmation: seeks ? 1 : 0,
      created_at: iso(at + 1),
      updated_at: iso(at + 1),
      version: 1
    }
    out.agreements.push(agreement)
    const rows = terms.map((term, index) => ({
      id: seededUuidv7(at + 2 + index, rng),
      case_id: row.id,
      agreement_id: agreement.id,
      number: index + 1,
      content: term.content,
      amount_cents: term.amountCents,
      due_on: term.dueOn,
      performed_on: null,
      performed_note: null,
      created_at: iso(at + 1),
      updated_at: iso(at + 1),
      version: 1
    }))
    out.agreementTerms.push(...rows)
    return { row: agreement, terms: rows }
  }

  /** markTermsPerformed: the term's update and its term_performed event. */
  perform(c: AcceptedCase, term: Row<'agreement_terms'>, at: number, on: string): void {
    Object.assign(term, { performed_on: on, performed_note: null, updated_at: iso(at), version: 2 })
    c.event(at, 'term_performed', {
      reason: null,
      detail: { termId: term.id, number: term.number, content: term.content, performedOn: on }
    })
  }

  /** followUps.add: terms performed since, the move to 回访中 (follow_up event), then the visit's row. */
  followUp(
    c: AcceptedCase,
    agreement: Row<'agreements'>,
    terms: Array<Row<'agreement_terms'>>,
    at: number,
    visitor: string,
    facts: CaseDeadlineFacts,
    move: (at: number, to: CaseStatus, kind: Parameters<AddEvent>[1], event?: object) => void
  ): void {
    const rng = this.#rng
    const visitedOn = chinaDay(at)
    const roll = rng.float()
    const performance = roll < 0.8 ? 'full' : roll < 0.92 && terms.length > 1 ? 'partial' : 'none'
    const marked = performance === 'full' ? terms : performance === 'partial' ? terms.slice(0, 1) : []
    const performed: Array<{ termId: string; number: number; performedOn: string }> = []
    let stamp = at
    for (const term of marked) {
      const on = addDays(agreement.effective_on, rng.int(dayDiff(agreement.effective_on, visitedOn) + 1))
      this.perform(c, term, (stamp += 1), on)
      performed.push({ termId: term.id, number: term.number, performedOn: on })
    }
    const method = rng.chance(0.7) ? 'phone' : rng.chance(0.85) ? 'visit' : 'video'
    move((stamp += 1), 'follow_up', 'follow_up', {
      detail: { visitedOn, method: FOLLOW_UP_METHOD_LABELS[method], performance: PERFORMANCE_LABELS[performance] }
    })
    const partial = marked.reduce((sum, t) => sum + (t.amount_cents ?? 0), 0)
    c.out.followUps.push({
      id: seededUuidv7((stamp += 1), rng),
      case_id: c.row.id,
      author_id: this.#actor.id,
      author_name: this.#actor.displayName,
      agreement_id: agreement.id,
      visited_on: visitedOn,
      method,
      visited_party: c.links[0].party.name,
      performance,
      performed_amount_cents: performance === 'full' ? agreement.amount_cents : performance === 'none' ? 0 : partial,
      satisfaction: performance === 'none' ? 'dissatisfied' : rng.chance(0.8) ? 'satisfied' : 'basically',
      escalation_signs: null,
      measures: null,
      court_outcome: null,
      visitor_name: visitor,
      terms_performed: JSON.stringify(performed),
      ...{ created_at: iso(stamp), updated_at: iso(stamp), version: 1 }
    })
    facts.firstFollowUpOn = visitedOn
  }

  /** confirmations.apply within the window, then the court's ruling (confirmations.recordRuling) if it came in time. */
  confirm(
    c: AcceptedCase,
    agreement: Row<'agreements'>,
    after: number,
    before: number,
    facts: CaseDeadlineFacts
  ): void {
    const rng = this.#rng
    const appliedAt = after + rng.between(1, 15) * DAY
    if (appliedAt > before) return
    const appliedOn = chinaDay(appliedAt)
    const row: Row<'judicial_confirmations'> = {
      id: seededUuidv7(appliedAt, rng),
      case_id: c.row.id,
      author_id: this.#actor.id,
      author_name: this.#actor.displayName,
      agreement_id: agreement.id,
      applied_on: appliedOn,
      court: T.COURT,
      jointly: 1,
      accepted_on: null,
      ruling: null,
      ruled_on: null,
      ruling_number: null,
      note: null,
      created_at: iso(appliedAt),
      updated_at: iso(appliedAt),
      version: 1
    }
    c.out.confirmations.push(row)
    facts.confirmationAppliedOn = appliedOn
    c.event(appliedAt + 1, 'confirmation_applied', {
      detail: { confirmationId: row.id, court: T.COURT, appliedOn }
    })
    const ruledAt = appliedAt + rng.between(5, 20) * DAY
    if (ruledAt > before) return
    const acceptedOn = addDays(appliedOn, rng.int(4))
    const ruledOn = chinaDay(ruledAt)
    const ruling = rng.chance(0.97) ? 'confirmed' : 'rejected'
    const number = `（${ruledOn.slice(0, 4)}）${T.COURT_CODE}民特${rng.between(100, 9999)}号`
    Object.assign(row, {
      accepted_on: acceptedOn,
      ruling,
      ruled_on: ruledOn,
      ruling_number: number,
      updated_at: iso(ruledAt),
      version: 2
    })
    c.event(ruledAt, 'confirmation_ruled', {
      detail: {
        confirmationId: row.id,
        court: row.court,
        acceptedOn,
        ruling,
        rulingLabel: RULING_LABELS[ruling],
        ruledOn,
        rulingNumber: number
      }
    })
  }
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)
}
