/*
 * From a draft to a checked plan: the case, the people, the room and the
 * parties looked up and validated, the sessions that could clash found
 * through the time, person and room indexes, and the pure clash rule run
 * over them. Used by hearings.check (which writes nothing) and, inside the
 * write transaction, by schedule and reschedule (the final word).
 */
import type { HearingCheck, HearingKind } from '../../../../shared/domain/hearing'
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
  type OfficePeriod,
  type Slot
} from '../../../../shared/rules/hearing-clash'
import { addCalendarDays } from '../../../../shared/rules/working-days'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import type { Trx } from '../write'
import { busySlots, sessionsOnDay } from './clash-sessions'
import { officeHoursFrom } from './rooms'
import { loadWorkingCalendar } from './working-calendar'

type Db = AppContext['db'] | Trx
type Draft = ParsedInput<'hearings.check'>

/** Cases a session can be held for: accepted and not yet finished. */
const SCHEDULABLE = new Set(['accepted', 'in_mediation'])
const FREE_SLOT_HORIZON_DAYS = 30
const FREE_SLOT_COUNT = 3
/** Days from the draft's date the free-slot search reads sessions for, widening only when it must. */
const FREE_SLOT_STEPS = [1, 4, FREE_SLOT_HORIZON_DAYS]

export interface HearingPlan {
  caseId: string
  officeId: string
  kind: HearingKind
  candidate: CandidateSession
  /** Party id → identity key, for hearing_parties.party_key. */
  partyKeys: Map<string, string>
  report: ClashReport
  hours: OfficePeriod[]
  /** The sessions of the draft's day that share a person, a party or the room. */
  others: BookedSession[]
  /** The people's leave from the draft's day to the plan's reach. */
  leaves: Leave[]
}

/** The person behind a party record: one person in two cases is one person. */
export function partyKey(p: { id: string; id_number: string | null; credit_code: string | null }): string {
  if (p.id_number) return `id:${p.id_number}`
  if (p.credit_code) return `cc:${p.credit_code}`
  return `p:${p.id}`
}

/** How far past the session's day a plan reads mediators' leave (the free-slot search reads 30 days). */
interface PlanReach {
  leavesUntil?: string
}

export async function planHearing(db: Db, draft: Draft, reach: PlanReach = {}): Promise<HearingPlan> {
  // One statement: the case, its parties (the case's columns repeat on each), the room asked for and the
  // hours of the office the session is held at (the room's, else the case's).
  const roomId = draft.placeKind === 'onsite' ? null : draft.roomId
  const caseRows = await db
    .selectFrom('cases')
    .leftJoin('rooms', (join) => join.on('rooms.id', 'is', roomId))
    .leftJoin('case_parties', 'case_parties.case_id', 'cases.id')
    .leftJoin('parties', 'parties.id', 'case_parties.party_id')
    .select((eb) => [
      'cases.id',
      'cases.status',
      'cases.handling_office_id',
      'parties.id as party_id',
      'parties.name',
      'parties.id_number',
      'parties.credit_code',
      'rooms.id as room_id',
      'rooms.name as room_name',
      'rooms.office_id as room_office_id',
      'rooms.capacity as room_capacity',
      'rooms.active as room_active',
      eb
        .selectFrom('office_hours')
        .select('office_hours.periods')
        .where('office_hours.office_id', '=', eb.fn.coalesce('rooms.office_id', 'cases.handling_office_id'))
        .as('periods')
    ])
    .where('cases.id', '=', draft.caseId)
    .execute()
  const theCase = caseRows[0]
  if (!theCase) throw invalidField('caseId', '案件不存在')
  if (!SCHEDULABLE.has(theCase.status)) throw new AppError('CONFLICT', '案件受理后、办结前才能安排调解会')

  const partyById = new Map(
    caseRows.flatMap((p) =>
      p.party_id === null
        ? []
        : [[p.party_id, { id: p.party_id, name: p.name!, id_number: p.id_number, credit_code: p.credit_code }] as const]
    )
  )
  draft.partyIds.forEach((id, index) => {
    if (!partyById.has(id)) throw invalidField(`partyIds.${index}`, '不是本案当事人')
  })

  const date = draft.startsAt.slice(0, 10)
  const personIds = [...(draft.leadMediatorId ? [draft.leadMediatorId] : []), ...draft.assistantIds, ...draft.expertIds]
  const { people, leaves } = await peopleWithLeaves(db, personIds, date, reach.leavesUntil ?? date)
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

  if (roomId && theCase.room_id === null) throw invalidField('roomId', '调解室不存在')
  if (theCase.room_id !== null && theCase.room_active !== 1) {
    throw invalidField('roomId', `“${theCase.room_name}”已停用`)
  }

  const officeId = theCase.room_office_id ?? theCase.handling_office_id
  const hours = officeHoursFrom(officeId, theCase.periods).periods
  const partyKeys = new Map(draft.partyIds.map((id) => [id, partyKey(partyById.get(id)!)]))
  const candidate: CandidateSession = {
    id: draft.id,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    roomId: theCase.room_id,
    roomName: theCase.room_name,
    roomCapacity: theCase.room_capacity,
    mediators: [...lead, ...assistants],
    experts,
    parties: draft.partyIds.map((id) => ({ id: partyKeys.get(id)!, name: partyById.get(id)!.name }))
  }
  const others = await sessionsOnDay(db, candidate, date, addCalendarDays(date, 1))
  const calendar = await loadWorkingCalendar(db, [Number(date.slice(0, 4))])
  // The leave rule looks only at leave covering the session's day, however far `leaves` reaches.
  const report = checkHearing({ candidate, others, leaves, calendar, hours })
  return { caseId: theCase.id, officeId, kind: draft.kind, candidate, partyKeys, report, hours, others, leaves }
}

/** The people asked for, with their leave overlapping [from, to] (one statement: leave rows repeat the person). */
async function peopleWithLeaves(db: Db, ids: string[], from: string, to: string) {
  if (ids.length === 0) return { people: [], leaves: [] }
  const rows = await db
    .selectFrom('mediators')
    .leftJoin('mediator_leaves', (join) =>
      join
        .onRef('mediator_leaves.mediator_id', '=', 'mediators.id')
        .on('mediator_leaves.from_date', '<=', to)
        .on('mediator_leaves.to_date', '>=', from)
    )
    .select([
      'mediators.id',
      'mediators.name',
      'mediators.status',
      'mediator_leaves.from_date',
      'mediator_leaves.to_date'
    ])
    .where('mediators.id', 'in', ids)
    .execute()
  const people = [...new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, status: r.status }])).values()]
  const leaves: Leave[] = rows.flatMap((r) =>
    r.from_date === null || r.to_date === null
      ? []
      : [{ mediatorId: r.id, name: r.name, from: r.from_date, to: r.to_date }]
  )
  return { people, leaves }
}

/**
 * Free slots, widening the sessions read as far as the search needs: it
 * scans days in order and stops at FREE_SLOT_COUNT, and sessions never cross
 * midnight, so a search over the first k days that finds them all gives what
 * the whole horizon would. Days before today need no sessions (no slot
 * starts in the past).
 */
async function freeSlotsFor(ctx: AppContext, plan: HearingPlan): Promise<Slot[]> {
  const { candidate } = plan
  const fromDate = candidate.startsAt.slice(0, 10)
  const toDate = addCalendarDays(fromDate, FREE_SLOT_HORIZON_DAYS)
  const notBefore = chinaWallClock(ctx.clock.now())
  const today = notBefore.slice(0, 10)
  // No slot starts in the past: a horizon that ends by today offers none, and is neither read nor searched.
  if (toDate <= today) return []
  const blockedDates = new Set<string>()
  for (const leave of plan.leaves) {
    for (
      let d = leave.from < fromDate ? fromDate : leave.from;
      d <= leave.to && d <= toDate;
      d = addCalendarDays(d, 1)
    ) {
      blockedDates.add(d)
    }
  }
  const years = [...new Set([Number(fromDate.slice(0, 4)), Number(toDate.slice(0, 4))])]
  const calendar = await loadWorkingCalendar(ctx.db, years)
  let busy: Slot[] = plan.others
  let known = addCalendarDays(fromDate, 1)
  for (const days of FREE_SLOT_STEPS) {
    const until = addCalendarDays(fromDate, days)
    if (until <= today) continue
    const from = known < today ? today : known
    if (from < until) busy = [...busy, ...(await busySlots(ctx.db, candidate, from, until))]
    if (until > known) known = until
    const slots = findFreeSlots({
      durationMinutes: wallMinutes(candidate.endsAt) - wallMinutes(candidate.startsAt),
      fromDate,
      notBefore,
      busy,
      blockedDates,
      calendar,
      hours: plan.hours,
      count: FREE_SLOT_COUNT,
      horizonDays: days
    })
    if (slots.length === FREE_SLOT_COUNT || days === FREE_SLOT_HORIZON_DAYS) return slots
  }
  return []
}

/** The check answer: the plan's clashes, and free slots of the same length for the same people and room. */
export async function checkDraft(ctx: AppContext, draft: Draft): Promise<HearingCheck> {
  const fromDate = draft.startsAt.slice(0, 10)
  const plan = await planHearing(ctx.db, draft, { leavesUntil: addCalendarDays(fromDate, FREE_SLOT_HORIZON_DAYS) })
  const clashes = plan.report.hard.length > 0 || plan.report.soft.length > 0
  return { hard: plan.report.hard, soft: plan.report.soft, freeSlots: clashes ? await freeSlotsFor(ctx, plan) : [] }
}

export async function checkHearingDraft(ctx: AppContext, input: ParsedInput<'hearings.check'>): Promise<HearingCheck> {
  if (input.id) {
    const found = await ctx.db.selectFrom('hearings').select('id').where('id', '=', input.id).executeTakeFirst()
    if (!found) throw notFound('调解会')
  }
  return checkDraft(ctx, input)
}
