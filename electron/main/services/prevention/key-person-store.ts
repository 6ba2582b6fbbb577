/*
 * Reading the key-person register: the list (of the offices the user may
 * see), one person whole with the level history, visits, reviews, referrals
 * and cases, and the review intervals from the settings.
 */
import type {
  KeyPersonDetail,
  KeyPersonLevel,
  KeyPersonLogKind,
  KeyPersonReason,
  KeyPersonSummary,
  ReferralService,
  ReferralStatus,
  ReferralSummary
} from '../../../../shared/domain/key-person'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import { DEFAULT_REVIEW_INTERVALS, addDays, type ReviewIntervals } from '../../../../shared/rules/key-persons'
import { maskIdNumber } from '../../../../shared/rules/masking'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { notFound } from '../../errors'
import type { Kysely } from 'kysely'
import { reachableOffices } from '../accounts/scope'

type Db = Kysely<Database>

export async function reviewIntervals(db: Db): Promise<ReviewIntervals> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'keyPersons.%').execute()
  const saved = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as number]))
  return {
    redDays: saved.get('keyPersons.reviewDaysRed') ?? DEFAULT_REVIEW_INTERVALS.redDays,
    yellowMonths: saved.get('keyPersons.reviewMonthsYellow') ?? DEFAULT_REVIEW_INTERVALS.yellowMonths,
    greenMonths: saved.get('keyPersons.reviewMonthsGreen') ?? DEFAULT_REVIEW_INTERVALS.greenMonths
  }
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('key_persons')
    .innerJoin('parties', 'parties.id', 'key_persons.party_id')
    .innerJoin('offices', 'offices.id', 'key_persons.office_id')
    .selectAll('key_persons')
    .select(['parties.name', 'parties.id_number', 'offices.name as office_name'])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]

function toSummary(row: SummaryRow, today: string): KeyPersonSummary {
  return {
    keyPersonId: row.id,
    partyId: row.party_id,
    level: row.level,
    reason: row.reason as KeyPersonReason,
    name: row.name,
    maskedIdNumber: maskIdNumber(row.id_number),
    levelReason: row.level_reason,
    reasonNote: row.reason_note,
    officeId: row.office_id,
    officeName: row.office_name,
    responsibleUserId: row.responsible_user_id,
    responsibleName: row.responsible_name,
    nextReviewOn: row.next_review_on,
    overdue: row.status === 'active' && row.next_review_on < today,
    status: row.status,
    registeredAt: row.registered_at
  }
}

const LEVEL_ORDER: Record<KeyPersonLevel, number> = { red: 0, yellow: 1, green: 2 }

export async function listKeyPersons(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.list'>
): Promise<KeyPersonSummary[]> {
  const today = chinaDate(ctx.clock.now())
  const offices = await reachableOffices(ctx)
  if (offices && offices.length === 0) return []
  let query = summaryQuery(ctx.db).where('key_persons.status', '=', input.status)
  if (offices) query = query.where('key_persons.office_id', 'in', offices)
  if (input.level) query = query.where('key_persons.level', '=', input.level)
  if (input.dueWithinDays !== undefined) {
    query = query.where('key_persons.next_review_on', '<=', addDays(today, input.dueWithinDays))
  }
  if (input.query) query = query.where('parties.name', 'like', `%${input.query.replace(/[\\%_]/g, '')}%`)
  const rows = await query.orderBy('key_persons.next_review_on').limit(500).execute()
  return rows
    .map((r) => toSummary(r, today))
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.nextReviewOn.localeCompare(b.nextReviewOn))
}

/** Reviews due within `withinDays` (or overdue): every one for supervisors, a worker's own otherwise. */
export async function dueReviews(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.dueReviews'>
): Promise<KeyPersonSummary[]> {
  const today = chinaDate(ctx.clock.now())
  const offices = await reachableOffices(ctx)
  if (offices && offices.length === 0) return []
  let query = summaryQuery(ctx.db)
    .where('key_persons.status', '=', 'active')
    .where('key_persons.next_review_on', '<=', addDays(today, input.withinDays))
  if (offices) query = query.where('key_persons.office_id', 'in', offices)
  const oversees = !ctx.session.accountsEnabled || ['supervisor', 'admin'].includes(ctx.actor.role)
  if (!oversees) query = query.where('key_persons.responsible_user_id', '=', ctx.actor.id)
  const rows = await query.orderBy('key_persons.next_review_on').limit(200).execute()
  return rows.map((r) => toSummary(r, today))
}

/** One key person whole; NOT_FOUND also for a person of an office the user may not see. */
export async function loadKeyPerson(ctx: AppContext, id: string): Promise<KeyPersonDetail> {
  const today = chinaDate(ctx.clock.now())
  const row = await summaryQuery(ctx.db).where('key_persons.id', '=', id).executeTakeFirst()
  const offices = await reachableOffices(ctx)
  if (!row || (offices && !offices.includes(row.office_id))) throw notFound('重点人员')
  const log = await ctx.db
    .selectFrom('key_person_logs')
    .selectAll()
    .where('key_person_id', '=', id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const cases = await ctx.db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select(['cases.id', 'cases.case_number', 'cases.status', 'cases.dispute_type', 'cases.registered_at'])
    .where('case_parties.party_id', '=', row.party_id)
    .orderBy('cases.seq', 'desc')
    .limit(50)
    .execute()
  return {
    ...toSummary(row, today),
    closeReason: row.close_reason,
    log: log.map((l) => ({
      id: l.id,
      kind: l.kind as KeyPersonLogKind,
      at: l.at,
      actorName: l.actor_name,
      fromLevel: l.from_level,
      toLevel: l.to_level,
      note: l.note,
      nextReviewOn: l.next_review_on
    })),
    referrals: await referralSummaries(ctx.db, { partyId: row.party_id }),
    cases: [...new Map(cases.map((c) => [c.id, c])).values()].map((c) => ({
      caseId: c.id,
      caseNumber: c.case_number,
      status: c.status,
      disputeType: c.dispute_type,
      registeredAt: c.registered_at
    }))
  }
}

export function getKeyPerson(ctx: AppContext, input: ParsedInput<'keyPersons.get'>): Promise<KeyPersonDetail> {
  return loadKeyPerson(ctx, input.id)
}

/** Referrals without their notes (only whether there are any). */
export async function referralSummaries(
  db: Db,
  filter: { partyId?: string; caseId?: string; status?: ReferralStatus; id?: string; offices?: string[] | null }
): Promise<ReferralSummary[]> {
  let query = db
    .selectFrom('referrals')
    .innerJoin('parties', 'parties.id', 'referrals.party_id')
    .leftJoin('mediators', 'mediators.id', 'referrals.counsellor_id')
    .select([
      'referrals.id',
      'referrals.party_id',
      'referrals.case_id',
      'referrals.service',
      'referrals.counsellor_id',
      'referrals.status',
      'referrals.outcome',
      'referrals.responsible_user_id',
      'referrals.referred_at',
      'referrals.referred_by_name',
      'parties.name as party_name',
      'mediators.name as counsellor_name'
    ])
    .select((eb) => eb('referrals.notes', 'is not', null).as('has_notes'))
  if (filter.id) query = query.where('referrals.id', '=', filter.id)
  if (filter.partyId) query = query.where('referrals.party_id', '=', filter.partyId)
  if (filter.caseId) query = query.where('referrals.case_id', '=', filter.caseId)
  if (filter.status) query = query.where('referrals.status', '=', filter.status)
  if (filter.offices) query = query.where('referrals.office_id', 'in', filter.offices)
  const rows = await query.orderBy('referrals.referred_at', 'desc').limit(200).execute()
  return rows.map((r) => ({
    id: r.id,
    partyId: r.party_id,
    partyName: r.party_name,
    caseId: r.case_id,
    service: r.service as ReferralService,
    counsellorId: r.counsellor_id,
    counsellorName: r.counsellor_name,
    status: r.status as ReferralStatus,
    outcome: r.outcome,
    hasNotes: Boolean(r.has_notes),
    responsibleUserId: r.responsible_user_id,
    referredAt: r.referred_at,
    referredByName: r.referred_by_name
  }))
}
