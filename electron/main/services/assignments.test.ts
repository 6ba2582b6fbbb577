import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerCaseSchema } from '../../../shared/domain/case-input'
import { listMediatorsSchema } from '../../../shared/domain/mediator-input'
import type { IpcResult } from '../../../shared/errors'
import { chooseOffice, creditCode, registration, residentId } from '../../../tests/support/intake-fixtures'
import { addMediator } from '../../../tests/support/roster-fixtures'
import { startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { createHandlerTable, type HandlerTable } from '../ipc/register'
import { services } from './index'

let app: TempApp
let api: HandlerTable
beforeEach(async () => {
  app = await startTempApp()
  api = createHandlerTable(app.ctx)
  await chooseOffice(app, 'wutian')
})
afterEach(async () => app.dispose())

const COMPANY_CODE = creditCode('330304MA2J4L8Q1')

/** A contract dispute whose respondent is a company. */
async function companyCase(companyName = '温州市瓯海区华侨贸易有限公司'): Promise<string> {
  const good = registration({ disputeType: 'contract' })
  const detail = await services['cases.register'](
    app.ctx,
    registerCaseSchema.parse({
      ...good,
      parties: [
        good.parties[0],
        { kind: 'organisation', role: 'respondent', name: companyName, creditCode: COMPANY_CODE }
      ]
    })
  )
  return detail.id
}

function failure(result: IpcResult<unknown>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

describe('conflict of interest', () => {
  it('refuses a mediator whose declared client is a party, names the conflict, and writes nothing', async () => {
    const caseId = await companyCase()
    const expert = await addMediator(app, {
      kind: 'expert',
      profession: 'lawyer',
      name: '周律师',
      conflicts: [
        { name: '温州市瓯海区华侨贸易有限责任公司', idNumber: null, creditCode: null, relation: 'client', note: null }
      ]
    })
    const before = await tableCounts(app)
    const error = failure(await api['assignments.assign']({ caseId, mediatorId: expert.id, role: 'lead' }))
    expect(error.code).toBe('MEDIATOR_CONFLICT')
    expect(error.message).toContain('周律师')
    expect(error.message).toContain('委托人')
    expect(await tableCounts(app)).toEqual(before)

    const ranked = await services['assignments.suggest'](app.ctx, { caseId, hearingDates: [] })
    expect(ranked.find((r) => r.id === expert.id)).toMatchObject({ eligible: false })
  })

  it('assigns with a written override reason, keeping it in the assignment, the timeline and the audit trail', async () => {
    const caseId = await companyCase()
    const expert = await addMediator(app, {
      kind: 'expert',
      profession: 'lawyer',
      name: '周律师',
      conflicts: [
        { name: '另一家公司', idNumber: null, creditCode: COMPANY_CODE, relation: 'client', note: '2023年代理过该公司' }
      ]
    })
    const reason = '该代理关系已于2023年结束，双方当事人书面同意由其调解'
    const list = await services['assignments.assign'](app.ctx, {
      caseId,
      mediatorId: expert.id,
      role: 'lead',
      chosenByParties: false,
      overrideReason: reason
    })
    expect(list).toMatchObject([{ mediatorName: '周律师', overrideReason: reason }])
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'assignments.assign')
      .where('entity', '=', 'assignments')
      .execute()
    expect(audit).toHaveLength(1)
    const summary = JSON.parse(audit[0].summary)
    expect(summary.after.override_reason).toBe(reason)
    expect(summary.after.conflicts[0]).toContain('统一社会信用代码相同')
    const detail = await services['cases.get'](app.ctx, { caseId })
    expect(detail.events.at(-1)).toMatchObject({ kind: 'mediator_assigned', reason })
  })

  it('finds a mediator who stood against this party in an earlier case', async () => {
    const mediatorId = residentId('1970-02-02', 331)
    const earlier = registration()
    await services['cases.register'](
      app.ctx,
      registerCaseSchema.parse({
        ...earlier,
        parties: [
          earlier.parties[0],
          { kind: 'person', role: 'respondent', name: '钱明', idType: 'resident_id', idNumber: mediatorId }
        ]
      })
    )
    const caseId = (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))).id
    const mediator = await addMediator(app, { name: '钱明', idNumber: mediatorId, phone: '13600001111' })
    const error = failure(await api['assignments.assign']({ caseId, mediatorId: mediator.id, role: 'lead' }))
    expect(error.code).toBe('MEDIATOR_CONFLICT')
    expect(error.message).toContain('处于对立一方')
  })

  it('does not take 王玮 for 王伟 when their ID numbers differ', async () => {
    const good = registration()
    const caseId = (
      await services['cases.register'](
        app.ctx,
        registerCaseSchema.parse({
          ...good,
          parties: [{ ...good.parties[0], name: '王伟', idNumber: residentId('1980-01-01', 111) }, good.parties[1]]
        })
      )
    ).id
    const mediator = await addMediator(app, {
      conflicts: [
        { name: '王玮', idNumber: residentId('1981-01-01', 222), creditCode: null, relation: 'relative', note: null }
      ]
    })
    const list = await services['assignments.assign'](app.ctx, {
      caseId,
      mediatorId: mediator.id,
      role: 'lead',
      chosenByParties: false,
      overrideReason: null
    })
    expect(list[0]).toMatchObject({ status: 'active', overrideReason: null })
  })
})

describe('leads, recusal and roster status', () => {
  it('allows one active lead; a recusal replaces it and both stay on the timeline', async () => {
    const caseId = (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))).id
    const first = await addMediator(app)
    const second = await addMediator(app, {
      name: '郑国平',
      idNumber: residentId('1968-10-02', 515),
      phone: '13806779876'
    })
    const [lead] = await services['assignments.assign'](app.ctx, {
      caseId,
      mediatorId: first.id,
      role: 'lead',
      chosenByParties: false,
      overrideReason: null
    })
    expect(failure(await api['assignments.assign']({ caseId, mediatorId: second.id, role: 'lead' })).code).toBe(
      'CONFLICT'
    )

    await services['assignments.recuse'](app.ctx, {
      assignmentId: lead.id,
      reason: '申请人申请回避',
      replacementMediatorId: second.id,
      overrideReason: null
    })
    const detail = await services['cases.get'](app.ctx, { caseId })
    expect(
      detail.events.filter((e) => e.kind.startsWith('mediator')).map((e) => [e.kind, e.detail.mediatorName])
    ).toEqual([
      ['mediator_assigned', '林海燕'],
      ['mediator_recused', '林海燕'],
      ['mediator_assigned', '郑国平']
    ])
    expect(failure(await api['assignments.recuse']({ assignmentId: lead.id, reason: '再次' })).code).toBe('CONFLICT')
  })

  it('refuses a suspended mediator and counts open cases against capacity', async () => {
    const caseId = (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))).id
    const suspended = await addMediator(app, { status: 'suspended' })
    expect(failure(await api['assignments.assign']({ caseId, mediatorId: suspended.id, role: 'lead' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { mediatorId: '调解员“林海燕”不在册，不能指派' }
    })
    const busy = await addMediator(app, {
      name: '郑国平',
      idNumber: residentId('1968-10-02', 515),
      phone: '13806779876',
      capacity: 1
    })
    await services['assignments.assign'](app.ctx, {
      caseId,
      mediatorId: busy.id,
      role: 'lead',
      chosenByParties: false,
      overrideReason: null
    })
    expect((await services['mediators.get'](app.ctx, { id: busy.id })).openCases).toBe(1)
    // The roster list counts every mediator's open cases in one query: the same figure.
    const roster = await services['mediators.list'](app.ctx, listMediatorsSchema.parse({}))
    expect(roster.rows.find((m) => m.id === busy.id)?.openCases).toBe(1)
    expect(roster.rows.filter((m) => m.id !== busy.id).every((m) => m.openCases === 0)).toBe(true)
  })
})
