/* The hub screens as a district-center clerk uses them: Settings › 上报密钥, and 数据上报's export and import tabs. */
import type { Locator, Page } from '@playwright/test'

export class HubKeysTab {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '设置' }).click()
    await this.page.getByRole('tab', { name: '上报密钥' }).click()
  }

  /** Load an office's public key file and register it. */
  async register(keyFile: string): Promise<void> {
    await this.page.getByTestId('hub-key-file').setInputFiles(keyFile)
    await this.page.getByTestId('hub-register-button').click()
  }

  get registered(): Locator {
    return this.page.getByTestId('hub-registered-offices')
  }
}

export class HubPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '数据上报' }).click()
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('tab', { name: '导入数据包（区中心）' }).click()
  }

  async importFile(file: string): Promise<void> {
    await this.page.getByTestId('hub-import-file').setInputFiles(file)
    await this.page.getByTestId('hub-import-button').click()
  }

  get outcome(): Locator {
    return this.page.getByTestId('hub-import-outcome')
  }

  get checks(): Locator {
    return this.page.getByTestId('hub-checks')
  }

  get importHistory(): Locator {
    return this.page.getByTestId('hub-import-history')
  }

  get exportHistory(): Locator {
    return this.page.getByTestId('hub-export-history')
  }
}
