/*
 * The steps of mediation that are not documents of their own: starting it,
 * a court referral (which sets the time limit), an extension the parties
 * consented to, termination without agreement (Art. 26) and withdrawal.
 */
import type { CaseDetail } from '../../../../shared/domain/case'
import { REFERRAL_KIND_LABELS } from '../../../../shared/domain/deadline'
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import { TERMINATION_ROUTE_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError, invalidField } from '../../errors'
import { loadCaseDetail } from '../case-detail'
import { addCaseEvent } from '../case-events'
import { changeCase, insertAuthored, moveCase } from './change'
import { deadlinesOf } from './deadline-store'
import { notInFuture, todayOf } from './guards'
import { loadLifecycle } from './read'

const MEDIATING: ReadonlySet<string> = new Set(['accepted', 'in_mediation'])

export async function startMediation(ctx: AppContext, input: ParsedInput<'cases.startMediation'>): Promise<CaseDetail> {
  await changeCase(ctx, 'cases.startMediation', input.caseId, (change) =>
    moveCase(ctx, change, 'in_mediation', 'mediation_started')
  )
  return loadCaseDetail(ctx.db, input.caseId)
}

export async function setReferral(ctx: AppContext, input: ParsedInput<'cases.setReferral'>): Promise<CaseLifecycle> {
  notInFuture(ctx, 'referredOn', input.referredOn, '委派或委托日期')
  await changeCase(ctx, 'cases.setReferral', input.caseId, async (change) => {
    if (!['registered', 'accepted', 'in_mediation'].includes(change.theCase.status)) {
      throw new AppError('CONFLICT', '调解结束后不能再更改法院委派委托情况')
    }
    const { trx, record, now } = change
    const before = await trx
      .selectFrom('case_lifecycle')
      .selectAll()
      .where('case_id', '=', input.caseId)
      .executeTakeFirst()
    const values = {
      referral_kind: input.referralKind,
      referral_court: input.referralKind === 'none' ? null : input.court,
      referred_on: input.referralKind === 'none' ? null : (input.referredOn ?? null)
    }
    if (before) {
      const after = { ...before, ...values, updated_at: now, version: before.version + 1 }
      await trx
        .updateTable('case_lifecycle')
        .set({ ...values, updated_at: now, version: after.version })
        .where('id', '=', before.id)
        .execute()
      record({
        entity: 'case_lifecycle',
        entityId: before.id,
        operation: 'update',
        version: after.version,
        before,
        after
      })
    } else {
      const row = { id: uuidv7(), case_id: input.caseId, ...values, created_at: now, updated_at: now, version: 1 }
      await trx.insertInto('case_lifecycle').values(row).execute()
      record({ entity: 'case_lifecycle', entityId: row.id, operation: 'insert', version: 1, after: row })
    }
    await addCaseEvent(ctx, trx, record, input.caseId, 'referral_set', {
      detail: {
        referralKind: input.referralKind,
        label: REFERRAL_KIND_LABELS[input.referralKind],
        court: values.referral_court
      }
    })
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}

export async function extendMediation(ctx: AppContext, input: ParsedInput<'cases.extend'>): Promise<CaseLifecycle> {
  notInFuture(ctx, 'consentedOn', input.consentedOn, '当事人同意的日期')
  await changeCase(ctx, 'cases.extend', input.caseId, async (change) => {
    if (!MEDIATING.has(change.theCase.status)) {
      throw new AppError('CONFLICT', '只有已受理或调解中的案件才能延长调解期限')
    }
    const current = (await deadlinesOf(change.trx, input.caseId, change.today)).find((d) => d.kind === 'mediation')
    if (!current) throw new AppError('CONFLICT', '案件尚无调解期限')
    if (input.newDueOn <= current.dueOn) {
      throw invalidField('newDueOn', `延长后的期限须晚于现有期限 ${current.dueOn}`)
    }
    await insertAuthored(ctx, change, 'mediation_extensions', {
      previous_due_on: current.dueOn,
      new_due_on: input.newDueOn,
      consented_on: input.consentedOn,
      consent: input.consent
    })
    await addCaseEvent(ctx, change.trx, change.record, input.caseId, 'mediation_extended', {
      reason: input.consent,
      detail: { previousDueOn: current.dueOn, newDueOn: input.newDueOn, consentedOn: input.consentedOn }
    })
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}

export async function failMediation(ctx: AppContext, input: ParsedInput<'cases.fail'>): Promise<CaseDetail> {
  notInFuture(ctx, 'notifiedOn', input.notifiedOn, '告知日期')
  await changeCase(ctx, 'cases.fail', input.caseId, async (change) => {
    const routes = [...new Set(input.routes)]
    await moveCase(ctx, change, 'failed', 'mediation_failed', {
      reason: input.reason,
      detail: { routes, routeLabels: routes.map((r) => TERMINATION_ROUTE_LABELS[r]), notifiedOn: input.notifiedOn }
    })
    await insertAuthored(ctx, change, 'terminations', {
      kind: 'failed' as const,
      reason: input.reason,
      routes: JSON.stringify(routes),
      withdrawn_by: null,
      ended_on: input.notifiedOn
    })
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

export async function withdrawCase(ctx: AppContext, input: ParsedInput<'cases.withdraw'>): Promise<CaseDetail> {
  await changeCase(ctx, 'cases.withdraw', input.caseId, async (change) => {
    await moveCase(ctx, change, 'withdrawn', 'withdrawn', {
      reason: input.reason,
      detail: { withdrawnBy: input.withdrawnBy }
    })
    await insertAuthored(ctx, change, 'terminations', {
      kind: 'withdrawn' as const,
      reason: input.reason,
      routes: '[]',
      withdrawn_by: input.withdrawnBy,
      ended_on: change.today
    })
  })
  return loadCaseDetail(ctx.db, input.caseId)
}
