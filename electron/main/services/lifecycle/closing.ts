/*
 * The end of a case: the closing report (结案报告表) once the outcome and any
 * required follow-up exist, filing (归档) after which the case is read-only,
 * and amendments to an archived case — each with its reason, audited with
 * the values before and after, and on the timeline. Never a silent edit.
 */
import { CASE_STATUS_LABELS, type CaseDetail, type CaseStatus } from '../../../../shared/domain/case'
import { RETENTION_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { archiveBlocker, closeBlocker } from '../../../../shared/rules/case-status-closing'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { loadCaseDetail } from '../case-detail'
import { addCaseEvent } from '../case-events'
import { caseForUpdate, updateCase } from '../cases'
import { writeChange } from '../write'
import { changeCase, insertAuthored, leadMediatorName, moveCase } from './change'
import { refreshCaseDue } from './deadline-store'
import { todayOf } from './guards'

export async function closeCase(ctx: AppContext, input: ParsedInput<'cases.close'>): Promise<CaseDetail> {
  await changeCase(ctx, 'cases.close', input.caseId, async (change) => {
    const { trx } = change
    const terms = await trx
      .selectFrom('agreement_terms')
      .select('performed_on')
      .where('case_id', '=', input.caseId)
      .execute()
    const followUps = await trx.selectFrom('follow_ups').select('id').where('case_id', '=', input.caseId).execute()
    const outcome = change.theCase.status as CaseStatus
    const blocker = closeBlocker({
      status: outcome,
      allTermsPerformed: terms.length > 0 && terms.every((t) => t.performed_on),
      followUps: followUps.length
    })
    if (blocker) throw new AppError('CONFLICT', blocker)
    const report = await insertAuthored(ctx, change, 'closing_reports', {
      closed_on: change.today,
      outcome,
      result: input.result,
      mediator_name: await leadMediatorName(trx, input.caseId),
      note: input.note
    })
    await moveCase(ctx, change, 'closed', 'closed', {
      detail: { reportId: report.id, outcome: CASE_STATUS_LABELS[outcome], closedOn: change.today }
    })
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

export async function archiveCase(ctx: AppContext, input: ParsedInput<'cases.archive'>): Promise<CaseDetail> {
  await changeCase(ctx, 'cases.archive', input.caseId, async (change) => {
    const blocker = archiveBlocker(change.theCase.status as CaseStatus)
    if (blocker) throw new AppError('CONFLICT', blocker)
    await insertAuthored(ctx, change, 'case_archives', {
      archived_on: change.today,
      retention: input.retention,
      filed_by: input.filedBy,
      note: input.note
    })
    await moveCase(ctx, change, 'archived', 'archived', {
      detail: { retention: RETENTION_LABELS[input.retention], filedBy: input.filedBy, archivedOn: change.today }
    })
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

const AMENDABLE_FIELDS = {
  summary: 'summary',
  occurredOn: 'occurred_on',
  placeTownship: 'place_township',
  placeVillage: 'place_village'
} as const

export async function amendCase(ctx: AppContext, input: ParsedInput<'cases.amend'>): Promise<CaseDetail> {
  await writeChange(ctx, 'cases.amend', async (trx, record) => {
    const before = await caseForUpdate(trx, input.caseId)
    if (before.status !== 'archived') {
      throw new AppError('CONFLICT', '归档后更正只用于已归档的案件；未归档的案件请直接办理')
    }
    const now = ctx.clock.now().toISOString()
    const changed: Record<string, { before: unknown; after: unknown }> = {}
    const updates: Record<string, string | null> = {}
    for (const [field, column] of Object.entries(AMENDABLE_FIELDS) as Array<
      [keyof typeof AMENDABLE_FIELDS, (typeof AMENDABLE_FIELDS)[keyof typeof AMENDABLE_FIELDS]]
    >) {
      const value = input[field]
      if (value === undefined || value === before[column]) continue
      changed[field] = { before: before[column], after: value }
      updates[column] = value
    }
    if (Object.keys(updates).length > 0) {
      await updateCase(trx, record, before, updates, now)
    }
    const row = {
      id: uuidv7(),
      case_id: before.id,
      author_id: ctx.actor.id,
      author_name: ctx.actor.displayName,
      reason: input.reason,
      changes: JSON.stringify(changed),
      note: input.note,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('case_amendments').values(row).execute()
    record({ entity: 'case_amendments', entityId: row.id, operation: 'insert', version: 1, after: row })
    await addCaseEvent(ctx, trx, record, before.id, 'amended', {
      reason: input.reason,
      detail: { amendmentId: row.id, changes: changed, note: input.note }
    })
    await refreshCaseDue(trx, before.id, todayOf(ctx))
  })
  return loadCaseDetail(ctx.db, input.caseId)
}
