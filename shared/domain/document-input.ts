/* Input schemas of the documents.* methods: shapes and limits, with zh-CN messages. */
import { z } from '../validation'
import { ATTACHMENT_CATEGORIES, DOCUMENT_KINDS, EXPORT_FORMATS, MAX_ATTACHMENT_BYTES } from './document'

const caseId = z.uuid('案件编号无效')
const documentKind = z.enum(DOCUMENT_KINDS, '没有这种文书')

export const caseDocumentsSchema = z.object({ caseId }).strict()

export const generateDocumentSchema = z.object({ caseId, kind: documentKind }).strict()

export const previewDocumentSchema = z.object({ caseId, kind: documentKind }).strict()

export const documentRefSchema = z.object({ documentId: z.uuid('文书编号无效') }).strict()

/** Base64 of at most MAX_ATTACHMENT_BYTES (4 characters carry 3 bytes). */
const MAX_BASE64_CHARS = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4

export const attachDocumentSchema = z
  .object({
    caseId,
    category: z.enum(ATTACHMENT_CATEGORIES, '请选择材料类别'),
    title: z.string().trim().min(1, '此项不能为空').max(100, '不能超过 100 个字符'),
    fileName: z.string().trim().min(1, '此项不能为空').max(200, '不能超过 200 个字符'),
    base64: z
      .string()
      .min(1, '请选择文件')
      .max(MAX_BASE64_CHARS, `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 Base64 编码')
  })
  .strict()

export const exportCaseFileSchema = z
  .object({ caseId, format: z.enum(EXPORT_FORMATS, '请选择导出格式（ZIP 或 PDF）') })
  .strict()

export const exportStatusSchema = z.object({ jobId: z.uuid('导出任务编号无效') }).strict()
