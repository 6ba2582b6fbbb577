/*
 * The mediator suggestion as tables: every blocker (status, conflict, leave
 * on a hearing day), every score component with its reason in words, the
 * lawyer preference for commercial cases at the chamber centre, and each
 * tie-break down to the id, in one exact order.
 */
import { describe, expect, it } from 'vitest'
import type { Credential, MediatorRecord } from '../../../shared/domain/mediator'
import { findConflicts } from './conflict-matching'
import { rankMediators, type RankedMediator, type RankingCandidate, type RankingCase } from './mediator-ranking'

const TODAY = '2026-11-29'

function record(overrides: Partial<MediatorRecord>): MediatorRecord {
  return {
    kind: 'full_time',
    name: '调解员',
    gender: null,
    idNumber: null,
    phone: null,
    profession: null,
    status: 'active',
    capacity: 20,
    officeCodes: ['wutian'],
    specialties: [],
    chambers: [],
    credentials: [],
    conflicts: [],
    leaves: [],
    note: null,
    ...overrides
  }
}

function candidate(
  id: string,
  overrides: Partial<MediatorRecord>,
  openCases: number,
  conflicts: RankingCandidate['conflicts'] = []
): RankingCandidate {
  return { id, record: record(overrides), openCases, conflicts }
}

function licence(validUntil: string | null): Credential {
  return { type: 'lawyer_licence', number: '13303201810012345', issuer: '浙江省司法厅', validUntil }
}

const relativeOfApplicant = findConflicts(
  [{ name: '王伟', idNumber: null, creditCode: null, relation: 'relative', note: null }],
  [{ name: '王伟', kind: 'person', idNumber: '330304199001011234', creditCode: null, roleLabel: '申请人' }]
)

const neighbourCase: RankingCase = {
  disputeType: 'neighbour',
  handlingOfficeCode: 'wutian',
  handlingOfficeKind: 'town_street_center',
  isCommercial: false,
  hearingDates: ['2026-12-10', '2026-12-03']
}

const specialty = { specialties: ['neighbour'] }
const elsewhere = { officeCodes: ['ouhai'] }
const NEIGHBOUR = '擅长该类纠纷（邻里纠纷）'
const OFFICE = '服务本调解组织'
const FULL = '专职调解员'
const PART = '兼职调解员'
const CONFLICT = '申请人“王伟”与该调解员申报的利害关系人（亲属）姓名相同，请核实是否为同一人'

interface Row {
  id: string
  overrides: Partial<MediatorRecord> & { name: string }
  openCases: number
  conflicts: RankingCandidate['conflicts']
  expected: RankedMediator
}

function row(
  id: string,
  overrides: Partial<MediatorRecord> & { name: string },
  openCases: number,
  expected: { score: number; reasons: string[]; blockers?: string[]; conflicts?: RankingCandidate['conflicts'] }
): Row {
  const { score, reasons, blockers = [], conflicts = [] } = expected
  return {
    id,
    overrides,
    openCases,
    conflicts,
    expected: { id, name: overrides.name, score, eligible: blockers.length === 0, reasons, blockers }
  }
}

// In the order expected back.
const neighbourTable: Row[] = [
  row('full-specialist', { name: '陈静', ...specialty }, 3, {
    score: 148.5,
    reasons: [NEIGHBOUR, OFFICE, FULL, '在办 3 件 / 上限 20 件']
  }),
  // Part-time below full-time even with no open cases: the kind outweighs the workload.
  row('part-specialist', { name: '李明', kind: 'part_time', capacity: 10, ...specialty }, 0, {
    score: 140,
    reasons: [NEIGHBOUR, OFFICE, PART, '在办 0 件 / 上限 10 件']
  }),
  // A leave between the hearing days, and one ending the day before the first, block nothing.
  row(
    'expert-specialist',
    {
      name: '赵强',
      kind: 'expert',
      ...specialty,
      ...elsewhere,
      leaves: [
        { from: '2026-12-04', to: '2026-12-09', reason: null },
        { from: '2026-11-20', to: '2026-12-02', reason: null }
      ]
    },
    0,
    { score: 90, reasons: [NEIGHBOUR, '专家库成员', '在办 0 件 / 上限 20 件'] }
  ),
  // Specialty outweighs office, kind and workload together (90 > 70).
  row('generalist', { name: '王芳' }, 0, { score: 70, reasons: [OFFICE, FULL, '在办 0 件 / 上限 20 件'] }),
  // Same score and open cases: zh-CN name order, 孙 (sun) before 周 (zhou), whatever the input order.
  row('sun', { name: '孙丽' }, 4, { score: 68, reasons: [OFFICE, FULL, '在办 4 件 / 上限 20 件'] }),
  row('zhou', { name: '周杰' }, 4, { score: 68, reasons: [OFFICE, FULL, '在办 4 件 / 上限 20 件'] }),
  // Same score 65: fewer open cases first (5 of 10 before 10 of 20).
  row('liu', { name: '刘洋', capacity: 10 }, 5, { score: 65, reasons: [OFFICE, FULL, '在办 5 件 / 上限 10 件'] }),
  row('zhang', { name: '张伟' }, 10, { score: 65, reasons: [OFFICE, FULL, '在办 10 件 / 上限 20 件'] }),
  // Namesakes with everything equal: by id.
  row('wu-1', { name: '吴敏', kind: 'part_time' }, 2, { score: 59, reasons: [OFFICE, PART, '在办 2 件 / 上限 20 件'] }),
  row('wu-2', { name: '吴敏', kind: 'part_time' }, 2, { score: 59, reasons: [OFFICE, PART, '在办 2 件 / 上限 20 件'] }),
  // Full or over: still eligible, but below everyone with room despite the specialty.
  row('full-up', { name: '郑浩', ...specialty }, 20, {
    score: -860,
    reasons: [NEIGHBOUR, OFFICE, FULL, '在办案件 20 件，已达上限 20 件']
  }),
  // Capacity 0 takes no cases; equal to the overloaded one but with fewer open cases.
  row('no-capacity', { name: '何平', capacity: 0 }, 0, {
    score: -940,
    reasons: [OFFICE, FULL, '在办案件 0 件，已达上限 0 件']
  }),
  row('overloaded', { name: '冯军', capacity: 15 }, 16, {
    score: -940,
    reasons: [OFFICE, FULL, '在办案件 16 件，已达上限 15 件']
  }),
  // Ineligible last, still ordered by score among themselves.
  row('suspended', { name: '黄磊', status: 'suspended', ...specialty }, 1, {
    score: 149.5,
    reasons: [NEIGHBOUR, OFFICE, FULL, '在办 1 件 / 上限 20 件'],
    blockers: ['状态为暂停']
  }),
  row('conflicted', { name: '林芳', ...specialty }, 2, {
    score: 149,
    reasons: [NEIGHBOUR, OFFICE, FULL, '在办 2 件 / 上限 20 件'],
    blockers: [CONFLICT],
    conflicts: relativeOfApplicant
  }),
  // Both ends of a leave count: a one-day leave on the second hearing day blocks too.
  row(
    'on-leave',
    {
      name: '杨帆',
      ...specialty,
      leaves: [
        { from: '2026-12-01', to: '2026-12-05', reason: '年休假' },
        { from: '2026-12-10', to: '2026-12-10', reason: null }
      ]
    },
    6,
    {
      score: 147,
      reasons: [NEIGHBOUR, OFFICE, FULL, '在办 6 件 / 上限 20 件'],
      blockers: ['休假：2026-12-01 至 2026-12-05', '休假：2026-12-10']
    }
  ),
  // The same conflict reported twice is one blocker.
  row('retired-and-conflicted', { name: '徐刚', status: 'retired' }, 0, {
    score: 70,
    reasons: [OFFICE, FULL, '在办 0 件 / 上限 20 件'],
    blockers: ['状态为退出', CONFLICT],
    conflicts: [...relativeOfApplicant, ...relativeOfApplicant]
  })
]

describe('rankMediators: an ordinary case', () => {
  const expected = neighbourTable.map((entry) => entry.expected)
  const candidates = neighbourTable.map((entry) =>
    candidate(entry.id, entry.overrides, entry.openCases, entry.conflicts)
  )

  it('orders eligible first, then score, open cases, name and id', () => {
    expect(rankMediators(neighbourCase, [...candidates].reverse(), TODAY).map((ranked) => ranked.id)).toEqual(
      expected.map((ranked) => ranked.id)
    )
  })

  it.each(expected.map((ranked, index) => [ranked.id, index, ranked] as const))(
    '%s: score, eligibility, reasons and blockers',
    (_id, index, ranked) => {
      expect(rankMediators(neighbourCase, candidates, TODAY)[index]).toEqual(ranked)
    }
  )

  it.each([
    ['as given', candidates],
    ['reversed', [...candidates].reverse()],
    ['rotated', [...candidates.slice(7), ...candidates.slice(0, 7)]]
  ])('gives the same answer whatever the input order (%s)', (_title, input) => {
    expect(rankMediators(neighbourCase, input, TODAY)).toEqual(expected)
  })

  it('uses the code when a dispute type is not in the reference file', () => {
    const [ranked] = rankMediators(
      { ...neighbourCase, disputeType: 'neighbour_fence' },
      [candidate('x', { specialties: ['neighbour_fence'] }, 0)],
      TODAY
    )
    expect(ranked.reasons[0]).toBe('擅长该类纠纷（neighbour_fence）')
  })
})

const chamberCase: RankingCase = {
  disputeType: 'contract',
  handlingOfficeCode: 'chamber',
  handlingOfficeKind: 'chamber_center',
  isCommercial: true,
  hearingDates: ['2027-05-01', '2027-03-15']
}
const atChamber = { officeCodes: ['chamber'], capacity: 10 }

describe('rankMediators: a commercial case at the chamber centre', () => {
  // [id, record, open cases, score, reasons]: lawyers first; kind is not counted here.
  const table: Array<[string, Partial<MediatorRecord>, number, number, string[]]> = [
    // Licence valid through the first hearing day (2027-03-15), although it lapses before the second.
    [
      'licence-to-first-hearing',
      { name: '钱进', kind: 'expert', profession: 'other', credentials: [licence('2027-03-15')], ...atChamber },
      0,
      210,
      ['律师调解员，适合商事纠纷', '服务本调解组织', '在办 0 件 / 上限 10 件']
    ],
    [
      'lawyer-by-profession',
      { name: '孔文', kind: 'part_time', profession: 'lawyer', ...atChamber },
      2,
      208,
      ['律师调解员，适合商事纠纷', '服务本调解组织', '在办 2 件 / 上限 10 件']
    ],
    [
      'licence-never-expires',
      { name: '曹阳', credentials: [licence(null)], ...atChamber, officeCodes: ['ouhai'] },
      0,
      170,
      ['律师调解员，适合商事纠纷', '在办 0 件 / 上限 10 件']
    ],
    [
      'licence-expired',
      { name: '严华', credentials: [licence('2027-03-14')], specialties: ['contract'], ...atChamber },
      0,
      130,
      ['擅长该类纠纷（合同纠纷）', '服务本调解组织', '在办 0 件 / 上限 10 件']
    ],
    [
      'accountant',
      { name: '华敏', profession: 'accountant', specialties: ['contract'], ...atChamber },
      1,
      129,
      ['擅长该类纠纷（合同纠纷）', '服务本调解组织', '在办 1 件 / 上限 10 件']
    ]
  ]

  it('puts lawyers first, in the exact order', () => {
    const candidates = table.map(([id, overrides, openCases]) => candidate(id, overrides, openCases))
    expect(rankMediators(chamberCase, candidates.reverse(), TODAY)).toEqual(
      table.map(([id, overrides, , score, reasons]) => ({
        id,
        name: overrides.name,
        score,
        eligible: true,
        reasons,
        blockers: []
      }))
    )
  })

  // Who counts as a lawyer, and when the licence is checked.
  it.each<[string, RankingCase, Partial<MediatorRecord>, string, boolean]>([
    ['commercial at the chamber centre', chamberCase, { profession: 'lawyer' }, TODAY, true],
    ['not commercial: ordinary rules', { ...chamberCase, isCommercial: false }, { profession: 'lawyer' }, TODAY, false],
    [
      'commercial elsewhere: ordinary rules',
      { ...chamberCase, handlingOfficeKind: 'town_street_center' },
      { profession: 'lawyer' },
      TODAY,
      false
    ],
    [
      'a counsellor certificate is no licence',
      chamberCase,
      { credentials: [{ ...licence(null), type: 'counselor_certificate' }] },
      TODAY,
      false
    ],
    [
      'no hearing: licence valid today',
      { ...chamberCase, hearingDates: [] },
      { credentials: [licence('2026-12-31')] },
      '2026-12-31',
      true
    ],
    [
      'no hearing: licence lapsed yesterday',
      { ...chamberCase, hearingDates: [] },
      { credentials: [licence('2026-12-31')] },
      '2027-01-01',
      false
    ],
    [
      'expired licence, lawyer by profession',
      chamberCase,
      { profession: 'lawyer', credentials: [licence('2020-01-01')] },
      TODAY,
      true
    ]
  ])('%s', (_title, theCase, overrides, today, lawyer) => {
    const [ranked] = rankMediators(theCase, [candidate('x', { ...atChamber, ...overrides }, 0)], today)
    expect(ranked.reasons.includes('律师调解员，适合商事纠纷')).toBe(lawyer)
    // Outside a commercial chamber case the kind counts again (full-time: 20).
    const ordinary = theCase.handlingOfficeKind !== 'chamber_center' || !theCase.isCommercial
    expect(ranked.reasons.includes('专职调解员')).toBe(ordinary)
    expect(ranked.score).toBe((lawyer ? 160 : 0) + 40 + (ordinary ? 20 : 0) + 10)
  })
})

describe('rankMediators: edges', () => {
  it('returns nothing for no candidates', () => {
    expect(rankMediators(neighbourCase, [], TODAY)).toEqual([])
  })

  it.each([
    ['no hearing set: leave never blocks', [], true],
    ['hearing on the first day of leave', ['2026-12-01'], false],
    ['hearing on the last day of leave', ['2026-12-05'], false],
    ['hearing the day after the leave', ['2026-12-06'], true]
  ])('%s', (_title, hearingDates, eligible) => {
    const onLeave = candidate('x', { leaves: [{ from: '2026-12-01', to: '2026-12-05', reason: null }] }, 0)
    const [ranked] = rankMediators({ ...neighbourCase, hearingDates }, [onLeave], TODAY)
    expect(ranked.eligible).toBe(eligible)
    expect(ranked.blockers).toEqual(eligible ? [] : ['休假：2026-12-01 至 2026-12-05'])
  })
})
