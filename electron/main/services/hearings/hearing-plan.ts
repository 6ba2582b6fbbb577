/*
 * From a draft to a checked plan: the case, the people, the room and the
 * parties looked up and validated, the sessions that could clash found
 * through the time, person and room indexes, and the pure clash rule run
 * over them. Used by hearings.check (which writes nothing) and, inside the
 * write transaction, by schedule and reschedule (the final word).
 */
import {
  BOOKED_STATUSES,
  HEARING_KIND_LABELS,
  type HearingCheck,
  type HearingKind
} from '../../../../shared/domain/hearing'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import {
  checkHearing,
  chinaWallClock,
  findFreeSlots,
  wallMinutes,
  type BookedSession,
  type CandidateSession,
  type ClashReport,
  type Leave,
  type OfficePeriod
} from '../../../../shared/rules/hearing-clash'
import { addCalendarDays } from '../../../../shared/rules/working-days'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import type { Trx } from '../write'
import { caseLabel } from './hearing-store'
import { officeHoursOf } from './rooms'
import { loadWorkingCalendar } from './working-calendar'

type Db = AppContext['db'] | Trx
type Draft = ParsedInput<'hearings.check'>

/** Cases a session can be held for: accepted and not yet finished. */
const SCHEDULABLE = new Set(['accepted', 'in_mediation'])
const FREE_SLOT_HORIZON_DAYS = 30

export interface HearingPlan {
  caseId: string
  officeId: string
  kind: HearingKind
  candidate: CandidateSession
  /** Party id → identity key, for hearing_parties.party_key. */
  partyKeys: Map<string, string>
  report: ClashReport
  hours: OfficePeriod[]
}

/** The person behind a party record: one person in two cases is one person. */
export function partyKey(p: { id: string; id_number: string | null; credit_code: string | null }): string {
  if (p.id_number) return `id:${p.id_number}`
  if (p.credit_code) return `cc:${p.credit_code}`
  return `p:${p.id}`
}

export async function planHearing(db: Db, draft: Draft): Promise<HearingPlan> {
  const theCase = await db
    .selectFrom('cases')
    .select(['id', 'status', 'handling_office_id'])
    .where('id', '=', draft.caseId)
    .executeTakeFirst()
  if (!theCase) throw invalidField('caseId', '案件不存在')
  if (!SCHEDULABLE.has(theCase.status)) throw new AppError('CONFLICT', '案件受理后、办结前才能安排调解会')

  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['parties.id', 'parties.name', 'parties.id_number', 'parties.credit_code'])
    .where('case_parties.case_id', '=', draft.caseId)
    .execute()
  const partyById = new Map(parties.map((p) => [p.id, p]))
  draft.partyIds.forEach((id, index) => {
    if (!partyById.has(id)) throw invalidField(`partyIds.${index}`, '不是本案当事人')
  })

  const personIds = [...(draft.leadMediatorId ? [draft.leadMediatorId] : []), ...draft.assistantIds, ...draft.expertIds]
  const people = personIds.length
    ? await db.selectFrom('mediators').select(['id', 'name', 'status']).where('id', 'in', personIds).execute()
    : []
  const personById = new Map(people.map((p) => [p.id, p]))
  const person = (id: string, field: string) => {
    const found = personById.get(id)
    if (!found) throw invalidField(field, '调解员不存在')
    if (found.status !== 'active') throw invalidField(field, `“${found.name}”不在册，不能参加调解会`)
    return { id, name: found.name }
  }
  const lead = draft.leadMediatorId ? [person(draft.leadMediatorId, 'leadMediatorId')] : []
  const assistants = draft.assistantIds.map((id, i) => person(id, `assistantIds.${i}`))
  const experts = draft.expertIds.map((id, i) => person(id, `expertIds.${i}`))

  const roomId = draft.placeKind === 'onsite' ? null : draft.roomId
  const room = roomId ? await db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst() : undefined
  if (roomId && !room) throw invalidField('roomId', '调解室不存在')
  if (room && room.active !== 1) {
    throw invalidField('roomId', `“${room.name}”已停用`)
  }

  const officeId = room?.office_id ?? theCase.handling_office_id
  const hours = (await officeHoursOf(db, officeId)).periods
  const partyKeys = new Map(draft.partyIds.map((id) => [id, partyKey(partyById.get(id)!)]))
  const candidate: CandidateSession = {
    id: draft.id,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    roomId: room?.id ?? null,
    roomName: room?.name ?? null,
    roomCapacity: room?.capacity ?? null,
    mediators: [...lead, ...assistants],
    experts,
    parties: draft.partyIds.map((id) => ({ id: partyKeys.get(id)!, name: partyById.get(id)!.name }))
  }
  const date = draft.startsAt.slice(0, 10)
  const others = await bookedSessions(db, candidate, date, addCalendarDays(date, 1))
  const leaves = await leavesOf(db, candidate, date, date)
  const calendar = await loadWorkingCalendar(db, [Number(date.slice(0, 4))])
  const report = checkHearing({ candidate, others, leaves, calendar, hours })
  return { caseId: theCase.id, officeId, kind: draft.kind, candidate, partyKeys, report, hours }
}

/** Sessions in [from, toExclusive) that share a person, a party or the room with the candidate. */
export async function bookedSessions(
  db: Db,
  candidate: CandidateSession,
  from: string,
  toExclusive: string
): Promise<BookedSession[]> {
  const personIds = [...candidate.mediators, ...candidate.experts].map((p) => p.id)
  const partyKeys = candidate.parties.map((p) => p.id)
  const rows = await db
    .selectFrom('hearings')
    .innerJoin('cases', 'cases.id', 'hearings.case_id')
    .leftJoin('rooms', 'rooms.id', 'hearings.room_id')
    .select([
      'hearings.id',
      'hearings.kind',
      'hearings.starts_at',
      'hearings.ends_at',
      'hearings.room_id',
      'rooms.name as room_name',
      'cases.case_number',
      'cases.seq'
    ])
    .where('hearings.starts_at', '>=', from)
    .where('hearings.starts_at', '<', toExclusive)
    .where('hearings.status', 'in', [...BOOKED_STATUSES])
    .$if(candidate.id !== undefined, (q) => q.where('hearings.id', '!=', candidate.id!))
    .where((eb) =>
      eb.or([
        ...(candidate.roomId ? [eb('hearings.room_id', '=', candidate.roomId)] : []),
        // Correlated EXISTS, not IN: the day's range on starts_at drives the search, and each session is
        // checked through the (hearing, person) indexes, however many sessions a busy mediator has in all.
        ...(personIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('hearing_mediators')
                  .select('hearing_mediators.id')
                  .whereRef('hearing_mediators.hearing_id', '=', 'hearings.id')
                  .where('hearing_mediators.mediator_id', 'in', personIds)
              )
            ]
          : []),
        ...(partyKeys.length
          ? [
              eb.exists(
                eb
                  .selectFrom('hearing_parties')
                  .select('hearing_parties.id')
                  .whereRef('hearing_parties.hearing_id', '=', 'hearings.id')
                  .where('hearing_parties.party_key', 'in', partyKeys)
              )
            ]
          : [])
      ])
    )
    .execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const people = await db
    .selectFrom('hearing_mediators')
    .innerJoin('mediators', 'mediators.id', 'hearing_mediators.mediator_id')
    .select(['hearing_mediators.hearing_id', 'mediators.id', 'mediators.name'])
    .where('hearing_mediators.hearing_id', 'in', ids)
    .execute()
  const parties = await db
    .selectFrom('hearing_parties')
    .innerJoin('parties', 'parties.id', 'hearing_parties.party_id')
    .select(['hearing_parties.hearing_id', 'hearing_parties.party_key', 'parties.name'])
    .where('hearing_parties.hearing_id', 'in', ids)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    label: `${caseLabel(r.case_number, r.seq)} 的${HEARING_KIND_LABELS[r.kind]}`,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    roomId: r.room_id,
    roomName: r.room_name,
    people: people.filter((p) => p.hearing_id === r.id).map((p) => ({ id: p.id, name: p.name })),
    parties: parties.filter((p) => p.hearing_id === r.id).map((p) => ({ id: p.party_key, name: p.name }))
  }))
}

async function leavesOf(db: Db, candidate: CandidateSession, from: string, to: string): Promise<Leave[]> {
  const ids = [...candidate.mediators, ...candidate.experts].map((p) => p.id)
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('mediator_leaves')
    .innerJoin('mediators', 'mediators.id', 'mediator_leaves.mediator_id')
    .select(['mediator_leaves.mediator_id', 'mediators.name', 'mediator_leaves.from_date', 'mediator_leaves.to_date'])
    .where('mediator_leaves.mediator_id', 'in', ids)
    .where('mediator_leaves.from_date', '<=', to)
    .where('mediator_leaves.to_date', '>=', from)
    .execute()
  return rows.map((r) => ({ mediatorId: r.mediator_id, name: r.name, from: r.from_date, to: r.to_date }))
}

/** The check answer: the plan's clashes, and free slots of the same length for the same people and room. */
export async function checkDraft(ctx: AppContext, draft: Draft): Promise<HearingCheck> {
  const plan = await planHearing(ctx.db, draft)
  const { candidate } = plan
  const fromDate = candidate.startsAt.slice(0, 10)
  const toDate = addCalendarDays(fromDate, FREE_SLOT_HORIZON_DAYS)
  const busy = await bookedSessions(ctx.db, candidate, fromDate, toDate)
  const leaves = await leavesOf(ctx.db, candidate, fromDate, toDate)
  const blockedDates = new Set<string>()
  for (const leave of leaves) {
    for (
      let d = leave.from < fromDate ? fromDate : leave.from;
      d <= leave.to && d <= toDate;
      d = addCalendarDays(d, 1)
    ) {
      blockedDates.add(d)
    }
  }
  const years = [...new Set([Number(fromDate.slice(0, 4)), Number(toDate.slice(0, 4))])]
  const freeSlots =
    plan.report.hard.length > 0 || plan.report.soft.length > 0
      ? findFreeSlots({
          durationMinutes: wallMinutes(candidate.endsAt) - wallMinutes(candidate.startsAt),
          fromDate,
          notBefore: chinaWallClock(ctx.clock.now()),
          busy,
          blockedDates,
          calendar: await loadWorkingCalendar(ctx.db, years),
          hours: plan.hours,
          horizonDays: FREE_SLOT_HORIZON_DAYS
        })
      : []
  return { hard: plan.report.hard, soft: plan.report.soft, freeSlots }
}

export async function checkHearingDraft(ctx: AppContext, input: ParsedInput<'hearings.check'>): Promise<HearingCheck> {
  if (input.id) {
    const found = await ctx.db.selectFrom('hearings').select('id').where('id', '=', input.id).executeTakeFirst()
    if (!found) throw notFound('调解会')
  }
  return checkDraft(ctx, input)
}
