/*
 * Random sequences of what a clerk or mediator may do to one case, run
 * through the real services on a real store: whatever the order, every step
 * either succeeds along an edge of the status machine or is refused with a
 * clear error and writes nothing, and the timeline's status chain holds.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CASE_STATUSES, type CaseStatus } from '../../../../shared/domain/case'
import { canTransition } from '../../../../shared/rules/case-status'
import { tableCounts } from '../../../../tests/support/temp-app'
import { api, app, register, useFreshApp } from '../../../../tests/support/case-harness'
import { chooseOffice } from '../../../../tests/support/intake-fixtures'
import { followUp, mediationRecord, writtenAgreement } from '../../../../tests/support/lifecycle-fixtures'

useFreshApp()

const ACTIONS = [
  'accept',
  'decline',
  'start',
  'record',
  'agree',
  'fail',
  'withdraw',
  'followUp',
  'markTerm',
  'close',
  'archive',
  'setRisk'
] as const
type Action = (typeof ACTIONS)[number]

async function perform(action: Action, caseId: string) {
  switch (action) {
    case 'accept':
      return api['cases.accept']({ caseId })
    case 'decline':
      return api['cases.decline']({ caseId, reason: 'already_handled', route: '向人民法院提起诉讼' })
    case 'start':
      return api['cases.startMediation']({ caseId })
    case 'record':
      return api['records.add'](mediationRecord(caseId, { result: 'continued' }))
    case 'agree':
      return api['agreements.create'](writtenAgreement(caseId))
    case 'fail':
      return api['cases.fail']({ caseId, reason: '分歧过大', routes: ['court'], notifiedOn: '2026-11-29' })
    case 'withdraw':
      return api['cases.withdraw']({ caseId, withdrawnBy: '申请人', reason: '自行和解' })
    case 'followUp':
      return api['followUps.add'](followUp(caseId))
    case 'markTerm': {
      const l = await api['lifecycle.get']({ caseId })
      const term = l.ok ? l.data.agreement?.terms.find((t) => !t.performedOn) : undefined
      return api['agreements.markTerm']({
        termId: term?.id ?? '0190a1b2-0000-7000-8000-000000000000',
        performedOn: '2026-11-29'
      })
    }
    case 'close':
      return api['cases.close']({ caseId, result: '结案' })
    case 'archive':
      return api['cases.archive']({ caseId, retention: 'short', filedBy: '郑晓丽' })
    case 'setRisk':
      return api['cases.setRisk']({ caseId, riskLevel: 'red', reason: '复核' })
  }
}

async function statusOf(caseId: string): Promise<CaseStatus> {
  const row = await app.ctx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
  return row.status as CaseStatus
}

describe('the status machine under random use', () => {
  it('every step moves along an allowed edge or is refused cleanly, writing nothing', async () => {
    await chooseOffice(app, 'wutian')
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 12 }), async (actions) => {
        const caseId = (await register()).id
        for (const action of actions) {
          const from = await statusOf(caseId)
          const before = await tableCounts(app)
          const result = await perform(action, caseId)
          const to = await statusOf(caseId)
          expect(CASE_STATUSES).toContain(to)
          if (result.ok) {
            if (to !== from) expect(canTransition(from, to), `${action}: ${from} → ${to}`).toBe(true)
          } else {
            expect(['CONFLICT', 'VALIDATION_FAILED', 'NOT_FOUND'], result.error.message).toContain(result.error.code)
            expect(result.error.message).toMatch(/[\u4e00-\u9fff]/)
            expect(await tableCounts(app)).toEqual(before)
            expect(to).toBe(from)
          }
          if (from === 'archived') expect(result.ok).toBe(false)
        }
        // The timeline's status chain has no gaps, and nothing is due on an ended case.
        const events = await app.ctx.db
          .selectFrom('case_events')
          .select(['from_status', 'to_status'])
          .where('case_id', '=', caseId)
          .where('to_status', 'is not', null)
          .orderBy('id')
          .execute()
        for (const [i, e] of events.entries()) if (i > 0) expect(e.from_status).toBe(events[i - 1].to_status)
        const status = await statusOf(caseId)
        const due = await app.ctx.db.selectFrom('case_due').select('case_id').where('case_id', '=', caseId).execute()
        if (['closed', 'archived', 'declined', 'failed', 'withdrawn'].includes(status)) expect(due).toEqual([])
      }),
      { numRuns: 25 }
    )
  }, 120_000)
})
