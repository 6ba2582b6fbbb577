import type { Locator, Page } from '@playwright/test'
import { fieldInput } from './field'

/** What every keyboard-first form offers its tests: native inputs, their form items, typing, Tab and picking. */
export class KeyboardForm {
  constructor(readonly page: Page) {}

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
}
