/*
 * Choosing a key person's responsible worker (责任人) with accounts in
 * force: the dialog is offered the active accounts of the register-keeping
 * roles that reach the person's office (mediators first), and registration
 * refuses anyone else — another office's mediator, a clerk, a disabled
 * account — writing nothing. The chosen worker then sees the review due on
 * their own home screen; handed to another worker, the review goes with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chooseOffice } from '../../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { PASSWORD, registerAt, withAccounts } from './prevention-test-kit'

let app: TempApp
beforeEach(async () => {
  app = await startTempApp({ clock: fixedClock('2026-11-30T02:00:00.000Z') })
})
afterEach(() => app.dispose())

async function account(username: string, displayName: string, role: 'mediator', officeIds: string[]) {
  return services['users.save'](app.ctx, {
    username,
    displayName,
    role,
    officeIds,
    mediatorId: null,
    password: PASSWORD
  })
}

describe('the responsible worker', () => {
  it('is chosen from the accounts that reach the person’s office, and no one else is accepted', async () => {
    const { handlers, ids } = await withAccounts(app)
    const elsewhere = await account('jingshan-mediator', '景山调解员', 'mediator', [
      await chooseOffice(app, 'jingshan')
    ])
    const unlisted = await account('any-mediator', '未列组织调解员', 'mediator', [])
    const retired = await account('retired-mediator', '停用调解员', 'mediator', [await chooseOffice(app, 'wutian')])
    await services['users.setActive'](app.ctx, { id: retired.id, active: false })
    const theCase = await registerAt(app, 'wutian')
    const party = { partyId: theCase.parties[1].id, caseId: theCase.id }

    await handlers['auth.signIn']({ username: 'mediator', password: PASSWORD })
    const offered = await handlers['keyPersons.workers'](party)
    if (!offered.ok) throw new Error(JSON.stringify(offered.error))
    // Mediators first (the one without offices reaches this installation's office), by name in Chinese order,
    // then the other roles; never
    // the clerk, another office's mediator or a disabled account.
    expect(offered.data.map((w) => [w.displayName, w.role])).toEqual([
      ['未列组织调解员', 'mediator'],
      ['mediator用户', 'mediator'],
      ['lawyer_mediator用户', 'lawyer_mediator'],
      ['supervisor用户', 'supervisor'],
      ['王主任', 'admin']
    ])
    expect(offered.data.map((w) => w.id)).toContain(unlisted.id)

    const input = { ...party, reason: 'escalation_risk', level: 'red', levelReason: '扬言报复' } as const
    for (const refused of [elsewhere.id, retired.id, ids.clerk]) {
      const before = await tableCounts(app)
      const answer = await handlers['keyPersons.register']({ ...input, responsibleUserId: refused })
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          fields: { responsibleUserId: '责任人须为该人员所属调解组织在用的调解员账户，或督导、管理员' }
        }
      })
      expect(await tableCounts(app)).toEqual(before)
    }

    const registered = await handlers['keyPersons.register']({ ...input, responsibleUserId: ids.lawyer_mediator })
    expect(registered).toMatchObject({
      ok: true,
      data: { responsibleUserId: ids.lawyer_mediator, responsibleName: 'lawyer_mediator用户' }
    })
    // The review is the lawyer-mediator's: on their home screen, not on the registering mediator's.
    expect(await handlers['keyPersons.dueReviews']({ withinDays: 7 })).toMatchObject({ ok: true, data: [] })
    await handlers['auth.signIn']({ username: 'lawyer-mediator', password: PASSWORD })
    const due = await handlers['keyPersons.dueReviews']({ withinDays: 7 })
    expect(due.ok && due.data.map((d) => d.responsibleName)).toEqual(['lawyer_mediator用户'])
  })

  it('is handed to another worker of the office with a reason, logged, and the due review goes along', async () => {
    const { handlers, ids } = await withAccounts(app)
    const elsewhere = await account('jingshan-mediator', '景山调解员', 'mediator', [
      await chooseOffice(app, 'jingshan')
    ])
    const theCase = await registerAt(app, 'wutian')
    await handlers['auth.signIn']({ username: 'mediator', password: PASSWORD })
    const registered = await handlers['keyPersons.register']({
      partyId: theCase.parties[0].id,
      caseId: theCase.id,
      reason: 'escalation_risk',
      level: 'red',
      levelReason: '扬言报复'
    })
    if (!registered.ok) throw new Error(JSON.stringify(registered.error))
    const id = registered.data.keyPersonId
    expect(registered.data.responsibleName).toBe('mediator用户')

    await handlers['auth.signIn']({ username: 'supervisor', password: PASSWORD })
    const offered = await handlers['keyPersons.workers']({ keyPersonId: id })
    expect(offered.ok && offered.data.map((w) => w.displayName)).toEqual([
      'mediator用户',
      'lawyer_mediator用户',
      'supervisor用户',
      '王主任'
    ])
    for (const [responsibleUserId, message] of [
      [elsewhere.id, '责任人须为该人员所属调解组织在用的调解员账户，或督导、管理员'],
      [ids.mediator, 'mediator用户已是该人员的责任人']
    ]) {
      const before = await tableCounts(app)
      const refused = await handlers['keyPersons.setResponsible']({ id, responsibleUserId, reason: '工作调整' })
      expect(refused).toMatchObject({ ok: false, error: { fields: { responsibleUserId: message } } })
      expect(await tableCounts(app)).toEqual(before)
    }
    const handed = await handlers['keyPersons.setResponsible']({
      id,
      responsibleUserId: ids.lawyer_mediator,
      reason: '原责任人调岗'
    })
    expect(handed).toMatchObject({ ok: true, data: { responsibleName: 'lawyer_mediator用户' } })
    expect(handed.ok && handed.data.log[0]).toMatchObject({
      kind: 'responsible_changed',
      note: 'mediator用户 → lawyer_mediator用户：原责任人调岗',
      actorName: 'supervisor用户'
    })

    await handlers['auth.signIn']({ username: 'mediator', password: PASSWORD })
    expect(await handlers['keyPersons.dueReviews']({ withinDays: 7 })).toMatchObject({ ok: true, data: [] })
    await handlers['auth.signIn']({ username: 'lawyer-mediator', password: PASSWORD })
    const due = await handlers['keyPersons.dueReviews']({ withinDays: 7 })
    expect(due.ok && due.data.map((d) => d.name)).toEqual([theCase.parties[0].name])
  })

  it('is not offered to a clerk, who cannot keep the register', async () => {
    const { handlers } = await withAccounts(app)
    const theCase = await registerAt(app, 'wutian')
    await handlers['auth.signIn']({ username: 'clerk', password: PASSWORD })
    const answer = await handlers['keyPersons.workers']({ partyId: theCase.parties[0].id, caseId: theCase.id })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
