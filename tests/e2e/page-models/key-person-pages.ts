import type { Locator, Page } from '@playwright/test'

/** 列入重点人员 from a case's parties card, and the dialog it opens. */
export class RegisterKeyPersonDialog {
  readonly dialog: Locator
  readonly levelReason: Locator
  readonly save: Locator
  readonly responsible: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('key-person-dialog')
    this.levelReason = this.dialog.getByTestId('kp-level-reason')
    this.save = this.dialog.getByTestId('kp-save')
    this.responsible = this.dialog.getByTestId('kp-responsible')
  }

  /** Choose the responsible worker (责任人) by the option's text, e.g. "林海燕（调解员）". */
  async chooseResponsible(label: string): Promise<void> {
    await this.responsible.click()
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  }

  /** The "列入重点人员" button beside a party of the case. */
  openFor(name: string): Promise<void> {
    return this.page.getByTestId(`register-key-person-${name}`).click()
  }

  level(level: 'red' | 'yellow' | 'green'): Locator {
    return this.dialog.getByTestId(`kp-level-${level}`)
  }
}

/** The 重点人员 screen: the register, its filters, suggestions and a person's drawer. */
export class KeyPersonsPage {
  readonly list: Locator
  readonly suggestions: Locator
  readonly drawer: Locator
  readonly log: Locator

  constructor(readonly page: Page) {
    this.list = page.getByTestId('key-person-list')
    this.suggestions = page.getByTestId('key-person-suggestions')
    this.drawer = page.getByTestId('key-person-drawer')
    this.log = page.getByTestId('kp-log')
  }

  row(name: string): Locator {
    return this.list.locator('.el-table__row', { hasText: name })
  }

  /** 更换责任人 in the drawer: the new worker by the option's text, and the reason. */
  async handOver(label: string, reason: string): Promise<void> {
    await this.drawer.getByTestId('kp-new-responsible').click()
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
    await this.drawer.getByTestId('kp-responsible-reason').fill(reason)
    await this.drawer.getByTestId('kp-responsible-save').click()
  }
}

/** The home screen's due-review card. */
export class KeyPersonReviewsCard {
  readonly card: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('key-person-reviews-card')
  }

  row(name: string): Locator {
    return this.card.locator('.el-table__row', { hasText: name })
  }
}
