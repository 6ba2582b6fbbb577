/*
 * The hub screens as the desktop window runs them (app.info.shell is
 * 'electron'): a bundle is saved through the save dialog and chosen through
 * the open dialog, and the main process writes and reads the files
 * (hub.saveBundle, hub.chooseBundle, hub.verifyChosen, hub.importChosen).
 * The test answers the dialogs as the user would; the Electron adapter that
 * opens the real ones is the only part not run here (no Electron binary).
 * Nothing is downloaded or uploaded through the page.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { services } from '../../electron/main/services/index'
import { officeApp, registerAt, registerCaseAt } from '../../electron/main/services/hub/hub-test-kit'
import { keptBundlePath } from '../../electron/main/services/hub/kept-bundles'
import { answeringDialogs } from '../support/file-dialogs'
import { chooseOffice } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { HubPage } from './page-models/hub-pages'

test.use({ shell: 'electron' })

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

test('in the desktop window bundles are saved and chosen through the dialogs, never downloaded or uploaded', async ({
  page,
  desk,
  consoleErrors
}, testInfo) => {
  void consoleErrors
  await chooseOffice(desk.app, 'ouhai')
  const stick = path.join(testInfo.outputPath(), 'U盘')
  mkdirSync(stick, { recursive: true })
  // The user's answers: where to save (null: 取消), which file to open.
  let saving: 'to the stick' | 'cancelled' = 'to the stick'
  let opening: string | null = null
  const dialogs = answeringDialogs({
    save: (fileName) => (saving === 'cancelled' ? null : path.join(stick, fileName)),
    open: () => opening
  })
  desk.app.ctx.fileDialogs = dialogs
  const transfers: string[] = []
  page.on('download', (d) => transfers.push(`download ${d.suggestedFilename()}`))
  page.on('filechooser', () => transfers.push('file chooser'))

  const office = await officeApp('wutian')
  try {
    await registerCaseAt(office, 1, ['王芳', '陈建国'])
    const made = await services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' })
    await registerAt(desk.app, office)

    await desk.open(page, '/')
    const hub = new HubPage(page)
    await hub.open()

    // The district center's own bundle, saved where the save dialog says.
    await page.getByTestId('hub-export-button').click()
    await expect(hub.exportHistory.locator('tbody tr')).toHaveCount(1)
    const saved = path.join(stick, (await services['hub.exports'](desk.app.ctx, {}))[0].fileName)
    await expect(page.getByText(`已生成第 1 号数据包，已保存到 ${saved}`)).toBeVisible()
    expect(sha256(saved)).toBe((await services['hub.exports'](desk.app.ctx, {}))[0].sha256)
    expect(dialogs.opened).toEqual([`save:${path.basename(saved)}`])
    await desk.screenshot(page, '1-saved-through-dialog')

    // Saved again from the history; a cancelled dialog writes nothing and says nothing.
    saving = 'cancelled'
    await page.getByTestId('hub-export-save-1').click()
    await expect.poll(() => dialogs.opened.length).toBe(2)
    saving = 'to the stick'
    await page.getByTestId('hub-export-save-1').click()
    await expect(page.getByText(`已保存到 ${saved}`, { exact: true })).toBeVisible()

    // At the hub: the office's bundle chosen in the open dialog, read by the main process, checked, then merged.
    await hub.openImport()
    opening = keptBundlePath(office.ctx.runtime.databasePath, made.fileName!)
    await page.getByRole('button', { name: '选择数据包…' }).click()
    await expect(page.getByTestId('hub-import-chosen')).toContainText(made.fileName!)
    await page.getByTestId('hub-verify-button').click()
    await expect(hub.checks).not.toContainText('未通过')
    await page.getByTestId('hub-import-button').click()
    await expect(hub.outcome).toContainText('已导入：新增')
    await expect(hub.importHistory).toContainText(made.fileName!)
    await desk.screenshot(page, '2-chosen-and-imported')

    // A file gone between choosing and importing: refused with the reason, nothing written.
    const ghost = path.join(stick, 'gone.zip')
    opening = ghost
    await page.getByRole('button', { name: '选择数据包…' }).click()
    await expect(page.getByRole('alert').filter({ hasText: '不存在' })).toBeVisible()
    expect(existsSync(ghost)).toBe(false)
    await expect(hub.importHistory.locator('tbody tr')).toHaveCount(1)

    expect(transfers).toEqual([])
    expect(dialogs.opened.filter((d) => d === 'open')).toHaveLength(2)
  } finally {
    await office.dispose()
  }
})
