/*
 * The port for what only a browser engine can do well: typesetting a print
 * view (Chinese line breaking, CJK fonts) into PDF. The Electron shell prints
 * through an off-screen window (electron-pdf.ts); tests, the command line and
 * browser mode through Chromium headless (chromium-pdf.ts). Both receive the
 * same self-contained HTML.
 */
import type { AppContext } from '../context'
import { chromiumPdfPrinter } from './chromium-pdf'

export interface PdfPrinter {
  /** A4 PDF of one self-contained HTML page (its own @page rules apply). */
  htmlToPdf(html: string): Promise<Buffer>
}

let fallback: PdfPrinter | null = null

/** The context's printer, or the shared Chromium headless one. */
export function pdfPrinterOf(ctx: AppContext): PdfPrinter {
  if (ctx.pdfPrinter) return ctx.pdfPrinter
  fallback ??= chromiumPdfPrinter()
  return fallback
}
