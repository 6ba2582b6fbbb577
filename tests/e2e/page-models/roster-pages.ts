import { expect, type Download, type Locator, type Page } from '@playwright/test'
import { KeyboardForm } from './keyboard-form'

/** The roster (调解员名册): filters, the mediators table, counts per office, and the spreadsheet buttons. */
export class RosterPage {
  readonly table: Locator
  readonly counts: Locator
  readonly total: Locator
  readonly newMediator: Locator
  readonly exportButton: Locator
  readonly importButton: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('roster-table')
    this.counts = page.getByTestId('roster-counts')
    this.total = page.getByTestId('roster-total')
    this.newMediator = page.getByTestId('new-mediator')
    this.exportButton = page.getByTestId('export-roster')
    this.importButton = page.getByTestId('import-roster')
  }

  rows(): Locator {
    return this.table.locator('.el-table__body .el-table__row')
  }

  /** The table has its answer (no loading mask over it). */
  async settled(): Promise<void> {
    // Two loads may overlap (a filter change while the first is out): wait until no mask shows.
    await expect(this.table.locator('.el-loading-mask:visible')).toHaveCount(0)
  }

  row(text: string): Locator {
    return this.rows().filter({ hasText: text })
  }

  /** The cells of an office's line in 各组织名册人数: office, 专职, 兼职, 专家库成员, 合计. */
  countsOf(officeText: string): Locator {
    return this.counts.locator('.el-table__body .el-table__row').filter({ hasText: officeText }).locator('td')
  }

  /** Click 导出名册 and take the file the page offers. */
  async exportRoster(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()])
    return download
  }
}

/** The mediator form, driven from the keyboard as a clerk would. */
export class MediatorFormPage extends KeyboardForm {
  readonly form: Locator
  readonly save: Locator

  constructor(page: Page) {
    super(page)
    this.form = page.getByTestId('mediator-form')
    this.save = page.getByTestId('save-mediator')
  }

  /** A select's chosen tags (multi-select) or text. */
  selected(testId: string): Locator {
    return this.page.getByTestId(testId)
  }

  /** Add a row to a sub-table (credentials, conflicts, leaves); the new row's first field takes the focus. */
  async addRow(table: 'credentials' | 'conflicts' | 'leaves'): Promise<void> {
    await this.page.getByTestId(`${table}-add`).click()
  }
}

/** The 导入名册 dialog: choose a file, read the preview, confirm. */
export class RosterImportPage {
  readonly dialog: Locator
  readonly file: Locator
  readonly result: Locator
  readonly summary: Locator
  readonly ok: Locator
  readonly problems: Locator
  readonly confirm: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: '导入调解员名册' })
    this.file = page.getByTestId('roster-file')
    this.result = page.getByTestId('import-result')
    this.summary = page.getByTestId('import-summary')
    this.ok = page.getByTestId('import-ok')
    this.problems = page.getByTestId('import-problems')
    this.confirm = page.getByTestId('confirm-import')
  }

  async choose(filePath: string): Promise<void> {
    await this.file.setInputFiles(filePath)
    await this.result.waitFor()
  }

  problemRows(): Locator {
    return this.problems.locator('.el-table__body .el-table__row')
  }
}
