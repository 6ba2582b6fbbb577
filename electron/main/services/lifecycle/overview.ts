/*
 * The home card's deadlines: counts of overdue and due-soon cases by office
 * and the cases themselves, red risk first, read from case_due through its
 * (next_due_on, case_seq) index; and the deadline defaults for Settings.
 */
import { sql } from 'kysely'
import type { CaseStatus } from '../../../../shared/domain/case'
import {
  DEADLINE_SETTING_DEFINITIONS,
  DEADLINE_SETTING_FIELDS,
  DEADLINE_SETTING_KEYS,
  defaultOf,
  type DeadlineOverview,
  type DeadlineRule
} from '../../../../shared/domain/deadline'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { DeadlineKind } from '../../../../shared/rules/deadlines'
import { addCalendarDays, daysBetween } from '../../../../shared/rules/working-days'
import type { AppContext } from '../../context'
import { todayOf } from './guards'

async function installationOffice(ctx: AppContext): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'installation.officeId')
    .executeTakeFirst()
  return row ? (JSON.parse(row.value) as string) : null
}

export async function deadlineOverview(
  ctx: AppContext,
  input: ParsedInput<'deadlines.overview'>
): Promise<DeadlineOverview> {
  const today = todayOf(ctx)
  const soonEnd = addCalendarDays(today, input.withinDays)
  const officeId = input.scope === 'office' ? await installationOffice(ctx) : null
  const due = () => {
    let query = ctx.db
      .selectFrom('case_due')
      .innerJoin('cases', 'cases.id', 'case_due.case_id')
      .innerJoin('offices', 'offices.id', 'cases.handling_office_id')
      .where('case_due.next_due_on', '<=', soonEnd)
    // Unary plus: the due-date range drives the query, not a walk over every case of the office.
    if (officeId) query = query.where(sql<string>`+cases.handling_office_id`, '=', officeId)
    return query
  }
  const offices = await due()
    .select(['offices.id as officeId', 'offices.name as officeName'])
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('case_due.next_due_on', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when('case_due.next_due_on', '>=', today).then(1).else(0).end()).as('dueSoon')
    ])
    .groupBy('offices.id')
    .orderBy('offices.sort_order')
    .execute()
  const rows = await due()
    .select([
      'cases.id',
      'cases.case_number',
      'cases.status',
      'cases.risk_level',
      'cases.handling_office_id',
      'offices.name as office_name',
      'case_due.next_due_on',
      'case_due.next_due_kind'
    ])
    .orderBy(sql`case when cases.risk_level = 'red' then 0 else 1 end`)
    .orderBy('case_due.next_due_on')
    .orderBy('cases.seq')
    .limit(input.limit)
    .execute()
  const applicants = new Map<string, string[]>()
  if (rows.length > 0) {
    const links = await ctx.db
      .selectFrom('case_parties')
      .innerJoin('parties', 'parties.id', 'case_parties.party_id')
      .select(['case_parties.case_id', 'parties.name'])
      .where(
        'case_parties.case_id',
        'in',
        rows.map((r) => r.id)
      )
      .where('case_parties.role', '=', 'applicant')
      .orderBy('case_parties.sort_order')
      .execute()
    for (const link of links) applicants.set(link.case_id, [...(applicants.get(link.case_id) ?? []), link.name])
  }
  const counts = offices.map((o) => ({ ...o, overdue: Number(o.overdue), dueSoon: Number(o.dueSoon) }))
  return {
    today,
    withinDays: input.withinDays,
    offices: counts,
    overdue: counts.reduce((sum, o) => sum + o.overdue, 0),
    dueSoon: counts.reduce((sum, o) => sum + o.dueSoon, 0),
    cases: rows.map((r) => ({
      caseId: r.id,
      caseNumber: r.case_number,
      status: r.status as CaseStatus,
      riskLevel: r.risk_level,
      officeId: r.handling_office_id,
      officeName: r.office_name,
      applicants: applicants.get(r.id) ?? [],
      dueOn: r.next_due_on,
      dueKind: r.next_due_kind as DeadlineKind,
      overdue: r.next_due_on < today,
      daysLeft: daysBetween(today, r.next_due_on)
    }))
  }
}

export async function deadlineRules(ctx: AppContext): Promise<DeadlineRule[]> {
  const saved = await ctx.db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'like', 'deadline.%')
    .execute()
  const byKey = new Map(saved.map((s) => [s.key, JSON.parse(s.value) as number]))
  return DEADLINE_SETTING_KEYS.map((key) => ({
    key,
    label: DEADLINE_SETTING_DEFINITIONS[key].label,
    counting: DEADLINE_SETTING_FIELDS[key].counting,
    value: byKey.get(key) ?? defaultOf(key),
    defaultValue: defaultOf(key),
    saved: byKey.has(key)
  }))
}
