import { expect, type Locator, type Page } from '@playwright/test'
import { fieldInput } from './field'

/** The schedule / reschedule dialog, with its live clash check. */
export class HearingForm {
  readonly dialog: Locator
  readonly clashes: Locator
  readonly warnings: Locator
  readonly clear: Locator
  readonly freeSlots: Locator
  readonly confirmWarnings: Locator
  readonly save: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('hearing-form')
    this.clashes = page.getByTestId('hearing-clashes')
    this.warnings = page.getByTestId('hearing-warnings')
    this.clear = page.getByTestId('hearing-clear')
    this.freeSlots = page.getByTestId('free-slot')
    this.confirmWarnings = page.getByTestId('confirm-warnings')
    this.save = page.getByTestId('save-hearing')
  }

  /** Pick from a select, then wait for its list to close: the next select may offer the same time. */
  private async choose(testId: string, option: string): Promise<void> {
    await this.dialog.getByTestId(testId).click()
    const choice = this.page.getByRole('option', { name: option, exact: true })
    await choice.click()
    await expect(choice).toHaveCount(0)
  }

  async setDate(date: string): Promise<void> {
    const input = fieldInput(this.page, 'form-date')
    await input.fill(date)
    await input.press('Enter')
  }

  async setTimes(start: string, end: string): Promise<void> {
    await this.choose('form-start', start)
    await this.choose('form-end', end)
  }

  async chooseRoom(name: string): Promise<void> {
    await this.dialog.getByTestId('form-room').click()
    await this.page.getByRole('option', { name: new RegExp(`^${name}`) }).click()
  }

  async chooseOnsite(address: string): Promise<void> {
    await this.dialog.locator('.el-radio-button', { hasText: '现场' }).click()
    await fieldInput(this.page, 'form-address').fill(address)
  }

  async chooseLead(name: string): Promise<void> {
    await this.choose('form-lead', name)
  }

  async submit(): Promise<void> {
    await expect(this.save).toBeEnabled()
    await this.save.click()
    await expect(this.dialog).toBeHidden()
  }
}

/** The schedule (排期日历): FullCalendar with filters and 休/班 marks. */
export class CalendarPage {
  readonly root: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('hearing-calendar')
  }

  events(): Locator {
    return this.root.locator('.fc-event')
  }

  async view(name: '日' | '周' | '月'): Promise<void> {
    await this.root.getByRole('button', { name, exact: true }).click()
  }

  async next(): Promise<void> {
    await this.root.locator('.fc-next-button').click()
  }

  /** The mark (休 or 班) on a day cell or header. */
  mark(date: string): Locator {
    return this.root.locator(`[data-date="${date}"] .cal__mark`).first()
  }
}
