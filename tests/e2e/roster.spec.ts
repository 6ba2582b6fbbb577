/*
 * The mediator roster as the office keeps it: an expert added from the
 * keyboard with a credential and a declared conflict, a wrong ID number
 * stopped at the field, and the roster spreadsheet out and back in, with a
 * file that has a problem held back at the preview.
 */
import ExcelJS from 'exceljs'
import { saveMediatorSchema } from '../../shared/domain/mediator-input'
import { chinaDate } from '../../shared/rules/china-time'
import { services } from '../../electron/main/services/index'
import { chooseOffice, creditCode, residentId } from '../support/intake-fixtures'
import { test, expect } from './fixtures'
import { LayoutPage } from './page-models/layout-page'
import { MediatorFormPage, RosterImportPage, RosterPage } from './page-models/roster-pages'

const EXPERT_ID = residentId('1975-03-18', 215)
const COMPANY_CODE = creditCode()

/** A China date `days` from today: leave and credential dates the list judges against the real clock. */
function fromToday(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86_400_000))
}

/** One mediator already on the roster (on leave today, a certificate expiring next month), saved as the form would. */
async function seedMediator(desk: { app: { ctx: Parameters<(typeof services)['mediators.save']>[0] } }) {
  return services['mediators.save'](
    desk.app.ctx,
    saveMediatorSchema.parse({
      record: {
        kind: 'expert',
        name: '周海燕',
        gender: 'female',
        idNumber: residentId('1980-06-21', 126),
        phone: '13806661234',
        profession: 'psychological_counselor',
        capacity: 5,
        officeCodes: ['wutian'],
        specialties: ['marriage_family'],
        credentials: [
          {
            type: 'counselor_certificate',
            number: 'XL-2019-0032',
            issuer: '浙江省心理卫生协会',
            validUntil: fromToday(30)
          },
          { type: 'mediator_training', number: 'OH-TJ-2024-118', issuer: '瓯海区司法局', validUntil: null }
        ],
        conflicts: [{ name: '陈晓丽', idNumber: residentId('1986-01-09', 208), relation: 'relative' }],
        leaves: [{ from: fromToday(-2), to: fromToday(5), reason: '外出培训' }]
      }
    })
  )
}

test('a clerk adds an expert from the keyboard with a credential and a declared conflict', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  await desk.open(page)
  await new LayoutPage(page).goTo('调解员名册')
  const roster = new RosterPage(page)
  await expect(roster.total).toHaveText('共 0 人')
  await roster.newMediator.click()

  const form = new MediatorFormPage(page)
  await expect(form.input('mediator-kind')).toBeFocused()
  await form.pick('专家库')
  await form.tab()
  await expect(form.input('mediator-name')).toBeFocused()
  await form.type('林晓东')
  await form.tab()
  await form.pick('男')
  await form.tab()
  await expect(form.input('mediator-id-number')).toBeFocused()
  await form.type(EXPERT_ID)
  await form.tab()
  await form.type('138 5770 2233')
  await form.tab()
  await expect(form.input('mediator-profession')).toBeFocused()
  await form.pick('律师')
  // This installation's office is already chosen.
  await expect(form.selected('mediator-offices')).toContainText('梧田街道矛盾纠纷调解分中心')
  await form.input('mediator-specialties').focus()
  await form.pick('合同')
  await expect(form.selected('mediator-specialties')).toContainText('合同纠纷')

  await form.addRow('credentials')
  await expect(form.input('credential-0-type')).toBeFocused()
  await form.pick('律师执业证')
  await form.tab()
  await form.type('13303200810123456')
  await form.tab()
  await form.type('浙江省司法厅')
  await form.tab()
  await form.type('2027-05-31')
  await form.tab()

  await form.addRow('conflicts')
  await expect(form.input('conflict-0-name')).toBeFocused()
  await form.type('温州瓯越建材有限公司')
  await form.tab(2) // 身份证号码 stays empty
  await form.type(COMPANY_CODE)
  await form.tab()
  await form.pick('委托人')
  await form.tab()
  await expect(form.input('conflict-0-note')).toBeFocused()
  await form.type('2025年起担任其常年法律顾问')
  await desk.screenshot(page, '2-edit-form')
  await page.keyboard.press('Enter')

  await expect(page.getByText('已将“林晓东”加入名册')).toBeVisible()
  await expect(roster.total).toHaveText('共 1 人')
  const row = roster.row('林晓东')
  await expect(row).toContainText('专家库成员')
  await expect(row).toContainText('律师')
  await expect(row).toContainText('138****2233')
  await expect(row).toContainText('梧田街道矛盾纠纷调解分中心')
  await expect(row).toContainText('合同纠纷')
  await expect(row).toContainText('0 / 10')
  await expect(row).toContainText('在册')
  await expect(roster.countsOf('梧田街道')).toHaveText(['梧田街道矛盾纠纷调解分中心', '0', '0', '1', '1'])
  await roster.settled()
  await desk.screenshot(page, '1-list')

  // What the store holds: exactly this person, with the credential and the declared conflict.
  const db = desk.app.ctx.db
  const mediators = await db.selectFrom('mediators').selectAll().execute()
  expect(mediators).toHaveLength(1)
  expect(mediators[0]).toMatchObject({
    kind: 'expert',
    name: '林晓东',
    gender: 'male',
    id_number: EXPERT_ID,
    phone: '13857702233',
    profession: 'lawyer',
    status: 'active',
    capacity: 10,
    version: 1
  })
  const id = mediators[0].id
  const conflicts = await db.selectFrom('mediator_conflicts').selectAll().execute()
  expect(conflicts).toHaveLength(1)
  expect(conflicts[0]).toMatchObject({
    mediator_id: id,
    name: '温州瓯越建材有限公司',
    id_number: null,
    credit_code: COMPANY_CODE,
    relation: 'client',
    note: '2025年起担任其常年法律顾问'
  })
  const credentials = await db.selectFrom('mediator_credentials').selectAll().execute()
  expect(credentials).toHaveLength(1)
  expect(credentials[0]).toMatchObject({
    mediator_id: id,
    type: 'lawyer_licence',
    number: '13303200810123456',
    issuer: '浙江省司法厅',
    valid_until: '2027-05-31'
  })
  const offices = await db
    .selectFrom('mediator_offices')
    .innerJoin('offices', 'offices.id', 'mediator_offices.office_id')
    .select(['mediator_offices.mediator_id', 'offices.code'])
    .execute()
  expect(offices).toEqual([{ mediator_id: id, code: 'wutian' }])
  const specialties = await db.selectFrom('mediator_specialties').select(['mediator_id', 'dispute_type']).execute()
  expect(specialties).toEqual([{ mediator_id: id, dispute_type: 'contract' }])
  expect(await db.selectFrom('mediator_leaves').select('id').execute()).toEqual([])

  // The row opens the entry again, and Esc goes back to the list.
  await row.click()
  await expect(form.input('mediator-name')).toHaveValue('林晓东')
  await expect(form.input('conflict-0-creditCode')).toHaveValue(COMPANY_CODE)
  await expect(page.getByText('在办案件 0 件 · 第 1 版')).toBeVisible()
  await desk.screenshot(page, '7-edit-existing')
  await page.keyboard.press('Escape')
  await expect(roster.total).toHaveText('共 1 人')
  expect(consoleErrors).toEqual([])
})

test('a wrong ID number is shown at the field in zh-CN and nothing is written', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  await desk.open(page, '/mediators/new')
  const form = new MediatorFormPage(page)
  await expect(form.input('mediator-kind')).toBeFocused()
  await form.pick('专职')
  await form.input('mediator-name').fill('黄建平')
  const idNumber = form.input('mediator-id-number')
  const wrong = EXPERT_ID.slice(0, 17) + (EXPERT_ID.endsWith('1') ? '2' : '1')
  await idNumber.fill(wrong)
  await expect(form.itemOf(idNumber)).toContainText('身份证号码校验位不正确')
  await form.save.click()
  await expect(page.getByText('请检查标出的字段')).toBeVisible()
  await expect(form.itemOf(idNumber)).toContainText('身份证号码校验位不正确')
  await desk.screenshot(page, '3-wrong-id')

  // A number main refuses (already on the roster) comes back to the same field.
  const existing = await seedMediator(desk)
  await idNumber.fill(existing.idNumber!)
  await expect(form.itemOf(idNumber)).not.toContainText('校验位')
  await idNumber.press('Enter')
  await expect(form.itemOf(idNumber)).toContainText('名册中已有该身份证号码的调解员：周海燕')
  const rows = await desk.app.ctx.db.selectFrom('mediators').select('name').execute()
  expect(rows).toEqual([{ name: '周海燕' }])
  expect(consoleErrors).toEqual([])
})

test('the exported roster imports back unchanged, with no problems', async ({
  page,
  desk,
  consoleErrors
}, testInfo) => {
  await chooseOffice(desk.app, 'wutian')
  const seeded = await seedMediator(desk)
  await desk.open(page, '/mediators')
  const roster = new RosterPage(page)
  await expect(roster.total).toHaveText('共 1 人')
  const row = roster.row('周海燕')
  await expect(row).toContainText('休假')
  await expect(row).toContainText('证书将到期')
  await page.getByTestId('filter-expiring').click()
  await expect(roster.total).toHaveText('共 1 人')
  await expect(row).toContainText('证书将到期')
  await page.getByTestId('filter-kind').click()
  await page.getByRole('option', { name: '专职调解员' }).click()
  await expect(roster.total).toHaveText('共 0 人')
  await page.getByRole('button', { name: '重置' }).click()
  await expect(roster.total).toHaveText('共 1 人')
  await roster.settled()
  await desk.screenshot(page, '6-list-tags')

  const download = await roster.exportRoster()
  expect(download.suggestedFilename()).toMatch(/^调解员名册-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const file = testInfo.outputPath('roster.xlsx')
  await download.saveAs(file)

  await roster.importButton.click()
  const dialog = new RosterImportPage(page)
  await expect(dialog.confirm).toBeDisabled()
  await dialog.choose(file)
  await expect(dialog.summary).toContainText('新增 0 人')
  await expect(dialog.summary).toContainText('未变化 1 人')
  await expect(dialog.summary).toContainText('专家库成员 1 人')
  await expect(dialog.ok).toContainText('未发现问题')
  await expect(dialog.problems).toHaveCount(0)
  await expect(dialog.confirm).toBeEnabled()
  await desk.screenshot(page, '4-import-preview')

  await dialog.confirm.click()
  await expect(page.getByText('名册已导入：新增 0 人，更新 0 人，未变化 1 人')).toBeVisible()
  await expect(dialog.dialog).toBeHidden()
  await expect(roster.total).toHaveText('共 1 人')

  // The round trip changed nothing, not even the version.
  const after = await services['mediators.get'](desk.app.ctx, { id: seeded.id })
  expect(after).toEqual(seeded)
  expect(consoleErrors).toEqual([])
})

test('a roster file with a wrong ID number lists the problem and cannot be imported', async ({
  page,
  desk,
  consoleErrors
}, testInfo) => {
  await chooseOffice(desk.app, 'wutian')
  const seeded = await seedMediator(desk)
  await desk.open(page, '/mediators')
  const roster = new RosterPage(page)
  const exported = testInfo.outputPath('roster.xlsx')
  await (await roster.exportRoster()).saveAs(exported)

  // The clerk mistypes the last digit of the ID number on the expert sheet.
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(exported)
  const sheet = workbook.getWorksheet('专家库成员')!
  const header = sheet.getRow(1).values as unknown[]
  const idColumn = header.indexOf('身份证号码')
  expect(idColumn).toBeGreaterThan(0)
  const good = String(sheet.getRow(2).getCell(idColumn).value)
  expect(good).toBe(seeded.idNumber)
  sheet.getRow(2).getCell(idColumn).value = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1')
  const broken = testInfo.outputPath('roster-broken.xlsx')
  await workbook.xlsx.writeFile(broken)

  await roster.importButton.click()
  const dialog = new RosterImportPage(page)
  await dialog.choose(broken)
  await expect(dialog.problemRows()).toHaveCount(1)
  await expect(dialog.problemRows().first().locator('td')).toHaveText([
    '专家库成员',
    '2',
    '身份证号码',
    '身份证号码校验位不正确'
  ])
  await expect(dialog.dialog).toContainText('发现 1 处问题')
  await expect(dialog.confirm).toBeDisabled()
  await desk.screenshot(page, '5-import-problems')

  const stored = await services['mediators.get'](desk.app.ctx, { id: seeded.id })
  expect(stored.version).toBe(seeded.version)
  expect(consoleErrors).toEqual([])
})

test('a chamber of commerce added in place is chosen at once, and Esc closes only that input', async ({
  page,
  desk,
  consoleErrors
}) => {
  await chooseOffice(desk.app, 'wutian')
  await desk.open(page, '/mediators/new')
  const form = new MediatorFormPage(page)
  await expect(form.input('mediator-kind')).toBeFocused()
  await page.getByTestId('add-chamber').click()
  await expect(form.input('new-chamber-name')).toBeFocused()
  await form.type('温州市瓯海区温商商会')
  await page.keyboard.press('Enter') // adds the chamber; does not save the form
  await expect(form.selected('mediator-chambers')).toContainText('温州市瓯海区温商商会')
  await page.getByTestId('add-chamber').click()
  await form.type('温州市瓯海区温商商会')
  await page.keyboard.press('Enter')
  await expect(page.getByText('商会名单中已有该商会')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('new-chamber-name')).toHaveCount(0)
  await expect(form.form).toBeVisible()

  const chambers = await desk.app.ctx.db.selectFrom('chambers').select('name').execute()
  expect(chambers.map((c) => c.name)).toContain('温州市瓯海区温商商会')
  expect(await desk.app.ctx.db.selectFrom('mediators').select('id').execute()).toEqual([])
  await form.input('mediator-name').focus()
  await page.keyboard.press('Escape')
  await expect(new RosterPage(page).total).toHaveText('共 0 人')
  expect(consoleErrors).toEqual([])
})
