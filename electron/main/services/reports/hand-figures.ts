/*
 * The figures of the report that no record can give (escalations prevented,
 * in cases and persons), typed in per office and month: read, and saved as
 * one audited change. Only the fields of FIGURE_FIELDS exist here, so a
 * figure typed in can never stand in for one the cases give. An office's
 * installation fills in its own, and they reach the hub in its bundles
 * (shared/domain/hub-entities.ts); the hub fills them in only for offices
 * that send no bundles (no registered key), so the two never both write one.
 */
import type { OfficeFigures } from '../../../../shared/domain/report'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { FIGURE_FIELDS, figureFieldLabel } from '../../../../shared/rules/report-fields'
import { chinaDate } from '../../../../shared/rules/china-time'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import type { Kysely } from 'kysely'
import { invalidField } from '../../errors'
import { requireThisOffice } from '../hub/this-office'
import { writeChange } from '../write'
import { isHub } from './monthly'

async function officeFor(
  ctx: AppContext,
  officeId: string | undefined,
  writing: boolean
): Promise<{ id: string; name: string }> {
  const here = await requireThisOffice(ctx)
  if (!officeId || officeId === here.id) return here
  const office = await ctx.db.selectFrom('offices').select(['id', 'name']).where('id', '=', officeId).executeTakeFirst()
  if (!office) throw invalidField('officeId', '所选调解组织不存在')
  const hereKind = (
    await ctx.db.selectFrom('offices').select('kind').where('id', '=', here.id).executeTakeFirstOrThrow()
  ).kind
  if (!(await isHub(ctx, hereKind))) throw invalidField('officeId', '只能填报本组织的数字（汇总端可代各组织填报）')
  if (!writing) return office
  const reports = await ctx.db
    .selectFrom('hub_office_keys')
    .select('id')
    .where('office_id', '=', office.id)
    .executeTakeFirst()
  if (reports) throw invalidField('officeId', '该组织通过数据包上报，其填报数字以数据包为准，请由该组织自行填报')
  return office
}

async function load(db: Kysely<Database>, office: { id: string; name: string }, month: string): Promise<OfficeFigures> {
  const rows = await db
    .selectFrom('report_figures')
    .leftJoin('users', 'users.id', 'report_figures.entered_by')
    .select([
      'field',
      'value',
      'note',
      'users.display_name as by',
      'report_figures.updated_at',
      'report_figures.version'
    ])
    .where('office_id', '=', office.id)
    .where('month', '=', month)
    .execute()
  const byField = new Map(rows.map((r) => [r.field, r]))
  return {
    officeId: office.id,
    officeName: office.name,
    month,
    entries: FIGURE_FIELDS.map((field) => {
      const r = byField.get(field)
      return {
        field,
        label: figureFieldLabel(field),
        value: r?.value ?? null,
        note: r?.note ?? null,
        enteredBy: r?.by ?? null,
        updatedAt: r?.updated_at ?? null,
        version: r?.version ?? null
      }
    })
  }
}

export async function readFigures(ctx: AppContext, input: ParsedInput<'reports.figures'>): Promise<OfficeFigures> {
  return load(ctx.db, await officeFor(ctx, input.officeId, false), input.month)
}

export async function saveFigures(ctx: AppContext, input: ParsedInput<'reports.saveFigures'>): Promise<OfficeFigures> {
  // A month still to come has nothing to report yet.
  if (input.month > chinaDate(ctx.clock.now()).slice(0, 7)) throw invalidField('month', '不能填报尚未到来的月份')
  const office = await officeFor(ctx, input.officeId, true)
  await writeChange(ctx, 'reports.saveFigures', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    for (const figure of input.figures) {
      const before = await trx
        .selectFrom('report_figures')
        .selectAll()
        .where('office_id', '=', office.id)
        .where('month', '=', input.month)
        .where('field', '=', figure.field)
        .executeTakeFirst()
      const note = figure.note || null
      if (before && before.value === figure.value && before.note === note) continue
      if (before) {
        const changes = {
          value: figure.value,
          note,
          entered_by: ctx.actor.id,
          updated_at: now,
          version: before.version + 1
        }
        await trx.updateTable('report_figures').set(changes).where('id', '=', before.id).execute()
        record({
          entity: 'report_figures',
          entityId: before.id,
          operation: 'update',
          version: changes.version,
          before,
          after: { ...before, ...changes }
        })
      } else {
        const row = {
          id: uuidv7(),
          office_id: office.id,
          month: input.month,
          field: figure.field,
          value: figure.value,
          note,
          entered_by: ctx.actor.id,
          created_at: now,
          updated_at: now,
          version: 1
        }
        await trx.insertInto('report_figures').values(row).execute()
        record({ entity: 'report_figures', entityId: row.id, operation: 'insert', version: 1, after: row })
      }
    }
  })
  return load(ctx.db, office, input.month)
}
