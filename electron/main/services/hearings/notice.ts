/* The data of a notice of session (调解通知书); the documents capability renders it. */
import {
  HEARING_KIND_LABELS,
  HEARING_ROLE_LABELS,
  NOTIFY_METHOD_LABELS,
  type HearingNotice
} from '../../../../shared/domain/hearing'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { isoWeekday } from '../../../../shared/rules/working-days'
import type { AppContext } from '../../context'
import { loadHearing } from './hearing-store'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** '2026年12月3日（星期四）09:00至11:00', as a notice prints it. */
export function noticeTimeText(startsAt: string, endsAt: string): string {
  const date = startsAt.slice(0, 10)
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日（星期${WEEKDAYS[isoWeekday(date) - 1]}）${startsAt.slice(11)}至${endsAt.slice(11)}`
}

export async function hearingNotice(ctx: AppContext, input: ParsedInput<'hearings.notice'>): Promise<HearingNotice> {
  const h = await loadHearing(ctx.db, input.id)
  const parties = h.parties.map((p) => ({
    partyId: p.partyId,
    name: p.name,
    roleLabel: p.roleLabel,
    address: p.address,
    notified: p.notifiedAt !== null,
    notifiedAt: p.notifiedAt,
    notifiedHowLabel: p.notifiedHow ? NOTIFY_METHOD_LABELS[p.notifiedHow] : null
  }))
  return {
    hearingId: h.id,
    caseNumber: h.caseNumber,
    officeName: h.officeName,
    kindLabel: HEARING_KIND_LABELS[h.kind],
    timeText: noticeTimeText(h.startsAt, h.endsAt),
    startsAt: h.startsAt,
    endsAt: h.endsAt,
    placeText: h.placeKind === 'room' ? `${h.officeName}${h.placeText}` : h.placeText,
    purpose: h.purpose,
    mediators: h.mediators.map((m) => ({ name: m.name, roleLabel: HEARING_ROLE_LABELS[m.role] })),
    parties,
    bring: h.bring,
    pendingNotification: h.status === 'scheduled' ? parties.filter((p) => !p.notified).map((p) => p.name) : []
  }
}
