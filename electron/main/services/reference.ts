import type { CaseSource, DisputeType } from '../../../shared/domain/reference'
import type { AppContext } from '../context'

export async function listDisputeTypes(ctx: AppContext): Promise<DisputeType[]> {
  const rows = await ctx.db
    .selectFrom('dispute_types')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute()
  return rows.map((r) => ({ code: r.code, label: r.label, addedInNewerForms: r.added_in_newer_forms === 1 }))
}

export async function listCaseSources(ctx: AppContext): Promise<CaseSource[]> {
  const rows = await ctx.db
    .selectFrom('case_sources')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute()
  return rows.map((r) => ({ code: r.code, label: r.label }))
}
