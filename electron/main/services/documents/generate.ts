/*
 * Generating a document: read the case, check its state allows the kind,
 * build the document model, fill the template (DOCX) and the print view
 * (HTML → PDF through the platform port), and register both files as the
 * next version of that kind.
 */
import {
  DOCUMENT_KIND_LABELS,
  type DocumentKind,
  type GeneratedDocument,
  type PrintPreview
} from '../../../../shared/domain/document'
import { documentAvailability } from '../../../../shared/domain/document-availability'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import type { AppContext } from '../../context'
import { invalidField } from '../../errors'
import { pdfPrinterOf } from '../../platform/pdf-printer'
import { docxToPdf, findSoffice } from '../../platform/office-pdf'
import { factsOf, loadCaseData, type CaseData } from './case-data'
import { documentData, type DocumentData } from './document-data'
import { printViewHtml } from './html-writer'
import { renderDocx } from './render-docx'
import { TEMPLATES } from './template-catalog'
import { builtinTemplate, resolveTemplate } from './templates'
import { storeDocument, type NewFile } from './register-store'

export interface RenderedDocument {
  docx: Buffer
  html: string
  templateSource: 'builtin' | 'custom'
  warnings: string[]
}

export async function loadForDocuments(ctx: AppContext, caseId: string): Promise<CaseData> {
  return loadCaseData(ctx.db, caseId, chinaDate(ctx.clock.now()))
}

/** Refuse a kind the case's state does not allow yet, saying why. */
export function ensureAvailable(data: CaseData, kind: DocumentKind): void {
  const availability = documentAvailability(factsOf(data)).find((a) => a.kind === kind)!
  if (!availability.available) {
    throw invalidField('kind', `暂不能制作${availability.label}：${availability.reason}`)
  }
}

/** The print view of one document, from the same model as its DOCX. */
export function printView(kind: DocumentKind, model: DocumentData): string {
  return printViewHtml(TEMPLATES[kind], DOCUMENT_KIND_LABELS[kind], model)
}

/** DOCX and print view of one document; an office template that fails while filling falls back to the built-in one. */
export async function renderDocument(
  ctx: AppContext,
  data: CaseData,
  kind: DocumentKind,
  extra: DocumentData = {}
): Promise<RenderedDocument> {
  const model = documentData(kind, data, chinaDate(ctx.clock.now()), extra)
  const template = await resolveTemplate(ctx, kind)
  const warnings = template.warning ? [template.warning] : []
  let docx: Buffer
  let templateSource = template.source
  try {
    docx = renderDocx(template.buffer, model)
  } catch (error) {
    if (template.source === 'builtin') throw error
    warnings.push(`本单位模板 ${TEMPLATES[kind].fileName} 填写失败，已使用内置模板：${(error as Error).message}`)
    docx = renderDocx(builtinTemplate(kind), model)
    templateSource = 'builtin'
  }
  return { docx, html: printView(kind, model), templateSource, warnings }
}

/** The PDF of a print view, or the reason it could not be made (the DOCX is kept either way). */
export async function printToPdf(
  ctx: AppContext,
  html: string
): Promise<{ pdf: Buffer | null; warning: string | null }> {
  try {
    return { pdf: await pdfPrinterOf(ctx).htmlToPdf(html), warning: null }
  } catch (error) {
    ctx.log.error('PDF 生成失败', error)
    return { pdf: null, warning: `PDF 未生成：${(error as Error).message.split('\n')[0]}` }
  }
}

/**
 * The PDF of a rendered document. An office's own template has a layout only its DOCX knows (letterhead, seal
 * area), so its PDF is converted from that DOCX by LibreOffice where installed; otherwise, and for built-in
 * templates, the PDF is typeset from the print view, which says the same thing in the built-in layout.
 */
export async function pdfOfDocument(
  ctx: AppContext,
  rendered: Pick<RenderedDocument, 'docx' | 'html' | 'templateSource'>
): Promise<{ pdf: Buffer | null; warning: string | null }> {
  if (rendered.templateSource !== 'custom') return printToPdf(ctx, rendered.html)
  const soffice = findSoffice()
  let reason = '本机未安装 LibreOffice'
  if (soffice) {
    try {
      return { pdf: await docxToPdf(soffice, rendered.docx), warning: null }
    } catch (error) {
      ctx.log.error('本单位模板 PDF 转换失败', error)
      reason = (error as Error).message
    }
  }
  const printed = await printToPdf(ctx, rendered.html)
  const fallback = `本单位模板的 PDF 需由 LibreOffice 转换（${reason}），PDF 已按内置版式生成，内容与 DOCX 相同`
  return { pdf: printed.pdf, warning: printed.warning ?? fallback }
}

export async function generateDocument(
  ctx: AppContext,
  input: ParsedInput<'documents.generate'>,
  extra: DocumentData = {}
): Promise<GeneratedDocument> {
  const data = await loadForDocuments(ctx, input.caseId)
  ensureAvailable(data, input.kind)
  const rendered = await renderDocument(ctx, data, input.kind, extra)
  const { pdf, warning } = await pdfOfDocument(ctx, rendered)
  const files: NewFile[] = [{ format: 'docx', bytes: rendered.docx }]
  if (pdf) files.push({ format: 'pdf', bytes: pdf })
  const entries = await storeDocument(ctx, 'documents.generate', {
    caseId: input.caseId,
    kind: input.kind,
    category: null,
    title: DOCUMENT_KIND_LABELS[input.kind],
    templateSource: rendered.templateSource,
    files,
    baseName: input.kind
  })
  return { entries, warnings: warning ? [...rendered.warnings, warning] : rendered.warnings }
}

export async function previewDocument(ctx: AppContext, input: ParsedInput<'documents.preview'>): Promise<PrintPreview> {
  const data = await loadForDocuments(ctx, input.caseId)
  ensureAvailable(data, input.kind)
  const model = documentData(input.kind, data, chinaDate(ctx.clock.now()))
  return { kind: input.kind, title: DOCUMENT_KIND_LABELS[input.kind], html: printView(input.kind, model) }
}
