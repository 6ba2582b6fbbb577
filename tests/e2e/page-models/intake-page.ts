import type { Locator, Page } from '@playwright/test'
import { KeyboardForm } from './keyboard-form'

/** The intake form (受理登记), driven from the keyboard as a clerk would. */
export class IntakePage extends KeyboardForm {
  readonly form: Locator
  readonly save: Locator
  readonly repeatWarnings: Locator

  constructor(page: Page) {
    super(page)
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

  fieldError(label: string): Locator {
    return this.form.locator('.el-form-item', { hasText: label }).locator('.el-form-item__error')
  }
}
