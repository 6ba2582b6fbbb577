import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MediatorListRow } from '../../../shared/domain/mediator'
import type { Room } from '../../../shared/domain/room'
import type { DayInfo } from '../../../shared/rules/working-days'
import { api } from '../api'

const AGENDA_KEY = 'mcd.agenda.mediatorId'

/**
 * Hearing scheduling's view state: the roster and rooms the forms pick from,
 * the day kinds the calendars mark, and the mediator whose agenda the home
 * page shows (remembered on this machine; there are no user accounts yet).
 */
export const useHearingsStore = defineStore('hearings', () => {
  const mediators = ref<MediatorListRow[]>([])
  const rooms = ref<Room[]>([])
  const days = ref(new Map<string, DayInfo>())
  const uncoveredYears = ref<number[]>([])
  const agendaMediatorId = ref<string | null>(localStorage.getItem(AGENDA_KEY))

  async function loadPeopleAndRooms(): Promise<void> {
    const [page, list] = await Promise.all([api.mediators.list({ status: 'active' }), api.rooms.list({})])
    mediators.value = page.rows
    rooms.value = list
  }

  /** Day kinds for a range (both ends included), kept for the calendar's cells and headers. */
  async function loadDays(from: string, to: string): Promise<void> {
    const answer = await api.calendar.days({ from, to })
    const next = new Map(days.value)
    for (const day of answer.days) next.set(day.date, day)
    days.value = next
    uncoveredYears.value = answer.uncoveredYears
  }

  function chooseAgendaMediator(id: string | null): void {
    agendaMediatorId.value = id
    if (id) localStorage.setItem(AGENDA_KEY, id)
    else localStorage.removeItem(AGENDA_KEY)
  }

  return {
    mediators,
    rooms,
    days,
    uncoveredYears,
    agendaMediatorId,
    loadPeopleAndRooms,
    loadDays,
    chooseAgendaMediator
  }
})
