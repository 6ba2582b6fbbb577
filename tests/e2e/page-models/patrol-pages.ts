import type { Locator, Page } from '@playwright/test'
import { KeyboardForm } from './keyboard-form'

/** The 网格排查 screen: monthly counts, the report list and the grid list tab. */
export class PatrolsPage {
  readonly monthPatrols: Locator
  readonly monthFound: Locator
  readonly table: Locator
  readonly newReport: Locator
  readonly gridTable: Locator
  readonly importGrids: Locator

  constructor(readonly page: Page) {
    this.monthPatrols = page.getByTestId('month-patrols')
    this.monthFound = page.getByTestId('month-found')
    this.table = page.getByTestId('patrol-table')
    this.newReport = page.getByTestId('new-patrol')
    this.gridTable = page.getByTestId('grid-table')
    this.importGrids = page.getByTestId('import-grids')
  }

  row(text: string): Locator {
    return this.table.locator('.el-table__row', { hasText: text })
  }

  async gridsTab(): Promise<void> {
    await this.page.getByRole('tab', { name: '网格清单' }).click()
  }
}

/** The patrol report dialog, keyboard first: the grid select has the focus when it opens. */
export class PatrolForm extends KeyboardForm {
  readonly dialog: Locator
  readonly save: Locator

  constructor(page: Page) {
    super(page)
    this.dialog = page.getByTestId('patrol-form')
    this.save = page.getByTestId('patrol-save')
  }

  party(index: number, testId: string): Locator {
    return this.dialog.getByTestId(`patrol-party-${index}`).locator(`input[data-testid="${testId}"]`)
  }

  fieldError(label: string): Locator {
    return this.dialog.locator('.el-form-item', { hasText: label }).locator('.el-form-item__error')
  }
}

/** The 导入网格清单 dialog. */
export class GridImportPage {
  readonly dialog: Locator
  readonly summary: Locator
  readonly problems: Locator
  readonly confirm: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('grid-import')
    this.summary = page.getByTestId('grid-import-summary')
    this.problems = page.getByTestId('grid-import-problems').locator('.el-table__row')
    this.confirm = page.getByTestId('grid-confirm-import')
  }

  async choose(filePath: string): Promise<void> {
    await this.dialog.locator('input[data-testid="grid-file"]').setInputFiles(filePath)
    await this.page.getByTestId('grid-import-result').waitFor()
  }
}
