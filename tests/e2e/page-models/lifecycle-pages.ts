import { expect, type Locator, type Page } from '@playwright/test'
import { KeyboardForm } from './keyboard-form'

/** The lifecycle area of the case page: its buttons, deadlines, records, agreement, and the dialogs behind them. */
export class LifecyclePanel extends KeyboardForm {
  readonly panel: Locator
  readonly deadlines: Locator
  readonly records: Locator
  readonly terms: Locator

  constructor(page: Page) {
    super(page)
    this.panel = page.getByTestId('lifecycle-panel')
    this.deadlines = page.getByTestId('case-deadlines')
    this.records = page.getByTestId('record-list')
    this.terms = page.getByTestId('agreement-terms')
  }

  /** The dialog that is open now. */
  dialog(): Locator {
    return this.page.locator('.el-dialog:visible')
  }

  async open(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click()
    await expect(this.dialog()).toBeVisible()
  }

  /** Type a date (or date and time) into a picker and take it with Enter, as a clerk would. */
  async date(testId: string, value: string): Promise<void> {
    const input = this.input(testId)
    await input.click()
    await input.fill(value)
    await input.press('Enter')
    await expect(input).toHaveValue(value)
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.input(testId).fill(value)
  }

  /** An amount in yuan: typed, then Tab so it is read into cents. */
  async amount(testId: string, value: string): Promise<void> {
    await this.input(testId).fill(value)
    await this.input(testId).press('Tab')
  }

  async check(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click()
  }

  /** Save the open dialog with its button and wait for it to close. */
  async save(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click()
    await expect(this.dialog()).toHaveCount(0)
  }

  deadline(label: string): Locator {
    return this.deadlines.locator('.el-table__row').filter({ hasText: label })
  }
}

/** The home screen's deadline card. */
export class DeadlinesCard {
  readonly card: Locator
  readonly overdue: Locator
  readonly dueSoon: Locator
  readonly cases: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('deadlines-card')
    this.overdue = page.getByTestId('overdue-count')
    this.dueSoon = page.getByTestId('due-soon-count')
    this.cases = page.getByTestId('deadline-cases')
  }

  async scope(label: '本组织' | '全部组织'): Promise<void> {
    await this.card.getByText(label, { exact: true }).click()
  }
}
