/*
 * Hearing clashes (DESIGN §3.3), one pure rule for both processes: the form
 * calls it for instant feedback, main calls it as the final word.
 *
 * Times are China wall-clock text, 'YYYY-MM-DDTHH:mm' without an offset
 * (Asia/Shanghai, UTC+8, no daylight saving): that is what the offices read
 * on a notice, it sorts as text, and a day's sessions are a text range. The
 * rule never calls local-time Date methods: minutes are counted from the
 * text as if it were UTC, so the machine's time zone cannot shift anything.
 *
 * Hard clashes block saving: the same mediator, expert, party or room in two
 * overlapping sessions, or a mediator on declared leave (the roster is the
 * record of who is away; if the leave is cancelled, fix the roster first).
 * Soft ones warn and need confirmation: outside office hours, a rest day or
 * a holiday (on-site visits do happen then), a room smaller than the number
 * invited (chairs can be brought), a year the holiday schedule lacks.
 */
import { addCalendarDays, dayInfo, type WorkingCalendar } from './working-days'

export const WALL_CLOCK = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** One stretch of office hours, 'HH:mm' to 'HH:mm' the same day. */
export interface OfficePeriod {
  start: string
  end: string
}

export const DEFAULT_OFFICE_HOURS: OfficePeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' }
]

export interface Person {
  id: string
  name: string
}

/** A session already in the store (scheduled or held), as far as clashes care. */
export interface BookedSession {
  id: string
  /** How a message names it, e.g. '(2026)瓯海梧田调字第3号 调解会'. */
  label: string
  startsAt: string
  endsAt: string
  roomId: string | null
  roomName: string | null
  /** Lead and assisting mediators and invited experts alike: a person is in one place at a time. */
  people: Person[]
  /** Keyed by identity (ID number, credit code, else the party record), so one person in two cases is caught. */
  parties: Person[]
}

export interface CandidateSession {
  /** Set when rescheduling: the session does not clash with itself. */
  id?: string
  startsAt: string
  endsAt: string
  roomId: string | null
  roomName: string | null
  roomCapacity: number | null
  mediators: Person[]
  experts: Person[]
  parties: Person[]
}

export interface Leave {
  mediatorId: string
  name: string
  from: string
  to: string
}

export const CLASH_KINDS = [
  'mediator',
  'expert',
  'party',
  'room',
  'leave',
  'after_hours',
  'rest_day',
  'holiday',
  'capacity',
  'year_not_covered'
] as const
export type ClashKind = (typeof CLASH_KINDS)[number]

const HARD_KINDS: ReadonlySet<ClashKind> = new Set(['mediator', 'expert', 'party', 'room', 'leave'])

export interface Clash {
  kind: ClashKind
  severity: 'hard' | 'soft'
  /** zh-CN, whole: who, and which session. */
  message: string
  /** The person or room concerned. */
  who?: string
  /** The other session, for booking clashes. */
  hearingId?: string
}

export interface ClashReport {
  hard: Clash[]
  soft: Clash[]
}

export interface Slot {
  startsAt: string
  endsAt: string
}

/** Minutes since 1970 of a wall-clock text read as UTC: pure arithmetic, no time zone. */
export function wallMinutes(wallClock: string): number {
  return Date.parse(`${wallClock}:00Z`) / 60_000
}

export function wallClockOf(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16)
}

/** The China wall clock of an instant ('YYYY-MM-DDTHH:mm'), whatever the machine's zone. */
export function chinaWallClock(instant: Date): string {
  return wallClockOf(Math.floor(instant.getTime() / 60_000) + 8 * 60)
}

const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** Why a start and end cannot make a session, or null. */
export function timeShapeProblem(startsAt: string, endsAt: string): string | null {
  if (!WALL_CLOCK.test(startsAt) || !WALL_CLOCK.test(endsAt)) return '时间格式应为 YYYY-MM-DDTHH:mm'
  if (startsAt.slice(0, 10) !== endsAt.slice(0, 10)) return '调解会不能跨越午夜，请分成两次安排'
  if (endsAt <= startsAt) return '结束时间须晚于开始时间'
  return null
}

/** Half-open intervals: one ending at 10:00 and the next starting at 10:00 do not overlap. */
export function overlaps(a: Slot, b: Slot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt
}

const span = (s: Slot) => `${s.startsAt.slice(0, 10)} ${s.startsAt.slice(11)}–${s.endsAt.slice(11)}`

function clash(kind: ClashKind, message: string, extra: Pick<Clash, 'who' | 'hearingId'> = {}): Clash {
  return { kind, severity: HARD_KINDS.has(kind) ? 'hard' : 'soft', message, ...extra }
}

/** The same mediator, expert, party or room in another overlapping session. */
export function bookingClashes(candidate: CandidateSession, others: readonly BookedSession[]): Clash[] {
  const found: Clash[] = []
  for (const other of others) {
    if (other.id === candidate.id || !overlaps(candidate, other)) continue
    const where = `${span(other)} 已安排 ${other.label}`
    const busy = new Set(other.people.map((p) => p.id))
    for (const m of candidate.mediators) {
      if (busy.has(m.id))
        found.push(clash('mediator', `调解员${m.name}在${where}`, { who: m.name, hearingId: other.id }))
    }
    for (const e of candidate.experts) {
      if (busy.has(e.id)) found.push(clash('expert', `专家${e.name}在${where}`, { who: e.name, hearingId: other.id }))
    }
    const otherParties = new Set(other.parties.map((p) => p.id))
    for (const p of candidate.parties) {
      if (otherParties.has(p.id)) {
        found.push(clash('party', `当事人${p.name}在${where}`, { who: p.name, hearingId: other.id }))
      }
    }
    if (candidate.roomId && candidate.roomId === other.roomId) {
      const room = candidate.roomName ?? other.roomName ?? '该调解室'
      found.push(clash('room', `${room}在${where}`, { who: room, hearingId: other.id }))
    }
  }
  return found
}

export function leaveClashes(candidate: CandidateSession, leaves: readonly Leave[]): Clash[] {
  const date = candidate.startsAt.slice(0, 10)
  const people = new Set([...candidate.mediators, ...candidate.experts].map((p) => p.id))
  return leaves
    .filter((l) => people.has(l.mediatorId) && l.from <= date && date <= l.to)
    .map((l) => clash('leave', `${l.name}在 ${l.from} 至 ${l.to} 休假，不能参加`, { who: l.name }))
}

/** After hours, rest days, holidays, and years the schedule lacks. */
export function timeWarnings(slot: Slot, calendar: WorkingCalendar, hours: readonly OfficePeriod[]): Clash[] {
  const date = slot.startsAt.slice(0, 10)
  const day = dayInfo(calendar, date)
  const found: Clash[] = []
  if (!day.yearCovered) {
    found.push(clash('year_not_covered', `${date.slice(0, 4)}年的节假日安排尚未录入，只按周末判断是否工作日`))
  }
  if (day.kind === 'holiday') found.push(clash('holiday', `${date} 是${day.name ?? ''}假期`))
  if (day.kind === 'weekend') found.push(clash('rest_day', `${date} 是周末休息日`))
  if (!withinOfficeHours(slot, hours)) {
    const text = hours.map((p) => `${p.start}–${p.end}`).join('、')
    found.push(clash('after_hours', `${span(slot)} 不在办公时间内（${text}）`))
  }
  return found
}

export function withinOfficeHours(slot: Slot, hours: readonly OfficePeriod[]): boolean {
  const start = slot.startsAt.slice(11)
  const end = slot.endsAt.slice(11)
  return hours.some((p) => p.start <= start && end <= p.end)
}

export function capacityWarning(candidate: CandidateSession): Clash | null {
  if (!candidate.roomId || candidate.roomCapacity === null) return null
  const invited = candidate.mediators.length + candidate.experts.length + candidate.parties.length
  if (invited <= candidate.roomCapacity) return null
  const room = candidate.roomName ?? '调解室'
  return clash('capacity', `${room}可容纳 ${candidate.roomCapacity} 人，本次邀请 ${invited} 人`, { who: room })
}

export interface CheckInput {
  candidate: CandidateSession
  others: readonly BookedSession[]
  leaves: readonly Leave[]
  calendar: WorkingCalendar
  hours: readonly OfficePeriod[]
}

export function checkHearing(input: CheckInput): ClashReport {
  const all = [
    ...bookingClashes(input.candidate, input.others),
    ...leaveClashes(input.candidate, input.leaves),
    ...timeWarnings(input.candidate, input.calendar, input.hours),
    ...[capacityWarning(input.candidate)].filter((c): c is Clash => c !== null)
  ]
  return { hard: all.filter((c) => c.severity === 'hard'), soft: all.filter((c) => c.severity === 'soft') }
}

export interface FreeSlotQuery {
  durationMinutes: number
  /** First day to look at. */
  fromDate: string
  /** No slot starts before this wall-clock time (now, normally). */
  notBefore: string
  /** Everything the same people and room are already booked for. */
  busy: readonly Slot[]
  /** Days someone needed is away. */
  blockedDates: ReadonlySet<string>
  calendar: WorkingCalendar
  hours: readonly OfficePeriod[]
  count?: number
  horizonDays?: number
  stepMinutes?: number
}

/**
 * The next free slots of the same length on working days inside office
 * hours: earliest first, each found after the previous one ends, so the
 * offers spread over the day and the days after rather than crowding.
 */
export function findFreeSlots(query: FreeSlotQuery): Slot[] {
  const { durationMinutes, calendar, busy } = query
  const count = query.count ?? 3
  const step = query.stepMinutes ?? 30
  const longest = Math.max(0, ...query.hours.map((p) => clockMinutes(p.end) - clockMinutes(p.start)))
  // A session longer than any stretch of office hours may run through the lunch break.
  const periods =
    durationMinutes > longest && query.hours.length > 0
      ? [{ start: query.hours[0].start, end: query.hours[query.hours.length - 1].end }]
      : query.hours
  const found: Slot[] = []
  let earliest = query.notBefore
  for (let i = 0; i < (query.horizonDays ?? 30) && found.length < count; i++) {
    const date = addCalendarDays(query.fromDate, i)
    if (!dayInfo(calendar, date).working || query.blockedDates.has(date)) continue
    for (const period of periods) {
      const close = wallMinutes(`${date}T${period.end}`)
      for (let start = wallMinutes(`${date}T${period.start}`); start + durationMinutes <= close; start += step) {
        const slot = { startsAt: wallClockOf(start), endsAt: wallClockOf(start + durationMinutes) }
        if (slot.startsAt < earliest || busy.some((b) => overlaps(b, slot))) continue
        found.push(slot)
        earliest = slot.endsAt
        if (found.length === count) return found
      }
    }
  }
  return found
}
