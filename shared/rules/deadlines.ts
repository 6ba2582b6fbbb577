/*
 * The time limits of a mediation case, as pure rules over a few facts of the
 * case, the installation's defaults and the working-day calendar. Main uses
 * them to keep each case's next due date in step (the overdue and due-soon
 * lists); the case page shows every deadline with how it is counted.
 *
 * How each limit counts (the labels in shared/domain/deadline.ts say the same):
 * - decision on acceptance: working days from registration (a clerk's task,
 *   so holidays and weekends do not count; 调休 Saturdays do);
 * - mediation: calendar days from acceptance (30 by default; court-referred
 *   cases 30 before filing 委派, 15 after filing 委托, 7 under the simple
 *   procedure); a limit ending on a rest day runs to the next working day;
 *   extended to the date the parties consented to;
 * - judicial confirmation: 30 calendar days after the agreement takes effect,
 *   rest-day rule as above (a procedural period of the Civil Procedure Law);
 * - follow-up visit: N calendar days after the agreement takes effect, rest-day rule;
 * - performance of each agreed term: the date the parties agreed, exactly.
 */
import { addWorkingDays, calendarDeadline, daysBetween, type WorkingCalendar } from './working-days'

export const REFERRAL_KINDS = ['none', 'court_pre_filing', 'court_post_filing', 'court_simple'] as const
export type ReferralKind = (typeof REFERRAL_KINDS)[number]

export interface DeadlineSettings {
  acceptanceWorkingDays: number
  mediationDays: number
  courtPreFilingDays: number
  courtPostFilingDays: number
  courtSimpleDays: number
  confirmationDays: number
  followUpDays: number
}

export const DEADLINE_DEFAULTS: DeadlineSettings = {
  acceptanceWorkingDays: 3,
  mediationDays: 30,
  courtPreFilingDays: 30,
  courtPostFilingDays: 15,
  courtSimpleDays: 7,
  confirmationDays: 30,
  followUpDays: 30
}

export const DEADLINE_KINDS = ['acceptance', 'mediation', 'confirmation', 'follow_up', 'performance'] as const
export type DeadlineKind = (typeof DEADLINE_KINDS)[number]
export type Counting = 'calendar' | 'working' | 'agreed'

/** What the rules need to know of a case; dates are China calendar dates 'YYYY-MM-DD'. */
export interface CaseDeadlineFacts {
  status: string
  registeredOn: string
  /** Accepted or declined on. */
  decidedOn: string | null
  acceptedOn: string | null
  referralKind: ReferralKind
  /** New due dates the parties consented to, oldest first. */
  extensions: readonly string[]
  /** The day mediation ended: agreement reached, failure recorded or withdrawal. */
  mediationEndedOn: string | null
  agreement: {
    effectiveOn: string
    seeksConfirmation: boolean
    terms: ReadonlyArray<{ id: string; number: number; dueOn: string | null; performedOn: string | null }>
  } | null
  confirmationAppliedOn: string | null
  firstFollowUpOn: string | null
  /** Closed (or archived): nothing is due any more. */
  closedOn: string | null
}

/** The facts of a case not yet accepted (declined on `decidedOn`, or still waiting): only acceptance can be due. */
export function factsBeforeAcceptance(
  status: string,
  registeredOn: string,
  decidedOn: string | null
): CaseDeadlineFacts {
  return {
    status,
    registeredOn,
    decidedOn,
    acceptedOn: null,
    referralKind: 'none',
    extensions: [],
    mediationEndedOn: null,
    agreement: null,
    confirmationAppliedOn: null,
    firstFollowUpOn: null,
    closedOn: null
  }
}

export interface Deadline {
  kind: DeadlineKind
  /** For a performance deadline: the term's id. */
  termId: string | null
  termNumber: number | null
  dueOn: string
  counting: Counting
  /** The number of days counted (0 for an agreed date). */
  days: number
  /** 'open' until met; 'closed' when the case ended without it being met. */
  state: 'open' | 'met' | 'closed'
  metOn: string | null
  /** True when the due date is an extension the parties consented to. */
  extended: boolean
}

/** How many calendar days mediation may take, by the way the case came. */
export function mediationLimitDays(kind: ReferralKind, settings: DeadlineSettings): number {
  switch (kind) {
    case 'court_pre_filing':
      return settings.courtPreFilingDays
    case 'court_post_filing':
      return settings.courtPostFilingDays
    case 'court_simple':
      return settings.courtSimpleDays
    default:
      return settings.mediationDays
  }
}

export function acceptanceDue(calendar: WorkingCalendar, registeredOn: string, settings: DeadlineSettings): string {
  return addWorkingDays(calendar, registeredOn, settings.acceptanceWorkingDays)
}

/** The mediation limit before any extension. */
export function mediationDue(
  calendar: WorkingCalendar,
  acceptedOn: string,
  kind: ReferralKind,
  settings: DeadlineSettings
): string {
  return calendarDeadline(calendar, acceptedOn, mediationLimitDays(kind, settings))
}

export function confirmationDue(calendar: WorkingCalendar, effectiveOn: string, settings: DeadlineSettings): string {
  return calendarDeadline(calendar, effectiveOn, settings.confirmationDays)
}

export function followUpDue(calendar: WorkingCalendar, effectiveOn: string, settings: DeadlineSettings): string {
  return calendarDeadline(calendar, effectiveOn, settings.followUpDays)
}

/** Every deadline of the case, in the order a case meets them. */
export function caseDeadlines(
  facts: CaseDeadlineFacts,
  settings: DeadlineSettings,
  calendar: WorkingCalendar
): Deadline[] {
  const deadlines: Deadline[] = []
  const ended = facts.closedOn
  const make = (
    kind: DeadlineKind,
    dueOn: string,
    counting: Counting,
    days: number,
    metOn: string | null,
    extra: Partial<Deadline> = {}
  ): Deadline => ({
    kind,
    termId: null,
    termNumber: null,
    dueOn,
    counting,
    days,
    state: metOn ? 'met' : ended ? 'closed' : 'open',
    metOn,
    extended: false,
    ...extra
  })

  deadlines.push(
    make(
      'acceptance',
      acceptanceDue(calendar, facts.registeredOn, settings),
      'working',
      settings.acceptanceWorkingDays,
      facts.decidedOn
    )
  )
  if (facts.acceptedOn) {
    const extendedTo = facts.extensions.at(-1)
    const days = mediationLimitDays(facts.referralKind, settings)
    deadlines.push(
      make(
        'mediation',
        extendedTo ?? mediationDue(calendar, facts.acceptedOn, facts.referralKind, settings),
        'calendar',
        days,
        facts.mediationEndedOn,
        { extended: Boolean(extendedTo) }
      )
    )
  }
  const agreement = facts.agreement
  if (agreement) {
    if (agreement.seeksConfirmation) {
      deadlines.push(
        make(
          'confirmation',
          confirmationDue(calendar, agreement.effectiveOn, settings),
          'calendar',
          settings.confirmationDays,
          facts.confirmationAppliedOn
        )
      )
    }
    for (const term of agreement.terms) {
      if (!term.dueOn) continue
      deadlines.push(
        make('performance', term.dueOn, 'agreed', 0, term.performedOn, { termId: term.id, termNumber: term.number })
      )
    }
    // Performed on the spot: nothing left to visit about, unless the case stays open for it.
    const allPerformed = agreement.terms.length > 0 && agreement.terms.every((t) => t.performedOn)
    if (!allPerformed || facts.firstFollowUpOn) {
      deadlines.push(
        make(
          'follow_up',
          followUpDue(calendar, agreement.effectiveOn, settings),
          'calendar',
          settings.followUpDays,
          facts.firstFollowUpOn
        )
      )
    }
  }
  return deadlines
}

/** The earliest due date still open: what the overdue and due-soon lists sort and filter by. */
export function nextDue(deadlines: readonly Deadline[]): Deadline | null {
  let next: Deadline | null = null
  for (const deadline of deadlines) {
    if (deadline.state !== 'open') continue
    if (!next || deadline.dueOn < next.dueOn) next = deadline
  }
  return next
}

export type Urgency = 'overdue' | 'due_soon' | 'later' | 'done'

/** Overdue the day after the due date; due soon within `withinDays` (the due day itself included). */
export function urgencyOf(deadline: Pick<Deadline, 'state' | 'dueOn'>, today: string, withinDays: number): Urgency {
  if (deadline.state !== 'open') return 'done'
  const left = daysBetween(today, deadline.dueOn)
  if (left < 0) return 'overdue'
  return left <= withinDays ? 'due_soon' : 'later'
}
