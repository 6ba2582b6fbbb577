/*
 * Good and bad inputs of the statistics report and export methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import type { reportMethods } from '../../shared/contract/reports'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { officeId } from './contract-cases'
import { chooseOffice } from './intake-fixtures'
import type { TempApp } from './temp-app'

export function reportCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof reportMethods]: MethodCases<M> } {
  const periodBad = async () => {
    await chooseOffice(app, 'wutian')
    return [
      { input: { period: 'month', year: 2026 }, field: 'month', message: '请选择月份' },
      { input: { period: 'quarter', year: 2026 }, field: 'quarter', message: '请选择季度' },
      { input: { period: 'week', year: 2026 }, field: 'period', message: '请选择报表期间' },
      { input: { period: 'month', year: 2026, month: 13 }, field: 'month', message: '月份应为 1–12' },
      { input: { period: 'year', year: 2099 }, field: 'year', message: '所选期间尚未开始，不能统计' },
      { input: { period: 'year', year: 2026, scope: 'district' }, field: 'scope', message: '汇总端' },
      { input: { period: 'year', year: 2026, officeId: 'x' }, field: 'officeId' }
    ]
  }

  return {
    'reports.monthly': {
      good: async () => {
        await registeredCaseId()
        await services['cases.accept'](app.ctx, { caseId: await registeredCaseId() })
        return {
          input: { period: 'year', year: 2026 },
          expectData: (report) => {
            expect(report.title).toBe('梧田街道矛盾纠纷调解分中心人民调解工作统计报表（2026年）')
            expect(report.rows).toHaveLength(1)
            expect(report.total).toMatchObject({ accepted: 1, succeeded: 0, successRate: null })
            expect(report.total.byType.neighbour).toEqual({ accepted: 1, succeeded: 0 })
            expect(report.disputeTypes).toHaveLength(18)
          }
        }
      },
      bad: periodBad
    },
    'reports.figures': {
      good: async () => {
        await chooseOffice(app, 'wutian')
        await services['reports.saveFigures'](app.ctx, {
          month: '2026-10',
          figures: [{ field: 'suicide_cases', value: 1 }]
        })
        return {
          input: { month: '2026-10' },
          expectData: (figures) => {
            expect(figures.officeName).toBe('梧田街道矛盾纠纷调解分中心')
            expect(figures.entries).toHaveLength(8)
            expect(figures.entries.find((e) => e.field === 'suicide_cases')).toMatchObject({ value: 1, version: 1 })
            expect(figures.entries.find((e) => e.field === 'suicide_persons')).toMatchObject({ value: null })
          }
        }
      },
      bad: async () => {
        await chooseOffice(app, 'wutian')
        return [
          { input: { month: '2026-13' }, field: 'month', message: '月份格式应为 YYYY-MM' },
          { input: { month: '2026-11', officeId: 'jingshan' }, field: 'officeId', message: '调解组织编号无效' },
          {
            input: { month: '2026-11', officeId: await officeId(app, 'jingshan') },
            field: 'officeId',
            message: '只能填报本组织'
          }
        ]
      }
    },
    'reports.saveFigures': {
      good: async () => {
        await chooseOffice(app, 'wutian')
        return {
          input: {
            month: '2026-11',
            figures: [
              { field: 'petition_cases', value: 2, note: '某小区业主集体上访苗头' },
              { field: 'petition_persons', value: 35 }
            ]
          },
          expectData: async (figures) => {
            expect(figures.entries.find((e) => e.field === 'petition_persons')).toMatchObject({ value: 35, version: 1 })
            expect(figures.entries.find((e) => e.field === 'petition_cases')).toMatchObject({
              note: '某小区业主集体上访苗头'
            })
            const audited = await app.ctx.db
              .selectFrom('audit_log')
              .select('entity')
              .where('action', '=', 'reports.saveFigures')
              .execute()
            expect(audited).toEqual([{ entity: 'report_figures' }, { entity: 'report_figures' }])
          }
        }
      },
      bad: async () => {
        await chooseOffice(app, 'wutian')
        const one = (figure: Record<string, unknown>) => ({ month: '2026-11', figures: [figure] })
        return [
          { input: one({ field: 'accepted', value: 3 }), field: 'figures.0.field', message: '不能手工填报' },
          { input: one({ field: 'fight_cases', value: -1 }), field: 'figures.0.value', message: '不能为负数' },
          { input: one({ field: 'fight_cases', value: 1.5 }), field: 'figures.0.value', message: '须为整数' },
          {
            input: { month: '2099-01', figures: [{ field: 'fight_cases', value: 1 }] },
            field: 'month',
            message: '尚未到来'
          },
          { input: { month: '2026-11', figures: [] }, field: 'figures', message: '请至少填写一项' },
          {
            input: {
              month: '2026-11',
              figures: [
                { field: 'fight_cases', value: 1 },
                { field: 'fight_cases', value: 2 }
              ]
            },
            field: 'figures',
            message: '同一项填报了两次'
          },
          {
            input: {
              month: '2026-11',
              officeId: await officeId(app, 'jingshan'),
              figures: [{ field: 'fight_cases', value: 1 }]
            },
            field: 'officeId'
          }
        ]
      }
    },
    'reports.exportXlsx': {
      good: async () => {
        await chooseOffice(app, 'wutian')
        return {
          input: { period: 'quarter', year: 2026, quarter: 4 },
          expectData: (file) => {
            expect(file.fileName).toMatch(/^统计报表-2026年第四季度-.*\.xlsx$/)
            // An XLSX is a zip: it starts with the local file header "PK".
            expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
          }
        }
      },
      bad: periodBad
    },
    'reports.exportCaseList': {
      good: async () => {
        await registeredCaseId()
        return {
          input: { status: 'registered', disputeType: 'neighbour' },
          expectData: (file) => {
            expect(file.fileName).toMatch(/^案件清单-\d{4}-\d{2}-\d{2}\.xlsx$/)
            expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
          }
        }
      },
      bad: async () => [
        { input: { status: 'pending' }, field: 'status' },
        { input: { limit: 10 }, field: 'limit' },
        { input: { registeredFrom: '2026-13-01' }, field: 'registeredFrom', message: '日期格式应为 YYYY-MM-DD' }
      ]
    }
  }
}
