/*
 * Who handles a case. Suggestions rank the roster for the case and say why
 * in words; an assignment is refused with MEDIATOR_CONFLICT when the mediator
 * declared a relation with a party (or once stood against one in an earlier
 * case), unless a written override reason is given and audited. A recusal
 * (回避) ends an assignment and may name the replacement; both stay on the
 * timeline.
 */
import { PARTY_ROLE_LABELS, type PartyRole } from '../../../shared/domain/party'
import type { CaseAssignment, Mediator, MediatorSuggestion } from '../../../shared/domain/mediator'
import { ASSIGNMENT_ROLE_LABELS, type AssignmentRole } from '../../../shared/domain/mediator-input'
import type { ParsedInput } from '../../../shared/ipc-contract'
import { chinaDate } from '../../../shared/rules/china-time'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import { AppError, invalidField, notFound } from '../errors'
import { addCaseEvent } from './case-events'
import { findConflicts } from './conflict-matching'
import { refuseIfArchived } from './lifecycle/guards'
import { loadMediators } from './mediator-store'
import { rankMediators } from './mediator-ranking'
import { writeChange, type RecordChange, type Trx } from './write'

/** Statuses in which a case can still get (or change) its mediators. */
const ASSIGNABLE = new Set(['registered', 'accepted', 'in_mediation'])
/** Dispute types the chamber-of-commerce center treats as commercial. */
const COMMERCIAL_TYPES = new Set(['contract', 'production', 'ip', 'internet', 'consumer'])

type Db = AppContext['db'] | Trx

async function caseParties(db: Db, caseId: string) {
  return db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select([
      'parties.id',
      'parties.name',
      'parties.kind',
      'parties.id_number',
      'parties.credit_code',
      'case_parties.role'
    ])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()
}

/** Every reason this mediator may not take this case, in zh-CN. */
export async function conflictsFor(db: Db, mediator: Mediator, caseId: string): Promise<string[]> {
  const parties = await caseParties(db, caseId)
  const declared = findConflicts(
    mediator.conflicts,
    parties.map((p) => ({
      name: p.name,
      kind: p.kind,
      idNumber: p.id_number,
      creditCode: p.credit_code,
      roleLabel: PARTY_ROLE_LABELS[p.role as PartyRole]
    }))
  ).map((m) => m.message)

  // The mediator was a party or agent in an earlier case where one of these parties stood on the other side.
  const idNumbers = parties.flatMap((p) => (p.id_number ? [p.id_number] : []))
  const creditCodes = parties.flatMap((p) => (p.credit_code ? [p.credit_code] : []))
  const opposed = mediator.idNumber
    ? await db
        .selectFrom('parties as self')
        .innerJoin('case_parties as mine', 'mine.party_id', 'self.id')
        .innerJoin('case_parties as theirs', (join) =>
          join.onRef('theirs.case_id', '=', 'mine.case_id').onRef('theirs.role', '!=', 'mine.role')
        )
        .innerJoin('parties as other', 'other.id', 'theirs.party_id')
        .innerJoin('cases', 'cases.id', 'mine.case_id')
        .select(['cases.case_number', 'cases.seq', 'other.name'])
        .where('self.id_number', '=', mediator.idNumber)
        .where('mine.case_id', '!=', caseId)
        // The same party, whether or not the clerk reused its record: same record, ID number or credit code.
        .where((eb) =>
          eb.or([
            eb(
              'theirs.party_id',
              'in',
              parties.map((p) => p.id)
            ),
            ...(idNumbers.length ? [eb('other.id_number', 'in', idNumbers)] : []),
            ...(creditCodes.length ? [eb('other.credit_code', 'in', creditCodes)] : [])
          ])
        )
        .execute()
    : []
  const earlier = opposed.map(
    (o) => `调解员曾在案件${o.case_number ?? `（登记第${o.seq}号）`}中与本案当事人“${o.name}”处于对立一方`
  )
  return [...declared, ...earlier]
}

async function assignmentsOf(db: Db, caseId: string): Promise<CaseAssignment[]> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('mediators', 'mediators.id', 'assignments.mediator_id')
    .selectAll('assignments')
    .select(['mediators.name', 'mediators.kind'])
    .where('assignments.case_id', '=', caseId)
    .orderBy('assignments.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    mediatorId: r.mediator_id,
    mediatorName: r.name,
    mediatorKind: r.kind,
    role: r.role,
    chosenByParties: r.chosen_by_parties === 1,
    status: r.status,
    overrideReason: r.override_reason,
    endedReason: r.ended_reason,
    assignedAt: r.assigned_at,
    endedAt: r.ended_at
  }))
}

export async function listAssignments(ctx: AppContext, input: { caseId: string }): Promise<CaseAssignment[]> {
  const found = await ctx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()
  if (!found) throw notFound('案件')
  return assignmentsOf(ctx.db, input.caseId)
}

interface AssignRequest {
  caseId: string
  mediatorId: string
  role: AssignmentRole
  chosenByParties: boolean
  overrideReason: string | null
}

/** The checks and writes of one assignment, inside the caller's transaction. */
async function assignWithin(ctx: AppContext, trx: Trx, record: RecordChange, request: AssignRequest): Promise<void> {
  const theCase = await trx
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('id', '=', request.caseId)
    .executeTakeFirst()
  if (!theCase) throw notFound('案件')
  refuseIfArchived(theCase.status)
  if (!ASSIGNABLE.has(theCase.status)) throw new AppError('CONFLICT', '案件当前状态不能再指派调解员')
  const mediator = (await loadMediators(trx, [request.mediatorId])).get(request.mediatorId)
  if (!mediator) throw invalidField('mediatorId', '调解员不存在')
  if (mediator.status !== 'active') throw invalidField('mediatorId', `调解员“${mediator.name}”不在册，不能指派`)

  const current = await assignmentsOf(trx, request.caseId)
  if (current.some((a) => a.status === 'active' && a.mediatorId === mediator.id)) {
    throw new AppError('CONFLICT', `“${mediator.name}”已在本案承办`)
  }
  if (request.role === 'lead' && current.some((a) => a.status === 'active' && a.role === 'lead')) {
    throw new AppError('CONFLICT', '本案已有主办调解员：如需更换，请先办理回避')
  }

  const conflicts = await conflictsFor(trx, mediator, request.caseId)
  if (conflicts.length > 0 && !request.overrideReason) {
    throw new AppError(
      'MEDIATOR_CONFLICT',
      `不能指派“${mediator.name}”：${conflicts.join('；')}。如确需指派，请写明理由。`,
      {
        mediatorId: conflicts.join('；')
      }
    )
  }

  const now = ctx.clock.now().toISOString()
  const row = {
    id: uuidv7(),
    case_id: request.caseId,
    mediator_id: mediator.id,
    role: request.role,
    chosen_by_parties: request.chosenByParties ? (1 as const) : (0 as const),
    status: 'active' as const,
    override_reason: conflicts.length > 0 ? request.overrideReason : null,
    ended_reason: null,
    assigned_at: now,
    ended_at: null,
    created_at: now,
    updated_at: now,
    version: 1
  }
  await trx.insertInto('assignments').values(row).execute()
  record({ entity: 'assignments', entityId: row.id, operation: 'insert', version: 1, after: { ...row, conflicts } })
  await addCaseEvent(ctx, trx, record, request.caseId, 'mediator_assigned', {
    reason: row.override_reason,
    detail: {
      mediatorId: mediator.id,
      mediatorName: mediator.name,
      role: request.role,
      roleLabel: ASSIGNMENT_ROLE_LABELS[request.role],
      chosenByParties: request.chosenByParties,
      conflicts
    }
  })
}

export async function assignMediator(
  ctx: AppContext,
  input: ParsedInput<'assignments.assign'>
): Promise<CaseAssignment[]> {
  await writeChange(ctx, 'assignments.assign', (trx, record) =>
    assignWithin(ctx, trx, record, { ...input, overrideReason: input.overrideReason })
  )
  return assignmentsOf(ctx.db, input.caseId)
}

export async function recuseMediator(
  ctx: AppContext,
  input: ParsedInput<'assignments.recuse'>
): Promise<CaseAssignment[]> {
  const caseId = await writeChange(ctx, 'assignments.recuse', async (trx, record) => {
    const before = await trx
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', input.assignmentId)
      .executeTakeFirst()
    if (!before) throw notFound('承办记录')
    const theCase = await trx.selectFrom('cases').select('status').where('id', '=', before.case_id).executeTakeFirst()
    refuseIfArchived(theCase?.status ?? '')
    if (before.status !== 'active') throw new AppError('CONFLICT', '该调解员已不在本案承办')
    const mediator = await trx
      .selectFrom('mediators')
      .select('name')
      .where('id', '=', before.mediator_id)
      .executeTakeFirstOrThrow()
    const now = ctx.clock.now().toISOString()
    const after = {
      ...before,
      status: 'recused' as const,
      ended_reason: input.reason,
      ended_at: now,
      updated_at: now,
      version: before.version + 1
    }
    await trx
      .updateTable('assignments')
      .set({ status: 'recused', ended_reason: input.reason, ended_at: now, updated_at: now, version: after.version })
      .where('id', '=', before.id)
      .execute()
    record({ entity: 'assignments', entityId: before.id, operation: 'update', version: after.version, before, after })
    await addCaseEvent(ctx, trx, record, before.case_id, 'mediator_recused', {
      reason: input.reason,
      detail: {
        mediatorId: before.mediator_id,
        mediatorName: mediator.name,
        role: before.role,
        roleLabel: ASSIGNMENT_ROLE_LABELS[before.role]
      }
    })
    if (input.replacementMediatorId) {
      await assignWithin(ctx, trx, record, {
        caseId: before.case_id,
        mediatorId: input.replacementMediatorId,
        role: before.role,
        chosenByParties: false,
        overrideReason: input.overrideReason
      })
    }
    return before.case_id
  })
  return assignmentsOf(ctx.db, caseId)
}

export async function suggestMediators(
  ctx: AppContext,
  input: ParsedInput<'assignments.suggest'>
): Promise<MediatorSuggestion[]> {
  const theCase = await ctx.db
    .selectFrom('cases')
    .innerJoin('offices', 'offices.id', 'cases.handling_office_id')
    .select(['cases.id', 'cases.dispute_type', 'offices.code', 'offices.kind'])
    .where('cases.id', '=', input.caseId)
    .executeTakeFirst()
  if (!theCase) throw notFound('案件')
  const active = new Set(
    (await assignmentsOf(ctx.db, input.caseId)).filter((a) => a.status === 'active').map((a) => a.mediatorId)
  )
  const roster = [...(await loadMediators(ctx.db)).values()].filter((m) => !active.has(m.id))
  const parties = await caseParties(ctx.db, input.caseId)
  const partiesForMatch = parties.map((p) => ({
    name: p.name,
    kind: p.kind,
    idNumber: p.id_number,
    creditCode: p.credit_code,
    roleLabel: PARTY_ROLE_LABELS[p.role as PartyRole]
  }))
  const ranked = rankMediators(
    {
      disputeType: theCase.dispute_type,
      handlingOfficeCode: theCase.code,
      handlingOfficeKind: theCase.kind,
      isCommercial: COMMERCIAL_TYPES.has(theCase.dispute_type),
      hearingDates: input.hearingDates.length > 0 ? input.hearingDates : [chinaDate(ctx.clock.now())]
    },
    roster.map((m) => ({
      id: m.id,
      record: m,
      openCases: m.openCases,
      conflicts: findConflicts(m.conflicts, partiesForMatch)
    })),
    chinaDate(ctx.clock.now())
  )
  const kindOf = new Map(roster.map((m) => [m.id, m.kind]))
  return ranked.map((r) => ({ ...r, kind: kindOf.get(r.id)! }))
}
