/*
 * The Electron adapter of the save-dialog port: the platform's own dialog,
 * opened over the app's window in the user's downloads folder. Only this
 * file (and index.ts, window.ts, the other platform adapters) may load Electron.
 */
import path from 'node:path'
import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron'
import type { SaveDialog } from './save-dialog'

export function electronSaveDialog(): SaveDialog {
  return {
    async choosePath(fileName, filter) {
      const options: SaveDialogOptions = {
        title: '保存到',
        defaultPath: path.join(app.getPath('downloads'), fileName),
        filters: [filter],
        properties: ['createDirectory', 'showOverwriteConfirmation']
      }
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath
    }
  }
}
