/*
 * The report's fixed tables against the reference data: every case source
 * has its channel, every office kind its organisation group, every figure
 * field its label, and the main table carries each field of the standard form.
 */
import { describe, expect, it } from 'vitest'
import disputeTypesFile from '../../../../resources/reference/dispute-types.json' with { type: 'json' }
import { OFFICE_KINDS } from '../../../../shared/domain/office'
import {
  FIGURE_FIELDS,
  MAIN_COLUMNS,
  ORG_GROUP_OF,
  SOURCE_GROUP_OF,
  figureFieldLabel,
  successRate,
  typeColumns
} from '../../../../shared/rules/report-fields'

describe('report fields', () => {
  it('put every case source of the reference data in exactly one channel', () => {
    const codes = disputeTypesFile.case_sources.map((s) => s.code).sort()
    expect(Object.keys(SOURCE_GROUP_OF).sort()).toEqual(codes)
  })

  it('put every office kind in an organisation group', () => {
    expect(Object.keys(ORG_GROUP_OF).sort()).toEqual([...OFFICE_KINDS].sort())
  })

  it('offer only the escalation figures for entry by hand, each labelled in cases and persons', () => {
    expect(FIGURE_FIELDS).toHaveLength(8)
    expect(figureFieldLabel('criminal_persons')).toBe('防止民转刑（人）')
    expect(figureFieldLabel('fight_cases')).toBe('防止群体性械斗（件）')
  })

  it('print every field of the standard form, and both figures for each of the 18 types', () => {
    const labels = MAIN_COLUMNS.map((c) => `${c.group ?? ''}${c.label}`)
    for (const label of [
      '受理数',
      '调解成功数',
      '调解成功率',
      '协议涉及金额（元）',
      '履行数',
      '司法确认数',
      '矛盾纠纷排查排查次数',
      '矛盾纠纷排查排查发现纠纷数',
      '防止民转刑件',
      '防止自杀人'
    ]) {
      expect(labels).toContain(label)
    }
    expect(typeColumns(disputeTypesFile.types)).toHaveLength(36)
  })

  it('count the success rate over mediations that ended, with no rate when none did', () => {
    expect(successRate(7, 1)).toBe(87.5)
    expect(successRate(2, 1)).toBe(66.7)
    expect(successRate(0, 0)).toBeNull()
  })
})
