import type { Locator, Page } from '@playwright/test'

/**
 * The native input of a field. el-input passes data-testid to its <input>
 * or <textarea>; el-select and el-date-picker keep it on their wrapper.
 */
export function fieldInput(page: Page, testId: string): Locator {
  const id = `[data-testid="${testId}"]`
  return page.locator(`input${id}, textarea${id}, ${id} input, ${id} textarea`).first()
}
