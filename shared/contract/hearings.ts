/*
 * Hearing scheduling (DESIGN §3.3): rooms, hearings and the working-day
 * calendar — the `rooms.*`, `hearings.*` and `calendar.*` methods.
 */
import { z } from '../validation'
import { returns } from './define'
import type { Hearing, HearingCheck, HearingNotice, HearingSummary } from '../domain/hearing'
import {
  cancelHearingSchema,
  caseHearingsSchema,
  checkHearingSchema,
  hearingIdSchema,
  listHearingsSchema,
  markHeldSchema,
  markNotifiedSchema,
  postponeHearingSchema,
  rescheduleHearingSchema,
  scheduleHearingSchema
} from '../domain/hearing-input'
import { listRoomsSchema, saveRoomSchema, setOfficeHoursSchema, type OfficeHours, type Room } from '../domain/room'
import {
  calendarRangeSchema,
  removeCalendarDaySchema,
  reseedYearSchema,
  setCalendarDaySchema,
  type CalendarDays,
  type CalendarYear
} from '../domain/calendar'
import type { ScheduledDay } from '../rules/working-days'

export const hearingMethods = {
  /** Rooms of one office (or all), active first by name. */
  'rooms.list': { input: listRoomsSchema, output: returns<Room[]>() },

  /** Add (no id) or edit a room; deactivating keeps it on past sessions. Audited. */
  'rooms.save': { input: saveRoomSchema, output: returns<Room>() },

  /** Every day in a range with its kind (workday, weekend, holiday, 调休), and the years the schedule lacks. */
  'calendar.days': { input: calendarRangeSchema, output: returns<CalendarDays>() },

  /** The years the store and the built-in library cover, with counts; this year and next always listed. */
  'calendar.years': { input: z.object({}).strict(), output: returns<CalendarYear[]>() },

  /** Mark a day as holiday or 调休 working day (adds the year to the schedule if new). Audited. */
  'calendar.setDay': { input: setCalendarDaySchema, output: returns<ScheduledDay>() },

  /** Remove a day from the schedule: it becomes an ordinary weekday or weekend. Audited. */
  'calendar.removeDay': { input: removeCalendarDaySchema, output: returns<CalendarYear>() },

  /** Replace a year's schedule with the built-in library's. Audited. */
  'calendar.reseedYear': { input: reseedYearSchema, output: returns<CalendarYear>() },

  /** An office's hours (the default until it sets its own). */
  'calendar.officeHours': {
    input: z.object({ officeId: z.uuid('调解组织编号无效') }).strict(),
    output: returns<OfficeHours>()
  },

  /** Set an office's hours, one to four periods a day. Audited. */
  'calendar.setOfficeHours': { input: setOfficeHoursSchema, output: returns<OfficeHours>() },

  /** Sessions in a date range (China dates, both ends included), by office, mediator or room. */
  'hearings.list': { input: listHearingsSchema, output: returns<HearingSummary[]>() },

  /** Every session of a case, earliest first, whole. */
  'hearings.byCase': { input: caseHearingsSchema, output: returns<Hearing[]>() },

  /** One session whole: time, place, people, parties' notification, status and record link. */
  'hearings.get': { input: hearingIdSchema, output: returns<Hearing>() },

  /** Clashes and warnings of a draft, with the next free slots for the same people and room. Writes nothing. */
  'hearings.check': { input: checkHearingSchema, output: returns<HearingCheck>() },

  /** Schedule a session; HEARING_OVERLAP on a hard clash, CONFLICT on unconfirmed warnings. On the timeline. */
  'hearings.schedule': { input: scheduleHearingSchema, output: returns<Hearing>() },

  /** Move or change a scheduled session, checked as scheduling is. On the timeline. */
  'hearings.reschedule': { input: rescheduleHearingSchema, output: returns<Hearing>() },

  /** Postpone (延期) a scheduled session, with the reason. On the timeline. */
  'hearings.postpone': { input: postponeHearingSchema, output: returns<Hearing>() },

  /** Cancel a scheduled or postponed session, with the reason. On the timeline. */
  'hearings.cancel': { input: cancelHearingSchema, output: returns<Hearing>() },

  /** Record that the session took place, optionally linking its record (调解记录). On the timeline. */
  'hearings.markHeld': { input: markHeldSchema, output: returns<Hearing>() },

  /** The data of the notice of session (调解通知书), and who still needs telling. */
  'hearings.notice': { input: hearingIdSchema, output: returns<HearingNotice>() },

  /** Record that a party was told of the session: how and when. On the timeline. */
  'hearings.markNotified': { input: markNotifiedSchema, output: returns<Hearing>() }
} as const
