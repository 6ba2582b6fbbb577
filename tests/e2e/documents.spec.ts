/*
 * A mediator makes the written agreement from the case page, finds it in the
 * register (version, hash check, DOCX and PDF), looks at its print preview,
 * and exports the case file, which lists the required items still missing.
 */
import { caseWithAgreement } from '../support/lifecycle-fixtures'
import { test, expect } from './fixtures'
import { DocumentsPanel } from './page-models/document-pages'

test('the agreement generated, registered and previewed; the case file exported with its missing items', async ({
  page,
  desk,
  consoleErrors
}) => {
  const { caseId } = await caseWithAgreement(desk.app)
  const caseNumber = (
    await desk.app.ctx.db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirstOrThrow()
  ).case_number!

  await desk.open(page, `/cases/${caseId}`)
  const docs = new DocumentsPanel(page)
  await docs.panel.scrollIntoViewIfNeeded()
  await expect(docs.panel).toContainText('尚未生成文书')
  await desk.screenshot(page, '1-panel')

  await docs.generate('人民调解协议书')
  const row = docs.row('人民调解协议书', 1)
  await expect(row).toContainText('校验一致')
  await expect(row).toContainText('DOCX')
  await expect(row).toContainText('PDF')
  await docs.panel.scrollIntoViewIfNeeded()
  await desk.screenshot(page, '2-register')
  const stored = await desk.app.ctx.db.selectFrom('documents').select(['kind', 'format', 'revision']).execute()
  expect(stored).toEqual([
    { kind: 'agreement', format: 'docx', revision: 1 },
    { kind: 'agreement', format: 'pdf', revision: 1 }
  ])

  await docs.preview('人民调解协议书')
  await expect(docs.printView.locator('h1')).toHaveText('人民调解协议书')
  await expect(docs.printView).toContainText(`编号：${caseNumber}`)
  await expect(docs.printView).toContainText('王芳')
  await desk.screenshot(page, '3-print-preview')
  await page.getByTestId('print-back').click()

  await docs.panel.scrollIntoViewIfNeeded()
  await docs.openExport()
  await expect(docs.missing).toContainText('3 当事人身份证明')
  await expect(docs.missing).toContainText('7 人民调解记录')
  await expect(docs.missing).not.toContainText('8 人民调解协议书')
  await desk.screenshot(page, '4-export-missing')
  const download = page.waitForEvent('download')
  await page.getByTestId('export-zip').click()
  await expect(docs.progress).toContainText('完成', { timeout: 60_000 })
  expect((await download).suggestedFilename()).toBe(`卷宗${caseNumber}.zip`)
  await desk.screenshot(page, '5-exported')

  // The office's own templates: the Settings tab lists every template in use.
  await page.keyboard.press('Escape')
  await page.getByRole('menuitem', { name: '设置' }).click()
  await page.getByRole('tab', { name: '文书模板' }).click()
  await expect(page.getByTestId('template-settings')).toContainText('人民调解协议书')
  await expect(page.getByTestId('template-settings')).toContainText('agreement.docx')
  await desk.screenshot(page, '6-template-settings')
  expect(consoleErrors).toEqual([])
})
