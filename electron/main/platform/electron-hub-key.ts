/*
 * Electron adapter of the hub key protector port: the office's private
 * signing key is sealed with the OS keychain through safeStorage. Imported
 * only by electron/main/index.ts; when the keychain is unavailable (a Linux
 * session without a secret service) the key file's 0600 mode remains the
 * protection, as outside Electron.
 */
import { safeStorage } from 'electron'
import { setKeyProtector } from '../services/hub/key-protector'

export function useSafeStorageForHubKey(): void {
  if (!safeStorage.isEncryptionAvailable()) return
  setKeyProtector({
    kind: 'safe_storage',
    protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64')
  })
}
