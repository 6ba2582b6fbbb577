import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo } from '../../../shared/domain/app-info'
import type { Office } from '../../../shared/domain/office'
import { api } from '../api'

/** Installation facts: the app info, the office this installation serves, and the office list. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const offices = ref<Office[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  const office = computed(() => info.value?.office ?? null)
  const needsSetup = computed(() => info.value !== null && info.value.office === null)
  /** The user chose to go on working on a store found damaged (until the next start). */
  const storeProblemAccepted = ref(false)
  const needsRecovery = computed(() => Boolean(info.value?.storeProblem) && !storeProblemAccepted.value)
  function acceptStoreProblem(): void {
    storeProblemAccepted.value = true
  }

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      info.value = await api.app.info()
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught)
    } finally {
      loading.value = false
    }
  }

  async function loadOffices(): Promise<void> {
    offices.value = await api.offices.list()
  }

  async function chooseOffice(officeId: string): Promise<void> {
    await api.settings.set({ key: 'installation.officeId', value: officeId })
    info.value = await api.app.info()
  }

  return {
    info,
    offices,
    loading,
    error,
    office,
    needsSetup,
    needsRecovery,
    acceptStoreProblem,
    load,
    loadOffices,
    chooseOffice
  }
})
