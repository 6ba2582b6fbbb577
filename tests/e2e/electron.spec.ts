/*
 * The real Electron app, where its binary is installed: window security
 * settings and navigation guards. On machines that cannot download the
 * binary (node_modules/electron/dist missing) the suite is skipped, saying so.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const require = createRequire(import.meta.url)
const electronDir = path.dirname(require.resolve('electron/package.json'))
const binaryInstalled = existsSync(path.join(electronDir, 'path.txt')) && existsSync(path.join(electronDir, 'dist'))

test.describe('Electron window', () => {
  test.skip(
    !binaryInstalled,
    'Electron binary not installed (node_modules/electron/dist is missing: it downloads from outside the npm registry, which this machine cannot reach)'
  )

  test('the window is isolated, sandboxed, without Node, and cannot open windows or navigate away', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-electron-'))
    const app = await electron.launch({
      args: [path.resolve('out/main/index.js')],
      env: { ...process.env, MCD_DB: path.join(dir, 'desk.sqlite') }
    })
    try {
      const page = await app.firstWindow()
      await expect(page.getByText('欢迎使用人民调解案件管理系统')).toBeVisible()

      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // Not in Electron's typings, but present at run time: the preferences the page was created with.
        const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as {
          getLastWebPreferences(): { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean } | null
        }
        const web = contents.getLastWebPreferences()
        return { contextIsolation: web?.contextIsolation, sandbox: web?.sandbox, nodeIntegration: web?.nodeIntegration }
      })
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })

      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
      expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual([
        'app',
        'offices',
        'reference',
        'settings'
      ])

      await page.evaluate(() => window.open('https://example.org/'))
      expect(app.windows()).toHaveLength(1)

      const before = page.url()
      await page.evaluate(() => {
        window.location.href = 'https://example.org/'
      })
      await page.waitForTimeout(500)
      expect(page.url()).toBe(before)
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
