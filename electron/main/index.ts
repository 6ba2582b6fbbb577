/*
 * App lifecycle only: start the store before the first window, bind the
 * handler table to IPC, open the window, and close the store on quit.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { acquireDatabaseLock, type DatabaseLock } from './db/lock'
import { createHandlerTable, registerIpcHandlers } from './ipc/register'
import { resolveDatabasePath, startApp, type RunningApp } from './startup'
import { createMainWindow, rendererLocation, startupWindow } from './window'
import { useSafeStorageForHubKey } from './platform/electron-hub-key'
import { electronPdfPrinter } from './platform/electron-pdf'
import { electronFileDialogs } from './platform/electron-file-dialogs'

let running: RunningApp | null = null
let lock: DatabaseLock | null = null

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  // The desk needs no camera, microphone, notifications, geolocation or other web permission: refuse them all.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  useSafeStorageForHubKey()
  // Shown only if the start reports progress: a restore, or the backup and migration after an update.
  const starting = startupWindow()
  try {
    const databasePath = resolveDatabasePath(app.getPath('userData'))
    lock = acquireDatabaseLock(databasePath, new Date())
    running = await startApp({ databasePath, shell: 'electron', onProgress: starting.onProgress })
  } catch (error) {
    lock?.release()
    dialog.showErrorBox('无法打开案件数据库', error instanceof Error ? error.message : String(error))
    starting.close()
    app.exit(1)
    return
  }
  running.ctx.pdfPrinter = electronPdfPrinter()
  running.ctx.fileDialogs = electronFileDialogs()
  const { url, trustedPrefixes } = rendererLocation()
  registerIpcHandlers(ipcMain, createHandlerTable(running.ctx), trustedPrefixes)
  createMainWindow(trustedPrefixes, url)
  // Only now: with no window left for a moment, 'window-all-closed' would quit the app.
  starting.close()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(trustedPrefixes, url)
  })
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let closing = false
app.on('will-quit', (event) => {
  if (!running || closing) return
  // Close the store cleanly (checkpoint the WAL) before the process exits.
  closing = true
  event.preventDefault()
  void running.close().finally(() => {
    lock?.release()
    app.quit()
  })
})

void main()
