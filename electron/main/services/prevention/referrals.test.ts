/*
 * Referral notes are sensitive: a clerk is refused (FORBIDDEN, nothing
 * returned, nothing written); a supervisor's view, and the responsible
 * mediator's, is an audit entry; another mediator is refused. And the notes
 * never leave the office: a masked hub bundle, every entry inflated, does
 * not contain them anywhere in its bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { BUNDLE_LIMITS } from '../hub/bundle-check'
import { exportFrom } from '../hub/hub-test-kit'
import { readZip } from '../hub/zip-reader'
import { services } from '../index'
import { PASSWORD, registerAt, withAccounts } from './prevention-test-kit'

const NOTE = '来访人自述长期失眠并有轻生念头（测试标记 XQ-7731）'
const OUTCOME_NOTE = '第二次疏导：情绪好转（测试标记 ZP-0442）'

let app: TempApp
beforeEach(async () => {
  app = await startTempApp()
})
afterEach(() => app.dispose())

async function referral() {
  const theCase = await registerAt(app, 'wutian')
  return services['referrals.create'](app.ctx, {
    partyId: theCase.parties[0].id,
    caseId: theCase.id,
    service: 'womens_federation',
    counsellorId: null,
    notes: NOTE
  })
}

describe('referral notes', () => {
  it('a clerk is refused; supervisors and the responsible mediator read them, each view audited', async () => {
    const { handlers, ids } = await withAccounts(app)
    const signIn = (username: string) => handlers['auth.signIn']({ username, password: PASSWORD })

    await signIn('mediator')
    const made = await handlers['referrals.create']({
      partyId: (await registerAt(app, 'wutian')).parties[0].id,
      service: 'womens_federation',
      notes: NOTE
    })
    if (!made.ok) throw new Error(JSON.stringify(made.error))
    expect(made.data).toMatchObject({ hasNotes: true, responsibleUserId: ids.mediator })
    const viewsOf = () =>
      app.ctx.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'referrals.notes').execute()

    await signIn('clerk')
    const before = await tableCounts(app)
    const refused = await handlers['referrals.notes']({ id: made.data.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.stringify(refused)).not.toContain('失眠')
    expect(await tableCounts(app)).toEqual(before)
    // The list a clerk may read carries no notes.
    const listed = await handlers['referrals.list']({})
    expect(listed.ok && listed.data).toHaveLength(1)
    expect(JSON.stringify(listed)).not.toContain('失眠')

    await signIn('mediator')
    expect(await handlers['referrals.notes']({ id: made.data.id })).toMatchObject({ ok: true, data: { notes: NOTE } })

    await signIn('lawyer-mediator')
    expect(await handlers['referrals.notes']({ id: made.data.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只有督导、管理员和该转介的责任人可以查看心理疏导记录' }
    })

    await signIn('supervisor')
    expect(await handlers['referrals.notes']({ id: made.data.id })).toMatchObject({ ok: true, data: { notes: NOTE } })
    expect((await viewsOf()).map((v) => v.actor_id)).toEqual([ids.mediator, ids.supervisor])
  })

  it('notes are kept out of the audit trail itself', async () => {
    const made = await referral()
    await services['referrals.setStatus'](app.ctx, {
      id: made.id,
      status: 'in_progress',
      outcome: null,
      note: OUTCOME_NOTE
    })
    const rows = await app.ctx.db.selectFrom('audit_log').select('summary').where('entity', '=', 'referrals').execute()
    expect(rows).toHaveLength(2)
    expect(JSON.stringify(rows)).not.toMatch(/XQ-7731|ZP-0442/)
  })

  it('never leave the office: a masked hub bundle holds neither the notes nor the register', async () => {
    const made = await referral()
    await services['referrals.setStatus'](app.ctx, {
      id: made.id,
      status: 'in_progress',
      outcome: null,
      note: OUTCOME_NOTE
    })
    await services['keyPersons.register'](app.ctx, {
      partyId: made.partyId,
      caseId: made.caseId,
      reason: 'psychological_support',
      reasonNote: '重点关注（测试标记 KP-9910）',
      level: 'red',
      levelReason: '有轻生念头（测试标记 KP-9911）',
      responsibleUserId: null
    })
    const bundle = await exportFrom(app, 'full', 'masked')
    const entries = readZip(bundle, BUNDLE_LIMITS)
    expect(entries.size).toBeGreaterThan(0)
    const text = [...entries.values()].map((b) => b.toString('utf8')).join('\n')
    // The bundle did carry the case: the scan reads real content.
    expect(text).toContain(made.caseId!)
    for (const secret of ['XQ-7731', 'ZP-0442', 'KP-9910', 'KP-9911', '轻生']) expect(text).not.toContain(secret)
    for (const name of entries.keys()) expect(name).not.toMatch(/referral|key_person/)
  })
})
