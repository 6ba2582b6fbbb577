/*
 * The Electron adapter of the file-dialogs port: the platform's own dialogs,
 * opened over the app's window, saving into the user's downloads folder. Only
 * this file (and index.ts, window.ts, the other platform adapters) may load Electron.
 */
import path from 'node:path'
import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { FileDialogs } from './file-dialogs'

const parentWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]

export function electronFileDialogs(): FileDialogs {
  return {
    async choosePath(fileName, filter) {
      const options: SaveDialogOptions = {
        title: '保存到',
        defaultPath: path.join(app.getPath('downloads'), fileName),
        filters: [filter],
        properties: ['createDirectory', 'showOverwriteConfirmation']
      }
      const window = parentWindow()
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath
    },
    async chooseFile(filter) {
      const options: OpenDialogOptions = { title: '选择文件', filters: [filter], properties: ['openFile'] }
      const window = parentWindow()
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
    }
  }
}
