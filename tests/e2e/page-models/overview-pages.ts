import { expect, type Locator, type Page } from '@playwright/test'

/** The home screen's figures: a big number per figure, each a link to its case list. */
export class HomeFigures {
  constructor(readonly page: Page) {}

  figure(testId: string): Locator {
    return this.page.getByTestId(testId)
  }

  /** The number a figure shows. */
  async value(testId: string): Promise<number> {
    const text = await this.figure(testId).locator('strong').innerText()
    return Number(text.replace(/,/g, ''))
  }
}

/** The charts page: filters, and per chart its canvas and the table of numbers beside it. */
export class ChartsPage {
  readonly total: Locator

  constructor(readonly page: Page) {
    this.total = page.getByTestId('charts-total')
  }

  panel(name: string): Locator {
    return this.page.getByTestId(`chart-${name}`)
  }

  /** The table beside a chart, as rows of cell texts. */
  async table(name: string): Promise<string[][]> {
    const rows = this.page.getByTestId(`chart-table-${name}`).locator('tbody tr')
    return rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.trim()))
    )
  }

  /** Wait until a chart has drawn on its canvas (a blank canvas is all one colour). */
  async expectDrawn(name: string): Promise<void> {
    const canvas = this.panel(name).locator('canvas').first()
    await expect(canvas).toBeVisible()
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
          const colours = new Set<number>()
          for (let i = 0; i < pixels.length && colours.size < 3; i += 4 * 97)
            colours.add(pixels[i] * 65536 + pixels[i + 1] * 256 + pixels[i + 2])
          return colours.size
        })
      )
      .toBeGreaterThan(1)
  }
}
