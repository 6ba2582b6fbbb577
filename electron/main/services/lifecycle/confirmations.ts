/*
 * Judicial confirmation (司法确认): the parties' joint application within the
 * window after the agreement takes effect (counted as shared/rules/deadlines.ts
 * says), then the court's acceptance and ruling.
 */
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import { RULING_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { confirmationDue } from '../../../../shared/rules/deadlines'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import { addCaseEvent } from '../case-events'
import { changeCase, insertAuthored } from './change'
import { calendarFor, deadlineSettings } from './deadline-store'
import { notInFuture, todayOf } from './guards'
import { loadLifecycle } from './read'

const CONFIRMABLE: ReadonlySet<string> = new Set(['agreement', 'follow_up', 'closed'])

export async function applyConfirmation(
  ctx: AppContext,
  input: ParsedInput<'confirmations.apply'>
): Promise<CaseLifecycle> {
  notInFuture(ctx, 'appliedOn', input.appliedOn, '申请日期')
  await changeCase(ctx, 'confirmations.apply', input.caseId, async (change) => {
    const { trx } = change
    const agreement = await trx
      .selectFrom('agreements')
      .select(['id', 'effective_on'])
      .where('case_id', '=', input.caseId)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (!agreement || !CONFIRMABLE.has(change.theCase.status)) {
      throw new AppError('CONFLICT', '案件尚未达成调解协议，不能申请司法确认')
    }
    const pending = await trx
      .selectFrom('judicial_confirmations')
      .select('id')
      .where('agreement_id', '=', agreement.id)
      .where((eb) => eb.or([eb('ruling', 'is', null), eb('ruling', '=', 'confirmed')]))
      .executeTakeFirst()
    if (pending) throw new AppError('CONFLICT', '本协议已申请司法确认，请记录法院的受理和裁定结果')
    if (input.appliedOn < agreement.effective_on) {
      throw invalidField('appliedOn', `申请日期不能早于协议生效日期 ${agreement.effective_on}`)
    }
    const due = confirmationDue(
      await calendarFor(trx, agreement.effective_on, change.today),
      agreement.effective_on,
      await deadlineSettings(trx)
    )
    if (input.appliedOn > due) {
      throw invalidField('appliedOn', `已超过申请期限（协议生效后至 ${due}），法院不予受理`)
    }
    const row = await insertAuthored(ctx, change, 'judicial_confirmations', {
      agreement_id: agreement.id,
      applied_on: input.appliedOn,
      court: input.court,
      jointly: 1 as const,
      accepted_on: null,
      ruling: null,
      ruled_on: null,
      ruling_number: null,
      note: input.note
    })
    await addCaseEvent(ctx, trx, change.record, input.caseId, 'confirmation_applied', {
      detail: { confirmationId: row.id, court: input.court, appliedOn: input.appliedOn }
    })
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}

export async function recordRuling(
  ctx: AppContext,
  input: ParsedInput<'confirmations.recordRuling'>
): Promise<CaseLifecycle> {
  notInFuture(ctx, 'acceptedOn', input.acceptedOn, '受理日期')
  notInFuture(ctx, 'ruledOn', input.ruledOn, '裁定日期')
  const found = await ctx.db
    .selectFrom('judicial_confirmations')
    .select('case_id')
    .where('id', '=', input.confirmationId)
    .executeTakeFirst()
  if (!found) throw notFound('司法确认申请')
  await changeCase(ctx, 'confirmations.recordRuling', found.case_id, async (change) => {
    const before = await change.trx
      .selectFrom('judicial_confirmations')
      .selectAll()
      .where('id', '=', input.confirmationId)
      .executeTakeFirstOrThrow()
    if (before.ruling) throw new AppError('CONFLICT', '法院已作出裁定，不能再更改')
    const acceptedOn = input.acceptedOn ?? before.accepted_on
    if (acceptedOn && acceptedOn < before.applied_on) {
      throw invalidField('acceptedOn', '受理日期不能早于申请日期')
    }
    if (input.ruledOn && input.ruledOn < (acceptedOn ?? before.applied_on)) {
      throw invalidField('ruledOn', '裁定日期不能早于受理或申请日期')
    }
    const changes = {
      accepted_on: acceptedOn,
      ruling: input.ruling ?? null,
      ruled_on: input.ruledOn ?? null,
      ruling_number: input.rulingNumber,
      note: input.note ?? before.note
    }
    const after = { ...before, ...changes, updated_at: change.now, version: before.version + 1 }
    await change.trx
      .updateTable('judicial_confirmations')
      .set({ ...changes, updated_at: change.now, version: after.version })
      .where('id', '=', before.id)
      .execute()
    change.record({
      entity: 'judicial_confirmations',
      entityId: before.id,
      operation: 'update',
      version: after.version,
      before,
      after
    })
    await addCaseEvent(ctx, change.trx, change.record, found.case_id, 'confirmation_ruled', {
      detail: {
        confirmationId: before.id,
        court: before.court,
        acceptedOn,
        ruling: changes.ruling,
        rulingLabel: changes.ruling ? RULING_LABELS[changes.ruling] : null,
        ruledOn: changes.ruled_on,
        rulingNumber: changes.ruling_number
      }
    })
  })
  return loadLifecycle(ctx.db, found.case_id, todayOf(ctx))
}
