/*
 * The only code that touches ipcRenderer. It exposes window.api with one
 * function per contract method and nothing else: no ipcRenderer, no generic
 * invoke(channel). Built as one CommonJS file, as a sandboxed preload must be.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApiObject } from '../../shared/ipc-contract'

contextBridge.exposeInMainWorld(
  'api',
  buildApiObject((method) => (input?: unknown) => ipcRenderer.invoke(method, input ?? {}))
)
