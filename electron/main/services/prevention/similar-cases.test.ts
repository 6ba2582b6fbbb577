/*
 * Similar resolved cases on a generated data set: a new 借款 (loan) dispute
 * gets the resolved 借款 cases first; open cases are never offered; party
 * names come masked, in the list and in the texts; cases of an office the
 * user may not see never appear; opening one is audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { startTempApp, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { markResolved, PASSWORD, registerAt, withAccounts } from './prevention-test-kit'

let app: TempApp
beforeEach(async () => {
  app = await startTempApp()
})
afterEach(() => app.dispose())

let n = 0
/** A generated case of `office` with its own two people. */
async function generated(office: string, disputeType: string, summary: string, amountCents: number | null) {
  n += 1
  return registerAt(app, office, {
    disputeType,
    summary,
    claims: [],
    amountCents,
    occurredOn: null,
    parties: [
      {
        kind: 'person',
        role: 'applicant',
        name: `孙${'甲乙丙丁戊己庚辛壬癸'[n % 10]}明`,
        idType: 'resident_id',
        idNumber: residentId('1970-01-01', n)
      },
      {
        kind: 'person',
        role: 'respondent',
        name: `李${'子丑寅卯辰巳午未申酉'[n % 10]}华`,
        idType: 'resident_id',
        idNumber: residentId('1985-01-01', n)
      }
    ]
  })
}

const LOANS = [
  '被申请人向申请人借款五万元用于经营，约定半年归还，借款到期后经多次催讨未还。',
  '双方系朋友关系，被申请人借款三万元未按约定归还，申请人要求归还借款及利息。',
  '申请人出借款项给被申请人购车，借款到期后被申请人以经营困难为由拒不归还。'
]
const OTHERS: Array<[string, string]> = [
  ['contract', '申请人向被申请人购买建材一批，货物质量不合格，要求退货并赔偿损失。'],
  ['neighbour', '双方系邻居，因排水沟堵塞导致申请人院内积水，多次协商未果。'],
  ['traffic', '被申请人驾驶电动车与申请人发生碰撞，申请人受伤住院，要求赔偿医疗费。'],
  ['labour', '申请人在被申请人工地务工三个月，工资未结清，要求支付拖欠工资。']
]

async function dataSet() {
  const resolved: Record<string, string[]> = { loans: [], others: [], elsewhere: [] }
  for (const [type, summary] of OTHERS) {
    const c = await generated('wutian', type, summary, 5_000_000)
    await markResolved(app, c.id)
    resolved.others.push(c.id)
  }
  for (const summary of LOANS) {
    const c = await generated('wutian', 'contract', summary, 4_000_000)
    await markResolved(app, c.id, 'archived')
    resolved.loans.push(c.id)
  }
  // The same kind of dispute, resolved at Quxi: a Wutian account may not see it.
  const away = await generated(
    'quxi',
    'contract',
    '被申请人借款五万元到期未归还，申请人多次催讨要求归还借款。',
    5_000_000
  )
  await markResolved(app, away.id)
  resolved.elsewhere.push(away.id)
  // Open cases are not offered, however alike.
  const open = await generated('wutian', 'contract', '被申请人借款两万元未归还。', 2_000_000)
  const fresh = await generated(
    'wutian',
    'contract',
    '被申请人向申请人借款五万元，借款到期后拒不归还，申请人要求归还借款。',
    5_000_000
  )
  return { resolved, openId: open.id, fresh }
}

describe('cases.similar', () => {
  it('offers the 借款 cases first, resolved only, names masked', async () => {
    const { resolved, openId, fresh } = await dataSet()
    const found = await services['cases.similar'](app.ctx, { caseId: fresh.id })
    // Supervisors and the local administrator see every office: the Quxi loan is among the loans.
    const loans = [...resolved.loans, ...resolved.elsewhere].sort()
    expect(
      found
        .slice(0, 4)
        .map((f) => f.caseId)
        .sort()
    ).toEqual(loans)
    expect(found.map((f) => f.caseId)).not.toContain(openId)
    expect(found.map((f) => f.caseId)).not.toContain(fresh.id)
    expect(found.length).toBeLessThanOrEqual(10)
    for (const f of found) {
      expect(f.partyNames.every((name) => name.endsWith('某'))).toBe(true)
      expect(JSON.stringify(f)).not.toMatch(/孙.明|李.华/)
    }
    expect(found[0].why).toContain('纠纷类型相同')
  })

  it('never offers a case of an office the user may not see; opening one is audited', async () => {
    const { resolved, fresh } = await dataSet()
    const { handlers } = await withAccounts(app)
    await handlers['auth.signIn']({ username: 'mediator', password: PASSWORD })
    const result = await handlers['cases.similar']({ caseId: fresh.id })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    const ids = result.data.map((f) => f.caseId)
    expect(ids.slice(0, 3).sort()).toEqual([...resolved.loans].sort())
    expect(ids).not.toContain(resolved.elsewhere[0])
    // Not even by asking for it.
    expect(await handlers['cases.similar']({ caseId: fresh.id, openId: resolved.elsewhere[0] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' }
    })

    const opened = await handlers['cases.similar']({ caseId: fresh.id, openId: resolved.loans[0] })
    expect(opened.ok && opened.data.map((f) => f.caseId)).toEqual([resolved.loans[0]])
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_name'])
      .where('action', '=', 'cases.similarOpened')
      .execute()
    expect(audit).toEqual([{ entity_id: resolved.loans[0], actor_name: 'mediator用户' }])
  })
})
