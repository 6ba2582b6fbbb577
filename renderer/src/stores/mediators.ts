import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { MediatorListRow, RosterCounts } from '../../../shared/domain/mediator'
import type { MethodInput } from '../../../shared/ipc-contract'
import { api } from '../api'
import { CREDENTIAL_EXPIRY_WARNING_DAYS } from '../../../shared/domain/mediator'

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
  /** Only those with a credential expiring within CREDENTIAL_EXPIRY_WARNING_DAYS. */
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
  /** The table's page, kept while the user opens a mediator and comes back; a change of filters starts again at 1. */
  const pageNo = ref(1)
  const pageSize = ref(20)
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
      const page = await api.mediators.list(
        filters.expiringSoon ? { ...input, credentialExpiringWithinDays: CREDENTIAL_EXPIRY_WARNING_DAYS } : input
      )
      if (mine !== requestNo) return
      rows.value = page.rows
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

  return { filters, rows, counts, loading, pageNo, pageSize, load, reset }
})
