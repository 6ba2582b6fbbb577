/*
 * The one BrowserWindow and its guards: an isolated, sandboxed renderer with
 * no Node, no new windows, and no navigation away from the app's own page.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, shell } from 'electron'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Where the renderer is loaded from: the dev server in `npm run dev`, the built file otherwise. */
export function rendererLocation(): { url: string; trustedPrefixes: string[] } {
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (devUrl) return { url: devUrl, trustedPrefixes: [new URL(devUrl).origin + '/'] }
  const file = path.join(here, '../renderer/index.html')
  const url = new URL(`file://${file}`).href
  return { url, trustedPrefixes: [url] }
}

export function createMainWindow(trustedPrefixes: readonly string[], url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: '人民调解案件管理',
    autoHideMenuBar: true,
    webPreferences: {
      preload: path.join(here, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click would otherwise open a link in a new window, around the window-open handler below.
      disableBlinkFeatures: 'Auxclick'
    }
  })

  window.once('ready-to-show', () => window.show())

  // No second windows. Links to the outside web open in the system browser,
  // and only http(s) ones.
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//i.test(target)) void shell.openExternal(target)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, target) => {
    if (!trustedPrefixes.some((prefix) => target.startsWith(prefix))) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  void window.loadURL(url)
  return window
}
