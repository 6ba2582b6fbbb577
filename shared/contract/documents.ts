/*
 * Documents (DESIGN §3.4): generating the standard documents as DOCX and PDF,
 * the per-case register with versions and hashes, attached scans, print
 * preview, templates, and the case-file (卷宗) export — the `documents.*` methods.
 */
import type {
  CaseDocuments,
  CaseFileCheck,
  DocumentVerification,
  ExportJob,
  GeneratedDocument,
  DocumentEntry,
  OpenedDocument,
  PrintPreview,
  TemplateStatus
} from '../domain/document'
import {
  attachDocumentSchema,
  caseDocumentsSchema,
  documentRefSchema,
  exportCaseFileSchema,
  exportStatusSchema,
  generateDocumentSchema,
  previewDocumentSchema
} from '../domain/document-input'
import { noInput, returns } from './define'

export const documentMethods = {
  /** Fill a document from the case and store it as DOCX and PDF, as the next version of its kind. On the timeline. */
  'documents.generate': { input: generateDocumentSchema, output: returns<GeneratedDocument>() },

  /** The case's register (every version, each file's hash checked) and the kinds its state allows. */
  'documents.list': { input: caseDocumentsSchema, output: returns<CaseDocuments>() },

  /** One stored file as base64, with its hash checked against the register. Audited. */
  'documents.open': { input: documentRefSchema, output: returns<OpenedDocument>() },

  /** Check one stored file's SHA-256 against the register: ok, changed or missing. */
  'documents.verify': { input: documentRefSchema, output: returns<DocumentVerification>() },

  /** Attach a scanned or signed copy (PDF, JPG, PNG; type checked by content) to the register. */
  'documents.attach': { input: attachDocumentSchema, output: returns<DocumentEntry>() },

  /** The print view of a document (HTML from the same model as the DOCX), for preview and printing. */
  'documents.preview': { input: previewDocumentSchema, output: returns<PrintPreview>() },

  /** The case file's items in order, and the required ones still missing. */
  'documents.caseFile': { input: caseDocumentsSchema, output: returns<CaseFileCheck>() },

  /** Start exporting the case file as one ZIP or one merged PDF; poll exportStatus for progress. */
  'documents.exportCaseFile': { input: exportCaseFileSchema, output: returns<ExportJob>() },

  /** Progress of an export (percent, current step); the file itself once done. */
  'documents.exportStatus': { input: exportStatusSchema, output: returns<ExportJob>() },

  /** Every template in use: built-in or the office's own, and why an office template was refused. */
  'documents.templates': { input: noInput, output: returns<TemplateStatus[]>() }
} as const
