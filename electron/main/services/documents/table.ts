/* The services behind the documents methods (shared/contract/documents.ts). */
import type { documentMethods } from '../../../../shared/contract/documents'
import type { Service } from '../index'
import { checkCaseFile } from './case-file'
import { exportCaseFile, exportStatus } from './case-file-export'
import { generateDocument, previewDocument } from './generate'
import { attachDocument, listDocuments, openDocument, verifyDocument } from './register'
import { listTemplates } from './templates'

export const documentServices: { [M in keyof typeof documentMethods]: Service<M> } = {
  'documents.generate': (ctx, input) => generateDocument(ctx, input),
  'documents.list': listDocuments,
  'documents.open': openDocument,
  'documents.verify': verifyDocument,
  'documents.attach': attachDocument,
  'documents.preview': previewDocument,
  'documents.caseFile': checkCaseFile,
  'documents.exportCaseFile': exportCaseFile,
  'documents.exportStatus': exportStatus,
  'documents.templates': (ctx) => listTemplates(ctx)
}
