/*
 * The monthly statistics report and list exports (DESIGN §3.6, issue 9): the
 * `reports.*` methods. Report fields are defined in shared/rules/report-fields.ts.
 */
import type { SpreadsheetFile } from '../domain/mediator'
import type { MonthlyReport, OfficeFigures } from '../domain/report'
import { exportCaseListSchema, officeMonthSchema, reportPeriodSchema, saveFiguresSchema } from '../domain/report'
import { returns } from './define'

export const reportMethods = {
  /** The report for a month, quarter or year: this office, or at the hub every office and the district total. */
  'reports.monthly': { input: reportPeriodSchema, output: returns<MonthlyReport>() },

  /** The hand-entered figures of an office for a month (those no record can give). */
  'reports.figures': { input: officeMonthSchema, output: returns<OfficeFigures>() },

  /** Save hand-entered figures of an office for a month; only non-derivable fields. Audited. */
  'reports.saveFigures': { input: saveFiguresSchema, output: returns<OfficeFigures>() },

  /** The report as XLSX laid out like the paper form: title, merged headers, one row per office, 合计. */
  'reports.exportXlsx': { input: reportPeriodSchema, output: returns<SpreadsheetFile>() },

  /** Every case matching the case list's filters as XLSX; identifiers masked unless the role sees them whole. */
  'reports.exportCaseList': { input: exportCaseListSchema, output: returns<SpreadsheetFile>() }
} as const
