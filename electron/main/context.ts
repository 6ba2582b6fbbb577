/*
 * What every service receives: the store, the acting user, a clock and the
 * runtime facts. Services are plain functions of (ctx, input) and know
 * nothing of IPC or Electron, so tests call them directly.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../shared/domain/user'
import type { Shell } from '../../shared/domain/app-info'
import type { Database } from './db/schema'
import type { IntegrityReport } from '../../shared/domain/backup'
import type { PdfPrinter } from './platform/pdf-printer'
import type { FileDialogs } from './platform/file-dialogs'

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export interface Logger {
  error(message: string, detail?: unknown): void
  info(message: string): void
}

export const consoleLogger: Logger = {
  error: (message, detail) => console.error(message, detail ?? ''),
  info: (message) => console.log(message)
}

export interface RuntimeInfo {
  appVersion: string
  schemaVersion: string
  databasePath: string
  shell: Shell
}

/** What the store offers besides queries: copies of itself, and what the last check of it found. */
export interface StoreMaintenance {
  /** Copy the live database to `target` with SQLite's online backup API; `signal` stops it between steps. */
  backupTo(target: string, signal?: AbortSignal): Promise<void>
  /** Aborted when the app starts to close: a backup under way stops and leaves no partial file. */
  closing: AbortSignal
  /** The live store checked at start, or the last backup copy checked when written. */
  lastIntegrityCheck: IntegrityReport | null
}

/** The window's session: who is signed in, and whether the idle lock hides the screen. */
export interface Session {
  /** False until the first administrator has a password: everything is allowed while the installation is set up. */
  accountsEnabled: boolean
  userId: string | null
  locked: boolean
}

export interface AppContext {
  db: Kysely<Database>
  session: Session
  maintenance: StoreMaintenance
  actor: Actor
  clock: Clock
  log: Logger
  runtime: RuntimeInfo
  /** Printing HTML to PDF: the Electron shell sets its off-screen window; unset, Debian's Chromium headless is used. */
  pdfPrinter?: PdfPrinter
  /** Which file to read, or where to write one, that the main process handles itself: the desktop's dialogs; unset, the window uploads or downloads it. */
  fileDialogs?: FileDialogs
}

/** Who writes reference data and the first account before anyone has signed in. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-7000-8000-000000000000',
  displayName: '系统',
  role: 'admin'
}
