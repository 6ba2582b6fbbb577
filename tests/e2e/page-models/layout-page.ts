import type { Locator, Page } from '@playwright/test'

/** The main window frame: side menu and header. */
export class LayoutPage {
  readonly headerOffice: Locator
  readonly menu: Locator

  constructor(readonly page: Page) {
    this.headerOffice = page.getByTestId('header-office')
    this.menu = page.getByRole('menubar', { name: '主菜单' })
  }

  async goTo(label: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: label }).click()
  }
}
