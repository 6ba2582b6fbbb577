/*
 * Guards the mediator suggestion of a case: who may not take it at all
 * (suspended or retired, a declared conflict with a party, on leave on a
 * hearing day) and, among the rest, who fits best, with every point of the
 * score explained in words the clerk can check against the roster. Pure: the
 * caller loads the roster, counts open cases and runs findConflicts.
 */
import disputeTypesFile from '../../../resources/reference/dispute-types.json' with { type: 'json' }
import {
  MEDIATOR_KIND_LABELS,
  MEDIATOR_STATUS_LABELS,
  type Leave,
  type MediatorKind,
  type MediatorRecord
} from '../../../shared/domain/mediator'
import { chinaDate } from '../../../shared/rules/china-time'
import type { ConflictMatch } from './conflict-matching'

export interface RankingCase {
  disputeType: string
  handlingOfficeCode: string
  handlingOfficeKind: string
  isCommercial: boolean
  /** 'YYYY-MM-DD' */
  hearingDates: string[]
}

export interface RankingCandidate {
  id: string
  record: MediatorRecord
  openCases: number
  /** From findConflicts, already computed by the caller. */
  conflicts: ConflictMatch[]
}

export interface RankedMediator {
  id: string
  name: string
  score: number
  eligible: boolean
  /** zh-CN, what earned (or cost) the score. */
  reasons: string[]
  /** zh-CN, why the mediator may not take the case; empty when eligible. */
  blockers: string[]
}

/*
 * Each component outweighs all those below it together, so the score reads
 * as a list of priorities: a lawyer for a commercial case at the chamber
 * centre, then specialty, then serving the office, then full-time before
 * part-time before expert, then the lighter workload. A full mediator drops
 * below everyone who still has room, whatever else speaks for them.
 */
const WEIGHTS = {
  lawyerForCommercial: 160,
  specialty: 80,
  office: 40,
  /** Earned in full with no open cases, in proportion to the room left. */
  workload: 10,
  atCapacity: -1000
}
const KIND_WEIGHTS: Record<MediatorKind, number> = { full_time: 20, part_time: 10, expert: 0 }

const DISPUTE_TYPE_LABELS = new Map(disputeTypesFile.types.map((type) => [type.code, type.label]))

function disputeTypeLabel(code: string): string {
  // A sub-type an office added is shown by its code rather than not at all.
  return DISPUTE_TYPE_LABELS.get(code) ?? code
}

function formatLeave(leave: Leave): string {
  return leave.from === leave.to ? `休假：${leave.from}` : `休假：${leave.from} 至 ${leave.to}`
}

/** Leaves covering a hearing day. Both ends count: a leave to 12-05 still covers a hearing on 12-05. */
function leavesOnHearings(leaves: Leave[], hearingDates: string[]): Leave[] {
  // 'YYYY-MM-DD' strings order as the dates do; a leave typed backwards is still read as a span.
  return leaves.filter((leave) => {
    const [from, to] = leave.from <= leave.to ? [leave.from, leave.to] : [leave.to, leave.from]
    return hearingDates.some((date) => from <= date && date <= to)
  })
}

/**
 * A lawyer by profession, or by a lawyer's licence still valid on the day
 * that matters (validUntil is the last valid day; null never expires).
 */
function isLawyer(record: MediatorRecord, onDate: string): boolean {
  if (record.profession === 'lawyer') return true
  return record.credentials.some(
    (credential) =>
      credential.type === 'lawyer_licence' && (credential.validUntil === null || credential.validUntil >= onDate)
  )
}

function roundScore(score: number): number {
  // Two decimals keep 10 × (1 − 3/20) from printing as 8.499999….
  return Math.round(score * 100) / 100
}

interface Scored extends RankedMediator {
  openCases: number
}

function assess(theCase: RankingCase, candidate: RankingCandidate, referenceDate: string): Scored {
  const { record, openCases } = candidate
  const blockers: string[] = []
  const reasons: string[] = []
  let score = 0

  if (record.status !== 'active') blockers.push(`状态为${MEDIATOR_STATUS_LABELS[record.status]}`)
  for (const message of new Set(candidate.conflicts.map((conflict) => conflict.message))) blockers.push(message)
  for (const leave of leavesOnHearings(record.leaves, theCase.hearingDates)) blockers.push(formatLeave(leave))

  const commercialAtChamber = theCase.handlingOfficeKind === 'chamber_center' && theCase.isCommercial
  if (commercialAtChamber && isLawyer(record, referenceDate)) {
    score += WEIGHTS.lawyerForCommercial
    reasons.push('律师调解员，适合商事纠纷')
  }
  if (record.specialties.includes(theCase.disputeType)) {
    score += WEIGHTS.specialty
    reasons.push(`擅长该类纠纷（${disputeTypeLabel(theCase.disputeType)}）`)
  }
  if (record.officeCodes.includes(theCase.handlingOfficeCode)) {
    score += WEIGHTS.office
    reasons.push('服务本调解组织')
  }
  // At the chamber centre a commercial case wants a lawyer; whether they sit full- or part-time does not matter.
  if (!commercialAtChamber) {
    score += KIND_WEIGHTS[record.kind]
    reasons.push(MEDIATOR_KIND_LABELS[record.kind])
  }
  if (openCases >= record.capacity) {
    // Still listed: the office may decide to overload someone, but never by accident.
    score += WEIGHTS.atCapacity
    reasons.push(`在办案件 ${openCases} 件，已达上限 ${record.capacity} 件`)
  } else {
    score += WEIGHTS.workload * (1 - openCases / record.capacity)
    reasons.push(`在办 ${openCases} 件 / 上限 ${record.capacity} 件`)
  }

  return {
    id: candidate.id,
    name: record.name,
    score: roundScore(score),
    eligible: blockers.length === 0,
    reasons,
    blockers,
    openCases
  }
}

function byRank(a: Scored, b: Scored): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1
  if (a.score !== b.score) return b.score - a.score
  if (a.openCases !== b.openCases) return a.openCases - b.openCases
  const byName = a.name.localeCompare(b.name, 'zh-CN')
  if (byName !== 0) return byName
  // Namesakes happen; the id keeps the order the same on every run.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Every candidate, eligible ones first, then by score, then fewer open
 * cases, then name in zh-CN order. Ineligible mediators stay in the list
 * with their blockers so the clerk sees why someone expected is missing.
 *
 * `today` ('YYYY-MM-DD', China time) is when a lawyer's licence is checked if
 * no hearing is set; the service passes its clock's date, tests a fixed one.
 */
export function rankMediators(
  theCase: RankingCase,
  candidates: RankingCandidate[],
  today: string = chinaDate(new Date())
): RankedMediator[] {
  const firstHearing = [...theCase.hearingDates].sort()[0]
  const referenceDate = firstHearing ?? today
  return candidates
    .map((candidate) => assess(theCase, candidate, referenceDate))
    .sort(byRank)
    .map(({ id, name, score, eligible, reasons, blockers }) => ({ id, name, score, eligible, reasons, blockers }))
}
