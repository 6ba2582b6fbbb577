import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { MediatorListRow, RosterCounts } from '../../../shared/domain/mediator'
import type { MethodInput } from '../../../shared/ipc-contract'
import { api } from '../api'

/** How far ahead the roster warns of an expiring credential (and the switch filters by). */
export const EXPIRING_WITHIN_DAYS = 60

type ListInput = MethodInput<'mediators.list'>

/** What the roster screen filters by; the two switches are turned into list input by load(). */
export interface RosterFilters {
  query: string
  kind?: ListInput['kind']
  officeId?: string
  specialty?: string
  profession?: ListInput['profession']
  status?: ListInput['status']
  /** Only those on leave today. */
  onLeave: boolean
  /** Only those with a credential expiring within EXPIRING_WITHIN_DAYS. */
  expiringSoon: boolean
}

function emptyFilters(): RosterFilters {
  return { query: '', onLeave: false, expiringSoon: false }
}

/** The mediator roster: filters, the matching rows, and the counts by kind per office. */
export const useMediatorsStore = defineStore('mediators', () => {
  const filters = reactive<RosterFilters>(emptyFilters())
  const rows = ref<MediatorListRow[]>([])
  const counts = ref<RosterCounts[]>([])
  const loading = ref(false)
  /** Only the last request's answer is kept when filters change quickly. */
  let requestNo = 0

  function listInput(): ListInput {
    const input: ListInput = {}
    const query = filters.query.trim()
    if (query) input.query = query
    if (filters.kind) input.kind = filters.kind
    if (filters.officeId) input.officeId = filters.officeId
    if (filters.specialty) input.specialty = filters.specialty
    if (filters.profession) input.profession = filters.profession
    if (filters.status) input.status = filters.status
    if (filters.onLeave) input.onLeave = true
    return input
  }

  async function load(): Promise<void> {
    const mine = ++requestNo
    loading.value = true
    try {
      const input = listInput()
      // The list names a credential about to expire only when asked for a window, and then keeps only
      // those rows; without the switch, a second call finds them so every row can still show its tag.
      const [page, expiring] = filters.expiringSoon
        ? [await api.mediators.list({ ...input, credentialExpiringWithinDays: EXPIRING_WITHIN_DAYS }), null]
        : await Promise.all([
            api.mediators.list(input),
            api.mediators.list({ ...input, credentialExpiringWithinDays: EXPIRING_WITHIN_DAYS })
          ])
      if (mine !== requestNo) return
      const soon = new Map((expiring?.rows ?? []).map((row) => [row.id, row.expiringCredential]))
      rows.value = expiring
        ? page.rows.map((row) => ({ ...row, expiringCredential: soon.get(row.id) ?? null }))
        : page.rows
      counts.value = page.counts
    } finally {
      if (mine === requestNo) loading.value = false
    }
  }

  function reset(): void {
    Object.assign(filters, {
      ...emptyFilters(),
      kind: undefined,
      officeId: undefined,
      specialty: undefined,
      profession: undefined,
      status: undefined
    })
  }

  return { filters, rows, counts, loading, load, reset }
})
