import { describe, expect, it } from 'vitest'
import { tableCounts } from '../../../../tests/support/temp-app'
import {
  accept,
  api,
  app,
  clock,
  failure,
  ok,
  register,
  trail,
  useFreshApp
} from '../../../../tests/support/case-harness'
import { chooseOffice } from '../../../../tests/support/intake-fixtures'
import {
  acceptedCase,
  caseWithAgreement,
  followUp,
  investigationRecord,
  mediationRecord,
  writtenAgreement
} from '../../../../tests/support/lifecycle-fixtures'
import { addMediator } from '../../../../tests/support/roster-fixtures'
import { ARCHIVED_MESSAGE } from './guards'

useFreshApp()

describe('a case from the first session to the archive', () => {
  it('records, agreement, follow-up, confirmation, closing, archive and an amendment, each with its event', async () => {
    const caseId = await acceptedCase(app)
    const lead = await addMediator(app)
    ok(await api['assignments.assign']({ caseId, mediatorId: lead.id, role: 'lead', chosenByParties: false }))

    ok(await api['records.add'](investigationRecord(caseId)))
    expect(ok(await api['cases.get']({ caseId })).status).toBe('accepted')
    ok(await api['records.add'](mediationRecord(caseId)))
    expect(ok(await api['cases.get']({ caseId })).status).toBe('in_mediation')

    const agreed = ok(await api['agreements.create'](writtenAgreement(caseId)))
    expect(agreed.agreement).toMatchObject({ caseNumber: '(2026)瓯海梧田调字第1号', copies: 3, signedOn: '2026-11-27' })
    const [first, second] = agreed.agreement!.terms
    // Closing needs the follow-up first: the first term is not performed yet.
    expect(agreed).toMatchObject({ canClose: false, closeBlocker: expect.stringContaining('须先回访') })
    expect(failure(await api['cases.close']({ caseId, result: '调解成功' }))).toMatchObject({ code: 'CONFLICT' })

    const visited = ok(
      await api['followUps.add'](
        followUp(caseId, { termsPerformed: [{ termId: second.id, performedOn: '2026-11-28' }] })
      )
    )
    expect(visited.agreement!.terms.map((t) => t.performedOn)).toEqual([null, '2026-11-28'])
    expect(visited.deadlines.find((d) => d.kind === 'follow_up')).toMatchObject({ state: 'met', metOn: '2026-11-29' })
    ok(await api['agreements.markTerm']({ termId: first.id, performedOn: '2026-11-29' }))

    const applied = ok(
      await api['confirmations.apply']({
        caseId,
        appliedOn: '2026-11-28',
        court: '温州市瓯海区人民法院',
        jointly: true
      })
    )
    ok(
      await api['confirmations.recordRuling']({
        confirmationId: applied.confirmations[0].id,
        acceptedOn: '2026-11-28',
        ruling: 'confirmed',
        ruledOn: '2026-11-29',
        rulingNumber: '(2026)浙0304民特88号'
      })
    )

    const closed = ok(await api['cases.close']({ caseId, result: '双方达成协议并已全部履行，法院裁定确认' }))
    expect(closed.status).toBe('closed')
    const report = ok(await api['lifecycle.get']({ caseId })).closing
    expect(report).toMatchObject({ closedOn: '2026-11-29', outcome: 'follow_up', mediatorName: '林海燕' })

    const archived = ok(await api['cases.archive']({ caseId, retention: 'long', filedBy: '郑晓丽' }))
    expect(archived.status).toBe('archived')
    expect(archived.events.map((e) => e.kind)).toEqual([
      'registered',
      'accepted',
      'mediator_assigned',
      'record_added',
      'mediation_started',
      'record_added',
      'agreement_reached',
      'term_performed',
      'follow_up',
      'term_performed',
      'confirmation_applied',
      'confirmation_ruled',
      'closed',
      'archived'
    ])
    // The status chain on the timeline has no gaps.
    const moves = archived.events.filter((e) => e.toStatus)
    for (const [i, e] of moves.entries()) if (i > 0) expect(e.fromStatus).toBe(moves[i - 1].toStatus)

    // Archived: read-only, except an amendment with its reason.
    const before = await tableCounts(app)
    for (const refused of [
      await api['records.add'](investigationRecord(caseId)),
      await api['cases.setRisk']({ caseId, riskLevel: 'red', reason: '复核' }),
      await api['cases.route']({ caseId, kind: 'refer', department: '人民法院', note: '转交' }),
      await api['assignments.assign']({ caseId, mediatorId: lead.id, role: 'assistant', chosenByParties: false }),
      await api['agreements.markTerm']({ termId: first.id, performedOn: '2026-11-29' }),
      await api['cases.close']({ caseId, result: '再次结案' })
    ]) {
      expect(failure(refused)).toEqual({ code: 'CONFLICT', message: ARCHIVED_MESSAGE })
    }
    expect(await tableCounts(app)).toEqual(before)

    const amended = ok(await api['cases.amend']({ caseId, reason: '案情摘要漏写排水沟位置', summary: '补正后的案情' }))
    expect(amended.summary).toBe('补正后的案情')
    expect(ok(await api['cases.list']({})).rows.find((r) => r.id === caseId)?.summary).toBe('补正后的案情')
    const { audit } = await trail('cases', caseId)
    expect(audit.at(-1)).toMatchObject({
      action: 'cases.amend',
      before: { summary: expect.stringContaining('邻居') },
      after: { summary: '补正后的案情' }
    })
  })
})

describe('illegal steps are refused with a clear message and write nothing', () => {
  it.each([
    ['an agreement on a declined case', 'declined', 'agreements.create', '案件当前为“不予受理”，不能改为“达成协议”'],
    [
      'an agreement before mediation has started',
      'accepted',
      'agreements.create',
      '案件当前为“已受理”，不能改为“达成协议”'
    ],
    ['a follow-up before any agreement', 'in_mediation', 'followUps.add', '案件尚未达成调解协议，不能回访'],
    [
      'a record on a registered case',
      'registered',
      'records.add',
      '只有已受理或调解中的案件才能制作调查记录或调解记录'
    ],
    ['closing a case still in mediation', 'in_mediation', 'cases.close', '案件当前为“调解中”，还不能结案'],
    ['archiving a case in mediation', 'in_mediation', 'cases.archive', '结案或不予受理后才能归档'],
    ['failure before mediation has started', 'accepted', 'cases.fail', '案件当前为“已受理”，不能改为“调解不成”']
  ] as const)('%s', async (_, stage, method, message) => {
    await chooseOffice(app, 'wutian')
    const caseId = (await register()).id
    if (stage === 'declined') {
      ok(await api['cases.decline']({ caseId, reason: 'already_handled', route: '向人民法院提起诉讼' }))
    } else if (stage !== 'registered') {
      await accept(caseId)
      if (stage === 'in_mediation') ok(await api['cases.startMediation']({ caseId }))
    }
    const inputs = {
      'agreements.create': writtenAgreement(caseId),
      'followUps.add': followUp(caseId),
      'records.add': mediationRecord(caseId),
      'cases.close': { caseId, result: '结案' },
      'cases.archive': { caseId, retention: 'short', filedBy: '郑晓丽' },
      'cases.fail': { caseId, reason: '分歧过大', routes: ['court'], notifiedOn: '2026-11-29' }
    }
    const before = await tableCounts(app)
    const result = await (api[method] as (input: unknown) => Promise<Parameters<typeof failure>[0]>)(inputs[method])
    const error = failure(result)
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain(message)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('a judicial-confirmation application after the 30-day window is refused naming the date', async () => {
    const { caseId } = await caseWithAgreement(app)
    clock.set('2027-01-05T02:00:00.000Z')
    const error = failure(
      await api['confirmations.apply']({ caseId, appliedOn: '2026-12-29', court: '瓯海区人民法院', jointly: true })
    )
    expect(error.fields).toEqual({ appliedOn: '已超过申请期限（协议生效后至 2026-12-28），法院不予受理' })
  })

  it('an oral agreement takes effect the day it is reached and needs no copies', async () => {
    const caseId = await acceptedCase(app, { mediating: true })
    const { copies, signedOn, effectiveOn, ...rest } = writtenAgreement(caseId) as Record<string, unknown>
    void copies
    void signedOn
    void effectiveOn
    const oral = ok(await api['agreements.create']({ ...rest, kind: 'oral', reachedOn: '2026-11-28' }))
    expect(oral.agreement).toMatchObject({ kind: 'oral', effectiveOn: '2026-11-28', copies: null, signedOn: null })
  })
})

describe('overdue and due-soon', () => {
  it('the case list and the home overview follow each case’s next due date', async () => {
    const late = await acceptedCase(app)
    ok(await api['cases.setRisk']({ caseId: late, riskLevel: 'red', reason: '一方扬言报复' }))
    clock.set('2026-12-20T02:00:00.000Z')
    const soon = await acceptedCase(app, { mediating: true })
    ok(
      await api['agreements.create'](
        writtenAgreement(soon, {
          terms: [{ content: '赔礼道歉', amountCents: null, dueOn: '2026-12-24' }],
          amountCents: 0,
          performanceDeadline: '2026-12-24',
          signedOn: '2026-12-20',
          effectiveOn: '2026-12-20'
        })
      )
    )

    // 29 Nov + 30 days = 29 Dec: on 30 Dec the first case is overdue, and so is the second's term due 24 Dec.
    clock.set('2026-12-30T02:00:00.000Z')
    const overdue = ok(await api['cases.list']({ due: 'overdue' }))
    expect(overdue.rows.map((r) => [r.id, r.nextDueOn])).toEqual([
      [soon, '2026-12-24'],
      [late, '2026-12-29']
    ])
    clock.set('2026-12-22T02:00:00.000Z')
    expect(ok(await api['cases.list']({ due: 'overdue' })).rows).toEqual([])
    expect(ok(await api['cases.list']({ due: 'due_soon', dueWithinDays: 3 })).rows.map((r) => r.id)).toEqual([soon])
    expect(ok(await api['cases.list']({ due: 'due_soon', dueWithinDays: 7 })).rows.map((r) => r.id)).toEqual([
      soon,
      late
    ])

    clock.set('2026-12-30T02:00:00.000Z')
    const home = ok(await api['deadlines.overview']({ scope: 'office', withinDays: 7 }))
    expect(home).toMatchObject({ overdue: 2, dueSoon: 0 })
    // Red risk first, whatever the date.
    expect(home.cases.map((c) => [c.caseId, c.riskLevel, c.dueKind])).toEqual([
      [late, 'red', 'mediation'],
      [soon, 'yellow', 'performance']
    ])

    // An extension the parties consent to moves the case out of the overdue list, in the same transaction.
    ok(
      await api['cases.extend']({
        caseId: late,
        newDueOn: '2027-01-15',
        consentedOn: '2026-12-30',
        consent: '双方签字同意延长'
      })
    )
    expect(ok(await api['cases.list']({ due: 'overdue' })).rows.map((r) => r.id)).toEqual([soon])
    const events = ok(await api['cases.get']({ caseId: late })).events
    expect(events.at(-1)).toMatchObject({ kind: 'mediation_extended', detail: { newDueOn: '2027-01-15' } })
  })

  it('a saved default changes the limit of cases from then on', async () => {
    ok(await api['settings.set']({ key: 'deadline.mediationDays', value: 10 }))
    const caseId = await acceptedCase(app)
    const l = ok(await api['lifecycle.get']({ caseId }))
    expect(l.deadlines.find((d) => d.kind === 'mediation')).toMatchObject({ dueOn: '2026-12-09', days: 10 })
    expect(failure(await api['settings.set']({ key: 'deadline.mediationDays', value: 0 })).fields).toEqual({
      value: '至少 1 天'
    })
  })
})
