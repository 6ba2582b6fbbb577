/*
 * The DOCX files open in a word processor other than our own reader:
 * LibreOffice (the suite WPS and Word are checked against by hand) converts
 * every document of the sample case, and the text it lays out carries the
 * parties and the case number. An office's own template gets its PDF from
 * its DOCX, letterhead and all; without LibreOffice the PDF keeps the
 * built-in layout and the user is told so.
 *
 * Needs LibreOffice (`.ci/run` installs Debian's libreoffice-writer-nogui).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import PizZip from 'pizzip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../../shared/domain/document'
import { pdfText, sampleApp } from '../../../../tests/support/document-fixtures'
import type { TempApp } from '../../../../tests/support/temp-app'
import { docxFilesToPdf, findSoffice } from '../../platform/office-pdf'
import { services } from '../index'
import { setSetting } from '../settings'
import { loadForDocuments, renderDocument } from './generate'
import type { SampleCase } from './sample-case'
import { TEMPLATES } from './template-catalog'
import { builtinTemplate } from './templates'

const soffice = findSoffice()
/** LibreOffice spreads justified Chinese text with spaces between characters. */
const squeezed = (text: string) => text.replace(/\s+/g, '').normalize('NFKC')
/** The first title block of a template, wherever it is nested (session notices repeat per session). */
const titleOf = (kind: DocumentKind) =>
  JSON.stringify(TEMPLATES[kind].blocks).match(/"type":"title","text":"([^"]+)"/)![1]
const LETTERHEAD = '瓯海区梧田街道人民调解委员会（信笺）'

describe.skipIf(!soffice)('DOCX through LibreOffice', () => {
  let app: TempApp
  let sample: SampleCase
  /** Each available document's PDF as LibreOffice laid it out, converted in one run. */
  const laidOut = new Map<DocumentKind, { pages: number; text: string }>()

  beforeAll(async () => {
    ;({ app, sample } = await sampleApp())
    const { kinds } = await services['documents.list'](app.ctx, { caseId: sample.caseId })
    const available = kinds.filter((k) => k.available).map((k) => k.kind)
    const data = await loadForDocuments(app.ctx, sample.caseId)
    const docxs = await Promise.all(available.map(async (kind) => (await renderDocument(app.ctx, data, kind)).docx))
    const pdfs = await docxFilesToPdf(soffice!, docxs)
    for (const [i, kind] of available.entries()) laidOut.set(kind, await pdfText(pdfs[i]))
  }, 300_000)
  afterAll(() => app.dispose())

  it.each(DOCUMENT_KINDS.map((kind) => [DOCUMENT_KIND_LABELS[kind], kind] as const))(
    '%s opens and lays out with its title, parties and case number',
    async (_label, kind) => {
      const pdf = laidOut.get(kind)
      // The sample case is not closed: the closing report and the decline notices are not available for it.
      if (!pdf) return
      expect(pdf.pages).toBeGreaterThan(0)
      const text = squeezed(pdf.text)
      expect(text).toContain(squeezed(titleOf(kind)))
      if (kind !== 'application') expect(text).toContain(squeezed(sample.caseNumber))
      if (['application', 'acceptance_register', 'agreement'].includes(kind)) {
        for (const name of sample.partyNames) expect(text, `${kind} ${name}`).toContain(squeezed(name))
      }
      expect(text).not.toMatch(/undefined|\{[a-z_]+\}/)
    }
  )

  it('an office template’s PDF comes from its own DOCX, letterhead and all', { timeout: 180_000 }, async () => {
    const folder = path.join(app.dir, 'office-templates-letterhead')
    const zip = new PizZip(builtinTemplate('agreement'))
    const xml = zip.file('word/document.xml')!.asText()
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${LETTERHEAD}</w:t></w:r></w:p>`))
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, TEMPLATES.agreement.fileName), zip.generate({ type: 'nodebuffer' }))
    await setSetting(app.ctx, { key: 'documents.templateFolder', value: folder })

    const generated = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'agreement' })
    expect(generated.warnings).toEqual([])
    const pdfEntry = generated.entries.find((e) => e.format === 'pdf')!
    const stored = readFileSync(path.join(app.dir, 'documents', sample.caseId, pdfEntry.fileName))
    const text = squeezed((await pdfText(stored)).text)
    expect(text).toContain(squeezed(LETTERHEAD))
    expect(text).toContain(squeezed(sample.caseNumber))

    // Without LibreOffice the PDF keeps the built-in layout, and the user is told why.
    const saved = process.env.MCD_SOFFICE
    process.env.MCD_SOFFICE = path.join(app.dir, 'no-such-soffice')
    try {
      const fallback = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'agreement' })
      expect(fallback.warnings).toEqual([expect.stringContaining('本机未安装 LibreOffice')])
      const printed = fallback.entries.find((e) => e.format === 'pdf')!
      const printedText = squeezed(
        (await pdfText(readFileSync(path.join(app.dir, 'documents', sample.caseId, printed.fileName)))).text
      )
      expect(printedText).toContain(squeezed(sample.caseNumber))
      expect(printedText).not.toContain(squeezed(LETTERHEAD))
    } finally {
      if (saved === undefined) delete process.env.MCD_SOFFICE
      else process.env.MCD_SOFFICE = saved
    }
  })
})
