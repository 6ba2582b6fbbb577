/*
 * Assigning mediators on a case as the office does it: the ranked
 * suggestion, a conflict of interest refused and overridden with a reason,
 * and a recusal that replaces the lead, all visible on the timeline.
 */
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { chooseOffice, creditCode, registration, residentId } from '../support/intake-fixtures'
import { addMediator } from '../support/roster-fixtures'
import { test, expect } from './fixtures'
import { CaseDetailPage } from './page-models/case-pages'

const COMPANY = '温州市瓯海区华侨贸易有限公司'

test('a conflicted expert is refused, assigned with a written reason, then replaced by recusal', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  const good = registration({ disputeType: 'contract', summary: '买卖合同货款纠纷，被申请人拖欠货款' })
  const theCase = await services['cases.register'](
    desk.app.ctx,
    registerCaseSchema.parse({
      ...good,
      parties: [
        good.parties[0],
        { kind: 'organisation', role: 'respondent', name: COMPANY, creditCode: creditCode('330304MA2J4L8Q1') }
      ]
    })
  )
  await addMediator(desk.app, { name: '林海燕', specialties: ['contract'] })
  await addMediator(desk.app, {
    kind: 'expert',
    profession: 'lawyer',
    name: '周律师',
    idNumber: residentId('1979-05-05', 417),
    phone: '13700001234',
    specialties: ['contract'],
    // Declared with the company's older name form: 有限责任公司.
    conflicts: [
      { name: '温州市瓯海区华侨贸易有限责任公司', idNumber: null, creditCode: null, relation: 'client', note: null }
    ]
  })

  await desk.open(page, `/cases/${theCase.id}`)
  const detail = new CaseDetailPage(page)
  await expect(detail.status).toHaveText('待受理')
  await page.getByTestId('open-assign').click()

  const suggestions = page.getByTestId('suggestions')
  await expect(suggestions.locator('tbody tr').first()).toContainText('林海燕')
  const expertRow = suggestions.locator('tbody tr', { hasText: '周律师' })
  await expect(expertRow).toContainText('委托人')
  await desk.screenshot(page, '1-suggestions')

  // Assign the expert anyway: refused, with the conflict in words.
  await expertRow.click()
  await page.getByTestId('confirm-assign').click()
  await expect(page.getByTestId('assign-conflict')).toContainText('不能指派“周律师”')
  await expect(page.getByTestId('assign-conflict')).toContainText(COMPANY)
  await desk.screenshot(page, '2-conflict-refused')
  expect(await desk.app.ctx.db.selectFrom('assignments').select('id').execute()).toEqual([])

  const reason = '该代理关系已于2023年结束，双方当事人书面同意由其主持调解'
  await page.locator('textarea[data-testid="override-reason"]').fill(reason)
  await page.getByTestId('confirm-assign').click()
  const table = page.getByTestId('assignment-table')
  await expect(table).toContainText('周律师')
  await expect(table).toContainText(`经说明理由指派：${reason}`)

  const audit = await desk.app.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'assignments').execute()
  expect(audit).toHaveLength(1)
  expect(JSON.parse(audit[0].summary).after.override_reason).toBe(reason)

  // Recusal: the applicant objects; 林海燕 takes over as lead.
  await page.getByTestId('recuse-周律师').click()
  await page.locator('textarea[data-testid="recuse-reason"]').fill('申请人认为该调解员曾代理被申请人，申请回避')
  await page.getByTestId('recuse-replacement').click()
  await page.getByRole('option', { name: /林海燕/ }).click()
  await page.getByTestId('confirm-recuse').click()
  await expect(table.locator('tbody tr')).toHaveCount(2)
  await expect(table).toContainText('已回避')
  await expect(detail.timeline).toContainText('主办调解员 周律师 回避')
  await expect(detail.timeline).toContainText('主办调解员 林海燕')
  await desk.screenshot(page, '3-after-recusal')
  expect(consoleErrors).toEqual([])
})
