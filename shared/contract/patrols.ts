/*
 * Grid patrol reports (排查) and the grid list (issue #13 part 3): the
 * `patrols.*` and `grids.*` methods, their inputs, outputs and labels. A
 * report passed on to intake is linked to the case it opens in the same
 * transaction as the case's registration (`patrols.registerCase`), so a case
 * can never exist without its report's link, nor a link without its case.
 */
import { z, requiredText } from '../validation'
import { returns, noInput } from './define'
import { optionalText, registerCaseSchema } from '../domain/case-input'
import type { CaseDetail } from '../domain/case'
import { PARTY_ROLES, type PartyRole } from '../domain/party'
import { spreadsheetSchema } from '../domain/mediator-input'
import type { SpreadsheetFile } from '../domain/mediator'

export const PATROL_HANDLINGS = ['none', 'on_spot', 'passed_on'] as const
export type PatrolHandling = (typeof PATROL_HANDLINGS)[number]
export const PATROL_HANDLING_LABELS: Record<PatrolHandling, string> = {
  none: '无需处置',
  on_spot: '当场化解',
  passed_on: '转入受理'
}

/** The case source of a dispute a grid worker reported (网格员上报). */
export const GRID_REPORT_SOURCE = 'grid_report'

/** 'YYYY-MM-DD HH:mm', China wall-clock time, as the form's picker gives it. */
export const PATROL_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/
/** 'YYYY-MM'. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** A party as far as the grid worker knew them; every identifier is optional. */
export interface PatrolParty {
  name: string
  role: PartyRole | null
  phone: string | null
  idNumber: string | null
}

export interface PatrolReport {
  id: string
  officeId: string
  gridCode: string
  /** The grid's name, town-street and village as the grid list has them now. */
  gridName: string | null
  township: string | null
  village: string | null
  reporterName: string
  reporterPhone: string | null
  patrolledAt: string
  place: string
  findings: string
  disputesFound: number
  parties: PatrolParty[]
  handling: PatrolHandling
  handlingNote: string | null
  /** The case opened from this report, with its number once accepted. */
  caseId: string | null
  caseNumber: string | null
  createdAt: string
  version: number
}

export interface PatrolPage {
  rows: PatrolReport[]
  total: number
}

export interface PatrolMonth {
  /** 'YYYY-MM'. */
  month: string
  /** 排查次数. */
  patrols: number
  /** 排查发现纠纷数. */
  disputesFound: number
}

/** What the intake form is filled with when a report is passed on. */
export interface PatrolIntakePrefill {
  patrolId: string
  source: typeof GRID_REPORT_SOURCE
  summary: string
  occurredOn: string
  placeTownship: string | null
  placeVillage: string | null
  parties: PatrolParty[]
}

export interface Grid {
  id: string
  code: string
  officeId: string
  township: string
  village: string | null
  name: string | null
  active: boolean
}

export interface GridImportProblem {
  /** The spreadsheet's row number (1 is the header); 0 for the file as a whole. */
  row: number
  column: string
  message: string
}

export interface GridImportPreview {
  /** Data rows read. */
  rows: number
  /** Rows without a problem: what a commit writes. */
  valid: number
  creating: number
  updating: number
  unchanged: number
  problems: GridImportProblem[]
}

const patrolPartySchema = z
  .object({
    name: requiredText(100),
    role: z.enum(PARTY_ROLES, '请选择当事人身份').nullish(),
    phone: optionalText(40),
    idNumber: optionalText(40)
  })
  .strict()

export const savePatrolSchema = z
  .object({
    /** Absent: a new report. */
    id: z.uuid('排查记录编号无效').optional(),
    /** The version the form loaded: an edit over someone else's is refused. */
    version: z.number().int().min(1).optional(),
    gridCode: requiredText(40),
    reporterName: requiredText(50),
    reporterPhone: optionalText(40),
    patrolledAt: z.string().regex(PATROL_TIME, '排查时间格式应为 YYYY-MM-DD HH:mm'),
    place: requiredText(200),
    findings: requiredText(2000),
    disputesFound: z.number('请填写发现纠纷数').int('发现纠纷数须为整数').min(0, '发现纠纷数不能为负').max(999),
    parties: z.array(patrolPartySchema).max(20, '当事人最多 20 名').default([]),
    handling: z.enum(PATROL_HANDLINGS, '请选择处置方式'),
    handlingNote: optionalText(500)
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.handling === 'on_spot' && !input.handlingNote) {
      ctx.addIssue({ code: 'custom', path: ['handlingNote'], message: '当场化解的，请写明化解情况' })
    }
    if (input.handling !== 'none' && input.disputesFound === 0) {
      ctx.addIssue({ code: 'custom', path: ['disputesFound'], message: '有处置的排查至少发现 1 起纠纷' })
    }
    if (input.id && input.version === undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: '修改时须带上记录版本' })
    }
  })

export type SavePatrolInput = z.input<typeof savePatrolSchema>

export const listPatrolsSchema = z
  .object({
    month: z.string().regex(MONTH, '月份格式应为 YYYY-MM').optional(),
    gridCode: z.string().trim().max(40).optional(),
    handling: z.enum(PATROL_HANDLINGS, '请选择处置方式').optional(),
    township: z.string().trim().max(50).optional(),
    /** The report a case was opened from. */
    caseId: z.uuid('案件编号无效').optional(),
    offset: z.number().int('分页位置无效').min(0, '分页位置无效').default(0),
    limit: z.number().int().min(1).max(500).default(50)
  })
  .strict()

const patrolRef = z.object({ id: z.uuid('排查记录编号无效') }).strict()

export const registerFromPatrolSchema = z
  .object({ patrolId: z.uuid('排查记录编号无效'), registration: registerCaseSchema })
  .strict()
  .superRefine((input, ctx) => {
    if (input.registration.source !== GRID_REPORT_SOURCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['registration', 'source'],
        message: '由排查转入的案件，来源应为网格员上报'
      })
    }
  })

export const patrolMonthlySchema = z
  .object({ year: z.number('请选择年份').int('年份无效').min(2000, '年份无效').max(2100, '年份无效') })
  .strict()

export const listGridsSchema = z
  .object({
    includeInactive: z.boolean().optional(),
    query: z.string().trim().max(50, '搜索词过长').optional()
  })
  .strict()

export const patrolMethods = {
  /** This office's patrol reports, newest first, filtered by month, grid, handling, town-street or case. */
  'patrols.list': { input: listPatrolsSchema, output: returns<PatrolPage>() },

  /** One report whole. */
  'patrols.get': { input: patrolRef, output: returns<PatrolReport>() },

  /** Enter (no id) or correct a report; the grid must be an active grid of this office. Audited. */
  'patrols.save': { input: savePatrolSchema, output: returns<PatrolReport>() },

  /** The intake form's pre-fill for passing a report on (source 网格员上报). Writes nothing. */
  'patrols.passToIntake': { input: patrolRef, output: returns<PatrolIntakePrefill>() },

  /** Register the case of a passed-on report and link the report to it, in one audited transaction. */
  'patrols.registerCase': { input: registerFromPatrolSchema, output: returns<CaseDetail>() },

  /** Patrols and disputes found per month of a year, counted as the statistics report counts them. */
  'patrols.monthly': { input: patrolMonthlySchema, output: returns<PatrolMonth[]>() },

  /** This office's grids by code. */
  'grids.list': { input: listGridsSchema, output: returns<Grid[]>() },

  /** Check a grid list spreadsheet: every problem by row and column; writes nothing. */
  'grids.importPreview': { input: spreadsheetSchema, output: returns<GridImportPreview>() },

  /** Write the problem-free rows of a grid list spreadsheet in one audited transaction. */
  'grids.importCommit': { input: spreadsheetSchema, output: returns<GridImportPreview>() },

  /** An empty grid list spreadsheet with its headers, for offices to fill in. */
  'grids.templateXlsx': { input: noInput, output: returns<SpreadsheetFile>() }
} as const
