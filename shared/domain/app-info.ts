import type { Office } from './office'
import type { Actor } from './user'
import type { IntegrityReport } from './backup'

/** Which shell runs the renderer: the Electron window, the local browser, or the test harness. */
export type Shell = 'electron' | 'browser' | 'harness'

export interface AppInfo {
  appVersion: string
  /** Name of the newest migration applied to this database. */
  schemaVersion: string
  databasePath: string
  shell: Shell
  /** The office this installation serves; null until first run has chosen it. */
  office: Office | null
  user: Actor
  /** The failed integrity check, when the store (or the copy just taken of it) is damaged: the app opens on recovery. */
  storeProblem: IntegrityReport | null
}

export const SHELL_LABELS: Record<Shell, string> = {
  electron: '桌面应用（Electron）',
  browser: '本机浏览器',
  harness: '测试环境'
}
