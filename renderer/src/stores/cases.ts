import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { CaseListRow } from '../../../shared/domain/case'
import type { MethodInput } from '../../../shared/ipc-contract'
import { api } from '../api'

type Filters = Omit<MethodInput<'cases.list'>, 'cursor' | 'limit'>

/** The case list: filters, the rows loaded so far (keyset pages appended), and their total. */
export const useCasesStore = defineStore('cases', () => {
  const filters = reactive<Filters>({ sort: 'newest' })
  const rows = ref<CaseListRow[]>([])
  const total = ref(0)
  const totalIsLowerBound = ref(false)
  const notice = ref<string | null>(null)
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  /** Each load gets a number; an answer that arrives after a newer request was made is dropped. */
  let requestNo = 0

  /** Drop empty filter values so they are not sent as filters. */
  function activeFilters(): Filters {
    return Object.fromEntries(
      Object.entries(filters).filter(([, v]) => v !== '' && v !== null && v !== undefined)
    ) as Filters
  }

  async function load(pageSize = 200): Promise<void> {
    const mine = ++requestNo
    loading.value = true
    try {
      const page = await api.cases.list({ ...activeFilters(), limit: pageSize })
      if (mine !== requestNo) return
      rows.value = page.rows
      // A first page always carries its count (only cursor pages leave it out).
      total.value = page.total ?? page.rows.length
      totalIsLowerBound.value = page.totalIsLowerBound
      notice.value = page.notice
      nextCursor.value = page.nextCursor
    } finally {
      if (mine === requestNo) loading.value = false
    }
  }

  async function loadMore(pageSize = 200): Promise<void> {
    if (!nextCursor.value || loading.value) return
    const mine = requestNo
    loading.value = true
    try {
      const page = await api.cases.list({ ...activeFilters(), cursor: nextCursor.value, limit: pageSize })
      if (mine !== requestNo) return
      rows.value = [...rows.value, ...page.rows]
      nextCursor.value = page.nextCursor
      // Past the count's cap the loaded rows are the better lower bound; at the end they are the exact total.
      if (rows.value.length > total.value) total.value = rows.value.length
      if (!page.nextCursor) {
        total.value = rows.value.length
        totalIsLowerBound.value = false
      }
    } finally {
      loading.value = false
    }
  }

  function reset(): void {
    for (const key of Object.keys(filters) as Array<keyof Filters>) if (key !== 'sort') delete filters[key]
    filters.sort = 'newest'
  }

  return { filters, rows, total, totalIsLowerBound, notice, nextCursor, loading, load, loadMore, reset }
})
