/*
 * The start window's page, as the Electron shell shows it while a start after
 * an update backs up and migrates the store, or a restore copies: the page in Chromium, with each
 * line written into it as the main process writes it (startPageUpdate). The
 * window around it is Electron's and is not run here.
 */
import path from 'node:path'
import { START_PAGE, startPageUpdate } from '../../electron/main/startup-progress'
import { expect, SCREENSHOT_DIR, test } from './fixtures'

test('the start window shows the backup’s share, then the migration’s step', async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 460, height: 190 })
  await page.setContent(START_PAGE)
  const line = page.locator('#line')
  await expect(line).toHaveText('正在启动…')
  await expect(page.locator('small')).toHaveText('数据较多时需要几分钟，请勿关闭程序。')

  await page.evaluate(startPageUpdate({ phase: 'backup', copiedPages: 45 * 4096, totalPages: 100 * 4096 }))
  await expect(line).toHaveText('升级前正在备份数据库：已完成 45%')
  // The bar eases into place, then stands at the share.
  await expect
    .poll(async () =>
      page.evaluate(
        () =>
          document.getElementById('fill')!.getBoundingClientRect().width /
          document.getElementById('bar')!.getBoundingClientRect().width
      )
    )
    .toBeCloseTo(0.45, 2)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'startup-progress-backup.png') })

  await page.evaluate(startPageUpdate({ phase: 'migrate', step: 1, steps: 2, name: '2026_12_06_2100_x' }))
  await expect(line).toHaveText('正在升级数据库结构：第 1 / 2 步')
  // No share to show while a migration runs: the bar moves without saying how far.
  await expect(page.locator('#bar')).toHaveClass('bar busy')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'startup-progress-migrate.png') })
  expect(consoleErrors).toEqual([])
})

test('the start window shows how far a restore’s copy is', async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 460, height: 190 })
  await page.setContent(START_PAGE)
  const fileName = 'desk-20261206T010000-daily.sqlite'
  const restore = { phase: 'restore', fileName, totalBytes: 19e9 } as const
  await page.evaluate(startPageUpdate({ ...restore, copying: 'current', copiedBytes: 19e9 }))
  await expect(page.locator('#line')).toHaveText('恢复前正在保留当前数据库：已完成 100%')
  await page.evaluate(startPageUpdate({ ...restore, copying: 'backup', copiedBytes: 6.65e9 }))
  await expect(page.locator('#line')).toHaveText(`正在从备份 ${fileName} 恢复数据库：已完成 35%`)
  // A share to show, so the bar stands at it rather than moving.
  await expect(page.locator('#bar')).toHaveClass('bar')
  await expect(page.locator('#fill')).toHaveAttribute('style', /width: 35%/)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'startup-progress-restore.png') })
  expect(consoleErrors).toEqual([])
})
