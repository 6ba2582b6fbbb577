/*
 * Who handles each generated case, as assignMediator and recuseMediator
 * would record it: a lead from the mediators serving the handling office
 * (mostly one with the dispute type as a specialty), sometimes an assistant,
 * an invited expert for technical disputes, and now and then a recusal
 * during mediation with a replacement lead, each with its timeline event.
 */
import { ASSIGNMENT_ROLE_LABELS } from '../../../shared/domain/mediator-input'
import type { AssignmentRow, CaseRow } from '../db/schema'
import { HOUR, iso, MINUTE, type Rng, seededUuidv7 } from './seed-random'
import type { GeneratedMediator } from './seed-roster'

export interface EventFields {
  from_status?: string
  to_status?: string
  reason?: string | null
  detail: object
}

/** Adds one case event (the generator fills in ids, actor and timestamps). */
export type AddEvent = (at: number, kind: string, fields: EventFields) => void

const EXPERT_TYPES = new Set(['medical', 'traffic', 'housing_homestead', 'environment', 'ip', 'land_requisition'])
const RECUSAL_REASONS = ['与一方当事人系亲属关系', '曾为一方当事人提供法律服务', '当事人申请回避']
type Role = AssignmentRow['role']

export class AssignmentMaker {
  readonly #rng: Rng
  readonly #end: number
  /** Active full-time and part-time mediators by the office codes they serve. */
  readonly #leads = new Map<string, GeneratedMediator[]>()
  readonly #fitting = new Map<string, GeneratedMediator[]>()
  readonly #experts = new Map<string, GeneratedMediator[]>()

  constructor(rng: Rng, roster: readonly GeneratedMediator[], end: number) {
    this.#rng = rng
    this.#end = end
    for (const m of roster.filter((m) => m.record.status === 'active')) {
      if (m.record.kind === 'expert') {
        for (const type of m.record.specialties) this.#experts.set(type, [...(this.#experts.get(type) ?? []), m])
        continue
      }
      for (const code of m.record.officeCodes) {
        this.#leads.set(code, [...(this.#leads.get(code) ?? []), m])
        for (const type of m.record.specialties) {
          const key = `${code}/${type}`
          this.#fitting.set(key, [...(this.#fitting.get(key) ?? []), m])
        }
      }
    }
  }

  #choose(list: readonly GeneratedMediator[], taken: Set<string>): GeneratedMediator | null {
    for (let tries = 0; tries < 8; tries++) {
      const m = this.#rng.pick(list)
      if (!taken.has(m.id)) return m
    }
    return null
  }

  assign(
    row: CaseRow,
    officeCode: string,
    at: number,
    mediationAt: number,
    outcomeAt: number,
    event: AddEvent,
    out: AssignmentRow[]
  ): void {
    const rng = this.#rng
    const pool = this.#leads.get(officeCode) ?? []
    if (at > this.#end || pool.length === 0) return
    const add = (m: GeneratedMediator, role: Role, when: number, chosen: boolean): AssignmentRow => {
      const stamp = iso(when)
      const assignment: AssignmentRow = {
        id: seededUuidv7(when, rng),
        case_id: row.id,
        mediator_id: m.id,
        role,
        chosen_by_parties: chosen ? 1 : 0,
        status: 'active',
        override_reason: null,
        ended_reason: null,
        assigned_at: stamp,
        ended_at: null,
        created_at: stamp,
        updated_at: stamp,
        version: 1
      }
      out.push(assignment)
      const roleLabel = ASSIGNMENT_ROLE_LABELS[role]
      const detail = {
        mediatorId: m.id,
        mediatorName: m.record.name,
        role,
        roleLabel,
        chosenByParties: chosen,
        conflicts: []
      }
      event(when, 'mediator_assigned', { detail })
      return assignment
    }

    const taken = new Set<string>()
    const fit = this.#fitting.get(`${officeCode}/${row.dispute_type}`)
    const lead = this.#choose(fit && rng.chance(0.8) ? fit : pool, taken) ?? pool[0]
    taken.add(lead.id)
    const leadRow = add(lead, 'lead', at, rng.chance(0.03))
    if (rng.chance(0.3)) {
      const helper = this.#choose(pool, taken)
      if (helper) taken.add(add(helper, 'assistant', at + MINUTE, false).mediator_id)
    }
    const experts = EXPERT_TYPES.has(row.dispute_type) ? this.#experts.get(row.dispute_type) : undefined
    if (experts && rng.chance(0.15)) {
      const expert = this.#choose(experts, taken)
      if (expert) taken.add(add(expert, 'expert', at + 2 * MINUTE, false).mediator_id)
    }

    // A recusal during mediation: the lead steps down and a replacement takes over (both on the timeline).
    const recuseAt = mediationAt + rng.between(1, 48) * HOUR
    if (!rng.chance(0.005) || recuseAt > this.#end || recuseAt >= outcomeAt) return
    const replacement = this.#choose(pool, taken)
    if (!replacement) return
    const reason = rng.pick(RECUSAL_REASONS)
    const ended = iso(recuseAt)
    Object.assign(leadRow, { status: 'recused', ended_reason: reason, ended_at: ended, updated_at: ended, version: 2 })
    const detail = {
      mediatorId: lead.id,
      mediatorName: lead.record.name,
      role: 'lead',
      roleLabel: ASSIGNMENT_ROLE_LABELS.lead
    }
    event(recuseAt, 'mediator_recused', { reason, detail })
    add(replacement, 'lead', recuseAt, false)
  }
}
