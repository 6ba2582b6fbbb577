/*
 * Follow-up visits (回访, Art. 31): date, way, who was visited, performance
 * (full, partial, none, with amounts), satisfaction, signs of escalation and
 * measures taken, and the terms performed since. The first visit moves the
 * case from 达成协议 to 回访中.
 */
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import { FOLLOW_UP_METHOD_LABELS, PERFORMANCE_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError, invalidField } from '../../errors'
import { addCaseEvent } from '../case-events'
import { markTermsPerformed } from './agreements'
import { changeCase, insertAuthored, moveCase } from './change'
import { notInFuture, todayOf } from './guards'
import { loadLifecycle } from './read'

export async function addFollowUp(ctx: AppContext, input: ParsedInput<'followUps.add'>): Promise<CaseLifecycle> {
  notInFuture(ctx, 'visitedOn', input.visitedOn, '回访日期')
  await changeCase(ctx, 'followUps.add', input.caseId, async (change) => {
    const { trx } = change
    const agreement = await trx
      .selectFrom('agreements')
      .select(['id', 'effective_on', 'amount_cents'])
      .where('case_id', '=', input.caseId)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (!agreement || !['agreement', 'follow_up'].includes(change.theCase.status)) {
      throw new AppError('CONFLICT', '案件尚未达成调解协议，不能回访')
    }
    if (input.visitedOn < agreement.effective_on) {
      throw invalidField('visitedOn', `回访日期不能早于协议生效日期 ${agreement.effective_on}`)
    }
    if (input.performedAmountCents != null && input.performedAmountCents > agreement.amount_cents) {
      throw invalidField('performedAmountCents', '已履行金额不能超过协议金额')
    }
    input.termsPerformed.forEach((mark, index) => {
      if (mark.performedOn > input.visitedOn) {
        throw invalidField(`termsPerformed.${index}.performedOn`, '履行日期不能晚于回访日期')
      }
    })
    const performed = await markTermsPerformed(
      ctx,
      change,
      input.termsPerformed.map((mark, index) => ({ ...mark, field: (name) => `termsPerformed.${index}.${name}` }))
    )
    const open = await trx
      .selectFrom('agreement_terms')
      .select('number')
      .where('agreement_id', '=', agreement.id)
      .where('performed_on', 'is', null)
      .execute()
    if (input.performance === 'full' && open.length > 0) {
      throw invalidField(
        'performance',
        `第 ${open.map((t) => t.number).join('、')} 项尚未记为履行，不能记为“已全部履行”`
      )
    }
    if (change.theCase.status === 'agreement') {
      await moveCase(ctx, change, 'follow_up', 'follow_up', {
        detail: {
          visitedOn: input.visitedOn,
          method: FOLLOW_UP_METHOD_LABELS[input.method],
          performance: PERFORMANCE_LABELS[input.performance]
        }
      })
    } else {
      await addCaseEvent(ctx, trx, change.record, input.caseId, 'follow_up', {
        detail: {
          visitedOn: input.visitedOn,
          method: FOLLOW_UP_METHOD_LABELS[input.method],
          performance: PERFORMANCE_LABELS[input.performance]
        }
      })
    }
    await insertAuthored(ctx, change, 'follow_ups', {
      agreement_id: agreement.id,
      visited_on: input.visitedOn,
      method: input.method,
      visited_party: input.visitedParty,
      performance: input.performance,
      performed_amount_cents:
        input.performance === 'full'
          ? agreement.amount_cents
          : input.performance === 'none'
            ? 0
            : input.performedAmountCents,
      satisfaction: input.satisfaction,
      escalation_signs: input.escalationSigns,
      measures: input.measures,
      court_outcome: input.courtOutcome,
      visitor_name: input.visitorName,
      terms_performed: JSON.stringify(performed)
    })
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}
