/*
 * Exports to the district hub, end to end: an office (a second real store)
 * makes its bundles through the services; at the district center's screen
 * the office's key is registered from its key file, the bundle imported with
 * its verification report, and the office's cases appear in the district's
 * ordinary case list. A tampered copy is refused, and the refusal is kept.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { readZip } from '../../electron/main/services/hub/zip-reader'
import { writeZip } from '../../electron/main/services/hub/zip-writer'
import { BUNDLE_LIMITS } from '../../electron/main/services/hub/bundle-limits'
import { keptBundlePath } from '../../electron/main/services/hub/kept-bundles'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { resigned } from '../support/hub-bundles'
import { startTempApp } from '../support/temp-app'
import { test, expect } from './fixtures'
import { HubKeysTab, HubPage } from './page-models/hub-pages'

test('an office’s bundle is verified and merged at the hub, and a tampered copy is refused', async ({
  page,
  desk,
  consoleErrors
}, testInfo) => {
  void consoleErrors
  await chooseOffice(desk.app, 'ouhai')

  const office = await startTempApp()
  try {
    await chooseOffice(office, 'wutian')
    const registered = await services['cases.register'](
      office.ctx,
      registerCaseSchema.parse(registration({ summary: '梧田某小区相邻通道纠纷，双方因堆放杂物发生争执' }))
    )
    const accepted = await services['cases.accept'](office.ctx, { caseId: registered.id })
    const first = await services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' })
    await services['cases.register'](
      office.ctx,
      registerCaseSchema.parse(registration({ summary: '第二件：租赁押金纠纷' }))
    )
    const second = await services['hub.export'](office.ctx, { kind: 'incremental', policy: 'full' })

    const dir = testInfo.outputPath()
    const keyFile = path.join(dir, 'office-key-wutian.json')
    writeFileSync(keyFile, JSON.stringify(await services['hub.publicKeyFile'](office.ctx, {})))
    // Each bundle as the office saves it: its kept copy, fetched as the window fetches it.
    const saved = async (sequence: number) =>
      Buffer.from((await services['hub.bundleFile'](office.ctx, { sequence })).base64, 'base64')
    const firstFile = path.join(dir, first.fileName!)
    writeFileSync(firstFile, await saved(first.entry!.sequence))
    // One byte of the second bundle's cases file changed on the USB stick (the archive itself rebuilt cleanly).
    const entries = [...readZip(await saved(second.entry!.sequence), BUNDLE_LIMITS)].map(([name, data]) => ({
      name,
      data
    }))
    const cases = entries.find((e) => e.name === 'cases.ndjson')!
    cases.data = Buffer.from(cases.data.toString('utf8').replace('租赁押金纠纷', '租赁押金纠葛'))
    const tamperedFile = path.join(dir, `tampered-${second.fileName}`)
    writeFileSync(tamperedFile, writeZip(entries))

    await desk.open(page, '/')
    const keys = new HubKeysTab(page)
    await keys.open()
    await keys.register(keyFile)
    await expect(keys.registered).toContainText('梧田街道矛盾纠纷调解分中心')
    await expect(keys.registered).toContainText('第 0 号')
    await desk.screenshot(page, '1-registered-key')

    const hub = new HubPage(page)
    await hub.open()
    await hub.openImport()
    await hub.importFile(firstFile)
    await expect(hub.outcome).toContainText('已导入：新增')
    await expect(hub.checks.locator('tbody tr')).toHaveCount(8)
    await expect(hub.checks).not.toContainText('未通过')
    await expect(hub.importHistory).toContainText('已导入')
    await desk.screenshot(page, '2-imported')

    await page.getByRole('menuitem', { name: '案件' }).click()
    await expect(page.getByText(accepted.caseNumber!)).toBeVisible()
    // The district list filtered by the office the bundle came from; the office is a column of every row.
    await page.getByTestId('filter-office').click()
    await page.getByRole('option', { name: '梧田街道矛盾纠纷调解分中心' }).click()
    await page.getByTestId('apply-filters').click()
    await expect(page.getByTestId('case-total')).toContainText('共 1 件')
    await expect(page.locator('.el-table-v2__row').first()).toContainText('梧田街道矛盾纠纷调解分中心')
    await desk.screenshot(page, '3-district-list')

    await hub.open()
    await hub.openImport()
    await hub.importFile(tamperedFile)
    await expect(hub.outcome).toContainText('已拒收')
    await expect(hub.outcome).toContainText('cases.ndjson 的 SHA-256')
    await expect(hub.checks).toContainText('未通过')
    await expect(hub.importHistory.locator('tbody tr')).toHaveCount(2)
    await desk.screenshot(page, '4-tampered-refused')

    // Nothing of the tampered bundle reached the store.
    const hubCases = await desk.app.ctx.db.selectFrom('cases').select('summary').execute()
    expect(hubCases.map((c) => c.summary)).toEqual(['梧田某小区相邻通道纠纷，双方因堆放杂物发生争执'])

    // Signed with the office's own key but carrying one case event twice: every check passes, the store refuses.
    const twiceFile = path.join(dir, `twice-${second.fileName}`)
    writeFileSync(
      twiceFile,
      resigned(await saved(second.entry!.sequence), office, (files, manifest) => {
        const lines = files.get('case_events.ndjson')!.toString('utf8').trimEnd().split('\n')
        files.set('case_events.ndjson', Buffer.from([...lines, lines[lines.length - 1]].join('\n') + '\n'))
        manifest.counts.case_events.rows += 1
      })
    )
    await hub.importFile(twiceFile)
    await expect(hub.outcome).toContainText('已拒收')
    await expect(hub.outcome).toContainText(
      '合并时数据库拒绝写入，未写入任何数据：case_events.ndjson 中有一行与本中心已有的记录或数据包中的另一行重复（id）'
    )
    await expect(hub.outcome).not.toContainText('constraint')
    await expect(page.getByText('合并时数据库拒绝写入，已拒收，未写入任何数据')).toBeVisible()
    await expect(hub.importHistory.locator('tbody tr')).toHaveCount(3)
    await desk.screenshot(page, '4b-store-refused')
    expect((await desk.app.ctx.db.selectFrom('cases').select('id').execute()).length).toBe(1)

    // The district center is an office too: its own export, saved as a file.
    await page.getByRole('tab', { name: '导出数据包（本机）' }).click()
    const download = page.waitForEvent('download')
    await page.getByTestId('hub-export-button').click()
    expect((await download).suggestedFilename()).toMatch(/^hub-ouhai-000001-\d{8}\.zip$/)
    await expect(hub.exportHistory.locator('tbody tr')).toHaveCount(1)
    await desk.screenshot(page, '5-export')

    // The office kept its copy: saved again from the history, byte for byte the bundle recorded.
    const again = page.waitForEvent('download')
    await page.getByTestId('hub-export-save-1').click()
    const againFile = path.join(dir, 'again.zip')
    await (await again).saveAs(againFile)
    const recorded = (await services['hub.exports'](desk.app.ctx, {}))[0]
    expect(createHash('sha256').update(readFileSync(againFile)).digest('hex')).toBe(recorded.sha256)
    // A copy someone deleted cannot be saved: the screen says where it was, and nothing is downloaded.
    rmSync(keptBundlePath(desk.app.ctx.runtime.databasePath, recorded.fileName))
    await page.getByTestId('hub-export-save-1').click()
    await expect(page.getByRole('alert').filter({ hasText: '本机副本' })).toContainText('已不在')
    await expect(hub.exportHistory.locator('tbody tr').first()).toContainText('已不在')
    await expect(page.getByTestId('hub-export-save-1')).toHaveCount(0)
    await desk.screenshot(page, '5b-kept-copy-gone')

    // A bundle larger than the hub takes is not made: the screen says so, and the chain stays at 第 1 号.
    const limit = BUNDLE_LIMITS.maxArchiveBytes
    BUNDLE_LIMITS.maxArchiveBytes = 1024
    try {
      // Nothing changed since 第 1 号, so a full export: everything again, and now too large.
      await page.getByTestId('hub-export-kind').getByText('全量').click()
      await page.getByTestId('hub-export-button').click()
      await expect(page.getByRole('alert').filter({ hasText: '超过区中心可接收的上限' })).toContainText(
        '未生成数据包，上报序号未变'
      )
      await expect(hub.exportHistory.locator('tbody tr')).toHaveCount(1)
      await desk.screenshot(page, '6-export-too-large')
    } finally {
      BUNDLE_LIMITS.maxArchiveBytes = limit
    }

    // Two more bundles: the older one's copy may be removed by hand, after a yes; the newest one's may not.
    for (const sequence of [2, 3]) {
      const made = page.waitForEvent('download')
      await page.getByTestId('hub-export-button').click()
      expect((await made).suggestedFilename()).toContain(`-00000${sequence}-`)
      await expect(hub.exportHistory.locator('tbody tr')).toHaveCount(sequence)
    }
    await expect(page.getByTestId('hub-export-keeping')).toContainText('本机保留最近 10 个数据包的副本')
    await expect(page.getByTestId('hub-export-delete-3')).toHaveCount(0)
    await expect(page.locator('.el-message')).toHaveCount(0) // the export toasts gone, for a clear picture
    await page.getByTestId('hub-export-delete-2').click()
    const asked = page.getByRole('dialog', { name: '删除本机副本' })
    await expect(asked).toContainText('删除后不能再另存或重新报送这个数据包')
    await desk.screenshot(page, '6b-delete-copy-asked')
    await asked.getByRole('button', { name: '返回' }).click()
    await expect(page.getByTestId('hub-export-save-2')).toBeVisible()
    await page.getByTestId('hub-export-delete-2').click()
    await asked.getByRole('button', { name: '删除' }).click()
    await expect(page.getByText('已删除第 2 号数据包的本机副本')).toBeVisible()
    await expect(hub.exportHistory.locator('tbody tr').nth(1)).toContainText('已不在')
    await expect(page.getByTestId('hub-export-save-3')).toBeVisible()
    await desk.screenshot(page, '6c-copy-deleted')

    // The bundle made and the copy handed out are in the audit log, in words rather than method names.
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    const audit = page.getByTestId('audit-table')
    await expect(audit).toContainText('下载上报数据包（本机副本）')
    await expect(audit).toContainText('生成上报数据包')
    await expect(audit).toContainText('删除上报数据包（本机副本）')
    await expect(audit).toContainText('导入上报数据包')
    await expect(audit).toContainText('调解组织公钥')
    await expect(audit).not.toContainText('hub.')
    await expect(audit).not.toContainText('hub_')
    await desk.screenshot(page, '7-audit')
  } finally {
    await office.dispose()
  }
})
