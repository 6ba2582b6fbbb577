/*
 * The register, the PDFs and the case-file export over a real store, with
 * PDFs typeset by Chromium headless (the platform port's test adapter).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import PizZip from 'pizzip'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentKind, ExportJob } from '../../../../shared/domain/document'
import { pdfText, sampleApp, tinyPng } from '../../../../tests/support/document-fixtures'
import { tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { chromiumScreenshot } from '../../platform/chromium-pdf'
import { AppError } from '../../errors'
import { services } from '../index'
import type { SampleCase } from './sample-case'

let app: TempApp
let sample: SampleCase

beforeAll(async () => {
  ;({ app, sample } = await sampleApp())
}, 60_000)
afterAll(() => app.dispose())

const storedFile = (caseId: string, fileName: string) => path.join(app.dir, 'documents', caseId, fileName)

/** What the sample case prints on how many pages: one notice per session, the agreement runs to a second page. */
const EXPECTED_PAGES: Partial<Record<DocumentKind, number>> = {
  application: 1,
  acceptance_register: 1,
  acceptance_receipt: 1,
  rights_notice: 1,
  session_notice: 2,
  investigation_record: 1,
  mediation_record: 1,
  agreement: 2,
  follow_up_record: 1,
  confirmation_application: 1,
  file_cover: 1,
  file_index: 1,
  back_cover: 1
}

/** The PDF's text without the spaces justification puts between characters. */
const squeezed = (text: string) => text.replace(/\s+/g, '')

async function waitForExport(job: ExportJob): Promise<ExportJob> {
  let status = job
  const seen = new Set<string>()
  while (status.state === 'running') {
    seen.add(status.step)
    await new Promise((resolve) => setTimeout(resolve, 100))
    status = await services['documents.exportStatus'](app.ctx, { jobId: job.jobId })
  }
  expect(seen.size).toBeGreaterThan(0)
  return status
}

describe('generating every document the sample case allows', () => {
  it('each as DOCX and PDF, the PDF with the right page count, the parties and the case number', async () => {
    const { kinds } = await services['documents.list'](app.ctx, { caseId: sample.caseId })
    const available = kinds.filter((k) => k.available).map((k) => k.kind)
    expect(available.sort()).toEqual(Object.keys(EXPECTED_PAGES).sort())
    expect(kinds.find((k) => k.kind === 'closing_report')).toMatchObject({ available: false, reason: '案件尚未结案' })

    for (const kind of available) {
      const generated = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind })
      expect(generated.warnings).toEqual([])
      expect(generated.entries.map((e) => [e.format, e.revision])).toEqual([
        ['docx', 1],
        ['pdf', 1]
      ])
      const pdf = await pdfText(readFileSync(storedFile(sample.caseId, generated.entries[1].fileName)))
      expect(pdf.pages, kind).toBe(EXPECTED_PAGES[kind])
      const text = squeezed(pdf.text)
      if (kind !== 'application') expect(text, kind).toContain(sample.caseNumber.normalize('NFKC'))
      if (kind !== 'file_index' && kind !== 'back_cover') expect(text, kind).toContain('王芳')
      if (['agreement', 'confirmation_application', 'acceptance_register'].includes(kind)) {
        expect(text, kind).toContain('陈建国')
        expect(text, kind).toContain('12,500.50')
      }
    }
  }, 300_000)

  it('a document the state does not allow is refused, naming why, and nothing is written', async () => {
    const before = await tableCounts(app)
    await expect(
      services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'closing_report' })
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { kind: '暂不能制作结案报告表：案件尚未结案' } })
    expect(await tableCounts(app)).toEqual(before)
  })

  it('the print view of the agreement, rendered to PNG for a look', async () => {
    const preview = await services['documents.preview'](app.ctx, { caseId: sample.caseId, kind: 'agreement' })
    const png = await chromiumScreenshot(preview.html)
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    const folder = path.resolve(import.meta.dirname, '../../../../test-results/screens')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'document-agreement-print-view.png'), png)
  }, 60_000)
})

describe('the register', () => {
  it('regenerating makes version 2 and keeps version 1', async () => {
    const first = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'acceptance_receipt' })
    const second = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'acceptance_receipt' })
    expect(second.entries.map((e) => e.revision)).toEqual([
      first.entries[0].revision + 1,
      first.entries[0].revision + 1
    ])
    const { entries } = await services['documents.list'](app.ctx, { caseId: sample.caseId })
    const receipts = entries.filter((e) => e.kind === 'acceptance_receipt')
    expect(receipts.map((e) => `${e.format}-v${e.revision}`)).toEqual(
      expect.arrayContaining(['docx-v1', 'pdf-v1', 'docx-v2', 'pdf-v2'])
    )
    expect(receipts.every((e) => e.check === 'ok')).toBe(true)
    const detail = await services['cases.get'](app.ctx, { caseId: sample.caseId })
    expect(detail.events.filter((e) => e.kind === 'document_generated').at(-1)).toMatchObject({
      detail: { title: '受理回执', revision: second.entries[0].revision }
    })
  }, 60_000)

  it('a file changed on disk is flagged when listed, verified and opened', async () => {
    const generated = await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: 'rights_notice' })
    const docx = generated.entries[0]
    const opened = await services['documents.open'](app.ctx, { documentId: docx.id })
    expect(opened.verification.check).toBe('ok')
    expect(Buffer.from(opened.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK')

    const file = storedFile(sample.caseId, docx.fileName)
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('tampered')]))
    expect(await services['documents.verify'](app.ctx, { documentId: docx.id })).toMatchObject({
      check: 'changed',
      expectedSha256: docx.sha256
    })
    const { entries } = await services['documents.list'](app.ctx, { caseId: sample.caseId })
    expect(entries.find((e) => e.id === docx.id)!.check).toBe('changed')
    expect((await services['documents.open'](app.ctx, { documentId: docx.id })).verification.check).toBe('changed')
  }, 60_000)

  it('a scan is attached when its content is PDF, JPG or PNG, and refused otherwise', async () => {
    const png = tinyPng()
    const entry = await services['documents.attach'](app.ctx, {
      caseId: sample.caseId,
      category: 'identity',
      title: '王芳身份证复印件',
      fileName: 'id.png',
      base64: png.toString('base64')
    })
    expect(entry).toMatchObject({ kind: null, category: 'identity', format: 'png', revision: 1, sizeBytes: png.length })
    const before = await tableCounts(app)
    const refused = await services['documents.attach'](app.ctx, {
      caseId: sample.caseId,
      category: 'evidence',
      title: '照片',
      fileName: 'photo.jpg',
      base64: Buffer.from('just text').toString('base64')
    }).catch((error: AppError) => error)
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { base64: expect.stringContaining('PDF、JPG 或 PNG') }
    })
    expect(await tableCounts(app)).toEqual(before)
  })
})

describe('the case file', () => {
  it('lists the required items still missing', async () => {
    const fresh = await sampleApp()
    try {
      const check = await services['documents.caseFile'](fresh.app.ctx, { caseId: fresh.sample.caseId })
      expect(check.missing).toEqual([
        '1 人民调解申请书或受理登记表',
        '2 人民调解权利义务告知书',
        '3 当事人身份证明',
        '7 人民调解记录',
        '8 人民调解协议书（口头协议登记表、终止调解告知书）'
      ])
    } finally {
      await fresh.app.dispose()
    }
  }, 60_000)

  it('exports one ZIP with every document in index order', async () => {
    const job = await services['documents.exportCaseFile'](app.ctx, { caseId: sample.caseId, format: 'zip' })
    expect(job).toMatchObject({ state: 'running', base64: null })
    const done = await waitForExport(job)
    expect(done).toMatchObject({ state: 'done', percent: 100, missing: [] })
    const names = Object.keys(new PizZip(Buffer.from(done.base64!, 'base64')).files)
    const stems = [...new Set(names.map((n) => n.replace(/\.[a-z]+$/, '')))]
    expect(stems.slice(0, 4)).toEqual([
      '00_卷宗封面',
      '01_卷内目录',
      '02_人民调解申请书_第1版',
      '03_人民调解受理登记表_第1版'
    ])
    expect(stems.at(-1)).toMatch(/_卷宗封底（备考表）$/)
    expect(names).toContain('05_人民调解权利义务告知书_第2版.docx')
    expect(names.some((n) => /^\d\d_王芳身份证复印件_第1版\.png$/.test(n))).toBe(true)
  }, 300_000)

  it('exports one merged PDF whose index gives each item its first page', async () => {
    const done = await waitForExport(
      await services['documents.exportCaseFile'](app.ctx, { caseId: sample.caseId, format: 'pdf' })
    )
    expect(done.state).toBe('done')
    const merged = Buffer.from(done.base64!, 'base64')
    const pages = (await PDFDocument.load(merged)).getPageCount()
    const { text } = await pdfText(merged)
    const index = squeezed(text.split('\n')[1])
    expect(index).toContain('卷内目录')
    // Cover and index take pages 1 and 2: the application starts on page 3.
    expect(index).toMatch(/1人民调解申请书2026年11月29日3/)
    expect(squeezed(text)).toContain(`-${pages}-`)
  }, 300_000)
})
