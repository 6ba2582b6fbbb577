/*
 * Investigation records (调查记录) and mediation records (调解记录). Several
 * per case, each dated and authored, linked to a hearing when one was held.
 * The first mediation record of an accepted case starts mediation (已受理 →
 * 调解中) in the same transaction: the record itself proves it has begun, and
 * the mediator should not have to press a second button for it.
 */
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import { RECORD_KIND_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import { AppError, invalidField } from '../../errors'
import { addCaseEvent } from '../case-events'
import { changeCase, insertAuthored, moveCase } from './change'
import { notInFuture, todayOf } from './guards'
import { loadLifecycle } from './read'

const RECORDABLE: ReadonlySet<string> = new Set(['accepted', 'in_mediation'])

export async function addRecord(ctx: AppContext, input: ParsedInput<'records.add'>): Promise<CaseLifecycle> {
  notInFuture(ctx, 'heldAt', input.heldAt.slice(0, 10), '记录时间')
  await changeCase(ctx, 'records.add', input.caseId, async (change) => {
    if (!RECORDABLE.has(change.theCase.status)) {
      throw new AppError('CONFLICT', '只有已受理或调解中的案件才能制作调查记录或调解记录')
    }
    if (input.hearingId) {
      const hearing = await change.trx
        .selectFrom('hearings')
        .select(['id', 'case_id'])
        .where('id', '=', input.hearingId)
        .executeTakeFirst()
      if (!hearing || hearing.case_id !== input.caseId) throw invalidField('hearingId', '本案没有这次调解排期')
    }
    if (input.kind === 'mediation' && change.theCase.status === 'accepted') {
      await moveCase(ctx, change, 'in_mediation', 'mediation_started', { detail: { byFirstRecord: true } })
    }
    const common = {
      kind: input.kind,
      hearing_id: input.hearingId ?? null,
      held_at: input.heldAt,
      place: input.place,
      recorder: input.recorder
    }
    const row =
      input.kind === 'investigation'
        ? await insertAuthored(ctx, change, 'case_records', {
            ...common,
            investigator: input.investigator,
            person_questioned: input.personQuestioned,
            content: input.content,
            subject: null,
            participants: null,
            parties_present: null,
            rights_explained: 0 as const,
            statements: '[]',
            evidence_checked: null,
            risk_warnings: null,
            result: null,
            result_note: null
          })
        : await insertAuthored(ctx, change, 'case_records', {
            ...common,
            investigator: null,
            person_questioned: null,
            content: null,
            subject: input.subject,
            participants: input.participants,
            parties_present: input.partiesPresent,
            rights_explained: 1 as const,
            statements: JSON.stringify(input.statements),
            evidence_checked: input.evidenceChecked,
            risk_warnings: input.riskWarnings,
            result: input.result,
            result_note: input.resultNote
          })
    await addCaseEvent(ctx, change.trx, change.record, input.caseId, 'record_added', {
      detail: { recordId: row.id, kind: input.kind, label: RECORD_KIND_LABELS[input.kind], heldAt: input.heldAt }
    })
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}
