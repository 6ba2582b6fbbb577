/* The services behind the reports methods (shared/contract/reports.ts). */
import type { reportMethods } from '../../../../shared/contract/reports'
import type { Service } from '../index'
import { exportCaseList } from './case-list-xlsx'
import { readFigures, saveFigures } from './hand-figures'
import { buildReport } from './monthly'
import { exportReportXlsx } from './report-xlsx'

export const reportServices: { [M in keyof typeof reportMethods]: Service<M> } = {
  'reports.monthly': buildReport,
  'reports.figures': readFigures,
  'reports.saveFigures': saveFigures,
  'reports.exportXlsx': exportReportXlsx,
  'reports.exportCaseList': exportCaseList
}
