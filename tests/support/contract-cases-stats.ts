/*
 * Good and bad inputs of the overview methods (`stats.*`), for the contract
 * table in contract-cases.ts (run through every transport). The figures
 * themselves are held against plain SQL in services/stats/stats.test.ts.
 */
import { expect } from 'vitest'
import type { statsMethods } from '../../shared/contract/stats'
import { chinaDate } from '../../shared/rules/china-time'
import type { MethodCases } from './contract-cases'
import type { TempApp } from './temp-app'

export function statsCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof statsMethods]: MethodCases<M> } {
  const today = () => chinaDate(app.ctx.clock.now())
  return {
    'stats.clerkHome': {
      good: async () => {
        await registeredCaseId()
        return {
          input: {},
          expectData: (home) => {
            expect(home.today).toBe(today())
            expect(home.todayIntake).toMatchObject({
              value: 1,
              filter: { registeredFrom: today(), registeredTo: today() }
            })
            expect(home.awaitingDecision).toMatchObject({ value: 1, filter: { status: 'registered' } })
            expect(home.repeatApplicants.value).toBe(0)
          }
        }
      },
      bad: async () => [{ input: { officeId: 'x' }, field: 'officeId' }]
    },
    'stats.mediatorHome': {
      good: async () => ({
        input: { dueWithinDays: 14 },
        expectData: (home) => {
          // The set-up administrator has no roster entry: no own cases, and the filters they would open.
          expect(home).toMatchObject({ mediatorId: null, withinDays: 14, openByStatus: [], sessionsThisWeek: 0 })
          expect(home.dueSoon.filter).toMatchObject({ due: 'due_soon', dueWithinDays: 14 })
        }
      }),
      bad: async () => [
        { input: { dueWithinDays: 0 }, field: 'dueWithinDays', message: '至少 1 天' },
        { input: { dueWithinDays: 2.5 }, field: 'dueWithinDays', message: '天数须为整数' }
      ]
    },
    'stats.supervisorHome': {
      good: async () => {
        await registeredCaseId()
        return {
          input: {},
          expectData: (home) => {
            expect(home.thisMonth).toMatchObject({ value: 1, month: today().slice(0, 7) })
            expect(home.totals.overdue.value).toBe(0)
            expect(home.offices).toEqual([])
          }
        }
      },
      bad: async () => [{ input: { scope: 'all' }, field: 'scope' }]
    },
    'stats.charts': {
      good: async () => {
        await registeredCaseId()
        return {
          input: { from: `${today().slice(0, 4)}-01-01`, to: today() },
          expectData: (charts) => {
            expect(charts.total).toBe(1)
            expect(charts.byDisputeType).toEqual([
              expect.objectContaining({ key: 'neighbour', label: '邻里纠纷', value: 1 })
            ])
            expect(charts.byRisk).toEqual([expect.objectContaining({ key: 'yellow', value: 1 })])
            expect(charts.byMonth).toHaveLength(12)
          }
        }
      },
      bad: async () => [
        { input: { from: '2026-13-01' }, field: 'from', message: '日期格式应为 YYYY-MM-DD' },
        { input: { from: '2026-11-30', to: '2026-11-01' }, field: 'to', message: '开始日期不能晚于结束日期' },
        { input: { officeId: 'x' }, field: 'officeId', message: '调解组织编号无效' }
      ]
    }
  }
}
