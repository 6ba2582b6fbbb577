/*
 * Exporting the case file as one ZIP (cover, index, every document in both
 * formats and every attachment, named in index order) or as one merged PDF
 * with page numbers, the index quoting each item's first page. The work runs
 * as a job: exportCaseFile starts it and answers at once; exportStatus gives
 * its percent and current step, and the file once done. Jobs live in memory
 * for the life of the process.
 */
import PizZip from 'pizzip'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'
import {
  CASE_FILE_ITEMS,
  DOCUMENT_KIND_LABELS,
  FILE_CHECK_LABELS,
  type DocumentKind,
  type ExportJob
} from '../../../../shared/domain/document'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { DocumentTable } from '../../db/schema-documents'
import { invalidField, notFound } from '../../errors'
import { addCaseEvent } from '../case-events'
import { writeChange } from '../write'
import { caseFileItems, itemRows, missingOf } from './case-file'
import { longDate } from './document-data'
import { ensureAvailable, loadForDocuments, pdfOfDocument, renderDocument } from './generate'
import { caseDocumentRows, readChecked, storeDocument } from './register-store'
import type { CaseData } from './case-data'

const jobs = new Map<string, ExportJob>()

/** One file of the case file, in order. */
interface Part {
  itemNumber: number | null
  title: string
  date: string
  note: string
  docx: Buffer | null
  pdf: Buffer | null
  image: { format: 'jpg' | 'png'; bytes: Buffer } | null
  revision: number
}

function step(job: ExportJob, percent: number, text: string): void {
  job.percent = percent
  job.step = text
}

async function pageCount(pdf: Buffer | null): Promise<number> {
  return pdf ? (await PDFDocument.load(pdf)).getPageCount() : 0
}

/** The stored files of one item as parts (latest version of each document; attachments as they are). */
function partsOf(ctx: AppContext, rows: DocumentTable[]): Part[] {
  const parts: Part[] = []
  for (const item of CASE_FILE_ITEMS) {
    const held = itemRows(item, rows).filter((r) => r.kind !== 'back_cover')
    const groups = new Map<string, DocumentTable[]>()
    for (const row of held) {
      const key = `${row.kind ?? row.id}:${row.revision}`
      groups.set(key, [...(groups.get(key) ?? []), row])
    }
    for (const group of groups.values()) {
      const read = group.map((row) => ({ row, ...readChecked(ctx, row) }))
      const bad = read.find((r) => r.verification.check !== 'ok')
      const file = (format: string) => read.find((r) => r.row.format === format)?.bytes ?? null
      const image = read.find((r) => r.row.format === 'jpg' || r.row.format === 'png')
      parts.push({
        itemNumber: item.number,
        title: group[0].title,
        date: longDate(group[0].created_at),
        note: bad ? FILE_CHECK_LABELS[bad.verification.check] : '',
        docx: file('docx'),
        pdf: file('pdf'),
        image: image?.bytes ? { format: image.row.format as 'jpg' | 'png', bytes: image.bytes } : null,
        revision: group[0].revision
      })
    }
  }
  return parts
}

async function makeFileDocument(
  ctx: AppContext,
  data: CaseData,
  kind: DocumentKind,
  extra: Record<string, unknown>
): Promise<{ docx: Buffer; pdf: Buffer | null }> {
  const rendered = await renderDocument(ctx, data, kind, extra)
  const { pdf } = await pdfOfDocument(ctx, rendered)
  return { docx: rendered.docx, pdf }
}

const pad = (n: number) => String(n).padStart(2, '0')

async function mergePdf(ctx: AppContext, parts: Part[]): Promise<Buffer> {
  const merged = await PDFDocument.create()
  for (const part of parts) {
    try {
      await appendPart(merged, part)
    } catch (error) {
      // A damaged scan must not stop the whole file: it stays in the ZIP export and the log says which.
      ctx.log.error(`卷宗合并时跳过无法读取的材料：${part.title}`, error)
    }
  }
  // Page numbers on every page after the cover, as the index counts them.
  const font = await merged.embedFont(StandardFonts.Helvetica)
  merged.getPages().forEach((page, index) => {
    if (index === 0) return
    const text = `- ${index + 1} -`
    const width = font.widthOfTextAtSize(text, 10)
    page.drawText(text, { x: (page.getWidth() - width) / 2, y: 28, size: 10, font, color: rgb(0, 0, 0) })
  })
  return Buffer.from(await merged.save())
}

async function appendPart(merged: PDFDocument, part: Part): Promise<void> {
  if (part.pdf) {
    const source = await PDFDocument.load(part.pdf)
    const pages = await merged.copyPages(source, source.getPageIndices())
    pages.forEach((p) => merged.addPage(p))
  } else if (part.image) {
    const image =
      part.image.format === 'png' ? await merged.embedPng(part.image.bytes) : await merged.embedJpg(part.image.bytes)
    // An A4 page with the scan centred, scaled down to fit the margins (never up).
    const page = merged.addPage([595.28, 841.89])
    const scale = Math.min(515 / image.width, 760 / image.height, 1)
    const w = image.width * scale
    const h = image.height * scale
    page.drawImage(image, { x: (595.28 - w) / 2, y: (841.89 - h) / 2, width: w, height: h })
  }
}

async function pagesOf(part: Part): Promise<number> {
  return part.pdf ? pageCount(part.pdf) : part.image ? 1 : 0
}

async function runExport(ctx: AppContext, job: ExportJob): Promise<void> {
  step(job, 5, '读取案件和文书登记')
  const data = await loadForDocuments(ctx, job.caseId)
  const rows = await caseDocumentRows(ctx, job.caseId)
  const items = caseFileItems(rows)
  job.missing = missingOf(items)
  const contents = partsOf(ctx, rows)

  step(job, 20, '制作卷宗封面')
  const cover = await makeFileDocument(ctx, data, 'file_cover', {})
  const itemCount = String(contents.length + 1)

  step(job, 45, '计算页号，制作卷内目录和封底')
  const coverPages = await pageCount(cover.pdf)
  const contentPages = await Promise.all(contents.map(pagesOf))
  const indexFor = async (indexPages: number) => {
    let page = coverPages + indexPages + 1
    const indexItems = contents.map((part, i) => {
      const start = contentPages[i] > 0 ? String(page) : ''
      page += contentPages[i]
      return { number: String(i + 1), title: part.title, date: part.date, pages: start, note: part.note }
    })
    indexItems.push({
      number: String(contents.length + 1),
      title: DOCUMENT_KIND_LABELS.back_cover,
      date: '',
      pages: String(page),
      note: ''
    })
    for (const missing of job.missing) {
      indexItems.push({ number: '', title: missing.replace(/^\d+ /, ''), date: '', pages: '', note: '必备，缺' })
    }
    return { indexItems, total: page }
  }
  let first = await indexFor(1)
  let index = await makeFileDocument(ctx, data, 'file_index', { indexItems: first.indexItems })
  const indexPages = Math.max(1, await pageCount(index.pdf))
  if (indexPages !== 1) {
    first = await indexFor(indexPages)
    index = await makeFileDocument(ctx, data, 'file_index', { indexItems: first.indexItems })
  }
  const back = await makeFileDocument(ctx, data, 'back_cover', { itemCount, pageCount: String(first.total) })

  step(job, 65, '登记封面、目录和封底')
  for (const [kind, file] of [
    ['file_cover', cover],
    ['file_index', index],
    ['back_cover', back]
  ] as const) {
    await storeDocument(ctx, 'documents.exportCaseFile', {
      caseId: job.caseId,
      kind,
      category: null,
      title: DOCUMENT_KIND_LABELS[kind],
      templateSource: 'builtin',
      files: file.pdf
        ? [
            { format: 'docx', bytes: file.docx },
            { format: 'pdf', bytes: file.pdf }
          ]
        : [{ format: 'docx', bytes: file.docx }],
      baseName: kind
    })
  }
  const all: Part[] = [
    {
      itemNumber: null,
      title: DOCUMENT_KIND_LABELS.file_cover,
      date: '',
      note: '',
      ...cover,
      image: null,
      revision: 0
    },
    {
      itemNumber: null,
      title: DOCUMENT_KIND_LABELS.file_index,
      date: '',
      note: '',
      ...index,
      image: null,
      revision: 0
    },
    ...contents,
    { itemNumber: 13, title: DOCUMENT_KIND_LABELS.back_cover, date: '', note: '', ...back, image: null, revision: 0 }
  ]

  step(job, 80, job.format === 'zip' ? '打包 ZIP' : '合并 PDF')
  const caseNumber = data.caseRow.case_number ?? data.caseRow.id
  let bytes: Buffer
  if (job.format === 'zip') {
    const zip = new PizZip()
    all.forEach((part, i) => {
      const stem = `${pad(i)}_${part.title}${part.revision > 0 ? `_第${part.revision}版` : ''}`
      if (part.docx) zip.file(`${stem}.docx`, part.docx)
      if (part.pdf) zip.file(`${stem}.pdf`, part.pdf)
      if (part.image) zip.file(`${stem}.${part.image.format}`, part.image.bytes)
    })
    bytes = zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer
  } else {
    bytes = await mergePdf(ctx, all)
  }
  await writeChange(ctx, 'documents.exportCaseFile', async (trx, record) => {
    await addCaseEvent(ctx, trx, record, job.caseId, 'case_file_exported', {
      detail: { format: job.format, items: all.length, missing: job.missing }
    })
  })
  job.fileName = `卷宗${caseNumber}.${job.format}`
  job.base64 = bytes.toString('base64')
  job.state = 'done'
  step(job, 100, '完成')
}

const snapshot = (job: ExportJob, withFile: boolean): ExportJob => ({ ...job, base64: withFile ? job.base64 : null })

export async function exportCaseFile(
  ctx: AppContext,
  input: ParsedInput<'documents.exportCaseFile'>
): Promise<ExportJob> {
  const data = await loadForDocuments(ctx, input.caseId)
  if (!data.caseRow.case_number) throw invalidField('caseId', '案件受理编号后才能导出卷宗')
  ensureAvailable(data, 'file_cover')
  const job: ExportJob = {
    jobId: uuidv7(),
    caseId: input.caseId,
    format: input.format,
    state: 'running',
    percent: 0,
    step: '准备',
    missing: [],
    fileName: null,
    base64: null,
    error: null
  }
  jobs.set(job.jobId, job)
  runExport(ctx, job).catch((error: unknown) => {
    ctx.log.error('卷宗导出失败', error)
    job.state = 'failed'
    job.error = `卷宗导出失败：${(error as Error).message}`
  })
  return snapshot(job, false)
}

export async function exportStatus(_ctx: AppContext, input: ParsedInput<'documents.exportStatus'>): Promise<ExportJob> {
  const job = jobs.get(input.jobId)
  if (!job) throw notFound('导出任务')
  return snapshot(job, true)
}
