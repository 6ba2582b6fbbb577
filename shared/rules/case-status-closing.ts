/*
 * When a case may be closed (结案): its outcome exists, and an agreement
 * not performed on the spot has had its follow-up visit (Art. 31). Used by
 * the case page to offer the button and by main for the final word.
 */
import { CASE_STATUS_LABELS, type CaseStatus } from '../domain/case'

export interface ClosingFacts {
  status: CaseStatus
  /** Every agreed term marked performed. */
  allTermsPerformed: boolean
  followUps: number
}

/** Null when the case may be closed now; otherwise why not, in words. */
export function closeBlocker(facts: ClosingFacts): string | null {
  switch (facts.status) {
    case 'failed':
    case 'withdrawn':
    case 'follow_up':
      return null
    case 'agreement':
      if (facts.allTermsPerformed || facts.followUps > 0) return null
      return '调解协议尚未全部履行，须先回访并记录履行情况后才能结案'
    default:
      return `案件当前为“${CASE_STATUS_LABELS[facts.status]}”，还不能结案`
  }
}

/** Closed and declined cases may be filed (归档). */
export function archiveBlocker(status: CaseStatus): string | null {
  return status === 'closed' || status === 'declined'
    ? null
    : `案件当前为“${CASE_STATUS_LABELS[status]}”，结案或不予受理后才能归档`
}
