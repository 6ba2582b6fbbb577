/*
 * Scheduling as a clerk does it: a session from the case page, a second one
 * that clashes (shown in words, with free slots to pick), both on the week
 * view; a 调休 Sunday needs no confirmation and a holiday does; the settings
 * tabs and a mediator's agenda.
 */
import type { Page } from '@playwright/test'
import { fixedClock } from '../support/temp-app'
import { acceptedCase, addRoom, otherParties } from '../support/hearing-fixtures'
import { addMediator } from '../support/roster-fixtures'
import { test, expect, type Desk } from './fixtures'
import { CalendarPage, HearingForm } from './page-models/hearing-pages'
import { fieldInput } from './page-models/field'

/** Tuesday 1 December 2026, 10:00 in China, in the store and in the page. */
const NOW = '2026-12-01T02:00:00Z'

/** Go to another route in the page already opened (desk.open binds window.api once per page). */
async function go(page: Page, route: string): Promise<void> {
  await page.goto(`${page.url().replace(/#.*$/, '')}#${route}`)
}

async function freezeTime(desk: Desk, page: Page, iso = NOW): Promise<void> {
  desk.app.ctx.clock = fixedClock(iso)
  await page.clock.setFixedTime(new Date(iso))
}

test('a clash is shown in words with free slots; the week view shows both sessions', async ({
  page,
  desk,
  consoleErrors
}) => {
  await addMediator(desk.app, { name: '林海燕' })
  await addRoom(desk.app)
  const first = await acceptedCase(desk.app)
  const second = await acceptedCase(desk.app, otherParties(1))
  await freezeTime(desk, page)

  await desk.open(page, `/cases/${first.id}`)
  const form = new HearingForm(page)
  await page.getByTestId('schedule-from-case').click()
  await form.setDate('2026-12-03')
  await form.chooseRoom('第一调解室')
  await form.chooseLead('林海燕')
  await expect(form.clear).toBeVisible()
  await desk.screenshot(page, '1-form')
  await form.submit()
  const panel = page.getByTestId('case-hearing-table')
  await expect(panel).toContainText('12月3日 周四 09:00–11:00')
  await expect(page.getByTestId('case-timeline')).toContainText('安排调解会')
  await desk.screenshot(page, '2-case-panel')

  // The same mediator, overlapping, for another case: refused in words, with free slots.
  await go(page, `/cases/${second.id}`)
  await page.getByTestId('schedule-from-case').click()
  await form.setDate('2026-12-03')
  await form.setTimes('10:00', '12:00')
  await form.chooseOnsite('梧田街道南白象村5号')
  await form.chooseLead('林海燕')
  await expect(form.clashes).toContainText(`调解员林海燕在2026-12-03 09:00–11:00 已安排 ${first.caseNumber} 的调解会`)
  await expect(form.save).toBeDisabled()
  await expect(form.freeSlots.first()).toHaveText('12月3日 周四 13:30–15:30')
  await desk.screenshot(page, '3-form-clash')
  await form.freeSlots.first().click()
  await expect(form.clear).toBeVisible()
  await form.submit()
  await expect(page.getByTestId('case-hearing-table')).toContainText('12月3日 周四 13:30–15:30')

  const stored = await desk.app.ctx.db
    .selectFrom('hearings')
    .select(['starts_at', 'ends_at'])
    .orderBy('starts_at')
    .execute()
  expect(stored).toEqual([
    { starts_at: '2026-12-03T09:00', ends_at: '2026-12-03T11:00' },
    { starts_at: '2026-12-03T13:30', ends_at: '2026-12-03T15:30' }
  ])

  // The week view (Monday first) shows both; the mediator filter keeps both.
  await go(page, '/hearings')
  const calendar = new CalendarPage(page)
  await expect(calendar.events()).toHaveCount(2)
  await expect(calendar.root.locator('.fc-col-header-cell').first()).toContainText('周一')
  await expect(calendar.events().first()).toContainText(first.caseNumber!)
  await expect(calendar.events().last()).toContainText(second.caseNumber!)
  await page.getByTestId('cal-mediator').click()
  await page.getByRole('option', { name: '林海燕' }).click()
  await expect(calendar.events()).toHaveCount(2)
  await desk.screenshot(page, '4-week')
  await calendar.view('日')
  await calendar.next()
  await calendar.next()
  await expect(calendar.events()).toHaveCount(2)
  await desk.screenshot(page, '5-day')
  await calendar.view('月')
  await expect(calendar.events()).toHaveCount(2)
  await desk.screenshot(page, '6-month')

  // Open one and postpone it, with a reason; it lands on the case timeline.
  await calendar.events().first().click()
  const detail = page.getByTestId('hearing-detail')
  await expect(detail).toContainText('2026年12月3日（星期四）09:00至11:00')
  await expect(page.getByTestId('pending-notice')).toContainText('王芳、陈建国')
  await desk.screenshot(page, '7-detail')
  await page.getByTestId('postpone-hearing').click()
  await page.locator('.hearing-reason-box input').fill('被申请人临时住院')
  await page.getByRole('button', { name: '确认延期' }).click()
  await expect(detail).toContainText('已延期')
  await go(page, `/cases/${first.id}`)
  await expect(page.getByTestId('case-timeline')).toContainText('调解会延期')
  await expect(page.getByTestId('case-timeline')).toContainText('被申请人临时住院')
  expect(consoleErrors).toEqual([])
})

test('a 调休 Sunday needs no confirmation; a holiday warns and needs it', async ({ page, desk, consoleErrors }) => {
  await addMediator(desk.app, { name: '林海燕' })
  await addRoom(desk.app)
  const theCase = await acceptedCase(desk.app)
  await freezeTime(desk, page, '2026-09-15T02:00:00Z')

  await desk.open(page, `/cases/${theCase.id}`)
  const form = new HearingForm(page)
  await page.getByTestId('schedule-from-case').click()
  await form.setDate('2026-09-20')
  await form.chooseRoom('第一调解室')
  await form.chooseLead('林海燕')
  await expect(form.clear).toBeVisible()
  await expect(form.warnings).toBeHidden()
  await form.submit()

  await page.getByTestId('schedule-from-case').click()
  await form.setDate('2026-10-02')
  await form.chooseRoom('第一调解室')
  await form.chooseLead('林海燕')
  await expect(form.warnings).toContainText('2026-10-02 是国庆节假期')
  await expect(form.save).toBeDisabled()
  await desk.screenshot(page, '8-form-holiday')
  await form.confirmWarnings.click()
  await form.submit()
  await expect(page.getByTestId('case-hearing-table')).toContainText('10月2日 周五 09:00–11:00')
  await expect(page.getByTestId('case-timeline')).toContainText('已确认：2026-10-02 是国庆节假期')

  // The month view marks the 调休 Sunday 班 and the holidays 休.
  await go(page, '/hearings')
  const calendar = new CalendarPage(page)
  await calendar.view('月')
  await expect(calendar.mark('2026-09-20')).toHaveText('班')
  await expect(calendar.mark('2026-10-02')).toHaveText('休')
  await expect(calendar.events()).toHaveCount(2)
  await desk.screenshot(page, '9-month-holidays')
  expect(consoleErrors).toEqual([])
})

test('settings: the working calendar per year, office hours and rooms; the agenda remembers its mediator', async ({
  page,
  desk,
  consoleErrors
}) => {
  const lin = await addMediator(desk.app, { name: '林海燕' })
  await addRoom(desk.app)
  const theCase = await acceptedCase(desk.app)
  await freezeTime(desk, page)
  const { services } = await import('../../electron/main/services/index')
  const { scheduleHearingSchema } = await import('../../shared/domain/hearing-input')
  const { sessionInput } = await import('../support/hearing-fixtures')
  const room = (await services['rooms.list'](desk.app.ctx, {}))[0]
  await services['hearings.schedule'](desk.app.ctx, scheduleHearingSchema.parse(sessionInput(theCase, lin.id, room.id)))

  await desk.open(page, '/settings')
  const days = page.getByTestId('wc-days')
  await expect(days).toContainText('2026-10-01')
  await expect(days).toContainText('调休上班（班）')
  await desk.screenshot(page, '10-settings-calendar')

  await page.getByTestId('wc-year').click()
  await page.getByRole('option', { name: '2027年' }).click()
  await expect(page.getByTestId('wc-uncovered')).toContainText('2027年的节假日安排尚未录入')
  await fieldInput(page, 'wc-date').fill('2027-01-01')
  await fieldInput(page, 'wc-date').press('Enter')
  await fieldInput(page, 'wc-name').fill('元旦')
  await page.getByTestId('wc-save').click()
  await expect(days).toContainText('2027-01-01')
  await expect(page.getByTestId('wc-uncovered')).toBeHidden()
  await desk.screenshot(page, '11-settings-2027')

  await page.getByRole('tab', { name: '办公时间 / 调解室' }).click()
  await expect(page.getByTestId('rooms-table')).toContainText('第一调解室')
  await page.getByTestId('add-room').click()
  await fieldInput(page, 'room-name').fill('第二调解室')
  await page.getByTestId('save-room').click()
  await expect(page.getByTestId('rooms-table')).toContainText('第二调解室')
  await desk.screenshot(page, '12-settings-rooms')

  await go(page, '/')
  const agenda = page.getByTestId('agenda')
  await expect(agenda).toContainText('选择调解员后显示其本周日程')
  await page.getByTestId('agenda-mediator').click()
  await page.getByRole('option', { name: '林海燕' }).click()
  await expect(page.getByTestId('agenda-table')).toContainText('12月3日 周四 09:00–11:00')
  await page.reload()
  await expect(page.getByTestId('agenda-table')).toContainText(theCase.caseNumber!)
  await desk.screenshot(page, '13-agenda')
  expect(consoleErrors).toEqual([])
})
