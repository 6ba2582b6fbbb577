/*
 * Backup and restore as the admin does it: back up now, see the copy checked,
 * go on working, restore the copy; after the next start the store is as it
 * was when the copy was taken, and the replaced store is kept as a backup.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { test, expect } from './fixtures'

test('a backup taken, more work done, the backup restored at the next start', async ({ page, desk, consoleErrors }) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  const register = (summary: string) =>
    services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration({ summary })))
  await register('邻里通道堆放杂物引发纠纷，双方多次争吵')

  await desk.open(page, '/settings')
  await page.getByRole('tab', { name: '数据备份' }).click()
  const panel = page.getByTestId('backup-panel')
  await expect(page.getByTestId('integrity-check')).toContainText('通过')
  await page.getByTestId('backup-now').click()
  const table = page.getByTestId('backup-table')
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table).toContainText('手动备份')
  await expect(page.getByTestId('integrity-check')).toContainText('desk-')

  await register('买卖合同货款纠纷，被申请人拖欠货款')
  await table.getByRole('button', { name: '恢复' }).click()
  const confirm = page.getByRole('dialog', { name: '从备份恢复' })
  await expect(confirm).toContainText('另存为“恢复前备份”')
  await desk.screenshot(page, '1-confirm-restore')
  await confirm.getByRole('button', { name: '下次启动时恢复' }).click()
  await expect(panel.getByTestId('pending-restore')).toContainText('下次启动时将从备份')
  await desk.screenshot(page, '2-restore-pending')

  await desk.restart()
  await page.reload()
  await page.getByRole('tab', { name: '数据备份' }).click()
  await expect(page.getByTestId('pending-restore')).toHaveCount(0)
  await expect(table).toContainText('恢复前备份')
  const cases = await desk.app.ctx.db.selectFrom('cases').select('summary').execute()
  expect(cases.map((c) => c.summary)).toEqual(['邻里通道堆放杂物引发纠纷，双方多次争吵'])
  await desk.screenshot(page, '3-restored')
})

test('a damaged store opens on the recovery screen, and a backup brings it back', async ({
  page,
  desk,
  consoleErrors
}) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  for (let n = 0; n < 30; n++) {
    await services['cases.register'](
      desk.app.ctx,
      registerCaseSchema.parse(registration({ summary: `第${n}件：邻里通道堆放杂物引发纠纷` }))
    )
  }
  await services['backups.create'](desk.app.ctx, {})
  // A disk fault while the app was closed: the middle of a page near the end of the file overwritten.
  await desk.restart(() => {
    const size = statSync(desk.dbPath).size
    const fd = openSync(desk.dbPath, 'r+')
    writeSync(fd, Buffer.alloc(1500, 0xff), 0, 1500, size - 4096 * 2 + 200)
    closeSync(fd)
  })

  await desk.open(page, '/cases')
  const recovery = page.getByTestId('recovery')
  await expect(recovery).toContainText('数据库需要修复')
  await expect(recovery).toContainText('当前数据库')
  await desk.screenshot(page, '4-recovery')
  await recovery.getByTestId('backup-table').getByRole('button', { name: '恢复' }).click()
  await page.getByRole('dialog', { name: '从备份恢复' }).getByRole('button', { name: '下次启动时恢复' }).click()
  await expect(recovery.getByTestId('pending-restore')).toBeVisible()

  await desk.restart()
  await page.reload()
  await expect(page.getByTestId('recovery')).toHaveCount(0)
  expect(await desk.app.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(30)
})
