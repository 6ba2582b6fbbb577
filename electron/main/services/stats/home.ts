/*
 * The home screen of each role (DESIGN §3.6, issue 9 part 1). Deadlines are
 * the lifecycle's: case_due holds each open case's next due date as the
 * rules compute it (lifecycle/deadline-store.ts), and the list's `due`
 * filter reads it; nothing here re-derives a deadline.
 */
import type { CaseStatus } from '../../../../shared/domain/case'
import { OPEN_STATUSES } from '../../../../shared/domain/case-input'
import type {
  ClerkHome,
  Figure,
  MediatorHome,
  MediatorLoad,
  OfficeAlert,
  SupervisorHome
} from '../../../../shared/domain/stats'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { addCalendarDays, isoWeekday } from '../../../../shared/rules/working-days'
import type { AppContext } from '../../context'
import { todayOf } from '../lifecycle/guards'
import { listHearings } from '../hearings/hearing-store'
import { countGrouped, figure, monthRange, sameDaysLastMonth, shiftMonth } from './counting'
import { reachableOffices, withinReach } from '../accounts/scope'
import { openCaseCondition } from '../case-list'

export async function clerkHome(ctx: AppContext): Promise<ClerkHome> {
  const today = todayOf(ctx)
  const offices = await reachableOffices(ctx)
  const month = monthRange(today.slice(0, 7))
  return {
    today,
    todayIntake: await figure(ctx, { registeredFrom: today, registeredTo: today }, offices),
    awaitingDecision: await figure(ctx, { status: 'registered' }, offices),
    repeatApplicants: await figure(
      ctx,
      { registeredFrom: month.from, registeredTo: today, repeatApplicant: true },
      offices
    )
  }
}

async function linkedMediator(ctx: AppContext): Promise<{ id: string; name: string } | null> {
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('mediators', 'mediators.id', 'users.mediator_id')
    .select(['mediators.id', 'mediators.name'])
    .where('users.id', '=', ctx.actor.id)
    .executeTakeFirst()
  return row ?? null
}

export async function mediatorHome(ctx: AppContext, input: ParsedInput<'stats.mediatorHome'>): Promise<MediatorHome> {
  const today = todayOf(ctx)
  const offices = await reachableOffices(ctx)
  const mediator = await linkedMediator(ctx)
  const week = {
    from: addCalendarDays(today, 1 - isoWeekday(today)),
    to: addCalendarDays(today, 7 - isoWeekday(today))
  }
  const days = input.dueWithinDays
  const lawyer = ctx.actor.role === 'lawyer_mediator'
  const conflictChecksPending = lawyer ? await figure(ctx, { unassigned: true }, offices) : null
  if (!mediator) {
    // Not linked to the roster: no own cases. Zeroes with the filters they would have.
    const none = (filter: Figure['filter']): Figure => ({ value: 0, filter: withinReach(filter, offices) })
    return {
      today,
      withinDays: days,
      mediatorId: null,
      mediatorName: null,
      openByStatus: [],
      openTotal: none({ open: true }),
      sessionsToday: 0,
      sessionsThisWeek: 0,
      week,
      overdue: none({ due: 'overdue' }),
      dueSoon: none({ due: 'due_soon', dueWithinDays: days }),
      followUpsOverdue: none({ due: 'overdue', dueKind: 'follow_up' }),
      followUpsDueSoon: none({ due: 'due_soon', dueKind: 'follow_up', dueWithinDays: days }),
      conflictChecksPending
    }
  }
  const mine = { mediatorId: mediator.id }
  const byStatus = await countGrouped(ctx, withinReach({ ...mine, open: true }, offices), offices, 'status')
  const sessions = await listHearings(ctx, {
    from: week.from,
    to: week.to,
    mediatorId: mediator.id,
    includeCancelled: false
  })
  return {
    today,
    withinDays: days,
    mediatorId: mediator.id,
    mediatorName: mediator.name,
    openByStatus: OPEN_STATUSES.filter((s) => byStatus.has(s)).map((status: CaseStatus) => ({
      status,
      value: byStatus.get(status)!,
      filter: withinReach({ ...mine, status }, offices)
    })),
    openTotal: await figure(ctx, { ...mine, open: true }, offices),
    sessionsToday: sessions.filter((h) => h.startsAt.slice(0, 10) === today).length,
    sessionsThisWeek: sessions.length,
    week,
    overdue: await figure(ctx, { ...mine, due: 'overdue' }, offices),
    dueSoon: await figure(ctx, { ...mine, due: 'due_soon', dueWithinDays: days }, offices),
    followUpsOverdue: await figure(ctx, { ...mine, due: 'overdue', dueKind: 'follow_up' }, offices),
    followUpsDueSoon: await figure(
      ctx,
      { ...mine, due: 'due_soon', dueKind: 'follow_up', dueWithinDays: days },
      offices
    ),
    conflictChecksPending
  }
}

export async function supervisorHome(ctx: AppContext): Promise<SupervisorHome> {
  const today = todayOf(ctx)
  const offices = await reachableOffices(ctx)
  const overdueBy = await countGrouped(ctx, { due: 'overdue' }, offices, 'handling_office_id')
  const redBy = await countGrouped(ctx, { open: true, riskLevel: 'red' }, offices, 'handling_office_id')
  const overdueRedBy = await countGrouped(ctx, { due: 'overdue', riskLevel: 'red' }, offices, 'handling_office_id')
  const officeRows = await ctx.db
    .selectFrom('offices')
    .select(['id', 'name'])
    .orderBy('active', 'desc')
    .orderBy('sort_order')
    .execute()
  const at = (officeId: string, filter: Figure['filter'], counts: Map<string, number>): Figure => ({
    value: counts.get(officeId) ?? 0,
    filter: { ...filter, officeId }
  })
  const alerts: OfficeAlert[] = officeRows
    .filter((o) => overdueBy.has(o.id) || redBy.has(o.id))
    .map((o) => ({
      officeId: o.id,
      officeName: o.name,
      overdue: at(o.id, { due: 'overdue' }, overdueBy),
      redRisk: at(o.id, { open: true, riskLevel: 'red' }, redBy),
      overdueRed: at(o.id, { due: 'overdue', riskLevel: 'red' }, overdueRedBy)
    }))
  const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0)
  const month = today.slice(0, 7)
  const last = shiftMonth(month, -1)
  const thisRange = monthRange(month)
  const lastRange = monthRange(last)
  const lastToDate = sameDaysLastMonth(today)
  return {
    today,
    offices: alerts,
    totals: {
      overdue: { value: sum(overdueBy), filter: withinReach({ due: 'overdue' }, offices) },
      redRisk: { value: sum(redBy), filter: withinReach({ open: true, riskLevel: 'red' }, offices) },
      overdueRed: { value: sum(overdueRedBy), filter: withinReach({ due: 'overdue', riskLevel: 'red' }, offices) }
    },
    load: await mediatorLoad(ctx, offices),
    thisMonth: {
      month,
      ...(await figure(ctx, { registeredFrom: thisRange.from, registeredTo: thisRange.to }, offices))
    },
    lastMonth: {
      month: last,
      ...(await figure(ctx, { registeredFrom: lastRange.from, registeredTo: lastRange.to }, offices))
    },
    lastMonthToDate: {
      ...lastToDate,
      ...(await figure(ctx, { registeredFrom: lastToDate.from, registeredTo: lastToDate.to }, offices))
    }
  }
}

/**
 * Open cases per active roster entry (active assignments), busiest first. The open cases drive the query (their
 * seqs through `cases_ended_seq`), and each one's mediators come from the store's (mediator, case) pairs by seq
 * (`mediator_cases_by_case`), index to index. SQLite otherwise walked every assignment ever made and looked its case
 * up (15–22 s at a million cases); through the assignments by case id it took 250 ms (50 ms now;
 * docs/performance.md). CROSS JOIN is SQLite's way of fixing that order. A pair is one case, counted once.
 */
async function mediatorLoad(ctx: AppContext, offices: string[] | null): Promise<MediatorLoad[]> {
  let query = ctx.db
    .selectFrom('cases')
    .crossJoin('mediator_cases')
    .select(['mediator_cases.mediator_id', (eb) => eb.fn.countAll<number>().as('n')])
    .whereRef('mediator_cases.case_seq', '=', 'cases.seq')
    .where(openCaseCondition)
    .groupBy('mediator_cases.mediator_id')
  if (offices) query = query.where('cases.handling_office_id', 'in', offices.length > 0 ? offices : [''])
  const counts = new Map((await query.execute()).map((r) => [r.mediator_id, Number(r.n)]))
  const roster = await ctx.db
    .selectFrom('mediators')
    .select(['id', 'name', 'capacity'])
    .where('status', '=', 'active')
    .orderBy('name')
    .execute()
  return roster
    .filter((m) => counts.has(m.id))
    .map((m) => ({
      mediatorId: m.id,
      mediatorName: m.name,
      capacity: m.capacity,
      active: { value: counts.get(m.id)!, filter: withinReach({ mediatorId: m.id, open: true }, offices) }
    }))
    .sort((a, b) => b.active.value - a.active.value)
}
