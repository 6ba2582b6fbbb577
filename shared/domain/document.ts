/*
 * Documents (DESIGN §3.4, reference/documents.md): the kinds of standard
 * people's-mediation documents, the case-file (卷宗) order with its required
 * items, attachments, and the shapes the document register returns.
 * zh-CN labels here, once.
 */

export const DOCUMENT_KINDS = [
  'application',
  'acceptance_register',
  'acceptance_receipt',
  'rights_notice',
  'session_notice',
  'investigation_record',
  'mediation_record',
  'agreement',
  'oral_agreement',
  'follow_up_record',
  'confirmation_application',
  'decline_notice',
  'termination_notice',
  'closing_report',
  'file_cover',
  'file_index',
  'back_cover'
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  application: '人民调解申请书',
  acceptance_register: '人民调解受理登记表',
  acceptance_receipt: '受理回执',
  rights_notice: '人民调解权利义务告知书',
  session_notice: '调解通知书',
  investigation_record: '人民调解调查记录',
  mediation_record: '人民调解记录',
  agreement: '人民调解协议书',
  oral_agreement: '人民调解口头协议登记表',
  follow_up_record: '人民调解回访记录',
  confirmation_application: '司法确认申请书',
  decline_notice: '不予受理告知书',
  termination_notice: '终止调解告知书',
  closing_report: '结案报告表',
  file_cover: '卷宗封面',
  file_index: '卷内目录',
  back_cover: '卷宗封底（备考表）'
}

/** What a scanned or signed copy is, so the case file can put it in its place. */
export const ATTACHMENT_CATEGORIES = [
  'application_scan',
  'identity',
  'power_of_attorney',
  'evidence',
  'signed_copy',
  'performance_proof',
  'confirmation_papers',
  'file_note'
] as const
export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number]
export const ATTACHMENT_CATEGORY_LABELS: Record<AttachmentCategory, string> = {
  application_scan: '申请书或登记表（签字件）',
  identity: '当事人身份证明',
  power_of_attorney: '授权委托书',
  evidence: '证据材料',
  signed_copy: '已签署的文书',
  performance_proof: '履行凭证',
  confirmation_papers: '司法确认材料',
  file_note: '卷宗说明'
}

export const FILE_FORMATS = ['docx', 'pdf', 'jpg', 'png'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

/** Largest scan or signed copy accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

/** One item of the case file, in the order of reference/documents.md (R required, N as needed). */
export interface CaseFileItemDefinition {
  number: number
  label: string
  required: boolean
  kinds: readonly DocumentKind[]
  attachments: readonly AttachmentCategory[]
}

export const CASE_FILE_ITEMS: readonly CaseFileItemDefinition[] = [
  {
    number: 1,
    label: '人民调解申请书或受理登记表',
    required: true,
    kinds: ['application', 'acceptance_register', 'acceptance_receipt', 'decline_notice'],
    attachments: ['application_scan']
  },
  {
    number: 2,
    label: '人民调解权利义务告知书',
    required: true,
    kinds: ['rights_notice', 'session_notice'],
    attachments: []
  },
  { number: 3, label: '当事人身份证明', required: true, kinds: [], attachments: ['identity'] },
  { number: 4, label: '授权委托书', required: false, kinds: [], attachments: ['power_of_attorney'] },
  { number: 5, label: '调查记录', required: false, kinds: ['investigation_record'], attachments: [] },
  { number: 6, label: '证据材料', required: false, kinds: [], attachments: ['evidence'] },
  { number: 7, label: '人民调解记录', required: true, kinds: ['mediation_record'], attachments: [] },
  {
    number: 8,
    label: '人民调解协议书（口头协议登记表、终止调解告知书）',
    required: true,
    kinds: ['agreement', 'oral_agreement', 'termination_notice'],
    attachments: ['signed_copy']
  },
  { number: 9, label: '履行凭证', required: false, kinds: [], attachments: ['performance_proof'] },
  { number: 10, label: '回访记录', required: false, kinds: ['follow_up_record'], attachments: [] },
  {
    number: 11,
    label: '司法确认材料',
    required: false,
    kinds: ['confirmation_application'],
    attachments: ['confirmation_papers']
  },
  { number: 12, label: '卷宗说明及结案报告', required: false, kinds: ['closing_report'], attachments: ['file_note'] },
  { number: 13, label: '卷宗封底（备考表）', required: true, kinds: ['back_cover'], attachments: [] }
]

/** Written by the export itself, so never reported missing. */
export const AUTOMATIC_KINDS: readonly DocumentKind[] = ['file_cover', 'file_index', 'back_cover']

/** One file in the register: a generated document in one format, or an attached copy. */
export interface DocumentEntry {
  id: string
  caseId: string
  /** The generated kind, or null for an attachment. */
  kind: DocumentKind | null
  category: AttachmentCategory | null
  title: string
  /** 1, 2, … per kind (per category for attachments): regenerating makes a new one and keeps the old. */
  revision: number
  format: FileFormat
  fileName: string
  sha256: string
  sizeBytes: number
  createdByName: string
  createdAt: string
  /** Whether a custom template was used ('custom') or the built-in one. */
  templateSource: 'builtin' | 'custom' | null
}

export type FileCheck = 'ok' | 'changed' | 'missing'
export const FILE_CHECK_LABELS: Record<FileCheck, string> = {
  ok: '校验一致',
  changed: '文件已被改动',
  missing: '文件丢失'
}

export interface DocumentVerification {
  documentId: string
  check: FileCheck
  expectedSha256: string
  actualSha256: string | null
}

export interface KindAvailability {
  kind: DocumentKind
  label: string
  available: boolean
  /** Why it cannot be generated yet. */
  reason: string | null
}

export interface CaseDocuments {
  caseId: string
  entries: Array<DocumentEntry & { check: FileCheck }>
  kinds: KindAvailability[]
}

export interface GeneratedDocument {
  entries: DocumentEntry[]
  /** What did not go as asked: the office's template refused (built-in used), or the PDF not made. */
  warnings: string[]
}

export interface OpenedDocument {
  entry: DocumentEntry
  verification: DocumentVerification
  base64: string
  mimeType: string
}

export interface CaseFileItemStatus {
  number: number
  label: string
  required: boolean
  documentIds: string[]
  present: boolean
}

export interface CaseFileCheck {
  caseId: string
  items: CaseFileItemStatus[]
  /** Required items with nothing in the register, as "3 当事人身份证明". */
  missing: string[]
}

export const EXPORT_FORMATS = ['zip', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportJob {
  jobId: string
  caseId: string
  format: ExportFormat
  state: 'running' | 'done' | 'failed'
  percent: number
  step: string
  missing: string[]
  /** When done: the file, base64. */
  fileName: string | null
  base64: string | null
  error: string | null
}

export interface TemplateStatus {
  kind: DocumentKind
  label: string
  fileName: string
  source: 'builtin' | 'custom'
  /** Why the office's template was refused (the built-in one stays in use). */
  problem: string | null
}

export interface PrintPreview {
  kind: DocumentKind
  title: string
  html: string
}

export function mimeTypeOf(format: FileFormat): string {
  switch (format) {
    case 'docx':
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    case 'pdf':
      return 'application/pdf'
    case 'jpg':
      return 'image/jpeg'
    case 'png':
      return 'image/png'
  }
}
