/*
 * The case file (卷宗) as the register holds it: each item of
 * reference/documents.md in order, with the latest version of each generated
 * document and every attached copy that belongs there, and the required
 * items still missing.
 */
import {
  AUTOMATIC_KINDS,
  CASE_FILE_ITEMS,
  type CaseFileCheck,
  type CaseFileItemDefinition,
  type CaseFileItemStatus
} from '../../../../shared/domain/document'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import type { DocumentTable } from '../../db/schema-documents'
import { notFound } from '../../errors'
import { caseDocumentRows } from './register-store'

/** The rows one item holds, in file order: generated kinds in the item's order (latest version), then attachments. */
export function itemRows(item: CaseFileItemDefinition, rows: DocumentTable[]): DocumentTable[] {
  const generated = item.kinds.flatMap((kind) => {
    const ofKind = rows.filter((r) => r.kind === kind)
    const latest = Math.max(0, ...ofKind.map((r) => r.revision))
    return ofKind.filter((r) => r.revision === latest)
  })
  const attached = rows.filter((r) => r.category !== null && item.attachments.includes(r.category as never))
  return [...generated, ...attached]
}

export function caseFileItems(rows: DocumentTable[]): CaseFileItemStatus[] {
  return CASE_FILE_ITEMS.map((item) => {
    const held = itemRows(item, rows)
    const automatic = item.kinds.length > 0 && item.kinds.every((k) => AUTOMATIC_KINDS.includes(k))
    return {
      number: item.number,
      label: item.label,
      required: item.required,
      documentIds: held.map((r) => r.id),
      present: held.length > 0 || automatic
    }
  })
}

export function missingOf(items: CaseFileItemStatus[]): string[] {
  return items.filter((i) => i.required && !i.present).map((i) => `${i.number} ${i.label}`)
}

export async function checkCaseFile(ctx: AppContext, input: ParsedInput<'documents.caseFile'>): Promise<CaseFileCheck> {
  const theCase = await ctx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()
  if (!theCase) throw notFound('案件')
  const items = caseFileItems(await caseDocumentRows(ctx, input.caseId))
  return { caseId: input.caseId, items, missing: missingOf(items) }
}
