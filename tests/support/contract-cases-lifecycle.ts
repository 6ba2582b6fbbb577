/*
 * Good and bad inputs of the lifecycle and deadline methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import type { lifecycleMethods } from '../../shared/contract/lifecycle'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { acceptedCase, caseWithAgreement, followUp, mediationRecord, writtenAgreement } from './lifecycle-fixtures'
import type { TempApp } from './temp-app'

export function lifecycleCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof lifecycleMethods]: MethodCases<M> } {
  const ctx = () => app.ctx
  const closedCase = async () => {
    const caseId = await acceptedCase(app, { mediating: true })
    await services['cases.withdraw'](ctx(), { caseId, withdrawnBy: '申请人王芳', reason: '双方已自行和解' })
    await services['cases.close'](ctx(), { caseId, result: '申请人撤回，结案', note: null })
    return caseId
  }
  return {
    'lifecycle.get': {
      good: async () => {
        const { caseId } = await caseWithAgreement(app)
        return {
          input: { caseId },
          expectData: (l) => {
            expect(l.agreement).toMatchObject({ caseNumber: expect.stringMatching(/调字第1号$/), amountCents: 125_050 })
            expect(l.agreement!.terms.map((t) => t.number)).toEqual([1, 2])
            expect(l.deadlines.map((d) => d.kind)).toEqual(
              expect.arrayContaining(['acceptance', 'mediation', 'confirmation', 'performance', 'follow_up'])
            )
          }
        }
      },
      bad: async () => [{ input: { caseId: 'x' }, field: 'caseId', message: '案件编号无效' }]
    },
    'cases.startMediation': {
      good: async () => ({
        input: { caseId: await acceptedCase(app) },
        expectData: (d) => {
          expect(d.status).toBe('in_mediation')
          expect(d.events.at(-1)).toMatchObject({ kind: 'mediation_started', fromStatus: 'accepted' })
        }
      }),
      bad: async () => [{ input: {}, field: 'caseId' }]
    },
    'cases.setReferral': {
      good: async () => ({
        input: {
          caseId: await acceptedCase(app),
          referralKind: 'court_simple',
          court: '温州市瓯海区人民法院',
          referredOn: '2026-11-20'
        },
        expectData: (l) => {
          expect(l.referralKind).toBe('court_simple')
          expect(l.deadlines.find((d) => d.kind === 'mediation')).toMatchObject({ days: 7, counting: 'calendar' })
        }
      }),
      bad: async () => {
        const caseId = await acceptedCase(app)
        return [
          {
            input: { caseId, referralKind: 'court_pre_filing' },
            field: 'court',
            message: '请填写委派或委托的人民法院'
          },
          { input: { caseId, referralKind: 'police' }, field: 'referralKind' },
          {
            input: { caseId, referralKind: 'court_simple', court: '瓯海法院', referredOn: '2999-01-01' },
            field: 'referredOn',
            message: '委派或委托日期不能晚于今天'
          }
        ]
      }
    },
    'cases.extend': {
      good: async () => ({
        input: {
          caseId: await acceptedCase(app),
          newDueOn: '2099-01-15',
          consentedOn: '2026-11-28',
          consent: '双方书面同意延长'
        },
        expectData: (l) => {
          expect(l.extensions).toHaveLength(1)
          expect(l.deadlines.find((d) => d.kind === 'mediation')).toMatchObject({ dueOn: '2099-01-15', extended: true })
        }
      }),
      bad: async () => {
        const caseId = await acceptedCase(app)
        return [
          {
            input: { caseId, newDueOn: '2026-01-01', consentedOn: '2026-11-28', consent: '同意' },
            field: 'newDueOn',
            message: '须晚于现有期限'
          },
          { input: { caseId, newDueOn: '2099-01-15', consentedOn: '2026-11-28', consent: ' ' }, field: 'consent' }
        ]
      }
    },
    'cases.fail': {
      good: async () => ({
        input: {
          caseId: await acceptedCase(app, { mediating: true }),
          reason: '双方对赔偿数额分歧过大',
          routes: ['court', 'administrative'],
          notifiedOn: '2026-11-28'
        },
        expectData: (d) => {
          expect(d.status).toBe('failed')
          expect(d.events.at(-1)).toMatchObject({ kind: 'mediation_failed', reason: '双方对赔偿数额分歧过大' })
        }
      }),
      bad: async () => {
        const caseId = await acceptedCase(app, { mediating: true })
        return [
          {
            input: { caseId, reason: '分歧大', routes: [], notifiedOn: '2026-11-28' },
            field: 'routes',
            message: '请至少选择一种已告知当事人的途径'
          },
          { input: { caseId, reason: '', routes: ['court'], notifiedOn: '2026-11-28' }, field: 'reason' }
        ]
      }
    },
    'cases.withdraw': {
      good: async () => ({
        input: { caseId: await acceptedCase(app), withdrawnBy: '申请人王芳', reason: '已自行和解' },
        expectData: (d) => expect(d.status).toBe('withdrawn')
      }),
      bad: async () => [{ input: { caseId: await acceptedCase(app), reason: '和解' }, field: 'withdrawnBy' }]
    },
    'cases.close': {
      good: async () => {
        const caseId = await acceptedCase(app, { mediating: true })
        await services['cases.withdraw'](ctx(), { caseId, withdrawnBy: '申请人王芳', reason: '已自行和解' })
        return {
          input: { caseId, result: '申请人撤回调解申请', note: null },
          expectData: (d) => expect(d.events.at(-1)).toMatchObject({ kind: 'closed', toStatus: 'closed' })
        }
      },
      bad: async () => [{ input: { caseId: await acceptedCase(app), result: '' }, field: 'result' }]
    },
    'cases.archive': {
      good: async () => ({
        input: { caseId: await closedCase(), retention: 'long', filedBy: '郑晓丽', note: null },
        expectData: (d) => expect(d.status).toBe('archived')
      }),
      bad: async () => [
        { input: { caseId: await closedCase(), retention: 'forever', filedBy: '郑晓丽' }, field: 'retention' }
      ]
    },
    'cases.amend': {
      good: async () => {
        const caseId = await closedCase()
        await services['cases.archive'](ctx(), { caseId, retention: 'long', filedBy: '郑晓丽', note: null })
        return {
          input: { caseId, reason: '发生地村名登记有误', placeVillage: '新殿后村' },
          expectData: (d) => {
            expect(d).toMatchObject({ status: 'archived', placeVillage: '新殿后村' })
            expect(d.events.at(-1)).toMatchObject({
              kind: 'amended',
              reason: '发生地村名登记有误',
              detail: { changes: { placeVillage: { before: '老殿后村', after: '新殿后村' } } }
            })
          }
        }
      },
      bad: async () => [
        { input: { caseId: await registeredCaseId(), reason: '更正' }, field: 'note', message: '请写明更正的内容' },
        { input: { caseId: await registeredCaseId(), note: '补正' }, field: 'reason' }
      ]
    },
    'records.add': {
      good: async () => ({
        input: mediationRecord(await acceptedCase(app)),
        expectData: async (l) => {
          expect(l.records).toMatchObject([
            { kind: 'mediation', result: 'agreement', statements: [{ party: '王芳' }, {}] }
          ])
          const detail = await services['cases.get'](ctx(), { caseId: l.caseId })
          // The first mediation record starts mediation.
          expect(detail.status).toBe('in_mediation')
        }
      }),
      bad: async () => {
        const caseId = await acceptedCase(app)
        return [
          { input: mediationRecord(caseId, { rightsExplained: false as never }), field: 'rightsExplained' },
          { input: mediationRecord(caseId, { statements: [] }), field: 'statements' },
          { input: mediationRecord(caseId, { result: 'failed', resultNote: null }), field: 'resultNote' },
          { input: mediationRecord(caseId, { heldAt: '2026-11-27' }), field: 'heldAt' },
          { input: mediationRecord(caseId, { heldAt: '2999-01-01 09:00' }), field: 'heldAt' },
          {
            input: mediationRecord(caseId, { hearingId: '0190a1b2-0000-7000-8000-000000000000' }),
            field: 'hearingId',
            message: '本案没有这次调解排期'
          },
          { input: { ...mediationRecord(caseId), kind: 'diary' }, field: 'kind' }
        ]
      }
    },
    'agreements.create': {
      good: async () => ({
        input: writtenAgreement(await acceptedCase(app, { mediating: true })),
        expectData: (l) => {
          expect(l.agreement).toMatchObject({
            kind: 'written',
            copies: 3,
            effectiveOn: '2026-11-27',
            amountCents: 125_050
          })
          expect(l.agreement!.parties.map((p) => p.name)).toEqual(['王芳', '陈建国'])
          expect(l.agreement!.parties[0].maskedIdNumber).toMatch(/\*{8}/)
        }
      }),
      bad: async () => {
        const caseId = await acceptedCase(app, { mediating: true })
        const good = writtenAgreement(caseId)
        const without = (field: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== field))
        return [
          // Each field Art. 29 asks for, missing in turn, is named.
          { input: without('facts'), field: 'facts' },
          { input: without('disputedPoints'), field: 'disputedPoints' },
          { input: without('responsibility'), field: 'responsibility' },
          { input: { ...good, terms: [] }, field: 'terms', message: '请至少写明一项协议内容' },
          { input: without('performanceManner'), field: 'performanceManner' },
          { input: without('performanceDeadline'), field: 'performanceDeadline' },
          { input: without('amountCents'), field: 'amountCents' },
          { input: without('copies'), field: 'copies' },
          { input: without('signedOn'), field: 'signedOn' },
          { input: without('effectiveOn'), field: 'effectiveOn' },
          { input: { ...good, amountCents: 125_050.5 }, field: 'amountCents', message: '金额须精确到分' },
          { input: { ...good, amountCents: 100 }, field: 'amountCents', message: '协议金额与各项条款金额之和不一致' },
          { input: { ...good, effectiveOn: '2026-11-26' }, field: 'effectiveOn', message: '生效日期不能早于签订日期' },
          { input: { ...good, copies: 2 }, field: 'copies', message: '至少 3 份' },
          { input: { ...good, terms: [{ content: '', amountCents: 125_050 }] }, field: 'terms.0.content' }
        ]
      }
    },
    'agreements.markTerm': {
      good: async () => {
        const { termIds } = await caseWithAgreement(app)
        return {
          input: { termId: termIds[0], performedOn: '2026-11-28', note: '现场查看已拆除' },
          expectData: (l) =>
            expect(l.agreement!.terms[0]).toMatchObject({ performedOn: '2026-11-28', performedNote: '现场查看已拆除' })
        }
      },
      bad: async () => {
        const { termIds } = await caseWithAgreement(app)
        return [
          {
            input: { termId: termIds[0], performedOn: '2026-11-01' },
            field: 'performedOn',
            message: '履行日期不能早于协议生效日期'
          },
          { input: { termId: 'x', performedOn: '2026-11-28' }, field: 'termId' }
        ]
      }
    },
    'followUps.add': {
      good: async () => {
        const { caseId, termIds } = await caseWithAgreement(app)
        return {
          input: followUp(caseId, { termsPerformed: [{ termId: termIds[1], performedOn: '2026-11-28' }] }),
          expectData: (l) => {
            expect(l.followUps).toMatchObject([{ performance: 'partial', termsPerformed: [{ number: 2 }] }])
            expect(l.agreement!.terms[1].performedOn).toBe('2026-11-28')
          }
        }
      },
      bad: async () => {
        const { caseId, termIds } = await caseWithAgreement(app)
        return [
          { input: followUp(caseId, { performedAmountCents: null }), field: 'performedAmountCents' },
          { input: followUp(caseId, { escalationSigns: '被申请人扬言报复' }), field: 'measures' },
          { input: followUp(caseId, { performance: 'full' }), field: 'performance', message: '尚未记为履行' },
          { input: followUp(caseId, { method: 'letter' as never }), field: 'method' },
          {
            input: followUp(caseId, { termsPerformed: [{ termId: termIds[0], performedOn: '2026-11-30' }] }),
            field: 'termsPerformed.0.performedOn'
          },
          { input: followUp(caseId, { visitedOn: '2026-11-01' }), field: 'visitedOn' }
        ]
      }
    },
    'confirmations.apply': {
      good: async () => ({
        input: {
          caseId: (await caseWithAgreement(app)).caseId,
          appliedOn: '2026-11-28',
          court: '温州市瓯海区人民法院',
          jointly: true
        },
        expectData: (l) => {
          expect(l.confirmations).toMatchObject([{ court: '温州市瓯海区人民法院', ruling: null }])
          expect(l.deadlines.find((d) => d.kind === 'confirmation')).toMatchObject({
            state: 'met',
            metOn: '2026-11-28'
          })
        }
      }),
      bad: async () => {
        const { caseId } = await caseWithAgreement(app)
        return [
          {
            input: { caseId, appliedOn: '2026-11-28', court: '瓯海法院', jointly: false },
            field: 'jointly',
            message: '司法确认须由双方当事人共同申请'
          },
          { input: { caseId, appliedOn: '2026-11-20', court: '瓯海法院', jointly: true }, field: 'appliedOn' },
          { input: { caseId, appliedOn: '2026-11-28', court: '', jointly: true }, field: 'court' }
        ]
      }
    },
    'confirmations.recordRuling': {
      good: async () => {
        const { caseId } = await caseWithAgreement(app)
        const applied = await services['confirmations.apply'](ctx(), {
          caseId,
          appliedOn: '2026-11-28',
          court: '温州市瓯海区人民法院',
          jointly: true,
          note: null
        })
        return {
          input: {
            confirmationId: applied.confirmations[0].id,
            acceptedOn: '2026-11-28',
            ruling: 'confirmed',
            ruledOn: '2026-11-29',
            rulingNumber: '(2026)浙0304民特123号'
          },
          expectData: (l) => expect(l.confirmations[0]).toMatchObject({ ruling: 'confirmed', version: 2 })
        }
      },
      bad: async () => [
        { input: { confirmationId: '0190a1b2-0000-7000-8000-000000000000' }, field: 'acceptedOn' },
        {
          input: { confirmationId: '0190a1b2-0000-7000-8000-000000000000', ruling: 'confirmed', ruledOn: '2026-11-29' },
          field: 'rulingNumber',
          message: '请填写裁定书文号'
        }
      ]
    },
    'deadlines.overview': {
      good: async () => {
        await acceptedCase(app)
        return {
          input: { scope: 'all', withinDays: 60 },
          expectData: (o) => {
            expect(o.cases).toHaveLength(1)
            expect(o.cases[0]).toMatchObject({ dueKind: 'mediation', overdue: false, applicants: ['王芳'] })
            expect(o.offices).toMatchObject([{ officeName: '梧田街道矛盾纠纷调解分中心', dueSoon: 1, overdue: 0 }])
          }
        }
      },
      bad: async () => [
        { input: { withinDays: 0 }, field: 'withinDays', message: '至少 1 天' },
        { input: { scope: 'district' }, field: 'scope' }
      ]
    },
    'deadlines.rules': {
      good: async () => ({
        input: {},
        expectData: (rules) => {
          expect(rules.find((r) => r.key === 'deadline.mediationDays')).toMatchObject({
            value: 30,
            counting: 'calendar',
            saved: false
          })
          expect(rules.find((r) => r.key === 'deadline.acceptanceWorkingDays')).toMatchObject({ counting: 'working' })
        }
      }),
      bad: async () => [{ input: { all: true }, field: 'all' }]
    }
  }
}
