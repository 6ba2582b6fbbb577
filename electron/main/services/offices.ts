import type { Office, OfficeKind } from '../../../shared/domain/office'
import type { ParsedInput } from '../../../shared/ipc-contract'
import type { AppContext } from '../context'
import type { OfficeRow } from '../db/schema'

export function toOffice(row: OfficeRow): Office {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as OfficeKind,
    township: row.township,
    parentId: row.parent_id,
    active: row.active === 1
  }
}

export async function listOffices(ctx: AppContext, input: ParsedInput<'offices.list'>): Promise<Office[]> {
  let query = ctx.db.selectFrom('offices').selectAll().orderBy('active', 'desc').orderBy('sort_order').orderBy('name')
  if (!input.includeInactive) query = query.where('active', '=', 1)
  return (await query.execute()).map(toOffice)
}

export async function findOffice(ctx: AppContext, id: string): Promise<Office | null> {
  const row = await ctx.db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toOffice(row) : null
}
