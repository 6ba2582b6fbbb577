import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthStatus } from '../../../shared/domain/account'
import type { MethodName } from '../../../shared/ipc-contract'
import { isAllowed } from '../../../shared/permissions'
import { api } from '../api'

/**
 * The session as main reports it. Main decides every call (ipc/register.ts);
 * the window only uses the same matrix to hide what the user cannot do.
 */
export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null)

  const user = computed(() => status.value?.user ?? null)
  const needsAdmin = computed(() => status.value !== null && !status.value.accountsEnabled)
  const needsSignIn = computed(() => status.value !== null && status.value.accountsEnabled && !status.value.signedIn)
  const locked = computed(() => status.value?.locked ?? false)

  async function load(): Promise<void> {
    status.value = await api.auth.status()
  }

  function can(method: MethodName): boolean {
    if (!status.value) return false
    if (!status.value.accountsEnabled) return true
    return isAllowed(method, status.value.user?.role ?? null)
  }

  async function signIn(username: string, password: string): Promise<void> {
    status.value = await api.auth.signIn({ username, password })
  }
  async function setupAdmin(input: { username: string; displayName: string; password: string }): Promise<void> {
    status.value = await api.auth.setupAdmin(input)
  }
  async function signOut(): Promise<void> {
    status.value = await api.auth.signOut()
  }
  async function lock(): Promise<void> {
    status.value = await api.auth.lock()
  }
  async function unlock(password: string): Promise<void> {
    status.value = await api.auth.unlock({ password })
  }

  return { status, user, needsAdmin, needsSignIn, locked, load, can, signIn, setupAdmin, signOut, lock, unlock }
})
