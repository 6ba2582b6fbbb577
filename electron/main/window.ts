/*
 * The app's BrowserWindow and its guards: an isolated, sandboxed renderer with
 * no Node, no new windows, and no navigation away from the app's own page.
 *
 * Before it, when a start takes long (an update's migration backs up and
 * rewrites the store, startup-progress.ts), a small start window says what it
 * is doing: opened only at the first report, closed once the app's window is
 * open. A page of its own with no script, no preload and nothing to navigate
 * to, under the same guards; the main process writes each new line into it.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, shell } from 'electron'
import { consoleLogger } from './context'
import { onVisibleChange, START_PAGE, startPageUpdate, type StartProgressListener } from './startup-progress'

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
  guardWindow(window, trustedPrefixes)
  void window.loadURL(url)
  return window
}

/**
 * The guards every window of the app gets: no second windows (links to the
 * outside web open in the system browser, and only http(s) ones), no
 * navigation away from the trusted pages, no webviews.
 */
export function guardWindow(window: BrowserWindow, trustedPrefixes: readonly string[]): void {
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//i.test(target)) void shell.openExternal(target)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, target) => {
    if (!trustedPrefixes.some((prefix) => target.startsWith(prefix))) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
}

export interface StartupWindow {
  /** The listener to give startApp: the window opens at the first report. */
  onProgress: StartProgressListener
  close(): void
}

export function startupWindow(): StartupWindow {
  let window: BrowserWindow | null = null
  let loaded: Promise<void> = Promise.resolve()

  const open = (): BrowserWindow => {
    const created = new BrowserWindow({
      width: 460,
      height: 190,
      useContentSize: true,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      title: '人民调解案件管理',
      autoHideMenuBar: true,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick'
      }
    })
    guardWindow(created, [])
    // Closing it would quit the app half-way through the migration (which would then roll back and start over
    // next time); it goes when the start is done. destroy() below does not ask.
    created.on('close', (event) => event.preventDefault())
    loaded = created.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(START_PAGE)}`)
    return created
  }

  const onProgress = onVisibleChange((progress) => {
    window ??= open()
    const shown = window
    const update = startPageUpdate(progress)
    void loaded
      .then(() => (shown.isDestroyed() ? undefined : shown.webContents.executeJavaScript(update)))
      // A line not shown is no reason to stop the start; it is logged.
      .catch((error: unknown) => consoleLogger.error('启动窗口未能显示进度', error))
  })

  return {
    onProgress,
    close() {
      if (window && !window.isDestroyed()) window.destroy()
      window = null
    }
  }
}
