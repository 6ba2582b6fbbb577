/*
 * The roster as a spreadsheet, the way offices keep it today: export, an
 * empty template, and import in two steps. The preview reports every problem
 * and writes nothing; the commit writes a problem-free file whole, in one
 * transaction, matching people already on the roster by ID number (else by
 * name and phone) so that export → import changes nothing.
 */
import { isDeepStrictEqual } from 'node:util'
import {
  MEDIATOR_KINDS,
  type Mediator,
  type MediatorRecord,
  type RosterImportPreview,
  type SpreadsheetFile
} from '../../../shared/domain/mediator'
import type { ParsedInput } from '../../../shared/ipc-contract'
import { chinaDate } from '../../../shared/rules/china-time'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { loadMediators, recordOf, writeMediator } from './mediator-store'
import { rosterLookup } from './mediators'
import { readRosterXlsx, writeRosterXlsx, type RosterReference } from './roster-xlsx'
import { recordAuditOnly, writeChange, type Trx } from './write'

async function reference(db: AppContext['db'] | Trx): Promise<RosterReference> {
  const offices = await db
    .selectFrom('offices')
    .select(['code', 'name'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute()
  const disputeTypes = await db
    .selectFrom('dispute_types')
    .select(['code', 'label'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute()
  const chambers = await db.selectFrom('chambers').select('name').where('active', '=', 1).orderBy('name').execute()
  return { offices, disputeTypes, chambers: chambers.map((c) => c.name) }
}

function file(name: string, data: Buffer): SpreadsheetFile {
  return { fileName: name, base64: data.toString('base64') }
}

export async function exportRoster(ctx: AppContext): Promise<SpreadsheetFile> {
  const records = [...(await loadMediators(ctx.db)).values()].map(recordOf)
  const data = await writeRosterXlsx(records, await reference(ctx.db))
  const exported = file(`调解员名册-${chinaDate(ctx.clock.now())}.xlsx`, data)
  // The file holds every member's full ID number and phone: who took it is in the audit trail.
  await recordAuditOnly(ctx, 'mediators.exportXlsx', [
    {
      entity: 'mediators',
      entityId: 'roster',
      before: null,
      after: { fileName: exported.fileName, rows: records.length }
    }
  ])
  return exported
}

export async function rosterTemplate(ctx: AppContext): Promise<SpreadsheetFile> {
  return file('调解员名册模板.xlsx', await writeRosterXlsx([], await reference(ctx.db)))
}

/** Which roster entry a spreadsheet row updates: the same ID number, else the same name and phone. */
function matcher(existing: Mediator[]): (record: MediatorRecord) => Mediator | null {
  const byId = new Map(existing.filter((m) => m.idNumber).map((m) => [m.idNumber!, m]))
  const byNamePhone = new Map(existing.filter((m) => m.phone).map((m) => [`${m.name}|${m.phone}`, m]))
  return (record) =>
    (record.idNumber ? byId.get(record.idNumber) : undefined) ??
    (record.phone ? byNamePhone.get(`${record.name}|${record.phone}`) : undefined) ??
    null
}

async function parse(ctx: AppContext, db: AppContext['db'] | Trx, base64: string) {
  const parsed = await readRosterXlsx(Buffer.from(base64, 'base64'), await reference(db), chinaDate(ctx.clock.now()))
  const existing = [...(await loadMediators(db)).values()]
  const match = matcher(existing)
  const counts = Object.fromEntries(
    MEDIATOR_KINDS.map((k) => [k, parsed.records.filter((r) => r.kind === k).length])
  ) as RosterImportPreview['counts']
  const matched = parsed.records.map((r) => match(r))
  const unchanged = parsed.records.filter(
    (r, i) => matched[i] !== null && isDeepStrictEqual(recordOf(matched[i]!), r)
  ).length
  const updating = matched.filter((m) => m !== null).length - unchanged
  return {
    parsed,
    match,
    preview: {
      counts,
      creating: parsed.records.length - updating - unchanged,
      updating,
      unchanged,
      problems: parsed.problems
    }
  }
}

export async function previewRosterImport(
  ctx: AppContext,
  input: ParsedInput<'mediators.importPreview'>
): Promise<RosterImportPreview> {
  return (await parse(ctx, ctx.db, input.base64)).preview
}

export async function commitRosterImport(
  ctx: AppContext,
  input: ParsedInput<'mediators.importCommit'>
): Promise<RosterImportPreview> {
  return writeChange(ctx, 'mediators.import', async (trx, record) => {
    const { parsed, match, preview } = await parse(ctx, trx, input.base64)
    if (parsed.problems.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `文件有 ${parsed.problems.length} 处问题，未导入任何内容；请先在预览中查看并改正`
      )
    }
    const lookup = await rosterLookup(trx)
    const now = ctx.clock.now().toISOString()
    for (const data of parsed.records) {
      const before = match(data)
      // An unchanged entry is not rewritten: export → import leaves versions and the audit trail alone.
      if (before && isDeepStrictEqual(recordOf(before), data)) continue
      await writeMediator(
        trx,
        record,
        {
          id: null,
          data,
          officeIds: data.officeCodes.map((code) => lookup.officeIdByCode.get(code)!),
          chamberIds: data.chambers.map((name) => lookup.chamberIdByName.get(name)!),
          before
        },
        now
      )
    }
    return preview
  })
}
