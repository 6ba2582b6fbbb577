/*
 * Progress of the running export or import, for the screen to poll
 * (hub.progress) while the call that does the work is still awaited. One
 * main process, one task at a time: a second task waits behind the first in
 * the store's single connection anyway.
 */
import type { HubPhase, HubProgress } from '../../../../shared/domain/hub'

let current: HubProgress = { task: null, phase: 'idle', done: 0, total: 0 }

export function reportProgress(task: 'export' | 'import', phase: HubPhase, done = 0, total = 0): void {
  current = { task, phase, done, total }
}

export function finishProgress(): void {
  current = { task: null, phase: 'idle', done: 0, total: 0 }
}

export function currentProgress(): HubProgress {
  return { ...current }
}
