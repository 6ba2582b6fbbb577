/*
 * The case status machine (DESIGN §5). Every transition is checked here, by
 * the form (to offer only what is allowed) and by main (the final word), and
 * the law's reasons are asked for where it asks for them.
 */
import type { CaseStatus } from '../domain/case'

/**
 * accepted → in_mediation happens on 开始调解 (cases.startMediation), or by
 * itself when the first mediation record is written (the record proves it has
 * begun); agreement → follow_up on the first follow-up visit. An archived case
 * has no way out: corrections are amendments (cases.amend), not transitions.
 */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  registered: ['accepted', 'declined'],
  accepted: ['in_mediation', 'withdrawn'],
  declined: ['archived'],
  in_mediation: ['agreement', 'failed', 'withdrawn'],
  agreement: ['follow_up', 'closed'],
  failed: ['closed'],
  withdrawn: ['closed'],
  follow_up: ['closed'],
  closed: ['archived'],
  archived: []
}

/**
 * Targets that need a stated reason: declining (the legal ground and where to
 * go instead), failure and termination (Art. 26), withdrawal by a party.
 */
export const REASON_REQUIRED: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['declined', 'failed', 'withdrawn'])

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return CASE_TRANSITIONS[from]
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to)
}

export type TransitionCheck = { ok: true } | { ok: false; message: string }

export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  reason: string | null | undefined,
  labels: Record<CaseStatus, string>
): TransitionCheck {
  if (!canTransition(from, to)) return { ok: false, message: `案件当前为“${labels[from]}”，不能改为“${labels[to]}”` }
  if (REASON_REQUIRED.has(to) && !reason?.trim()) return { ok: false, message: `改为“${labels[to]}”须写明原因` }
  return { ok: true }
}
