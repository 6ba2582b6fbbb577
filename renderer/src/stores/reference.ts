import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Office } from '../../../shared/domain/office'
import type { CaseSource, DisputeType } from '../../../shared/domain/reference'
import { api } from '../api'

/** Reference lists (dispute types, sources, offices), loaded once and shared by every form and list. */
export const useReferenceStore = defineStore('reference', () => {
  const disputeTypes = ref<DisputeType[]>([])
  const caseSources = ref<CaseSource[]>([])
  const offices = ref<Office[]>([])
  const loaded = ref(false)

  async function ensureLoaded(): Promise<void> {
    if (loaded.value) return
    ;[disputeTypes.value, caseSources.value, offices.value] = await Promise.all([
      api.reference.disputeTypes(),
      api.reference.caseSources(),
      api.offices.list()
    ])
    loaded.value = true
  }

  const disputeTypeLabel = computed(() => new Map(disputeTypes.value.map((t) => [t.code, t.label])))
  const caseSourceLabel = computed(() => new Map(caseSources.value.map((s) => [s.code, s.label])))
  /** The 13 town-streets, from the offices that serve them. */
  const townships = computed(() => offices.value.flatMap((o) => (o.township ? [o.township] : [])))

  return { disputeTypes, caseSources, offices, loaded, ensureLoaded, disputeTypeLabel, caseSourceLabel, townships }
})
