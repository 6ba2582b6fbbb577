/*
 * The generated mediator roster, in the district's own figures: 84
 * full-time mediators, 412 part-time ones and an expert pool of 151, spread
 * over the 13 town-street sub-centers, the district center and the chamber
 * center, with specialties, credentials, a few declared conflicts and leave.
 * Each entry is a MediatorRecord, the shape the roster service checks and
 * writeMediator stores.
 */
import type { MediatorRecord, Profession } from '../../../shared/domain/mediator'
import type { PeopleFactory } from './seed-people'
import { addDays, type Rng, seededUuidv7 } from './seed-random'

export interface SeedOffice {
  id: string
  code: string
  name: string
  shortName: string
  kind: string
  township: string | null
  /** The office's mark in the store's full-text rows (services/case-search-office.ts). */
  searchMark: number
}

export interface GeneratedMediator {
  id: string
  record: MediatorRecord
}

export const ROSTER_SIZE = { full_time: 84, part_time: 412, expert: 151 } as const

/** How long a mediator's training certificate holds, and the share of the roster whose certificate has lapsed. */
const CERT_DAYS = 3 * 365
const LAPSED_SHARE = 0.06

const EXPERT_PROFESSIONS: ReadonlyArray<Profession> = [
  'lawyer',
  'lawyer',
  'psychological_counselor',
  'doctor',
  'engineer',
  'accountant',
  'retired_judge',
  'teacher'
]

/** What each profession is asked to help with. */
const SPECIALTIES_OF: Readonly<Record<Profession, readonly string[]>> = {
  lawyer: ['contract', 'labour', 'damages', 'traffic', 'housing_homestead'],
  psychological_counselor: ['marriage_family', 'neighbour'],
  doctor: ['medical', 'traffic', 'damages'],
  engineer: ['housing_homestead', 'property_mgmt', 'environment', 'production'],
  accountant: ['contract', 'production', 'labour'],
  retired_judge: ['contract', 'marriage_family', 'damages', 'land_requisition'],
  teacher: ['neighbour', 'marriage_family'],
  other: ['neighbour', 'marriage_family', 'property_mgmt']
}

const GENERAL_TYPES = ['neighbour', 'marriage_family', 'labour', 'contract', 'damages', 'traffic', 'property_mgmt']
const COMMERCIAL_TYPES = ['contract', 'production', 'consumer', 'ip', 'internet', 'labour']

function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items]
  const out: T[] = []
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0])
  return out
}

export function generateRoster(
  rng: Rng,
  people: PeopleFactory,
  offices: readonly SeedOffice[],
  chambers: readonly string[],
  today: string,
  createdAt: number
): GeneratedMediator[] {
  const subCenters = offices.filter((o) => o.kind === 'town_street_center')
  const district = offices.find((o) => o.kind === 'district_center')
  const chamberCenter = offices.find((o) => o.kind === 'chamber_center')
  if (!district || !chamberCenter || subCenters.length === 0) throw new Error('参考数据中缺少区中心、商调中心或分中心')

  // Who serves where: an equal share of each sub-center, the rest at the district and chamber centers.
  const homes = (kind: 'full_time' | 'part_time', perCenter: number): SeedOffice[] => {
    const list = subCenters.flatMap((o) => Array.from({ length: perCenter }, () => o))
    const rest = ROSTER_SIZE[kind] - list.length
    const atChamber = kind === 'full_time' ? 7 : 28
    return [
      ...list,
      ...Array.from({ length: rest - atChamber }, () => district),
      ...Array.from({ length: atChamber }, () => chamberCenter)
    ]
  }
  const plan: Array<{ kind: MediatorRecord['kind']; home: SeedOffice | null }> = [
    ...homes('full_time', 5).map((home) => ({ kind: 'full_time' as const, home })),
    ...homes('part_time', 28).map((home) => ({ kind: 'part_time' as const, home })),
    ...Array.from({ length: ROSTER_SIZE.expert }, () => ({ kind: 'expert' as const, home: null }))
  ]

  return plan.map(({ kind, home }, index) => {
    const person = people.person({ minorityShare: 0, withId: 1, withPhone: 1 })
    const profession: Profession | null =
      kind === 'expert'
        ? rng.pick(EXPERT_PROFESSIONS)
        : rng.chance(0.2)
          ? rng.pick<Profession>(['lawyer', 'retired_judge', 'teacher', 'other'])
          : null
    const officeCodes = home ? [home.code] : [district.code, ...sample(rng, subCenters, rng.int(3)).map((o) => o.code)]
    const specialties =
      kind === 'expert'
        ? sample(rng, SPECIALTIES_OF[profession ?? 'other'], rng.between(1, 3))
        : home?.kind === 'chamber_center'
          ? sample(rng, COMMERCIAL_TYPES, rng.between(2, 4))
          : sample(rng, GENERAL_TYPES, kind === 'full_time' ? rng.between(3, 6) : rng.between(1, 3))
    // A training certificate holds three years and a serving mediator renews it, so most are current, a few
    // run out in the coming weeks, and about one in sixteen has lapsed (the roster flags those).
    const trainedOn = addDays(today, -(rng.chance(LAPSED_SHARE) ? CERT_DAYS + 1 + rng.int(730) : rng.int(CERT_DAYS)))
    const credentials: MediatorRecord['credentials'] = [
      {
        type: 'mediator_training',
        number: `瓯司调培${trainedOn.slice(0, 4)}${String(index + 1).padStart(4, '0')}`,
        issuer: '温州市瓯海区司法局',
        validUntil: addDays(trainedOn, CERT_DAYS)
      }
    ]
    if (profession === 'lawyer') {
      credentials.push({
        type: 'lawyer_licence',
        number: `13303${2000 + rng.int(25)}1${String(rng.int(10_000_000)).padStart(7, '0')}`,
        issuer: '浙江省司法厅',
        validUntil: null
      })
    }
    if (profession === 'psychological_counselor') {
      credentials.push({ type: 'counselor_certificate', number: `XL${rng.int(1e9)}`, issuer: null, validUntil: null })
    }
    const conflicts: MediatorRecord['conflicts'] = []
    if (rng.chance(0.05)) {
      const relative = people.person({ minorityShare: 0, withId: 1 })
      conflicts.push({
        name: relative.name,
        idNumber: relative.idNumber,
        creditCode: null,
        relation: 'relative',
        note: '近亲属'
      })
    }
    if (rng.chance(0.03)) {
      const employer = people.company()
      conflicts.push({
        name: employer.name,
        idNumber: null,
        creditCode: employer.creditCode,
        relation: 'employer',
        note: null
      })
    }
    const leaves: MediatorRecord['leaves'] = []
    if (rng.chance(0.03)) {
      const from = addDays(today, rng.between(-20, 40))
      leaves.push({ from, to: addDays(from, rng.between(3, 30)), reason: rng.pick(['病假', '事假', '外出培训']) })
    }
    const status = rng.chance(kind === 'part_time' ? 0.92 : 0.97)
      ? 'active'
      : rng.pick(['suspended', 'retired'] as const)
    const record: MediatorRecord = {
      kind,
      name: person.name,
      gender: person.gender,
      idNumber: person.idNumber,
      phone: person.phone,
      profession,
      status,
      capacity: kind === 'full_time' ? 40 : kind === 'part_time' ? 15 : 8,
      officeCodes,
      specialties,
      chambers: home?.kind === 'chamber_center' ? sample(rng, chambers, rng.between(1, 2)) : [],
      credentials,
      conflicts,
      leaves,
      note: null
    }
    return { id: seededUuidv7(createdAt + index, rng), record }
  })
}
