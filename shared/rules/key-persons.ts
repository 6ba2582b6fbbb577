/*
 * The key-person register's rules, pure so they can be table-tested:
 * when the app suggests putting a person on the register (it never does it
 * alone), and when a registered person's next review falls due by level.
 */
import type { KeyPersonLevel } from '../domain/key-person'

/** Cases within this many months make a person a repeat disputant. */
export const SUGGEST_WINDOW_MONTHS = 12
/** This many cases within the window suggest registration. */
export const SUGGEST_MIN_CASES = 3

export interface ReviewIntervals {
  redDays: number
  yellowMonths: number
  greenMonths: number
}

/** Red weekly, yellow monthly, green quarterly, until the settings say otherwise. */
export const DEFAULT_REVIEW_INTERVALS: ReviewIntervals = { redDays: 7, yellowMonths: 1, greenMonths: 3 }

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  return [y, m, d]
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Add calendar months; a day past the end of the month becomes its last day (1-31 + 1 month → 2-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return format(year, month, Math.min(d, last))
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date)
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** The day the next visit or review is due, counted from the last one (or registration). */
export function nextReviewOn(from: string, level: KeyPersonLevel, intervals: ReviewIntervals): string {
  if (level === 'red') return addDays(from, intervals.redDays)
  return addMonths(from, level === 'yellow' ? intervals.yellowMonths : intervals.greenMonths)
}

export interface PersonCaseFact {
  caseId: string
  /** China date the case was registered. */
  registeredOn: string
  riskLevel: KeyPersonLevel
}

export interface SuggestionVerdict {
  casesInYear: number
  redCaseIds: string[]
  why: string
}

/**
 * Suggest registration when a person has at least three cases registered in
 * the last twelve months, or appears in a red-risk case; never for a person
 * already on the register (active), so a suggestion is never a duplicate.
 */
export function suggestRegistration(
  cases: readonly PersonCaseFact[],
  alreadyRegistered: boolean,
  today: string
): SuggestionVerdict | null {
  if (alreadyRegistered) return null
  const since = addMonths(today, -SUGGEST_WINDOW_MONTHS)
  const distinct = new Map(cases.map((c) => [c.caseId, c]))
  const inYear = [...distinct.values()].filter((c) => c.registeredOn > since && c.registeredOn <= today)
  const red = [...distinct.values()].filter((c) => c.riskLevel === 'red').map((c) => c.caseId)
  const reasons: string[] = []
  if (inYear.length >= SUGGEST_MIN_CASES) reasons.push(`近 ${SUGGEST_WINDOW_MONTHS} 个月涉及 ${inYear.length} 件纠纷`)
  if (red.length > 0) reasons.push(`涉及 ${red.length} 件红色风险案件`)
  if (reasons.length === 0) return null
  return { casesInYear: inYear.length, redCaseIds: red, why: reasons.join('；') }
}
