import type { Locator, Page } from '@playwright/test'

/** The sign-in screen, which at first run sets up the first administrator's account. */
export class SignInPage {
  readonly username: Locator
  readonly displayName: Locator
  readonly password: Locator
  readonly repeat: Locator
  readonly submit: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    this.username = page.getByTestId('username')
    this.displayName = page.getByTestId('display-name')
    this.password = page.getByTestId('password')
    this.repeat = page.getByTestId('password-repeat')
    this.submit = page.getByTestId('sign-in')
    this.error = page.getByTestId('sign-in-error')
  }

  async setUpAdmin(account: { username: string; displayName: string; password: string }): Promise<void> {
    await this.username.fill(account.username)
    await this.displayName.fill(account.displayName)
    await this.password.fill(account.password)
    await this.repeat.fill(account.password)
    await this.submit.click()
  }

  /** Type the name, Tab, the password, Enter: as people sign in. */
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username)
    await this.page.keyboard.press('Tab')
    await this.page.keyboard.type(password)
    await this.page.keyboard.press('Enter')
  }
}
