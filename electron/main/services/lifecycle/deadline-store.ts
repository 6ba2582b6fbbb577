/*
 * Deadlines against the store: read a case's facts, its deadlines under the
 * saved defaults and the working-day calendar, and keep case_due (each case's
 * earliest open due date, what the overdue and due-soon lists filter on) in
 * step. refreshCaseDue runs inside the transaction of every change that can
 * move a deadline, so the lists never disagree with the case.
 */
import type { Kysely } from 'kysely'
import { DEADLINE_KIND_LABELS, DEADLINE_SETTING_FIELDS, type CaseDeadline } from '../../../../shared/domain/deadline'
import { chinaDate } from '../../../../shared/rules/china-time'
import {
  DEADLINE_DEFAULTS,
  caseDeadlines,
  factsBeforeAcceptance,
  nextDue,
  type CaseDeadlineFacts,
  type Deadline,
  type DeadlineSettings,
  type ReferralKind
} from '../../../../shared/rules/deadlines'
import { daysBetween, type WorkingCalendar } from '../../../../shared/rules/working-days'
import type { Database } from '../../db/schema'
import { loadWorkingCalendar } from '../hearings/working-calendar'
import type { Trx } from '../write'

type Db = Kysely<Database> | Trx

const dateOf = (iso: string | null): string | null => (iso ? chinaDate(new Date(iso)) : null)

export async function deadlineSettings(db: Db): Promise<DeadlineSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'deadline.%').execute()
  const settings = { ...DEADLINE_DEFAULTS }
  for (const row of rows) {
    const entry = DEADLINE_SETTING_FIELDS[row.key as keyof typeof DEADLINE_SETTING_FIELDS]
    if (entry) settings[entry.field] = JSON.parse(row.value) as number
  }
  return settings
}

/** The calendar years a case's deadlines can fall in: from its registration to the year after today. */
export async function calendarFor(db: Db, fromDate: string, today: string): Promise<WorkingCalendar> {
  const years: number[] = []
  for (let y = Number(fromDate.slice(0, 4)); y <= Number(today.slice(0, 4)) + 1; y++) years.push(y)
  return loadWorkingCalendar(db, years)
}

const MEDIATION_END_EVENTS = ['agreement_reached', 'mediation_failed', 'withdrawn'] as const

export async function deadlineFacts(db: Db, caseId: string): Promise<CaseDeadlineFacts | null> {
  const theCase = await db
    .selectFrom('cases')
    .select(['status', 'registered_at', 'accepted_at', 'declined_at'])
    .where('id', '=', caseId)
    .executeTakeFirst()
  if (!theCase) return null
  const registeredOn = dateOf(theCase.registered_at)!
  // Not accepted yet (the intake path): only the decision on acceptance can be due, so read nothing more.
  if (!theCase.accepted_at) return factsBeforeAcceptance(theCase.status, registeredOn, dateOf(theCase.declined_at))
  const lifecycle = await db
    .selectFrom('case_lifecycle')
    .select('referral_kind')
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  const extensions = await db
    .selectFrom('mediation_extensions')
    .select('new_due_on')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
  const ended = await db
    .selectFrom('case_events')
    .select('at')
    .where('case_id', '=', caseId)
    .where('kind', 'in', MEDIATION_END_EVENTS)
    .orderBy('id')
    .executeTakeFirst()
  const agreement = await db
    .selectFrom('agreements')
    .select(['id', 'effective_on', 'seeks_confirmation'])
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const terms = agreement
    ? await db
        .selectFrom('agreement_terms')
        .select(['id', 'number', 'due_on', 'performed_on'])
        .where('agreement_id', '=', agreement.id)
        .orderBy('number')
        .execute()
    : []
  const applied = await db
    .selectFrom('judicial_confirmations')
    .select('applied_on')
    .where('case_id', '=', caseId)
    .orderBy('applied_on')
    .executeTakeFirst()
  const visited = await db
    .selectFrom('follow_ups')
    .select('visited_on')
    .where('case_id', '=', caseId)
    .orderBy('visited_on')
    .executeTakeFirst()
  const closing = await db
    .selectFrom('closing_reports')
    .select('closed_on')
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  return {
    status: theCase.status,
    registeredOn,
    decidedOn: dateOf(theCase.accepted_at ?? theCase.declined_at),
    acceptedOn: dateOf(theCase.accepted_at),
    referralKind: (lifecycle?.referral_kind ?? 'none') as ReferralKind,
    extensions: extensions.map((e) => e.new_due_on),
    mediationEndedOn: dateOf(ended?.at ?? null),
    agreement: agreement
      ? {
          effectiveOn: agreement.effective_on,
          seeksConfirmation: agreement.seeks_confirmation === 1,
          terms: terms.map((t) => ({ id: t.id, number: t.number, dueOn: t.due_on, performedOn: t.performed_on }))
        }
      : null,
    confirmationAppliedOn: applied?.applied_on ?? null,
    firstFollowUpOn: visited?.visited_on ?? null,
    closedOn: closing?.closed_on ?? null
  }
}

/** The case's deadlines as the rules compute them today; `known` facts (a case just registered) are not read again. */
export async function deadlinesOf(
  db: Db,
  caseId: string,
  today: string,
  known?: CaseDeadlineFacts
): Promise<Deadline[]> {
  const facts = known ?? (await deadlineFacts(db, caseId))
  if (!facts) return []
  const calendar = await calendarFor(db, facts.registeredOn, today)
  return caseDeadlines(facts, await deadlineSettings(db), calendar)
}

export function deadlineView(deadline: Deadline, today: string): CaseDeadline {
  const open = deadline.state === 'open'
  const left = daysBetween(today, deadline.dueOn)
  const label =
    deadline.kind === 'performance'
      ? `${DEADLINE_KIND_LABELS.performance}（第 ${deadline.termNumber} 项）`
      : DEADLINE_KIND_LABELS[deadline.kind]
  return {
    kind: deadline.kind,
    label,
    termId: deadline.termId,
    dueOn: deadline.dueOn,
    counting: deadline.counting,
    days: deadline.days,
    state: deadline.state,
    metOn: deadline.metOn,
    extended: deadline.extended,
    overdue: open && left < 0,
    daysLeft: open ? left : null
  }
}

/**
 * Rewrite the case's row in case_due from its deadlines (none open: no row). `known`: the facts of a case the
 * same transaction has just registered, which the caller holds already.
 */
export async function refreshCaseDue(
  trx: Trx,
  caseId: string,
  today: string,
  known?: CaseDeadlineFacts
): Promise<void> {
  const next = nextDue(await deadlinesOf(trx, caseId, today, known))
  if (!next) {
    await trx.deleteFrom('case_due').where('case_id', '=', caseId).execute()
    return
  }
  await trx
    .insertInto('case_due')
    .values((eb) => ({
      case_id: caseId,
      // The case's list key is taken in the insert itself: one round trip, not a read and a write.
      case_seq: eb.selectFrom('cases').select('seq').where('id', '=', caseId),
      next_due_on: next.dueOn,
      next_due_kind: next.kind
    }))
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ next_due_on: next.dueOn, next_due_kind: next.kind }))
    .execute()
}
