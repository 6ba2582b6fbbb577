/* The register methods: list a case's documents, open and verify a stored file, attach a scan or signed copy. */
import {
  ATTACHMENT_CATEGORY_LABELS,
  MAX_ATTACHMENT_BYTES,
  mimeTypeOf,
  type CaseDocuments,
  type DocumentEntry,
  type DocumentVerification,
  type FileFormat,
  type OpenedDocument
} from '../../../../shared/domain/document'
import { documentAvailability } from '../../../../shared/domain/document-availability'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import { recordAuditOnly } from '../write'
import { factsOf } from './case-data'
import { loadForDocuments } from './generate'
import { caseDocumentRows, findDocumentRow, readChecked, storeDocument, toEntry } from './register-store'

export async function listDocuments(ctx: AppContext, input: ParsedInput<'documents.list'>): Promise<CaseDocuments> {
  const data = await loadForDocuments(ctx, input.caseId)
  const rows = await caseDocumentRows(ctx, input.caseId)
  return {
    caseId: input.caseId,
    entries: rows.map((row) => ({ ...toEntry(row), check: readChecked(ctx, row).verification.check })),
    kinds: documentAvailability(factsOf(data))
  }
}

export async function verifyDocument(
  ctx: AppContext,
  input: ParsedInput<'documents.verify'>
): Promise<DocumentVerification> {
  return readChecked(ctx, await findDocumentRow(ctx, input.documentId)).verification
}

/** Open a stored file. A changed file is still handed over (to inspect it) but flagged; a missing one is an error. */
export async function openDocument(ctx: AppContext, input: ParsedInput<'documents.open'>): Promise<OpenedDocument> {
  const row = await findDocumentRow(ctx, input.documentId)
  const { bytes, verification } = readChecked(ctx, row)
  await recordAuditOnly(ctx, 'documents.open', [
    { entity: 'documents', entityId: row.id, before: null, after: { case_id: row.case_id, check: verification.check } }
  ])
  if (!bytes) throw new AppError('NOT_FOUND', `文书文件已丢失：${row.file_path}`)
  return { entry: toEntry(row), verification, base64: bytes.toString('base64'), mimeType: mimeTypeOf(row.format) }
}

/** The file type from its first bytes: the name and the declared type are not trusted. */
export function sniffFormat(bytes: Buffer): FileFormat | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  return null
}

export async function attachDocument(ctx: AppContext, input: ParsedInput<'documents.attach'>): Promise<DocumentEntry> {
  const bytes = Buffer.from(input.base64, 'base64')
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw invalidField('base64', `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)
  }
  const format = sniffFormat(bytes)
  if (!format) throw invalidField('base64', '只能添加 PDF、JPG 或 PNG 文件（按文件内容判断）')
  const theCase = await ctx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()
  if (!theCase) throw notFound('案件')
  const [entry] = await storeDocument(ctx, 'documents.attach', {
    caseId: input.caseId,
    kind: null,
    category: input.category,
    title: input.title || ATTACHMENT_CATEGORY_LABELS[input.category],
    templateSource: null,
    files: [{ format, bytes }],
    baseName: `attachment-${input.category}`
  })
  return entry
}
