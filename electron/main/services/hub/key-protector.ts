/*
 * The port through which the office's private key is protected at rest.
 * Electron registers its safeStorage adapter (electron/main/platform/
 * electron-hub-key.ts) at start; everywhere else (the CLI, tests, the
 * browser harness) the key file's 0600 mode is the protection. A registry
 * rather than a field of AppContext, because only this one service needs it
 * and `require('electron')` must stay out of every module tests import.
 */
export interface KeyProtector {
  kind: 'safe_storage' | 'user_file'
  protect(secret: Buffer): Buffer
  unprotect(stored: Buffer): Buffer
}

export const userFileProtector: KeyProtector = {
  kind: 'user_file',
  protect: (secret) => Buffer.from(secret),
  unprotect: (stored) => Buffer.from(stored)
}

let current: KeyProtector = userFileProtector

export function setKeyProtector(protector: KeyProtector): void {
  current = protector
}

/** The protector a stored key names: a key written through safeStorage cannot be read without it. */
export function protectorFor(kind: KeyProtector['kind']): KeyProtector {
  if (kind === current.kind) return current
  if (kind === 'user_file') return userFileProtector
  throw new Error('此密钥由系统钥匙串（safeStorage）保护，只能在桌面程序中使用')
}

export function activeProtector(): KeyProtector {
  return current
}
