/*
 * A small district for the overview tests, made through the real services
 * with dates relative to the app's today: two offices (梧田 A, 景山 B),
 * overdue and red-risk cases at both, a repeat applicant, an agreement and a
 * failure, two mediators with their assignments, and accounts for each role.
 * Registrations happen "in the past" by setting the app's clock for a moment.
 */
import type { Clock } from '../../context'
import type { RunningApp } from '../../startup'
import { services } from '../index'
import { registerCaseSchema, type RegisterCaseInput } from '../../../../shared/domain/case-input'
import { createAgreementSchema } from '../../../../shared/domain/lifecycle-input'
import { assignSchema } from '../../../../shared/domain/mediator-input'
import { addCalendarDays } from '../../../../shared/rules/working-days'
import { chinaDate } from '../../../../shared/rules/china-time'
import { chooseOffice, registration, residentId } from '../../../../tests/support/intake-fixtures'
import { otherParties } from '../../../../tests/support/hearing-fixtures'
import { writtenAgreement } from '../../../../tests/support/lifecycle-fixtures'
import { addMediator } from '../../../../tests/support/roster-fixtures'

export const SEED_PASSWORD = 'Ouhai2026'

export interface OverviewSeed {
  today: string
  officeA: string
  officeB: string
  /** Case ids by their name in the seed. */
  cases: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'b1' | 'b2' | 'b3', string>
  mediatorM: string
  mediatorN: string
  /** Login names: clerk of A, clerk of B, mediator M (office A), lawyer-mediator of A, supervisor. */
  users: { clerkA: string; clerkB: string; mediator: string; lawyer: string; supervisor: string }
}

/** Run `work` with the app's clock at 09:00 China time on `date`, then give the clock back. */
async function on<T>(app: RunningApp, date: string, work: () => Promise<T>): Promise<T> {
  const real: Clock = app.ctx.clock
  const instant = new Date(`${date}T09:00:00+08:00`)
  app.ctx.clock = { now: () => new Date(instant) }
  try {
    return await work()
  } finally {
    app.ctx.clock = real
  }
}

export async function seedOverview(app: RunningApp, options: { accounts?: boolean } = {}): Promise<OverviewSeed> {
  const today = chinaDate(app.ctx.clock.now())
  const ago = (days: number) => addCalendarDays(today, -days)
  const ctx = app.ctx
  const register = async (office: string, date: string, input: Partial<RegisterCaseInput>, accept: boolean) => {
    await chooseOffice(app, office)
    return on(app, date, async () => {
      const theCase = await services['cases.register'](
        ctx,
        registerCaseSchema.parse(registration({ occurredOn: date, ...input }))
      )
      if (accept) await services['cases.accept'](ctx, { caseId: theCase.id })
      return theCase.id
    })
  }
  const red = { riskLevel: 'red' as const, riskReason: '双方多次冲突，有激化苗头' }
  const officeA = await chooseOffice(app, 'wutian')
  const officeB = await chooseOffice(app, 'jingshan')

  const a1 = await register('wutian', ago(40), {}, true)
  const a2 = await register('wutian', today, red, false)
  const a3 = await register('wutian', ago(60), { ...otherParties(1), ...red, disputeType: 'contract' }, false)
  const a4 = await register('wutian', ago(20), { ...otherParties(2), source: 'phone' }, true)
  const a5 = await register('wutian', ago(25), { ...otherParties(3), disputeType: 'marriage_family' }, true)
  const b1 = await register('jingshan', today, { source: 'grid_report' }, false)
  const b2 = await register('jingshan', ago(50), { ...otherParties(4), ...red, disputeType: 'labour' }, false)
  const b3 = await register('jingshan', ago(10), { ...otherParties(5), riskLevel: 'green', riskReason: null }, true)

  const m = await addMediator(app, { officeCodes: ['wutian', 'jingshan'] })
  const n = await addMediator(app, {
    name: '张卫东',
    gender: 'male',
    idNumber: residentId('1972-03-15', 17),
    phone: '13967712345',
    officeCodes: ['jingshan'],
    credentials: []
  })
  const assign = (caseId: string, mediatorId: string, role: 'lead' | 'assistant' = 'lead') =>
    services['assignments.assign'](ctx, assignSchema.parse({ caseId, mediatorId, role }))
  for (const caseId of [a1, a4, a5]) await assign(caseId, m.id)
  await assign(b3, n.id)
  await assign(b3, m.id, 'assistant')

  // a1 reaches an agreement (success), a4 fails: the success rates' two outcomes.
  await chooseOffice(app, 'wutian')
  await services['cases.startMediation'](ctx, { caseId: a1 })
  await services['agreements.create'](
    ctx,
    createAgreementSchema.parse(
      writtenAgreement(a1, {
        signedOn: ago(1),
        effectiveOn: ago(1),
        performanceDeadline: addCalendarDays(today, 20),
        terms: [
          { content: '被申请人拆除占用公共通道部分，恢复原状。', amountCents: null, dueOn: addCalendarDays(today, 20) },
          { content: '被申请人支付清淤费用人民币1,250.50元。', amountCents: 125_050, dueOn: addCalendarDays(today, 10) }
        ]
      })
    )
  )
  await services['cases.startMediation'](ctx, { caseId: a4 })
  await services['cases.fail'](ctx, {
    caseId: a4,
    reason: '双方对赔偿数额分歧过大',
    routes: ['court'],
    notifiedOn: today
  })

  const users = { clerkA: 'clerk-a', clerkB: 'clerk-b', mediator: 'linhaiyan', lawyer: 'lawyer-a', supervisor: 'boss' }
  if (options.accounts !== false) {
    const save = (username: string, role: string, officeIds: string[], mediatorId: string | null) =>
      services['users.save'](ctx, {
        username,
        displayName: `${username}用户`,
        role: role as 'clerk',
        officeIds,
        mediatorId,
        password: SEED_PASSWORD
      })
    await save(users.clerkA, 'clerk', [officeA], null)
    await save(users.clerkB, 'clerk', [officeB], null)
    await save(users.mediator, 'mediator', [officeA], m.id)
    await save(users.lawyer, 'lawyer_mediator', [officeA], null)
    await save(users.supervisor, 'supervisor', [], null)
  }
  return {
    today,
    officeA,
    officeB,
    cases: { a1, a2, a3, a4, a5, b1, b2, b3 },
    mediatorM: m.id,
    mediatorN: n.id,
    users
  }
}
