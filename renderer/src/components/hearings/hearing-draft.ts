/* A stored session as reschedule input: the same people, place and parties, at a new time. */
import type { Hearing } from '../../../../shared/domain/hearing'
import type { MethodInput } from '../../../../shared/ipc-contract'

export function rescheduleInput(
  h: Hearing,
  startsAt: string,
  endsAt: string,
  confirmWarnings = false
): MethodInput<'hearings.reschedule'> {
  return {
    id: h.id,
    kind: h.kind,
    startsAt,
    endsAt,
    placeKind: h.placeKind,
    roomId: h.roomId,
    address: h.address,
    videoLink: h.videoLink,
    leadMediatorId: h.mediators.find((m) => m.role === 'lead')!.mediatorId,
    assistantIds: h.mediators.filter((m) => m.role === 'assistant').map((m) => m.mediatorId),
    expertIds: h.mediators.filter((m) => m.role === 'expert').map((m) => m.mediatorId),
    partyIds: h.parties.map((p) => p.partyId),
    purpose: h.purpose,
    bring: h.bring,
    reason: '在排期日历中拖动改期',
    confirmWarnings
  }
}
