/* The services behind the hearing-scheduling methods (shared/contract/hearings.ts). */
import type { hearingMethods } from '../../../../shared/contract/hearings'
import type { Service } from '../index'
import { checkHearingDraft } from './hearing-plan'
import { getHearing, hearingsByCase, listHearings } from './hearing-store'
import {
  cancelHearing,
  markHearingHeld,
  markPartyNotified,
  postponeHearing,
  rescheduleHearing,
  scheduleHearing
} from './hearings'
import { hearingNotice } from './notice'
import { getOfficeHours, listRooms, saveRoom, setOfficeHours } from './rooms'
import { calendarDays, calendarYears, removeCalendarDay, reseedCalendarYear, setCalendarDay } from './working-calendar'

export const hearingServices: { [M in keyof typeof hearingMethods]: Service<M> } = {
  'rooms.list': listRooms,
  'rooms.save': saveRoom,
  'calendar.days': calendarDays,
  'calendar.years': calendarYears,
  'calendar.setDay': setCalendarDay,
  'calendar.removeDay': removeCalendarDay,
  'calendar.reseedYear': reseedCalendarYear,
  'calendar.officeHours': getOfficeHours,
  'calendar.setOfficeHours': setOfficeHours,
  'hearings.list': listHearings,
  'hearings.byCase': hearingsByCase,
  'hearings.get': getHearing,
  'hearings.check': checkHearingDraft,
  'hearings.schedule': scheduleHearing,
  'hearings.reschedule': rescheduleHearing,
  'hearings.postpone': postponeHearing,
  'hearings.cancel': cancelHearing,
  'hearings.markHeld': markHearingHeld,
  'hearings.notice': hearingNotice,
  'hearings.markNotified': markPartyNotified
}
