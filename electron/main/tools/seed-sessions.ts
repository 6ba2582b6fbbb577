/*
 * When and where the generated mediation sessions (调解会) take place: on a
 * working day of the store's calendar, inside the default office hours, in
 * one of the office's rooms when one is free (otherwise on site, as much of
 * a district's mediation is), and never twice at once for the same mediator,
 * party or room — what hearings.check would refuse as a hard clash. Sessions
 * sit on a grid of slots that do not overlap, so a clash is a shared slot.
 */
import { DEFAULT_OFFICE_HOURS } from '../../../shared/rules/hearing-clash'
import { isWorkingDay, type WorkingCalendar } from '../../../shared/rules/working-days'
import { chinaMidnight, DAY, dayString, MINUTE, type Rng } from './seed-random'

export interface SeedRoom {
  id: string
  officeId: string
  name: string
  capacity: number
}

export interface BookedSlot {
  /** China wall clock 'YYYY-MM-DDTHH:mm', as hearings.starts_at. */
  startsAt: string
  endsAt: string
  /** The same instants in milliseconds. */
  start: number
  end: number
  room: SeedRoom | null
}

const SLOT_MINUTES = 90
/** Slots of the default office hours ('08:30'–'12:00', '13:30'–'17:30'): start minutes of the day. */
const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const clockText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
const SLOTS: readonly number[] = DEFAULT_OFFICE_HOURS.flatMap((period) => {
  const starts: number[] = []
  const end = clockMinutes(period.end)
  for (let m = clockMinutes(period.start); m + SLOT_MINUTES <= end; m += SLOT_MINUTES) starts.push(m)
  return starts
})
const SEARCH_DAYS = 40

export class SessionBooker {
  readonly #rng: Rng
  readonly #calendar: WorkingCalendar
  readonly #rooms: Map<string, SeedRoom[]>
  /** Per day number: `slot|key` taken (keys are `m:` mediator ids, `p:` party keys, `r:` room ids). */
  readonly #busy = new Map<number, Set<string>>()
  readonly #working = new Map<number, boolean>()

  constructor(rng: Rng, calendar: WorkingCalendar, rooms: readonly SeedRoom[]) {
    this.#rng = rng
    this.#calendar = calendar
    this.#rooms = new Map()
    for (const room of rooms) this.#rooms.set(room.officeId, [...(this.#rooms.get(room.officeId) ?? []), room])
  }

  #isWorking(day: number): boolean {
    let working = this.#working.get(day)
    if (working === undefined) {
      working = isWorkingDay(this.#calendar, dayString(day))
      this.#working.set(day, working)
    }
    return working
  }

  /**
   * The first free slot from the working day after `after` (China time) for
   * every key, in a room of the office when `wantRoom` and one is free.
   * Null when none is free within SEARCH_DAYS days.
   */
  book(officeId: string, after: number, keys: readonly string[], wantRoom: boolean): BookedSlot | null {
    const rng = this.#rng
    const first = Math.floor((after + 8 * 3_600_000) / DAY) + 1 + rng.int(4)
    const rooms = wantRoom ? (this.#rooms.get(officeId) ?? []) : []
    const length = rng.chance(0.5) ? 60 : SLOT_MINUTES
    for (let day = first; day < first + SEARCH_DAYS; day++) {
      if (!this.#isWorking(day)) continue
      const busy = this.#busy.get(day) ?? new Set<string>()
      const offset = rng.int(SLOTS.length)
      for (let s = 0; s < SLOTS.length; s++) {
        const slot = (offset + s) % SLOTS.length
        if (keys.some((k) => busy.has(`${slot}|${k}`))) continue
        const room = rooms.find((r) => !busy.has(`${slot}|r:${r.id}`)) ?? null
        for (const k of keys) busy.add(`${slot}|${k}`)
        if (room) busy.add(`${slot}|r:${room.id}`)
        this.#busy.set(day, busy)
        const date = dayString(day)
        const midnight = chinaMidnight(date)
        const startMinute = SLOTS[slot]
        return {
          startsAt: `${date}T${clockText(startMinute)}`,
          endsAt: `${date}T${clockText(startMinute + length)}`,
          start: midnight + startMinute * MINUTE,
          end: midnight + (startMinute + length) * MINUTE,
          room
        }
      }
    }
    return null
  }

  /** Forget the days before `before` (ms): cases come in registration order and book after it. */
  forgetBefore(before: number): void {
    const day = Math.floor((before + 8 * 3_600_000) / DAY)
    for (const key of this.#busy.keys()) if (key < day) this.#busy.delete(key)
  }
}
