/*
 * Loads the district's reference data (resources/reference/*.json, copied
 * verbatim from the design's reference folder) into the store. It only adds
 * what is missing: an office may rename its own records, and codes are never
 * renamed, so a second start changes nothing.
 */
import officesFile from '../../../resources/reference/offices.json' with { type: 'json' }
import disputeTypesFile from '../../../resources/reference/dispute-types.json' with { type: 'json' }
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import { writeChange } from './write'

interface ReferenceOffice {
  code: string
  name: string
  short_name: string
  kind: string
  township?: string
}

/** The reference offices in file order: the district center first, then its sub-centers and the chamber center. */
export function referenceOffices(): Array<ReferenceOffice & { isDistrict: boolean }> {
  return [
    { ...officesFile.district, isDistrict: true },
    ...officesFile.sub_centers.map((o) => ({ ...o, isDistrict: false })),
    { ...officesFile.chamber_center, isDistrict: false }
  ]
}

export const referenceDisputeTypes = disputeTypesFile.types
export const referenceCaseSources = disputeTypesFile.case_sources

export interface SeedReport {
  offices: number
  disputeTypes: number
  caseSources: number
}

export async function seedReferenceData(ctx: AppContext): Promise<SeedReport> {
  return writeChange(ctx, 'reference.seed', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const tracked = { created_at: now, updated_at: now, version: 1 }
    const report: SeedReport = { offices: 0, disputeTypes: 0, caseSources: 0 }

    const existingOffices = new Map(
      (await trx.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id])
    )
    let districtId: string | null = null
    for (const [index, office] of referenceOffices().entries()) {
      let id = existingOffices.get(office.code)
      if (!id) {
        id = uuidv7()
        const row = {
          id,
          code: office.code,
          name: office.name,
          short_name: office.short_name,
          kind: office.kind,
          township: office.township ?? null,
          parent_id: office.isDistrict ? null : districtId,
          active: 1 as const,
          sort_order: index,
          ...tracked
        }
        await trx.insertInto('offices').values(row).execute()
        record({ entity: 'offices', entityId: id, operation: 'insert', version: 1, after: row })
        report.offices += 1
      }
      if (office.isDistrict) districtId = id
    }

    const existingTypes = new Set((await trx.selectFrom('dispute_types').select('code').execute()).map((t) => t.code))
    for (const [index, type] of referenceDisputeTypes.entries()) {
      if (existingTypes.has(type.code)) continue
      const row = {
        code: type.code,
        label: type.label,
        added_in_newer_forms: 'added_in_newer_forms' in type && type.added_in_newer_forms ? (1 as const) : (0 as const),
        sort_order: index,
        active: 1 as const,
        ...tracked
      }
      await trx.insertInto('dispute_types').values(row).execute()
      record({ entity: 'dispute_types', entityId: type.code, operation: 'insert', version: 1, after: row })
      report.disputeTypes += 1
    }

    const existingSources = new Set((await trx.selectFrom('case_sources').select('code').execute()).map((s) => s.code))
    for (const [index, source] of referenceCaseSources.entries()) {
      if (existingSources.has(source.code)) continue
      const row = { code: source.code, label: source.label, sort_order: index, active: 1 as const, ...tracked }
      await trx.insertInto('case_sources').values(row).execute()
      record({ entity: 'case_sources', entityId: source.code, operation: 'insert', version: 1, after: row })
      report.caseSources += 1
    }
    return report
  })
}
