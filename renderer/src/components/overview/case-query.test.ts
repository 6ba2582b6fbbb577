/* A figure's filter survives the trip through the route query; what the list would refuse is dropped. */
import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import type { CaseListFilter } from '../../../../shared/domain/stats'
import { caseListRoute, filtersFromQuery } from './case-query'

const OFFICE = '0192f0a0-0000-7000-8000-000000000001'
const queryOf = (filter: CaseListFilter) => (caseListRoute(filter) as { query: LocationQuery }).query

describe('case list route query', () => {
  it('carries every kind of filter there and back', () => {
    const filter: CaseListFilter = {
      status: 'registered',
      riskLevel: 'red',
      officeId: OFFICE,
      due: 'due_soon',
      dueWithinDays: 14,
      dueKind: 'follow_up',
      mediatorId: OFFICE,
      open: true,
      unassigned: true,
      repeatApplicant: true,
      registeredFrom: '2026-11-01',
      registeredTo: '2026-11-30'
    }
    expect(queryOf(filter)).toMatchObject({ open: '1', dueWithinDays: '14', status: 'registered' })
    expect(filtersFromQuery(queryOf(filter))).toEqual(filter)
  })

  it('drops values the list would refuse, and keys it does not know', () => {
    expect(
      filtersFromQuery({
        status: 'nonsense',
        officeId: 'x',
        dueWithinDays: '500',
        registeredFrom: '2026-13-01',
        limit: '5',
        evil: '1',
        riskLevel: 'green'
      })
    ).toEqual({ riskLevel: 'green' })
  })
})
