/*
 * The browser harness: the built renderer in Debian's Chromium, standing in
 * for the Electron window. window.api is installed through exposeBinding and
 * routed to the same handler table the Electron main process binds to IPC,
 * over a real SQLite file in a fresh temp folder per test. Everything behind
 * the preload is the real code.
 */
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { buildApiObject } from '../../shared/ipc-contract'
import { serveStaticFile } from '../../electron/main/http/static-files'
import { createHandlerTable, invokeByName, type HandlerTable } from '../../electron/main/ipc/register'
import { startApp, type RunningApp } from '../../electron/main/startup'
import { services } from '../../electron/main/services/index'
import type { Shell } from '../../shared/domain/app-info'

const RENDERER_DIR = path.resolve(process.env.MCD_OUT_DIR ?? 'out', 'renderer')
export const SCREENSHOT_DIR = path.resolve('test-results/screens')

export interface Desk {
  /** The database file of this test. */
  dbPath: string
  app: RunningApp
  /** Close the store and open it again from the same file, as a restart of the app would; `whileClosed` runs in between. */
  restart(whileClosed?: () => void | Promise<void>): Promise<void>
  /** Open the app in `page` (a fresh page gets window.api first), at a route if given. */
  open(page: Page, route?: string): Promise<void>
  screenshot(page: Page, name: string): Promise<string>
}

/** The script that runs before the renderer's own: window.api from the contract's shape. */
function installApi(shape: Record<string, Record<string, string>>): void {
  const invoke = (window as unknown as { __mcdInvoke: (m: string, i: unknown) => Promise<unknown> }).__mcdInvoke
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {}
  for (const [domain, verbs] of Object.entries(shape)) {
    api[domain] = {}
    for (const [verb, method] of Object.entries(verbs)) api[domain][verb] = (input) => invoke(method, input ?? {})
  }
  ;(window as unknown as { api: unknown }).api = api
}

/** The administrator every test's store is set up with, unless it asks for an installation not yet set up. */
export const E2E_ADMIN = { username: 'admin', displayName: '王主任', password: 'Ouhai2026' }

export const test = base.extend<
  { desk: Desk; consoleErrors: string[]; accounts: 'admin-signed-in' | 'not-set-up'; shell: Shell },
  { rendererUrl: string }
>({
  /** By default the first administrator exists and is signed in, as after first run; `not-set-up` starts before that. */
  accounts: ['admin-signed-in', { option: true }],
  /**
   * The shell app.info reports. `electron` takes the window's desktop branches (the file dialogs, answered by the
   * test through `ctx.fileDialogs`, as the Electron adapter answers in the desktop app); everything else is the same.
   */
  shell: ['harness', { option: true }],

  rendererUrl: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: `{}` means none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server: Server = createServer((request, response) => serveStaticFile(RENDERER_DIR, request, response))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as AddressInfo
      await use(`http://127.0.0.1:${port}/`)
      await new Promise((resolve) => server.close(resolve))
    },
    { scope: 'worker' }
  ],

  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(errors)
    expect(errors, 'the page logged errors').toEqual([])
  },

  desk: async ({ rendererUrl, accounts, shell }, use, testInfo) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-e2e-'))
    const dbPath = path.join(dir, 'desk.sqlite')
    const silent = { error: (m: string, d?: unknown) => console.error(m, d), info: () => {} }
    let app = await startApp({ databasePath: dbPath, shell, log: silent })
    if (accounts === 'admin-signed-in') await services['auth.setupAdmin'](app.ctx, E2E_ADMIN)
    let handlers: HandlerTable = createHandlerTable(app.ctx)
    let ready: Promise<void> = Promise.resolve()
    const answering = new Set<Promise<unknown>>()
    const shape = buildApiObject((method) => method)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    /**
     * The page stays open while the store closes, unlike a window: what it asked before is answered by the
     * closing store, and what it asks from now on waits for `reopened` (a restart) or is never answered (the
     * end of the test), instead of reaching a closed store.
     */
    const closeStore = async (): Promise<() => void> => {
      let reopened!: () => void
      ready = new Promise((resolve) => (reopened = resolve))
      await Promise.allSettled([...answering])
      await app.close()
      return reopened
    }

    const desk: Desk = {
      dbPath,
      get app() {
        return app
      },
      async restart(whileClosed) {
        const reopened = await closeStore()
        await whileClosed?.()
        app = await startApp({ databasePath: dbPath, shell, log: silent })
        // A restart ends the session; the tests that restart are about the store, so the admin signs in again.
        if (app.ctx.session.accountsEnabled) {
          await services['auth.signIn'](app.ctx, { username: E2E_ADMIN.username, password: E2E_ADMIN.password })
        }
        handlers = createHandlerTable(app.ctx)
        reopened()
      },
      async open(page, route) {
        await page.exposeBinding('__mcdInvoke', async (_source, method: unknown, input: unknown) => {
          // Wait again if the store began to close while this call waited: it then belongs to the reopened one.
          for (let gate = ready; ; gate = ready) {
            await gate
            if (gate === ready) break
          }
          const answer = invokeByName(handlers, method, input)
          answering.add(answer)
          return answer.finally(() => answering.delete(answer))
        })
        await page.addInitScript(installApi, shape)
        await page.goto(route ? `${rendererUrl}#${route}` : rendererUrl)
      },
      async screenshot(page, name) {
        const spec = path.basename(testInfo.file).replace(/\.spec\.ts$/, '')
        const file = path.join(SCREENSHOT_DIR, `${spec}-${name}.png`)
        // A dialog or toast still fading in is half transparent in the picture: let finite animations end (2 s at most).
        await page.evaluate(() =>
          Promise.race([
            Promise.all(
              document
                .getAnimations()
                .filter((a) => a.effect?.getTiming().iterations !== Infinity)
                .map((a) => a.finished.catch(() => undefined))
            ),
            new Promise((resolve) => setTimeout(resolve, 2000))
          ])
        )
        await page.screenshot({ path: file, fullPage: true })
        return file
      }
    }
    await use(desk)
    await closeStore()
    rmSync(dir, { recursive: true, force: true })
  }
})

export { expect }
