/*
 * The document register on disk and in the store. Files live beside the
 * database, in `documents/<case id>/`; each gets a register row with its
 * SHA-256 and size, written in the same audited transaction as its case
 * event. A file is never overwritten: a new version is a new file and a new
 * row. Reading a file back always checks its hash against the row.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  DOCUMENT_KIND_LABELS,
  type AttachmentCategory,
  type DocumentEntry,
  type DocumentKind,
  type DocumentVerification,
  type FileCheck,
  type FileFormat
} from '../../../../shared/domain/document'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { DocumentTable } from '../../db/schema-documents'
import { notFound } from '../../errors'
import { addCaseEvent } from '../case-events'
import { writeChange } from '../write'

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The data folder's documents directory: beside the database file. */
export function documentsRoot(ctx: AppContext): string {
  return path.join(path.dirname(ctx.runtime.databasePath), 'documents')
}

export function toEntry(row: DocumentTable): DocumentEntry {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as DocumentKind | null,
    category: row.category as AttachmentCategory | null,
    title: row.title,
    revision: row.revision,
    format: row.format,
    fileName: path.posix.basename(row.file_path),
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    templateSource: row.template_source
  }
}

export interface NewFile {
  format: FileFormat
  bytes: Buffer
}

export interface NewDocument {
  caseId: string
  kind: DocumentKind | null
  category: AttachmentCategory | null
  title: string
  templateSource: 'builtin' | 'custom' | null
  files: NewFile[]
  /** The name the files take on disk (without extension), before `-v<revision>`. */
  baseName: string
}

/** Store a new version of a document (or a new attachment) in every format given, with one case event. */
export async function storeDocument(ctx: AppContext, action: string, doc: NewDocument): Promise<DocumentEntry[]> {
  return writeChange(ctx, action, async (trx, record) => {
    let last = trx
      .selectFrom('documents')
      .select((eb) => eb.fn.max('revision').as('revision'))
      .where('case_id', '=', doc.caseId)
    last = doc.kind ? last.where('kind', '=', doc.kind) : last.where('category', '=', doc.category)
    const revision = Number((await last.executeTakeFirst())?.revision ?? 0) + 1
    const now = ctx.clock.now().toISOString()
    const folder = path.join(documentsRoot(ctx), doc.caseId)
    mkdirSync(folder, { recursive: true })
    const rows: DocumentTable[] = []
    for (const file of doc.files) {
      const name = `${doc.baseName}-v${revision}.${file.format}`
      writeFileSync(path.join(folder, name), file.bytes)
      const row: DocumentTable = {
        id: uuidv7(),
        case_id: doc.caseId,
        kind: doc.kind,
        category: doc.category,
        title: doc.title,
        revision,
        format: file.format,
        file_path: `${doc.caseId}/${name}`,
        sha256: sha256(file.bytes),
        size_bytes: file.bytes.length,
        template_source: doc.templateSource,
        created_by_id: ctx.actor.id,
        created_by_name: ctx.actor.displayName,
        created_at: now,
        updated_at: now,
        version: 1
      }
      await trx.insertInto('documents').values(row).execute()
      record({ entity: 'documents', entityId: row.id, operation: 'insert', version: 1, after: { ...row } })
      rows.push(row)
    }
    await addCaseEvent(ctx, trx, record, doc.caseId, doc.kind ? 'document_generated' : 'document_attached', {
      detail: {
        title: doc.title,
        revision,
        kind: doc.kind,
        category: doc.category,
        formats: doc.files.map((f) => f.format)
      }
    })
    return rows.map(toEntry)
  })
}

export async function findDocumentRow(ctx: AppContext, id: string): Promise<DocumentTable> {
  const row = await ctx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('文书')
  return row
}

export async function caseDocumentRows(ctx: AppContext, caseId: string): Promise<DocumentTable[]> {
  return ctx.db
    .selectFrom('documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** The stored bytes and whether they are still what was registered. */
export function readChecked(
  ctx: AppContext,
  row: DocumentTable
): { bytes: Buffer | null; verification: DocumentVerification } {
  const file = path.join(documentsRoot(ctx), ...row.file_path.split('/'))
  const bytes = existsSync(file) ? readFileSync(file) : null
  const actual = bytes ? sha256(bytes) : null
  const check: FileCheck = !bytes ? 'missing' : actual === row.sha256 ? 'ok' : 'changed'
  return {
    bytes,
    verification: { documentId: row.id, check, expectedSha256: row.sha256, actualSha256: actual }
  }
}

export const titleOf = (kind: DocumentKind) => DOCUMENT_KIND_LABELS[kind]
