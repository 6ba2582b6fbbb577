import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CaseLifecycle } from '../../../shared/domain/lifecycle'
import { api } from '../api'

/**
 * The lifecycle of the case on screen: records, agreement, follow-ups,
 * confirmation, closing and its deadlines, as main computed them. Every form
 * saves through its own contract method and then calls `reload` (or hands
 * back the lifecycle main answered with), so the page never recomputes a rule.
 */
export const useLifecycleStore = defineStore('lifecycle', () => {
  const lifecycle = ref<CaseLifecycle | null>(null)
  const loading = ref(false)

  async function load(caseId: string): Promise<void> {
    loading.value = true
    try {
      lifecycle.value = await api.lifecycle.get({ caseId })
    } finally {
      loading.value = false
    }
  }

  async function reload(): Promise<void> {
    if (lifecycle.value) await load(lifecycle.value.caseId)
  }

  function set(next: CaseLifecycle): void {
    lifecycle.value = next
  }

  return { lifecycle, loading, load, reload, set }
})
