/*
 * The keeping rule at the screen: an office that has made KEPT_BUNDLE_COUNT
 * bundles makes one more from the export tab; the toast names the copy the
 * rule removed, the history marks that row 已不在 and keeps it (the chain),
 * and every newer bundle can still be saved again.
 */
import { KEPT_BUNDLE_COUNT } from '../../shared/domain/hub'
import { services } from '../../electron/main/services/index'
import { chooseOffice } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { HubPage } from './page-models/hub-pages'

test('the export past the kept count says which older copy it removed', async ({ page, desk, consoleErrors }) => {
  void consoleErrors
  await chooseOffice(desk.app, 'ouhai')
  // The earlier bundles, made the quick way: each a full export of this small store, its copy kept beside it.
  for (let i = 0; i < KEPT_BUNDLE_COUNT; i++) {
    const made = await services['hub.export'](desk.app.ctx, { kind: 'full', policy: 'full' })
    expect(made.removedCopies).toEqual([])
  }

  await desk.open(page, '/')
  const hub = new HubPage(page)
  await hub.open()
  await page.getByRole('tab', { name: '导出数据包（本机）' }).click()
  await expect(hub.exportHistory.locator('tbody tr')).toHaveCount(KEPT_BUNDLE_COUNT)
  await page.getByTestId('hub-export-kind').getByText('全量').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('hub-export-button').click()
  const newest = KEPT_BUNDLE_COUNT + 1
  expect((await download).suggestedFilename()).toContain(`-${String(newest).padStart(6, '0')}-`)

  await expect(page.locator('.el-message').filter({ hasText: `已生成第 ${newest} 号数据包` })).toContainText(
    '按保留规则删除了第 1 号数据包的本机副本'
  )
  const rows = hub.exportHistory.locator('tbody tr')
  await expect(rows).toHaveCount(newest)
  await expect(rows.last()).toContainText('已不在')
  await expect(page.getByTestId('hub-export-save-1')).toHaveCount(0)
  for (const sequence of [2, newest]) await expect(page.getByTestId(`hub-export-save-${sequence}`)).toBeVisible()
  await desk.screenshot(page, 'kept-1-rule-removed-oldest')

  // The removal is in the audit log, in words.
  await page.getByRole('menuitem', { name: '审计日志' }).click()
  await expect(page.getByTestId('audit-table')).toContainText('按保留规则删除较早数据包的本机副本')
})
