/* The timeline line of each lifecycle event, from the detail its service wrote. */
import type { CaseEvent } from '../../../../shared/domain/case'
import { AMENDABLE_FIELD_LABELS } from '../../../../shared/domain/lifecycle'

const fieldLabel = (key: string) => AMENDABLE_FIELD_LABELS[key as keyof typeof AMENDABLE_FIELD_LABELS] ?? key

export function lifecycleEventText(event: CaseEvent): string | null {
  const d = event.detail
  switch (event.kind) {
    case 'mediation_started':
      return d.byFirstRecord ? '制作第一份调解记录，开始调解' : ''
    case 'record_added':
      return `${String(d.label)}（${String(d.heldAt)}）`
    case 'referral_set':
      return `${String(d.label)}${d.court ? `：${String(d.court)}` : ''}`
    case 'mediation_extended':
      return `调解期限由 ${String(d.previousDueOn)} 延长至 ${String(d.newDueOn)}；当事人同意：${event.reason ?? ''}`
    case 'agreement_reached':
      return `${String(d.label)}，金额 ${String(d.amount)} 元，共 ${String(d.terms)} 项，${String(d.effectiveOn)} 生效`
    case 'term_performed':
      return `第 ${String(d.number)} 项于 ${String(d.performedOn)} 履行${event.reason ? `：${event.reason}` : ''}`
    case 'mediation_failed':
      return `${event.reason ?? ''}；已告知：${(d.routeLabels as string[]).join('、')}`
    case 'withdrawn':
      return `${String(d.withdrawnBy)} 撤回：${event.reason ?? ''}`
    case 'follow_up':
      return `${String(d.visitedOn)} ${String(d.method)}，${String(d.performance)}`
    case 'confirmation_applied':
      return `${String(d.appliedOn)} 向 ${String(d.court)} 共同申请司法确认`
    case 'confirmation_ruled':
      return d.ruling
        ? `${String(d.rulingLabel)}（${String(d.ruledOn)}，${String(d.rulingNumber)}）`
        : `${String(d.court)} 于 ${String(d.acceptedOn)} 受理`
    case 'closed':
      return `结案（${String(d.outcome)}）`
    case 'archived':
      return `保管期限${String(d.retention)}，立卷人 ${String(d.filedBy)}`
    case 'amended':
      return `更正理由：${event.reason ?? ''}${
        Object.keys(d.changes as object).length > 0
          ? `；更正了${Object.keys(d.changes as object)
              .map(fieldLabel)
              .join('、')}`
          : ''
      }${d.note ? `；${String(d.note)}` : ''}`
    case 'document_generated':
    case 'document_attached':
      return `${String(d.title)}（第 ${String(d.revision)} 版）`
    case 'case_file_exported':
      return `${String(d.format).toUpperCase()}，共 ${String(d.items)} 件`
    default:
      return null
  }
}
