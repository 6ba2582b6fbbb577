/*
 * The overview (DESIGN §3.6): each role's home screen and the charts — the
 * `stats.*` methods. Every figure carries the case-list filter that makes
 * it; clerks and mediators are counted within their own offices.
 */
import { noInput, returns } from './define'
import {
  chartsInputSchema,
  homeInputSchema,
  type ChartData,
  type ClerkHome,
  type MediatorHome,
  type SupervisorHome
} from '../domain/stats'

export const statsMethods = {
  /** The intake hall's day: today's intake, cases awaiting the decision on acceptance, repeat applicants this month. */
  'stats.clerkHome': { input: noInput, output: returns<ClerkHome>() },

  /** My open cases by status, my sessions, my deadlines and follow-ups; a lawyer-mediator's pending conflict checks. */
  'stats.mediatorHome': { input: homeInputSchema, output: returns<MediatorHome>() },

  /** Overdue and red-risk cases by office, load per mediator, this month against last. */
  'stats.supervisorHome': { input: noInput, output: returns<SupervisorHome>() },

  /** The charts of a period (registration dates) and office, with the numbers behind each. */
  'stats.charts': { input: chartsInputSchema, output: returns<ChartData>() }
} as const
