import type { Locator, Page } from '@playwright/test'
import { fieldInput } from './field'

/** The case list: search box, filters, and the virtualised table. */
export class CaseListPage {
  readonly search: Locator
  readonly table: Locator
  readonly total: Locator

  constructor(readonly page: Page) {
    this.search = fieldInput(page, 'case-search')
    this.table = page.getByTestId('case-table')
    this.total = page.getByTestId('case-total')
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text)
    await this.search.press('Enter')
  }

  rows(): Locator {
    return this.table.locator('.el-table-v2__row')
  }
}

/** One case: header, actions, parties and timeline. */
export class CaseDetailPage {
  readonly number: Locator
  readonly status: Locator
  readonly accept: Locator
  readonly decline: Locator
  readonly timeline: Locator
  readonly parties: Locator

  constructor(readonly page: Page) {
    this.number = page.getByTestId('case-number')
    this.status = page.getByTestId('case-status')
    this.accept = page.getByTestId('accept-case')
    this.decline = page.getByTestId('decline-case')
    this.timeline = page.getByTestId('case-timeline')
    this.parties = page.getByTestId('case-parties')
  }

  async acceptCase(): Promise<void> {
    await this.accept.click()
    await this.page.getByRole('button', { name: '受理', exact: true }).last().click()
  }
}
