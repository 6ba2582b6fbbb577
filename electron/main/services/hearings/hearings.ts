/*
 * Scheduling and the life of a session: schedule and reschedule (checked
 * by the clash rule as the final word, inside the write), postpone and
 * cancel with a reason, mark held, and record each party's notification.
 * Every change is one audited write and a case event on the timeline. A
 * session's mediators and parties belong to it: they are replaced with it
 * and recorded with it, before and after, as a roster entry's children are.
 */
import { HEARING_KIND_LABELS, type Hearing, type HearingStatus } from '../../../../shared/domain/hearing'
import type { CaseEventKind } from '../../../../shared/domain/case'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { ClashKind, ClashReport } from '../../../../shared/rules/hearing-clash'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import { addCaseEvent } from '../case-events'
import { writeChange, type RecordChange, type Trx } from '../write'
import { loadHearing } from './hearing-store'
import { planHearing, type HearingPlan } from './hearing-plan'

type DraftInput = ParsedInput<'hearings.schedule'> | ParsedInput<'hearings.reschedule'>

/** Which form field a hard clash belongs beside. */
const CLASH_FIELD: Partial<Record<ClashKind, string>> = {
  mediator: 'leadMediatorId',
  leave: 'leadMediatorId',
  expert: 'expertIds',
  party: 'partyIds',
  room: 'roomId'
}

/** Hard clashes refuse; warnings refuse until confirmed. Nothing is written either way. */
function refuseUnlessClear(report: ClashReport, confirmed: boolean): void {
  if (report.hard.length > 0) {
    const fields: Record<string, string> = {}
    for (const c of report.hard) {
      const field = CLASH_FIELD[c.kind] ?? 'startsAt'
      fields[field] = fields[field] ? `${fields[field]}；${c.message}` : c.message
    }
    throw new AppError('HEARING_OVERLAP', `排期冲突：${report.hard.map((c) => c.message).join('；')}`, fields)
  }
  if (report.soft.length > 0 && !confirmed) {
    const text = report.soft.map((c) => c.message).join('；')
    throw new AppError('CONFLICT', `请确认后再安排：${text}`, { confirmWarnings: text })
  }
}

async function childRows(trx: Trx, hearingId: string) {
  const mediators = await trx
    .selectFrom('hearing_mediators')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .orderBy('id')
    .execute()
  const parties = await trx
    .selectFrom('hearing_parties')
    .selectAll()
    .where('hearing_id', '=', hearingId)
    .orderBy('id')
    .execute()
  return { mediators, parties }
}

async function hearingRow(trx: Trx, id: string) {
  const row = await trx.selectFrom('hearings').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('调解会')
  return row
}

/** Write the people and parties of a plan; parties keep their notification if `keepNotified` has them. */
async function writeChildren(
  trx: Trx,
  hearingId: string,
  plan: HearingPlan,
  input: DraftInput,
  now: string,
  keepNotified: Map<string, { notified_at: string | null; notified_how: string | null; notified_note: string | null }>
): Promise<void> {
  const tracked = { created_at: now, updated_at: now, version: 1 }
  const people = [
    { mediator_id: input.leadMediatorId, role: 'lead' as const },
    ...input.assistantIds.map((id) => ({ mediator_id: id, role: 'assistant' as const })),
    ...input.expertIds.map((id) => ({ mediator_id: id, role: 'expert' as const }))
  ]
  await trx
    .insertInto('hearing_mediators')
    .values(people.map((p) => ({ id: uuidv7(), hearing_id: hearingId, ...p, ...tracked })))
    .execute()
  await trx
    .insertInto('hearing_parties')
    .values(
      input.partyIds.map((partyId) => ({
        id: uuidv7(),
        hearing_id: hearingId,
        party_id: partyId,
        party_key: plan.partyKeys.get(partyId)!,
        notified_at: null,
        notified_how: null,
        notified_note: null,
        ...keepNotified.get(partyId),
        ...tracked
      }))
    )
    .execute()
}

const when = (h: { starts_at: string; ends_at: string }) => `${h.starts_at.replace('T', ' ')}–${h.ends_at.slice(11)}`

/** The columns a scheduled or rescheduled session takes from the form and its plan (a session set again is scheduled again). */
function draftColumns(input: ParsedInput<'hearings.schedule'> | ParsedInput<'hearings.reschedule'>, plan: HearingPlan) {
  return {
    office_id: plan.officeId,
    kind: input.kind,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    place_kind: input.placeKind,
    room_id: plan.candidate.roomId,
    address: input.placeKind === 'onsite' ? input.address : null,
    video_link: input.placeKind === 'video' ? input.videoLink : null,
    purpose: input.purpose,
    bring: JSON.stringify(input.bring),
    status: 'scheduled' as const
  }
}

export async function scheduleHearing(ctx: AppContext, input: ParsedInput<'hearings.schedule'>): Promise<Hearing> {
  const id = await writeChange(ctx, 'hearings.schedule', async (trx, record) => {
    const plan = await planHearing(trx, input)
    refuseUnlessClear(plan.report, input.confirmWarnings)
    const now = ctx.clock.now().toISOString()
    const row = {
      id: uuidv7(),
      case_id: input.caseId,
      ...draftColumns(input, plan),
      status_reason: null,
      record_id: null,
      held_note: null,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('hearings').values(row).execute()
    await writeChildren(trx, row.id, plan, input, now, new Map())
    const after = {
      ...row,
      ...(await childRows(trx, row.id)),
      warningsConfirmed: plan.report.soft.map((c) => c.message)
    }
    record({ entity: 'hearings', entityId: row.id, operation: 'insert', version: 1, after })
    await addCaseEvent(ctx, trx, record, input.caseId, 'hearing_scheduled', {
      detail: {
        hearingId: row.id,
        kindLabel: HEARING_KIND_LABELS[input.kind],
        when: when(row),
        place: plan.candidate.roomName ?? input.address ?? input.videoLink,
        mediators: plan.candidate.mediators.map((m) => m.name),
        warnings: plan.report.soft.map((c) => c.message)
      }
    })
    return row.id
  })
  return loadHearing(ctx.db, id)
}

export async function rescheduleHearing(ctx: AppContext, input: ParsedInput<'hearings.reschedule'>): Promise<Hearing> {
  await writeChange(ctx, 'hearings.reschedule', async (trx, record) => {
    const before = await hearingRow(trx, input.id)
    if (before.status !== 'scheduled' && before.status !== 'postponed') {
      throw new AppError('CONFLICT', '只有已安排或已延期的调解会可以改期')
    }
    const plan = await planHearing(trx, { ...input, caseId: before.case_id })
    refuseUnlessClear(plan.report, input.confirmWarnings)
    const now = ctx.clock.now().toISOString()
    const beforeChildren = await childRows(trx, before.id)
    const after = {
      ...before,
      ...draftColumns(input, plan),
      status_reason: input.reason,
      updated_at: now,
      version: before.version + 1
    }
    await trx.updateTable('hearings').set(after).where('id', '=', before.id).execute()
    // Parties told of the old time or place must be told again; otherwise their notification stands.
    const moved =
      after.starts_at !== before.starts_at ||
      after.ends_at !== before.ends_at ||
      after.room_id !== before.room_id ||
      after.address !== before.address ||
      after.video_link !== before.video_link
    const keep = new Map(
      moved
        ? []
        : beforeChildren.parties.map((p) => [
            p.party_id,
            { notified_at: p.notified_at, notified_how: p.notified_how, notified_note: p.notified_note }
          ])
    )
    await trx.deleteFrom('hearing_mediators').where('hearing_id', '=', before.id).execute()
    await trx.deleteFrom('hearing_parties').where('hearing_id', '=', before.id).execute()
    await writeChildren(trx, before.id, plan, input, now, keep)
    record({
      entity: 'hearings',
      entityId: before.id,
      operation: 'update',
      version: after.version,
      before: { ...before, ...beforeChildren },
      after: {
        ...after,
        ...(await childRows(trx, before.id)),
        warningsConfirmed: plan.report.soft.map((c) => c.message)
      }
    })
    await addCaseEvent(ctx, trx, record, before.case_id, 'hearing_rescheduled', {
      reason: input.reason,
      detail: {
        hearingId: before.id,
        kindLabel: HEARING_KIND_LABELS[input.kind],
        from: when(before),
        to: when(after),
        place: plan.candidate.roomName ?? after.address ?? after.video_link,
        warnings: plan.report.soft.map((c) => c.message)
      }
    })
  })
  return loadHearing(ctx.db, input.id)
}

/** A status change with its reason: one row updated, one event. */
async function changeStatus(
  ctx: AppContext,
  action: string,
  id: string,
  allowed: HearingStatus[],
  refusal: string,
  change: { status: HearingStatus; reason: string | null; event: CaseEventKind; set?: Record<string, string | null> }
): Promise<Hearing> {
  await writeChange(ctx, action, async (trx, record: RecordChange) => {
    const before = await hearingRow(trx, id)
    if (!allowed.includes(before.status)) throw new AppError('CONFLICT', refusal)
    const now = ctx.clock.now().toISOString()
    const after = {
      ...before,
      status: change.status,
      status_reason: change.reason,
      ...change.set,
      updated_at: now,
      version: before.version + 1
    }
    await trx.updateTable('hearings').set(after).where('id', '=', id).execute()
    record({ entity: 'hearings', entityId: id, operation: 'update', version: after.version, before, after })
    await addCaseEvent(ctx, trx, record, before.case_id, change.event, {
      reason: change.reason,
      detail: { hearingId: id, kindLabel: HEARING_KIND_LABELS[before.kind], when: when(before), ...change.set }
    })
  })
  return loadHearing(ctx.db, id)
}

export function postponeHearing(ctx: AppContext, input: ParsedInput<'hearings.postpone'>): Promise<Hearing> {
  return changeStatus(ctx, 'hearings.postpone', input.id, ['scheduled'], '只有已安排的调解会可以延期', {
    status: 'postponed',
    reason: input.reason,
    event: 'hearing_postponed'
  })
}

export function cancelHearing(ctx: AppContext, input: ParsedInput<'hearings.cancel'>): Promise<Hearing> {
  return changeStatus(
    ctx,
    'hearings.cancel',
    input.id,
    ['scheduled', 'postponed'],
    '该调解会已召开或已取消，不能取消',
    {
      status: 'cancelled',
      reason: input.reason,
      event: 'hearing_cancelled'
    }
  )
}

export function markHearingHeld(ctx: AppContext, input: ParsedInput<'hearings.markHeld'>): Promise<Hearing> {
  return changeStatus(ctx, 'hearings.markHeld', input.id, ['scheduled'], '只有已安排的调解会可以记为已召开', {
    status: 'held',
    reason: null,
    event: 'hearing_held',
    set: { held_note: input.note, record_id: input.recordId }
  })
}

export async function markPartyNotified(
  ctx: AppContext,
  input: ParsedInput<'hearings.markNotified'>
): Promise<Hearing> {
  await writeChange(ctx, 'hearings.markNotified', async (trx, record) => {
    const hearing = await hearingRow(trx, input.id)
    if (hearing.status !== 'scheduled') throw new AppError('CONFLICT', '只有已安排的调解会需要通知当事人')
    const before = await trx
      .selectFrom('hearing_parties')
      .innerJoin('parties', 'parties.id', 'hearing_parties.party_id')
      .selectAll('hearing_parties')
      .select('parties.name')
      .where('hearing_id', '=', input.id)
      .where('party_id', '=', input.partyId)
      .executeTakeFirst()
    if (!before) throw invalidField('partyId', '该当事人不在本次调解会的应到名单中')
    const now = ctx.clock.now().toISOString()
    const { name, ...row } = before
    const after = {
      ...row,
      notified_at: input.at ? new Date(input.at).toISOString() : now,
      notified_how: input.how,
      notified_note: input.note,
      updated_at: now,
      version: row.version + 1
    }
    await trx.updateTable('hearing_parties').set(after).where('id', '=', row.id).execute()
    record({
      entity: 'hearing_parties',
      entityId: row.id,
      operation: 'update',
      version: after.version,
      before: { ...row, case_id: hearing.case_id },
      after: { ...after, case_id: hearing.case_id }
    })
    await addCaseEvent(ctx, trx, record, hearing.case_id, 'hearing_notified', {
      reason: input.note,
      detail: { hearingId: input.id, partyName: name, how: input.how, when: when(hearing) }
    })
  })
  return loadHearing(ctx.db, input.id)
}
