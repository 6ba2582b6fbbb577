/* Hearing data for tests: an accepted case, a room, mediators, and a schedule input a clerk could have typed. */
import type { CaseDetail } from '../../shared/domain/case'
import type { Room } from '../../shared/domain/room'
import type { RegisterCaseInput } from '../../shared/domain/case-input'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { saveRoomSchema } from '../../shared/domain/room'
import type { ScheduleHearingInput } from '../../shared/domain/hearing-input'
import type { RunningApp } from '../../electron/main/startup'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration, residentId } from './intake-fixtures'

/** A case registered and accepted at the Wutian sub-center (or `officeCode`). */
export async function acceptedCase(
  app: RunningApp,
  overrides: Partial<RegisterCaseInput> = {},
  officeCode = 'wutian'
): Promise<CaseDetail> {
  await chooseOffice(app, officeCode)
  const registered = await services['cases.register'](app.ctx, registerCaseSchema.parse(registration(overrides)))
  return services['cases.accept'](app.ctx, { caseId: registered.id })
}

/** A second dispute with other parties, so only the people we choose are shared. */
export function otherParties(seq: number): Partial<RegisterCaseInput> {
  return {
    summary: '双方因房屋租赁押金退还发生争议，协商未果。',
    parties: [
      {
        kind: 'person',
        role: 'applicant',
        name: '赵丽',
        idType: 'resident_id',
        idNumber: residentId('1985-06-01', 100 + seq)
      },
      {
        kind: 'person',
        role: 'respondent',
        name: '钱勇',
        idType: 'resident_id',
        idNumber: residentId('1980-01-15', 200 + seq)
      }
    ]
  }
}

export async function addRoom(
  app: RunningApp,
  overrides: Partial<{ name: string; capacity: number; officeCode: string; videoCapable: boolean }> = {}
): Promise<Room> {
  const office = await app.ctx.db
    .selectFrom('offices')
    .select('id')
    .where('code', '=', overrides.officeCode ?? 'wutian')
    .executeTakeFirstOrThrow()
  return services['rooms.save'](
    app.ctx,
    saveRoomSchema.parse({
      officeId: office.id,
      name: overrides.name ?? '第一调解室',
      capacity: overrides.capacity ?? 8,
      videoCapable: overrides.videoCapable ?? false
    })
  )
}

/** A session for every party of the case, in `roomId`, led by `leadMediatorId`. */
export function sessionInput(
  theCase: CaseDetail,
  leadMediatorId: string,
  roomId: string | null,
  overrides: Partial<ScheduleHearingInput> = {}
): ScheduleHearingInput {
  return {
    caseId: theCase.id,
    kind: 'mediation',
    startsAt: '2026-12-03T09:00',
    endsAt: '2026-12-03T11:00',
    placeKind: roomId ? 'room' : 'onsite',
    roomId,
    address: roomId ? null : '梧田街道老殿后村12号',
    leadMediatorId,
    partyIds: theCase.parties.map((p) => p.id),
    purpose: '就公共通道占用及排水沟堵塞进行调解',
    ...overrides
  }
}
