/* 统计报表 as a supervisor uses it: the report's tables, the month's hand-entered figures, 导出 Excel. */
import type { Locator, Page } from '@playwright/test'

export class ReportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '统计报表' }).click()
  }

  /** 本组织 or 全区（各组织）: offered at the hub only; the report is counted again. */
  async chooseScope(label: string): Promise<void> {
    await this.page.getByTestId('report-scope').getByText(label).click()
    await this.page.getByTestId('run-report').click()
  }

  get title(): Locator {
    return this.page.getByTestId('report-title')
  }

  async showTab(name: '主表' | '分类型' | '分组织类型'): Promise<void> {
    await this.page.getByRole('tab', { name }).click()
  }

  /** The body rows of a table (offices, then 合计). */
  rows(table: 'report-main' | 'report-types' | 'report-orgs'): Locator {
    return this.page.getByTestId(table).locator('.el-table__body tr')
  }

  /** The text of one cell: the row of `office` (or 合计), the column with this key. */
  cell(table: 'report-main' | 'report-types' | 'report-orgs', office: string, key: string): Locator {
    return this.rows(table).filter({ hasText: office }).locator(`[data-column="${key}"]`)
  }

  /** Type a hand-entered figure by its label, e.g. 防止民转刑（件）. */
  async enterFigure(label: string, value: number): Promise<void> {
    const box = this.page.getByTestId('hand-figures').getByRole('spinbutton', { name: label })
    await box.fill(String(value))
    await box.blur()
  }

  async saveFigures(): Promise<void> {
    await this.page.getByTestId('save-figures').click()
  }

  /** The overwrite question, answered. */
  async confirmOverwrite(): Promise<Locator> {
    const dialog = this.page.getByRole('dialog', { name: '覆盖已填报的数字' })
    await dialog.waitFor()
    return dialog
  }
}

/** 导出 Excel on the case list: the saved file's path. */
export async function exportCaseList(page: Page): Promise<string> {
  const download = page.waitForEvent('download')
  await page.getByTestId('export-case-list').click()
  return (await download).path()
}
