/*
 * The mediation lifecycle and its deadlines (DESIGN §3.3, §5): records,
 * agreements, follow-ups, judicial confirmation, closing and archiving.
 * Each status change is checked against shared/rules/case-status.ts and
 * written with its case event; an archived case refuses every write except
 * an amendment with its reason.
 */
import type { CaseDetail } from '../domain/case'
import type { DeadlineOverview, DeadlineRule } from '../domain/deadline'
import type { CaseLifecycle } from '../domain/lifecycle'
import {
  addFollowUpSchema,
  addRecordSchema,
  amendCaseSchema,
  applyConfirmationSchema,
  archiveCaseSchema,
  caseRefSchema,
  closeCaseSchema,
  createAgreementSchema,
  deadlineOverviewSchema,
  extendCaseSchema,
  failCaseSchema,
  markTermSchema,
  recordRulingSchema,
  setReferralSchema,
  withdrawCaseSchema
} from '../domain/lifecycle-input'
import { noInput, returns } from './define'

export const lifecycleMethods = {
  /** Records, agreement, follow-ups, confirmation, closing, archive and every deadline of one case. */
  'lifecycle.get': { input: caseRefSchema, output: returns<CaseLifecycle>() },

  /** Start mediation (开始调解): 已受理 → 调解中. Writing the first mediation record does the same. */
  'cases.startMediation': { input: caseRefSchema, output: returns<CaseDetail>() },

  /** Mark a case referred by a court (委派 / 委托 / 简易程序): it changes the mediation time limit. */
  'cases.setReferral': { input: setReferralSchema, output: returns<CaseLifecycle>() },

  /** Extend the mediation limit to a date the parties consented to; the new due date goes on the timeline. */
  'cases.extend': { input: extendCaseSchema, output: returns<CaseLifecycle>() },

  /** End mediation without agreement (Art. 26): the reason and the routes the parties were told. */
  'cases.fail': { input: failCaseSchema, output: returns<CaseDetail>() },

  /** A party withdraws (撤回调解申请): who and why. */
  'cases.withdraw': { input: withdrawCaseSchema, output: returns<CaseDetail>() },

  /** Close with the closing report (结案报告) once the outcome and any required follow-up exist. */
  'cases.close': { input: closeCaseSchema, output: returns<CaseDetail>() },

  /** File a closed or declined case (归档); from then on it is read-only. */
  'cases.archive': { input: archiveCaseSchema, output: returns<CaseDetail>() },

  /** Correct an archived case: an audited amendment with its reason, on the timeline, never a silent edit. */
  'cases.amend': { input: amendCaseSchema, output: returns<CaseDetail>() },

  /** Add an investigation record (调查记录) or a mediation record (调解记录), optionally linked to a hearing. */
  'records.add': { input: addRecordSchema, output: returns<CaseLifecycle>() },

  /** Record the written agreement (Art. 29) or register an oral one (Art. 30): 调解中 → 达成协议. */
  'agreements.create': { input: createAgreementSchema, output: returns<CaseLifecycle>() },

  /** Mark one agreed term performed, with the date. */
  'agreements.markTerm': { input: markTermSchema, output: returns<CaseLifecycle>() },

  /** Record a follow-up visit (回访, Art. 31), with the terms performed since; the first one makes the case 回访中. */
  'followUps.add': { input: addFollowUpSchema, output: returns<CaseLifecycle>() },

  /** Record the joint application for judicial confirmation (within the window after the agreement takes effect). */
  'confirmations.apply': { input: applyConfirmationSchema, output: returns<CaseLifecycle>() },

  /** Record the court's acceptance and ruling on an application for judicial confirmation. */
  'confirmations.recordRuling': { input: recordRulingSchema, output: returns<CaseLifecycle>() },

  /** Overdue and due-soon cases, red risk first, with counts by office (this office, or all). */
  'deadlines.overview': { input: deadlineOverviewSchema, output: returns<DeadlineOverview>() },

  /** The deadline defaults with their labels, how each counts, and whether a value was saved. */
  'deadlines.rules': { input: noInput, output: returns<DeadlineRule[]>() }
} as const
