/*
 * Progress of the running export or import, for the screen to poll
 * (hub.progress) while the call that does the work is still awaited. One
 * main process, one task at a time: a second task waits behind the first in
 * the store's single connection anyway.
 */
import type { HubPhase, HubProgress } from '../../../../shared/domain/hub'

let current: HubProgress = { task: null, phase: 'idle', done: 0, total: 0 }
const watchers = new Set<(progress: HubProgress) => void>()

function set(progress: HubProgress): void {
  current = progress
  for (const watcher of watchers) watcher({ ...progress })
}

export function reportProgress(task: 'export' | 'import', phase: HubPhase, done = 0, total = 0): void {
  set({ task, phase, done, total })
}

export function finishProgress(): void {
  set({ task: null, phase: 'idle', done: 0, total: 0 })
}

/** Hear every change of the progress as it is reported, until the returned function is called. */
export function watchProgress(watcher: (progress: HubProgress) => void): () => void {
  watchers.add(watcher)
  return () => watchers.delete(watcher)
}

export function currentProgress(): HubProgress {
  return { ...current }
}
