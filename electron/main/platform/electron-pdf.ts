/*
 * The Electron adapter of the PDF port: an off-screen, sandboxed window with
 * scripts off loads the print view and Chromium's own printToPDF typesets it.
 * Only this file (and index.ts, window.ts) may load Electron.
 */
import { BrowserWindow } from 'electron'
import type { PdfPrinter } from './pdf-printer'

export function electronPdfPrinter(): PdfPrinter {
  return {
    async htmlToPdf(html) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          disableBlinkFeatures: 'Auxclick'
        }
      })
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true
        })
        return Buffer.from(pdf)
      } finally {
        window.destroy()
      }
    }
  }
}
