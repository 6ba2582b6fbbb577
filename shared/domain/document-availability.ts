/*
 * Which documents a case's state allows: a pure rule, used by main (the final
 * word when generating) and by the documents panel to grey out the rest.
 */
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind, type KindAvailability } from './document'
import type { CaseStatus } from './case'

/** What the rule needs to know about a case. */
export interface DocumentFacts {
  status: CaseStatus
  hasCaseNumber: boolean
  hearings: number
  investigationRecords: number
  mediationRecords: number
  agreementKind: 'written' | 'oral' | null
  followUps: number
  confirmations: number
  terminated: boolean
  closed: boolean
}

const NEEDS_NUMBER = '案件受理编号后才能制作'

function reasonFor(kind: DocumentKind, f: DocumentFacts): string | null {
  switch (kind) {
    case 'application':
    case 'acceptance_register':
      return null
    case 'decline_notice':
      return f.status === 'declined' ? null : '仅不予受理的案件可以制作'
    case 'acceptance_receipt':
    case 'rights_notice':
    case 'file_cover':
    case 'file_index':
    case 'back_cover':
      return f.hasCaseNumber ? null : NEEDS_NUMBER
    case 'session_notice':
      return f.hearings > 0 ? null : '尚未安排调解会'
    case 'investigation_record':
      return f.investigationRecords > 0 ? null : '尚无调查记录'
    case 'mediation_record':
      return f.mediationRecords > 0 ? null : '尚无调解记录'
    case 'agreement':
      return f.agreementKind === 'written' ? null : '尚未达成书面调解协议'
    case 'oral_agreement':
      return f.agreementKind === 'oral' ? null : '尚未达成口头协议'
    case 'follow_up_record':
      return f.followUps > 0 ? null : '尚无回访记录'
    case 'confirmation_application':
      return f.agreementKind ? null : '达成调解协议后才能申请司法确认'
    case 'termination_notice':
      return f.terminated ? null : '调解未终止'
    case 'closing_report':
      return f.closed ? null : '案件尚未结案'
  }
}

export function documentAvailability(facts: DocumentFacts): KindAvailability[] {
  return DOCUMENT_KINDS.map((kind) => {
    const reason = reasonFor(kind, facts)
    return { kind, label: DOCUMENT_KIND_LABELS[kind], available: reason === null, reason }
  })
}
