import type { Locator, Page } from '@playwright/test'

/** The first-run screen: choose the office this installation serves. */
export class FirstRunPage {
  readonly heading: Locator
  readonly officeSelect: Locator
  readonly sampleNumber: Locator
  readonly confirm: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByText('欢迎使用人民调解案件管理系统')
    this.officeSelect = page.getByTestId('office-select')
    this.sampleNumber = page.getByTestId('sample-case-number')
    this.confirm = page.getByTestId('confirm-office')
  }

  /** Type part of the office's name into the filterable select and take the match with Enter, as a clerk would. */
  async chooseOffice(filter: string): Promise<void> {
    await this.officeSelect.click()
    await this.page.keyboard.type(filter)
    await this.page
      .getByRole('option', { name: new RegExp(filter) })
      .first()
      .waitFor()
    await this.page.keyboard.press('Enter')
  }

  /** The whole first run by keyboard: filter, Enter, Tab to 确定, Enter. */
  async complete(filter: string): Promise<void> {
    await this.chooseOffice(filter)
    await this.page.keyboard.press('Tab')
    await this.page.keyboard.press('Enter')
    await this.page.getByTestId('header-office').waitFor()
  }

  fieldError(): Locator {
    return this.page.locator('.el-form-item__error')
  }
}
