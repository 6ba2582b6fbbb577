/* Row types of the tables of hearing scheduling (rooms, hearings, holidays). */
import type { Generated, Selectable } from 'kysely'
import type { Tracked } from './schema'

export interface RoomTable extends Tracked {
  id: string
  office_id: string
  name: string
  capacity: number
  video_capable: 0 | 1
  active: 0 | 1
  note: string | null
}

export interface OfficeHoursTable extends Tracked {
  id: string
  office_id: string
  /** JSON array of { start, end } in 'HH:mm'. */
  periods: string
}

export interface HolidayYearTable extends Tracked {
  id: string
  year: number
  source: 'library' | 'office'
}

export interface HolidayTable extends Tracked {
  id: string
  year_id: string
  date: string
  kind: 'holiday' | 'adjusted_workday'
  name: string
}

export interface HearingTable extends Tracked {
  id: string
  case_id: string
  office_id: string
  kind: 'mediation' | 'hearing'
  /** China wall-clock 'YYYY-MM-DDTHH:mm'. */
  starts_at: string
  ends_at: string
  place_kind: 'room' | 'onsite' | 'video'
  room_id: string | null
  address: string | null
  video_link: string | null
  purpose: string
  /** JSON array of strings. */
  bring: string
  status: 'scheduled' | 'held' | 'postponed' | 'cancelled'
  status_reason: string | null
  record_id: string | null
  held_note: string | null
}

export interface HearingMediatorTable extends Tracked {
  id: string
  hearing_id: string
  mediator_id: string
  role: 'lead' | 'assistant' | 'expert'
  /** The session's start, copied by the store's triggers (migration 2026_12_05_5000): never written by the app. */
  starts_at: Generated<string>
}

export interface HearingPartyTable extends Tracked {
  id: string
  hearing_id: string
  party_id: string
  party_key: string
  notified_at: string | null
  notified_how: string | null
  notified_note: string | null
  /** The session's start, copied by the store's triggers (migration 2026_12_05_5000): never written by the app. */
  starts_at: Generated<string>
}

export interface HearingTables {
  rooms: RoomTable
  office_hours: OfficeHoursTable
  holiday_years: HolidayYearTable
  holidays: HolidayTable
  hearings: HearingTable
  hearing_mediators: HearingMediatorTable
  hearing_parties: HearingPartyTable
}

export type RoomRow = Selectable<RoomTable>
export type HearingRow = Selectable<HearingTable>
