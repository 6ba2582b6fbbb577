import type { Locator, Page } from '@playwright/test'
import { fieldInput } from './field'

/** The intake form (受理登记), driven from the keyboard as a clerk would. */
export class IntakePage {
  readonly form: Locator
  readonly save: Locator
  readonly repeatWarnings: Locator

  constructor(readonly page: Page) {
    this.form = page.getByTestId('intake-form')
    this.save = page.getByTestId('save-intake')
    this.repeatWarnings = page.getByTestId('repeat-party-warning')
  }

  /** A party's input (name, idNumber, phone …). */
  party(index: number, field: string): Locator {
    return this.input(`party-${index}-${field}`)
  }

  partyText(index: number, testId: string): Locator {
    return this.page.getByTestId(`party-${index}-${testId}`)
  }

  input(testId: string): Locator {
    return fieldInput(this.page, testId)
  }

  /** The el-form-item around a field, where its error message shows. */
  itemOf(field: Locator): Locator {
    return field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " el-form-item ")][1]')
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
  }

  async tab(times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) await this.page.keyboard.press('Tab')
  }

  /** In a focused filterable select: type to filter, Enter takes the first match. */
  async pick(filter: string): Promise<void> {
    await this.page.keyboard.type(filter)
    await this.page
      .getByRole('option', { name: new RegExp(filter) })
      .first()
      .waitFor()
    await this.page.keyboard.press('Enter')
  }

  fieldError(label: string): Locator {
    return this.form.locator('.el-form-item', { hasText: label }).locator('.el-form-item__error')
  }
}
