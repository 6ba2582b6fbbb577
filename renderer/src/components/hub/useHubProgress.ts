/*
 * The bar of a running hub export or import. The work runs in the main
 * process while its call is awaited; the screen asks how far it has got
 * (hub.progress) a few times a second until the call returns.
 */
import { ref } from 'vue'
import type { HubProgress } from '../../../../shared/domain/hub'
import { api } from '../../api'

const POLL_MS = 300

export function useHubProgress() {
  const progress = ref<HubProgress | null>(null)

  async function follow<T>(work: () => Promise<T>): Promise<T> {
    let following = true
    const timer = setInterval(async () => {
      const now = await api.hub.progress()
      // A poll that answers after the work has returned must not bring the bar back.
      if (following) progress.value = now.task ? now : null
    }, POLL_MS)
    try {
      return await work()
    } finally {
      following = false
      clearInterval(timer)
      progress.value = null
    }
  }

  return { progress, follow }
}
