/*
 * Who handles each generated case, as assignMediator and recuseMediator
 * would record it: a lead from the mediators serving the handling office
 * (mostly one with the dispute type as a specialty), sometimes an assistant,
 * an invited expert for technical disputes, and now and then a recusal
 * between sessions with a replacement lead, each with its timeline event.
 */
import { ASSIGNMENT_ROLE_LABELS } from '../../../shared/domain/mediator-input'
import type { AssignmentRow, CaseRow } from '../db/schema'
import { iso, MINUTE, type Rng, seededUuidv7 } from './seed-random'
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

/** A case's active mediators (lead first) and who may still be chosen. */
export interface CaseTeam {
  members: Array<{ mediator: GeneratedMediator; row: AssignmentRow }>
  taken: Set<string>
  pool: readonly GeneratedMediator[]
}

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

  /**
   * The lead (mostly one with the dispute type as a specialty), sometimes an
   * assistant and, for technical disputes, an invited expert, assigned at `at`.
   * Returns the case's team, lead first; empty when the office has nobody.
   */
  assign(row: CaseRow, officeCode: string, at: number, event: AddEvent, out: AssignmentRow[]): CaseTeam | null {
    const rng = this.#rng
    const pool = this.#leads.get(officeCode) ?? []
    if (at > this.#end || pool.length === 0) return null
    const team: CaseTeam = { members: [], taken: new Set(), pool }
    const fit = this.#fitting.get(`${officeCode}/${row.dispute_type}`)
    const lead = this.#choose(fit && rng.chance(0.8) ? fit : pool, team.taken) ?? pool[0]
    this.#add(row, team, lead, 'lead', at, rng.chance(0.03), event, out)
    if (rng.chance(0.3)) {
      const helper = this.#choose(pool, team.taken)
      if (helper) this.#add(row, team, helper, 'assistant', at + MINUTE, false, event, out)
    }
    const experts = EXPERT_TYPES.has(row.dispute_type) ? this.#experts.get(row.dispute_type) : undefined
    if (experts && rng.chance(0.15)) {
      const expert = this.#choose(experts, team.taken)
      if (expert) this.#add(row, team, expert, 'expert', at + 2 * MINUTE, false, event, out)
    }
    return team
  }

  /** Now and then (0.5 %) the lead recuses at `at` and a replacement takes over, both on the timeline. */
  maybeRecuse(row: CaseRow, team: CaseTeam, at: number, event: AddEvent, out: AssignmentRow[]): void {
    const rng = this.#rng
    if (!rng.chance(0.005) || at > this.#end) return
    const replacement = this.#choose(team.pool, team.taken)
    if (!replacement) return
    const leadIndex = team.members.findIndex((m) => m.row.role === 'lead')
    const { mediator: lead, row: leadRow } = team.members[leadIndex]
    const reason = rng.pick(RECUSAL_REASONS)
    const ended = iso(at)
    Object.assign(leadRow, { status: 'recused', ended_reason: reason, ended_at: ended, updated_at: ended, version: 2 })
    const detail = {
      mediatorId: lead.id,
      mediatorName: lead.record.name,
      role: 'lead',
      roleLabel: ASSIGNMENT_ROLE_LABELS.lead
    }
    event(at, 'mediator_recused', { reason, detail })
    team.members.splice(leadIndex, 1)
    this.#add(row, team, replacement, 'lead', at, false, event, out)
    // The active lead stays first, as leadMediatorName and the hearing form put it.
    team.members.unshift(team.members.pop()!)
  }

  #add(
    row: CaseRow,
    team: CaseTeam,
    m: GeneratedMediator,
    role: Role,
    when: number,
    chosen: boolean,
    event: AddEvent,
    out: AssignmentRow[]
  ): void {
    const stamp = iso(when)
    const assignment: AssignmentRow = {
      id: seededUuidv7(when, this.#rng),
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
    team.members.push({ mediator: m, row: assignment })
    team.taken.add(m.id)
    const detail = {
      mediatorId: m.id,
      mediatorName: m.record.name,
      role,
      roleLabel: ASSIGNMENT_ROLE_LABELS[role],
      chosenByParties: chosen,
      conflicts: []
    }
    event(when, 'mediator_assigned', { detail })
  }
}
