/*
 * Prevention (issue #13 parts 1, 2, 4): the key-person register
 * (`keyPersons.*`), psychological-support referrals (`referrals.*`) and the
 * similar resolved cases of an open case (`cases.similar`).
 */
import { returns } from './define'
import {
  closeKeyPersonSchema,
  createReferralSchema,
  dueReviewsSchema,
  keyPersonFlagsSchema,
  keyPersonIdSchema,
  keyPersonWorkersSchema,
  listKeyPersonsSchema,
  listReferralsSchema,
  logKeyPersonReviewSchema,
  referralIdSchema,
  registerKeyPersonSchema,
  setKeyPersonLevelSchema,
  setKeyPersonResponsibleSchema,
  setReferralStatusSchema,
  similarCasesSchema,
  type KeyPersonDetail,
  type KeyPersonFlags,
  type KeyPersonSuggestion,
  type KeyPersonSummary,
  type KeyPersonWorker,
  type ReferralNotes,
  type ReferralSummary,
  type SimilarCase
} from '../domain/key-person'
import { noInput } from './define'

export const keyPersonMethods = {
  /** The register of the offices the user may see, by level, status, due date or name. */
  'keyPersons.list': { input: listKeyPersonsSchema, output: returns<KeyPersonSummary[]>() },

  /** One key person with the level history, visits and reviews, referrals and cases. */
  'keyPersons.get': { input: keyPersonIdSchema, output: returns<KeyPersonDetail>() },

  /** Put a party on the register with reason, level and level reason; CONFLICT if already registered. Audited. */
  'keyPersons.register': { input: registerKeyPersonSchema, output: returns<KeyPersonDetail>() },

  /**
   * The accounts a responsible worker may be chosen from: active accounts of the roles that keep the register,
   * of the office the party would be filed under or the key person is (supervisors and administrators reach
   * every office). Empty while the installation does not use accounts: the worker is then whoever registers.
   */
  'keyPersons.workers': { input: keyPersonWorkersSchema, output: returns<KeyPersonWorker[]>() },

  /** Change the level with its reason (a logged, audited event); the next review moves with the level. */
  'keyPersons.setLevel': { input: setKeyPersonLevelSchema, output: returns<KeyPersonDetail>() },

  /** Hand the person to another responsible worker (one keyPersons.workers offers), with the reason. Audited. */
  'keyPersons.setResponsible': { input: setKeyPersonResponsibleSchema, output: returns<KeyPersonDetail>() },

  /** Log a visit or review; the next review falls due one interval of the level later. Audited. */
  'keyPersons.logReview': { input: logKeyPersonReviewSchema, output: returns<KeyPersonDetail>() },

  /** Take a person off the register, with the reason. Audited. */
  'keyPersons.close': { input: closeKeyPersonSchema, output: returns<KeyPersonDetail>() },

  /** People the rule suggests registering (≥ 3 cases in 12 months, or a red-risk case); never registers. */
  'keyPersons.suggestions': { input: noInput, output: returns<KeyPersonSuggestion[]>() },

  /** Which of these parties, ID numbers or cases' parties are on the register (active), with their level. */
  'keyPersons.flags': { input: keyPersonFlagsSchema, output: returns<KeyPersonFlags>() },

  /** Reviews due within N days or overdue: all for supervisors, one's own for a responsible worker. */
  'keyPersons.dueReviews': { input: dueReviewsSchema, output: returns<KeyPersonSummary[]>() },

  /** Referrals of a party or a case (no notes: those only through referrals.notes). */
  'referrals.list': { input: listReferralsSchema, output: returns<ReferralSummary[]>() },

  /** Refer a party to the women's federation centre or a counsellor of the expert pool. Audited. */
  'referrals.create': { input: createReferralSchema, output: returns<ReferralSummary>() },

  /** Move a referral on (referred → accepted → in progress → closed), with outcome and notes. Audited. */
  'referrals.setStatus': { input: setReferralStatusSchema, output: returns<ReferralSummary>() },

  /** The sensitive notes of a referral: only the roles granted it, and every view is audited. */
  'referrals.notes': { input: referralIdSchema, output: returns<ReferralNotes>() },

  /** Up to ten resolved cases most like an open one, names masked; with openId, one of them opened (audited). */
  'cases.similar': { input: similarCasesSchema, output: returns<SimilarCase[]>() }
} as const
