import { expect, type Locator, type Page } from '@playwright/test'

/** The documents panel of the case page, its export dialog, and the print preview. */
export class DocumentsPanel {
  readonly panel: Locator
  readonly register: Locator
  readonly exportDialog: Locator
  readonly missing: Locator
  readonly progress: Locator
  readonly printView: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('case-documents')
    this.register = page.getByTestId('document-register')
    this.exportDialog = page.getByTestId('export-dialog')
    this.missing = page.getByTestId('case-file-missing')
    this.progress = page.getByTestId('export-progress')
    this.printView = page.getByTestId('print-view')
  }

  async choose(label: string): Promise<void> {
    await this.page.getByTestId('document-kind').click()
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
    await expect(this.page.getByTestId('document-kind')).toContainText(label)
  }

  async generate(label: string): Promise<void> {
    await this.choose(label)
    await this.page.getByTestId('generate-document').click()
    await expect(this.page.locator('.el-message--success')).toContainText(`已生成${label}`, { timeout: 60_000 })
  }

  /** The register row of a document's version. */
  row(title: string, revision: number): Locator {
    return this.register.locator('.el-table__row', { hasText: title }).filter({ hasText: `第 ${revision} 版` })
  }

  async preview(label: string): Promise<void> {
    await this.choose(label)
    await this.page.getByTestId('preview-document').click()
    await expect(this.printView).toBeVisible()
  }

  async openExport(): Promise<void> {
    await this.page.getByTestId('export-case-file').click()
    await expect(this.exportDialog).toBeVisible()
  }
}
