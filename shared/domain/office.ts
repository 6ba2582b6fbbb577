/* Offices of the mediation network, as the store and the interface see them. */

export const OFFICE_KINDS = [
  'district_center',
  'town_street_center',
  'chamber_center',
  'village_committee',
  'industry_committee',
  'chamber_of_commerce'
] as const

export type OfficeKind = (typeof OFFICE_KINDS)[number]

export const OFFICE_KIND_LABELS: Record<OfficeKind, string> = {
  district_center: '区级调解中心',
  town_street_center: '镇街调解分中心',
  chamber_center: '商会调解中心',
  village_committee: '村（社区）人民调解委员会',
  industry_committee: '行业性专业调解委员会',
  chamber_of_commerce: '商会人民调解委员会'
}

export interface Office {
  id: string
  /** Stable code from the reference data (`wutian`); offices added later get their own. */
  code: string
  name: string
  /** What goes into case numbers: (2026){shortName}调字第N号. */
  shortName: string
  kind: OfficeKind
  township: string | null
  parentId: string | null
  active: boolean
}
