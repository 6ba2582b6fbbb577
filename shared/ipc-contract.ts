/*
 * The contract between the window and the main process: every method once,
 * with its zod input schema and its output type. The preload's window.api,
 * the main handler table, the renderer client and the test harness are all
 * derived from this object, so no channel name is ever written by hand.
 * Inputs are parsed again in main whatever the renderer checked.
 */
import { z } from './validation'
import type { IpcResult } from './errors'
import type { AppInfo } from './domain/app-info'
import type { Office } from './domain/office'
import type { CaseSource, DisputeType } from './domain/reference'
import { SETTING_KEYS, settingInputSchema, type SettingEntry } from './domain/settings'
import type { CaseDetail, CaseListPage } from './domain/case'
import type { PartyCaseHistory } from './domain/party'
import type {
  CaseAssignment,
  Chamber,
  Mediator,
  MediatorListPage,
  MediatorSuggestion,
  RosterImportPreview,
  SpreadsheetFile
} from './domain/mediator'
import {
  assignSchema,
  listMediatorsSchema,
  recuseSchema,
  saveMediatorSchema,
  spreadsheetSchema,
  suggestSchema
} from './domain/mediator-input'
import {
  acceptCaseSchema,
  declineCaseSchema,
  listCasesSchema,
  lookupPartySchema,
  registerCaseSchema,
  routeCaseSchema,
  setRiskSchema
} from './domain/case-input'
import { noInput, returns } from './contract/define'
import { hearingMethods } from './contract/hearings'
import { lifecycleMethods } from './contract/lifecycle'
import { trustMethods } from './contract/trust'
import { accountMethods } from './contract/accounts'
import { documentMethods } from './contract/documents'
import { hubMethods } from './contract/hub'
import { statsMethods } from './contract/stats'
import { keyPersonMethods } from './contract/key-persons'
import { patrolMethods } from './contract/patrols'
import { reportMethods } from './contract/reports'

export const contract = {
  /** Version, schema version, database path, shell, acting user and this installation's office. */
  'app.info': { input: noInput, output: returns<AppInfo>() },

  /** Every office of the network, active first, in reference order. */
  'offices.list': {
    input: z.object({ includeInactive: z.boolean().optional() }).strict(),
    output: returns<Office[]>()
  },

  /** One setting with its saved value (null if never saved). */
  'settings.get': {
    input: z.object({ key: z.enum(SETTING_KEYS, '没有这个设置项') }).strict(),
    output: returns<SettingEntry>()
  },

  /** Save one setting; the value is checked against that key's schema. Audited. */
  'settings.set': { input: settingInputSchema, output: returns<SettingEntry>() },

  /** Standard dispute classification, in report order. */
  'reference.disputeTypes': { input: noInput, output: returns<DisputeType[]>() },

  /** Channels a dispute can come in by. */
  'reference.caseSources': { input: noInput, output: returns<CaseSource[]>() },

  /** Register a dispute (受理登记) with its parties at this installation's office; status 待受理. */
  'cases.register': { input: registerCaseSchema, output: returns<CaseDetail>() },

  /** Accept (受理): the case gets the next number of its office and year, in the same transaction. */
  'cases.accept': { input: acceptCaseSchema, output: returns<CaseDetail>() },

  /** Decline (不予受理) with the legal ground and where the applicant may go instead. */
  'cases.decline': { input: declineCaseSchema, output: returns<CaseDetail>() },

  /** Transfer to another office, or refer to a department; a case event with who, when and why. */
  'cases.route': { input: routeCaseSchema, output: returns<CaseDetail>() },

  /** Change the risk colour, with its reason (a case event). */
  'cases.setRisk': { input: setRiskSchema, output: returns<CaseDetail>() },

  /** One case with its parties (identifiers masked) and timeline. */
  'cases.get': { input: z.object({ caseId: z.uuid('案件编号无效') }).strict(), output: returns<CaseDetail>() },

  /** Filtered, searched, keyset-paged case list, newest first by default. */
  'cases.list': { input: listCasesSchema, output: returns<CaseListPage>() },

  /** Earlier cases of a party with this ID number, credit code or phone (the repeat-party warning). */
  'parties.lookup': { input: lookupPartySchema, output: returns<PartyCaseHistory[]>() },

  /** The roster with filters, and counts by kind per office. */
  'mediators.list': { input: listMediatorsSchema, output: returns<MediatorListPage>() },

  /** One roster entry whole. */
  'mediators.get': { input: z.object({ id: z.uuid('调解员编号无效') }).strict(), output: returns<Mediator>() },

  /** Create (no id) or replace a roster entry with everything it holds. Audited. */
  'mediators.save': { input: saveMediatorSchema, output: returns<Mediator>() },

  /** The roster as XLSX, one sheet per kind, zh-CN headers. */
  'mediators.exportXlsx': { input: noInput, output: returns<SpreadsheetFile>() },

  /** An empty roster spreadsheet with instructions, for offices to fill in. */
  'mediators.templateXlsx': { input: noInput, output: returns<SpreadsheetFile>() },

  /** Check a roster spreadsheet: every problem by sheet, row and column; writes nothing. */
  'mediators.importPreview': { input: spreadsheetSchema, output: returns<RosterImportPreview>() },

  /** Write a problem-free roster spreadsheet in one transaction (people matched by ID number, else name and phone). */
  'mediators.importCommit': { input: spreadsheetSchema, output: returns<RosterImportPreview>() },

  /** The configurable list of chambers of commerce served by lawyer-mediators. */
  'chambers.list': { input: noInput, output: returns<Chamber[]>() },

  /** Add a chamber of commerce to the list. */
  'chambers.add': {
    input: z.object({ name: z.string().trim().min(1, '此项不能为空').max(100) }).strict(),
    output: returns<Chamber>()
  },

  /** Who handles a case: lead, assistants, experts, including ended assignments. */
  'assignments.list': {
    input: z.object({ caseId: z.uuid('案件编号无效') }).strict(),
    output: returns<CaseAssignment[]>()
  },

  /** Mediators ranked for a case, with the reasons in words; unfit ones last, saying why. */
  'assignments.suggest': { input: suggestSchema, output: returns<MediatorSuggestion[]>() },

  /** Assign a mediator; a conflict of interest is refused (MEDIATOR_CONFLICT) unless overridden with a reason. */
  'assignments.assign': { input: assignSchema, output: returns<CaseAssignment[]>() },

  /** Recusal (回避): end an assignment with its reason, optionally naming the replacement. */
  'assignments.recuse': { input: recuseSchema, output: returns<CaseAssignment[]>() },

  ...hearingMethods,
  ...lifecycleMethods,
  ...trustMethods,
  ...accountMethods,
  ...documentMethods,
  ...hubMethods,
  ...statsMethods,
  ...patrolMethods,
  ...reportMethods,
  ...keyPersonMethods
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = Contract[M]['output']

export const METHOD_NAMES = Object.keys(contract) as MethodName[]

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never
type VerbOf<M, D extends string> = M extends `${D}.${infer V}` ? V : never
export type Domain = DomainOf<MethodName>

/** Methods whose input has no required field may be called without arguments. */
type Args<I> = Record<string, never> extends I ? [input?: I] : [input: I]

/** What the preload exposes as window.api: envelopes, never thrown errors. */
export type RawApi = {
  [D in Domain]: {
    [V in VerbOf<MethodName, D>]: (
      ...args: Args<MethodInput<`${D}.${V}` & MethodName>>
    ) => Promise<IpcResult<MethodOutput<`${D}.${V}` & MethodName>>>
  }
}

/** What the renderer's client offers: data, or a thrown ApiError. */
export type Api = {
  [D in Domain]: {
    [V in VerbOf<MethodName, D>]: (
      ...args: Args<MethodInput<`${D}.${V}` & MethodName>>
    ) => Promise<MethodOutput<`${D}.${V}` & MethodName>>
  }
}

export function splitMethodName(name: MethodName): [Domain, string] {
  const dot = name.indexOf('.')
  return [name.slice(0, dot) as Domain, name.slice(dot + 1)]
}

/** Build a nested `{ domain: { verb: fn } }` object from one function per method. */
export function buildApiObject<T>(make: (method: MethodName) => T): Record<string, Record<string, T>> {
  const api: Record<string, Record<string, T>> = {}
  for (const method of METHOD_NAMES) {
    const [domain, verb] = splitMethodName(method)
    api[domain] ??= {}
    api[domain][verb] = make(method)
  }
  return api
}
