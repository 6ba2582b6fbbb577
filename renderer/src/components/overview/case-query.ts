/*
 * A figure's case-list filter as the `/cases` route query, and back. The
 * figures carry their filter (shared/domain/stats.ts); the list reads the
 * query field by field through listCasesSchema, so a hand-edited or stale
 * link can only drop a filter, never send a bad one.
 */
import type { LocationQuery, RouteLocationRaw } from 'vue-router'
import { listCasesSchema } from '../../../../shared/domain/case-input'
import type { CaseListFilter } from '../../../../shared/domain/stats'

const BOOLEAN_KEYS = ['open', 'unassigned', 'repeatApplicant'] as const
const NUMBER_KEYS = ['dueWithinDays'] as const

/** The route to the case list showing exactly a figure's cases. */
export function caseListRoute(filter: CaseListFilter): RouteLocationRaw {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === false) continue
    query[key] = value === true ? '1' : String(value)
  }
  return { name: 'cases', query }
}

/** The list filters a route query names; anything the list would refuse is left out. */
export function filtersFromQuery(query: LocationQuery): CaseListFilter {
  const shape = listCasesSchema.shape
  const filters: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(query)) {
    if (!(key in shape) || key === 'cursor' || key === 'limit' || typeof raw !== 'string') continue
    let value: unknown = raw
    if ((BOOLEAN_KEYS as readonly string[]).includes(key)) value = raw === '1' || raw === 'true'
    if ((NUMBER_KEYS as readonly string[]).includes(key)) value = Number(raw)
    const parsed = shape[key as keyof typeof shape].safeParse(value)
    if (parsed.success && parsed.data !== undefined && parsed.data !== false) filters[key] = parsed.data
  }
  return filters as CaseListFilter
}
