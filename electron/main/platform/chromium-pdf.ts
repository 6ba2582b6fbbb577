/*
 * PDF through Chromium headless, for tests, the command line and browser
 * mode, where no Electron window exists. Starting a browser costs seconds on
 * a small busy machine, so one browser is started on first use and driven
 * over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON
 * messages ended by NUL on fds 3 and 4), one page per job, and closed after a
 * few idle seconds. The browser is `MCD_CHROMIUM` or found on the PATH
 * (Debian's package is `chromium`); it gets a temporary profile folder.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { rm } from 'node:fs/promises'
import type { PdfPrinter } from './pdf-printer'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
const IDLE_MS = 3000

export function findChromium(env: Record<string, string | undefined> = process.env): string | null {
  if (env.MCD_CHROMIUM) return env.MCD_CHROMIUM
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = path.join(dir, name)
      if (dir && existsSync(candidate)) return candidate
    }
  }
  return null
}

type Pending = { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }

/** One running browser and the protocol over its pipe. */
class Browser {
  private nextId = 1
  private pending = new Map<number, Pending>()
  private waiters: Array<{ method: string; sessionId: string; resolve: () => void }> = []
  private buffer = ''
  readonly exited: Promise<void>

  constructor(
    private readonly child: ChildProcess,
    readonly profile: string
  ) {
    const output = child.stdio[4] as Readable
    // A browser that dies mid-job breaks the pipe: fail the waiting calls instead of the process.
    ;(child.stdio[3] as Writable).on('error', (error) => this.failAll(error))
    output.setEncoding('utf8')
    output.on('data', (chunk: string) => this.receive(chunk))
    this.exited = new Promise((resolve) =>
      child.on('exit', () => {
        this.failAll(new Error('Chromium 意外退出'))
        // The browser's helper processes may still be letting go of the profile: retry, then only warn.
        rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
          .catch((error: Error) => process.emitWarning(`临时浏览器配置未能删除：${profile}（${error.message}）`))
          .finally(resolve)
      })
    )
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
  }

  private receive(chunk: string): void {
    this.buffer += chunk
    let end: number
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number
        method?: string
        sessionId?: string
        result?: Record<string, unknown>
        error?: { message: string }
      }
      this.buffer = this.buffer.slice(end + 1)
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id)
        this.pending.delete(message.id)
        if (message.error) pending?.reject(new Error(`Chromium：${message.error.message}`))
        else pending?.resolve(message.result ?? {})
      } else if (message.method) {
        const index = this.waiters.findIndex((w) => w.method === message.method && w.sessionId === message.sessionId)
        if (index >= 0) this.waiters.splice(index, 1)[0].resolve()
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++
    const input = this.child.stdio[3] as Writable
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0')
    })
  }

  waitFor(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, sessionId, resolve }))
  }

  close(): void {
    this.child.kill()
  }

  /** Held while a job runs; let go when idle, so the browser never keeps a finished CLI or test run alive. */
  hold(held: boolean): void {
    const handles = [this.child, this.child.stdio[3], this.child.stdio[4]] as unknown as Array<{
      ref?: () => void
      unref?: () => void
    }>
    for (const handle of handles) (held ? handle.ref : handle.unref)?.call(handle)
  }
}

let browser: Browser | null = null
let idleTimer: NodeJS.Timeout | null = null
let queue: Promise<unknown> = Promise.resolve()

function startBrowser(): Browser {
  const binary = findChromium()
  if (!binary) throw new Error('找不到 Chromium 浏览器，无法生成 PDF（可用环境变量 MCD_CHROMIUM 指定）')
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mcd-chromium-'))
  const child = spawn(
    binary,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      'about:blank'
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] }
  )
  const started = new Browser(child, profile)
  void started.exited.then(() => {
    if (browser === started) browser = null
  })
  return started
}

/** Open the HTML in a fresh page of the shared browser, run `work` on it, close the page. One job at a time. */
function withPage<T>(html: string, work: (b: Browser, sessionId: string) => Promise<T>): Promise<T> {
  const job = async () => {
    if (idleTimer) clearTimeout(idleTimer)
    browser ??= startBrowser()
    const b = browser
    b.hold(true)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-print-'))
    try {
      const file = path.join(dir, 'page.html')
      writeFileSync(file, html)
      const { targetId } = (await b.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }
      const { sessionId } = (await b.send('Target.attachToTarget', { targetId, flatten: true })) as {
        sessionId: string
      }
      try {
        await b.send('Page.enable', {}, sessionId)
        const loaded = b.waitFor('Page.loadEventFired', sessionId)
        await b.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId)
        await loaded
        return await work(b, sessionId)
      } finally {
        await b.send('Target.closeTarget', { targetId })
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      b.hold(false)
      idleTimer = setTimeout(() => {
        // Forget it first, so the next job starts a new browser instead of writing to a closing one.
        if (browser === b) browser = null
        b.close()
      }, IDLE_MS)
      idleTimer.unref()
    }
  }
  const next = queue.then(job, job)
  queue = next.catch(() => undefined)
  return next
}

export function chromiumPdfPrinter(): PdfPrinter {
  return {
    htmlToPdf: (html) =>
      withPage(html, async (b, sessionId) => {
        const { data } = (await b.send(
          'Page.printToPDF',
          { printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false },
          sessionId
        )) as { data: string }
        return Buffer.from(data, 'base64')
      })
  }
}

/** A PNG of the print view's first page as the screen shows it (A4 paper with the print margins), to look at a layout. */
export function chromiumScreenshot(html: string): Promise<Buffer> {
  return withPage(html, async (b, sessionId) => {
    await b.send(
      'Emulation.setDeviceMetricsOverride',
      { width: 860, height: 1180, deviceScaleFactor: 1, mobile: false },
      sessionId
    )
    const { data } = (await b.send('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string }
    return Buffer.from(data, 'base64')
  })
}
