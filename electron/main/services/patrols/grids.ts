/*
 * The office's grid list: read, and imported from a spreadsheet in two
 * steps like the roster — the preview reports every problem and writes
 * nothing; the commit writes the problem-free rows (new grids, and changed
 * ones matched by code) in one audited transaction.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Grid, GridImportPreview } from '../../../../shared/contract/patrols'
import type { SpreadsheetFile } from '../../../../shared/domain/mediator'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { GridTable } from '../../db/schema-prevention'
import { AppError } from '../../errors'
import { writeChange, type Trx } from '../write'
import { readGridXlsx, writeGridTemplate, type GridParse, type GridRow } from './grid-xlsx'
import { patrolOfficeId } from './patrol-store'

function toGrid(row: GridTable): Grid {
  return {
    id: row.id,
    code: row.code,
    officeId: row.office_id,
    township: row.township,
    village: row.village,
    name: row.name,
    active: row.active === 1
  }
}

export async function listGrids(ctx: AppContext, input: ParsedInput<'grids.list'>): Promise<Grid[]> {
  const officeId = await patrolOfficeId(ctx)
  let query = ctx.db.selectFrom('grids').selectAll().where('office_id', '=', officeId)
  if (!input.includeInactive) query = query.where('active', '=', 1)
  const rows = await query.orderBy('code').execute()
  // An office keeps a few hundred grids at most: matching in memory keeps LIKE's wildcards out of the search.
  const needle = input.query?.toLowerCase()
  if (needle) {
    return rows
      .filter((g) => [g.code, g.name, g.village, g.township].some((v) => v?.toLowerCase().includes(needle)))
      .map(toGrid)
  }
  return rows.map(toGrid)
}

export async function gridTemplate(): Promise<SpreadsheetFile> {
  return { fileName: '网格清单模板.xlsx', base64: (await writeGridTemplate()).toString('base64') }
}

interface Plan {
  parse: GridParse
  preview: GridImportPreview
  /** What a commit writes: a new grid (no before), or a changed one. */
  writes: Array<{ data: GridRow; before: GridTable | null }>
}

/** Parse the file and match its rows by code against the store, inside the caller's transaction on commit. */
async function plan(db: AppContext['db'] | Trx, officeId: string, base64: string): Promise<Plan> {
  const offices = await db.selectFrom('offices').select('township').where('township', 'is not', null).execute()
  const parse = await readGridXlsx(Buffer.from(base64, 'base64'), new Set(offices.map((o) => o.township!)))
  const codes = parse.valid.map((r) => r.code)
  const existing =
    codes.length === 0 ? [] : await db.selectFrom('grids').selectAll().where('code', 'in', codes).execute()
  const byCode = new Map(existing.map((g) => [g.code, g]))
  const writes: Plan['writes'] = []
  const problems = [...parse.problems]
  let unchanged = 0
  let valid = 0
  for (const data of parse.valid) {
    const before = byCode.get(data.code) ?? null
    if (before && before.office_id !== officeId) {
      problems.push({ row: data.row, column: '网格编码', message: '该网格编码已登记在其他调解组织名下' })
      continue
    }
    valid++
    const same =
      before &&
      before.active === 1 &&
      isDeepStrictEqual([before.township, before.village, before.name], [data.township, data.village, data.name])
    if (same) unchanged++
    else writes.push({ data, before })
  }
  problems.sort((a, b) => a.row - b.row)
  return {
    parse,
    writes,
    preview: {
      rows: parse.rows,
      valid,
      creating: writes.filter((w) => !w.before).length,
      updating: writes.filter((w) => w.before).length,
      unchanged,
      problems
    }
  }
}

export async function previewGridImport(
  ctx: AppContext,
  input: ParsedInput<'grids.importPreview'>
): Promise<GridImportPreview> {
  return (await plan(ctx.db, await patrolOfficeId(ctx), input.base64)).preview
}

export async function commitGridImport(
  ctx: AppContext,
  input: ParsedInput<'grids.importCommit'>
): Promise<GridImportPreview> {
  const officeId = await patrolOfficeId(ctx)
  const checked = await plan(ctx.db, officeId, input.base64)
  if (checked.preview.valid === 0) {
    throw new AppError('VALIDATION_FAILED', '文件中没有可导入的行，请先在预览中查看问题并改正', {
      base64: checked.preview.problems[0]?.message ?? '没有可导入的行'
    })
  }
  return writeChange(ctx, 'grids.import', async (trx, record) => {
    // Planned again inside the transaction: what is written matches the store at this moment.
    const { writes, preview } = await plan(trx, officeId, input.base64)
    const now = ctx.clock.now().toISOString()
    for (const { data, before } of writes) {
      const content = { township: data.township, village: data.village, name: data.name, active: 1 as const }
      if (before) {
        const after = { ...before, ...content, updated_at: now, version: before.version + 1 }
        await trx
          .updateTable('grids')
          .set({ ...content, updated_at: now, version: after.version })
          .where('id', '=', before.id)
          .execute()
        record({
          entity: 'grids',
          entityId: before.id,
          operation: 'update',
          version: after.version,
          before: { ...before },
          after
        })
      } else {
        const row: GridTable = {
          id: uuidv7(),
          code: data.code,
          office_id: officeId,
          ...content,
          created_at: now,
          updated_at: now,
          version: 1
        }
        await trx.insertInto('grids').values(row).execute()
        record({ entity: 'grids', entityId: row.id, operation: 'insert', version: 1, after: { ...row } })
      }
    }
    return preview
  })
}
