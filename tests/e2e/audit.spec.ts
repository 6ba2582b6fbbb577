/*
 * The audit trail as a supervisor reads it: a case's history found by its
 * number, each change opened to its fields, and the chain verified — clean,
 * then broken at the row someone rewrote with a SQLite tool.
 */
import { sql } from 'kysely'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { test, expect } from './fixtures'

test('a case’s trail is found by its number, and a rewritten row is caught by verification', async ({
  page,
  desk,
  consoleErrors
}) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  const other = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  const theCase = await services['cases.register'](
    desk.app.ctx,
    registerCaseSchema.parse(registration({ summary: '买卖合同货款纠纷，被申请人拖欠货款' }))
  )
  const accepted = await services['cases.accept'](desk.app.ctx, { caseId: theCase.id })
  const otherAccepted = await services['cases.accept'](desk.app.ctx, { caseId: other.id })

  await desk.open(page, '/audit')
  const table = page.getByTestId('audit-table')
  await expect(table.locator('tbody tr').first()).toContainText('受理')

  await page.getByTestId('audit-case-number').fill(accepted.caseNumber!)
  await page.getByTestId('audit-case-number').press('Enter')
  // Registration (case, two parties, two links, one event) and acceptance (case, one event): eight rows.
  await expect(table.locator('tbody > tr.el-table__row')).toHaveCount(8)
  await expect(table).toContainText(accepted.caseNumber!)
  await expect(table).not.toContainText(otherAccepted.caseNumber!)
  // The acceptance itself: the case's status and number, before and after.
  await table.locator('tbody > tr.el-table__row').nth(1).locator('.el-table__expand-icon').click()
  const changes = table.locator('.audit__changes')
  await expect(changes).toContainText('状态')
  await expect(changes).toContainText('已受理')
  await expect(changes).toContainText('案件编号')
  await desk.screenshot(page, '1-case-trail')

  await page.getByTestId('audit-verify').click()
  await expect(page.getByTestId('audit-verification')).toContainText('审计日志完整')

  // Someone lifts the append-only trigger and rewrites who did it.
  await sql`drop trigger audit_log_no_update`.execute(desk.app.ctx.db)
  await sql`update audit_log set actor_name = '他人' where chain_seq = 5`.execute(desk.app.ctx.db)
  await page.getByTestId('audit-verify').click()
  const verdict = page.getByTestId('audit-verification')
  await expect(verdict).toContainText('校验未通过')
  await expect(verdict).toContainText('第 5 条')
  await expect(verdict).toContainText('已被改动')
  await desk.screenshot(page, '2-tampered')
})

test('a full ID number is shown on demand, and the view is on the case’s audit trail', async ({
  page,
  desk,
  consoleErrors
}) => {
  void consoleErrors
  await chooseOffice(desk.app, 'wutian')
  const theCase = await services['cases.register'](desk.app.ctx, registerCaseSchema.parse(registration()))
  const fullId = registration().parties[0].idNumber!
  await desk.open(page, `/cases/${theCase.id}`)
  const parties = page.getByTestId('case-parties')
  await expect(parties).toContainText(`330***********${fullId.slice(-4)}`)
  await expect(parties).not.toContainText(fullId)
  await page.getByTestId('reveal-王芳').click()
  await expect(parties).toContainText(fullId)
  await expect(parties).toContainText('13857712345')
  await desk.screenshot(page, '3-revealed')

  const trail = await services['audit.list'](desk.app.ctx, { filter: { caseId: theCase.id, action: 'parties.reveal' } })
  expect(trail.rows.map((r) => r.actorName)).toEqual(['王主任'])
})
