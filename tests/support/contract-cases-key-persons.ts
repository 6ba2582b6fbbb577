/*
 * Good and bad inputs of the key-person register, referrals and similar
 * cases, for the contract table in contract-cases.ts (run through every
 * transport). Accounts are not in use here, so every method is open; the
 * refusals by role are in electron/main/services/prevention/referrals.test.ts.
 */
import { expect } from 'vitest'
import type { keyPersonMethods } from '../../shared/contract/key-persons'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { addMediator } from './roster-fixtures'
import { residentId } from './intake-fixtures'
import { chinaDate } from '../../shared/rules/china-time'
import type { TempApp } from './temp-app'

const noSuchId = '01900000-0000-7000-8000-000000000000'

export function keyPersonCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof keyPersonMethods]: MethodCases<M> } {
  /** A registered case and its applicant (王芳) and respondent (陈建国). */
  async function aCase() {
    const caseId = await registeredCaseId()
    const detail = await services['cases.get'](app.ctx, { caseId })
    return { caseId, applicant: detail.parties[0], respondent: detail.parties[1] }
  }
  async function registered() {
    const c = await aCase()
    const person = await services['keyPersons.register'](app.ctx, {
      partyId: c.applicant.id,
      caseId: c.caseId,
      reason: 'escalation_risk',
      reasonNote: null,
      level: 'yellow',
      levelReason: '多次扬言上访',
      responsibleUserId: null
    })
    return { ...c, person }
  }
  async function referral() {
    const c = await aCase()
    const made = await services['referrals.create'](app.ctx, {
      partyId: c.applicant.id,
      caseId: c.caseId,
      service: 'womens_federation',
      counsellorId: null,
      notes: '长期失眠，情绪低落'
    })
    return { ...c, referral: made }
  }

  return {
    'keyPersons.list': {
      good: async () => {
        await registered()
        return {
          input: { level: 'yellow' },
          expectData: (rows) =>
            expect(rows.map((r) => [r.name, r.level, r.reason])).toEqual([['王芳', 'yellow', 'escalation_risk']])
        }
      },
      bad: async () => [
        { input: { level: 'purple' }, field: 'level', message: '请选择红、黄、绿等级' },
        { input: { dueWithinDays: -1 }, field: 'dueWithinDays', message: '不能为负数' }
      ]
    },
    'keyPersons.get': {
      good: async () => {
        const { person } = await registered()
        return {
          input: { id: person.keyPersonId },
          expectData: (detail) => {
            expect(detail).toMatchObject({ name: '王芳', level: 'yellow', status: 'active' })
            expect(detail.log.map((l) => l.kind)).toEqual(['registered'])
            expect(detail.cases).toHaveLength(1)
          }
        }
      },
      bad: async () => [{ input: { id: 'wang' }, field: 'id', message: '重点人员编号无效' }]
    },
    'keyPersons.register': {
      good: async () => {
        const c = await aCase()
        return {
          input: {
            partyId: c.respondent.id,
            caseId: c.caseId,
            reason: 'repeat_disputant',
            level: 'red',
            levelReason: '扬言报复，情绪失控'
          },
          expectData: (detail) => {
            expect(detail).toMatchObject({ name: '陈建国', level: 'red', reason: 'repeat_disputant', status: 'active' })
            // Red: reviewed within the week.
            expect(detail.nextReviewOn > detail.registeredAt.slice(0, 10)).toBe(true)
          }
        }
      },
      bad: async () => {
        const c = await aCase()
        const good = { partyId: c.respondent.id, reason: 'other', level: 'red', levelReason: '情绪激动' }
        return [
          { input: { ...good, levelReason: '  ' }, field: 'levelReason', message: '此项不能为空' },
          { input: { ...good, level: 'orange' }, field: 'level' },
          { input: { ...good, reason: 'angry' }, field: 'reason', message: '请选择列管原因' },
          { input: { ...good, partyId: noSuchId }, field: 'partyId', message: '当事人不存在' },
          { input: { ...good, caseId: noSuchId }, field: 'caseId', message: '该当事人不在此案件中' },
          { input: { ...good, responsibleUserId: noSuchId }, field: 'responsibleUserId' }
        ]
      }
    },
    'keyPersons.workers': {
      good: async () => {
        const c = await aCase()
        return {
          input: { partyId: c.respondent.id, caseId: c.caseId },
          // Accounts are not in use here: the worker is whoever registers, and there is no one to choose.
          expectData: (workers) => expect(workers).toEqual([])
        }
      },
      bad: async () => {
        const c = await aCase()
        return [
          { input: { partyId: 'wang' }, field: 'partyId', message: '当事人编号无效' },
          { input: { partyId: noSuchId }, field: 'partyId', message: '当事人不存在' },
          { input: { partyId: c.respondent.id, caseId: noSuchId }, field: 'caseId', message: '案件不存在' },
          { input: {}, field: 'partyId', message: '请指定要列入的当事人，或已列入的重点人员（二者选一）' },
          { input: { keyPersonId: noSuchId }, field: 'keyPersonId', message: '重点人员不存在' }
        ]
      }
    },
    'keyPersons.setResponsible': {
      good: async () => {
        const { caseId, person } = await registered()
        // A worker can be chosen only with accounts in force: the administrator, and a mediator of the case's office.
        await services['auth.setupAdmin'](app.ctx, { username: 'admin', displayName: '王主任', password: 'Ouhai2026' })
        const theCase = await app.ctx.db
          .selectFrom('cases')
          .select('handling_office_id')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
        const lin = await services['users.save'](app.ctx, {
          username: 'linhaiyan',
          displayName: '林海燕',
          role: 'mediator',
          officeIds: [theCase.handling_office_id],
          mediatorId: null,
          password: 'Mediator2026'
        })
        return {
          input: { id: person.keyPersonId, responsibleUserId: lin.id, reason: '原责任人调岗' },
          expectData: (detail) => {
            expect(detail).toMatchObject({ responsibleUserId: lin.id, responsibleName: '林海燕' })
            expect(detail.log[0]).toMatchObject({
              kind: 'responsible_changed',
              note: '本机管理员 → 林海燕：原责任人调岗'
            })
          }
        }
      },
      bad: async () => {
        const { person } = await registered()
        return [
          {
            input: { id: person.keyPersonId, responsibleUserId: noSuchId, reason: ' ' },
            field: 'reason',
            message: '此项不能为空'
          },
          {
            input: { id: 'x', responsibleUserId: noSuchId, reason: '工作调整' },
            field: 'id',
            message: '重点人员编号无效'
          },
          {
            input: { id: noSuchId, responsibleUserId: noSuchId, reason: '工作调整' },
            field: 'id',
            message: '重点人员不存在'
          }
        ]
      }
    },
    'keyPersons.setLevel': {
      good: async () => {
        const { person } = await registered()
        return {
          input: { id: person.keyPersonId, level: 'red', reason: '扬言到区政府聚集' },
          expectData: (detail) => {
            expect(detail.level).toBe('red')
            expect(detail.log[0]).toMatchObject({ kind: 'level_changed', fromLevel: 'yellow', toLevel: 'red' })
          }
        }
      },
      bad: async () => {
        const { person } = await registered()
        return [
          { input: { id: person.keyPersonId, level: 'red', reason: '' }, field: 'reason', message: '此项不能为空' },
          {
            input: { id: person.keyPersonId, level: 'yellow', reason: '复核' },
            field: 'level',
            message: '当前已是黄色等级'
          },
          { input: { id: noSuchId, level: 'red', reason: '复核' }, field: 'id', message: '重点人员不存在' }
        ]
      }
    },
    'keyPersons.logReview': {
      good: async () => {
        const { person } = await registered()
        const today = chinaDate(new Date(person.registeredAt))
        return {
          input: { id: person.keyPersonId, kind: 'visit', on: today, note: '上门走访，情绪平稳' },
          expectData: (detail) => {
            expect(detail.log[0]).toMatchObject({ kind: 'visit', note: '上门走访，情绪平稳' })
            expect(detail.nextReviewOn > today).toBe(true)
          }
        }
      },
      bad: async () => {
        const { person } = await registered()
        return [
          { input: { id: person.keyPersonId, kind: 'call', on: '2026-11-20', note: '电话' }, field: 'kind' },
          { input: { id: person.keyPersonId, kind: 'visit', on: '2026/11/20', note: '走访' }, field: 'on' },
          { input: { id: person.keyPersonId, kind: 'visit', on: '2999-01-01', note: '走访' }, field: 'on' },
          { input: { id: person.keyPersonId, kind: 'review', on: '2026-11-20', note: ' ' }, field: 'note' }
        ]
      }
    },
    'keyPersons.close': {
      good: async () => {
        const { person } = await registered()
        return {
          input: { id: person.keyPersonId, reason: '纠纷已化解，情绪稳定半年' },
          expectData: (detail) => {
            expect(detail).toMatchObject({ status: 'closed', closeReason: '纠纷已化解，情绪稳定半年' })
          }
        }
      },
      bad: async () => [
        { input: { id: noSuchId, reason: '化解' }, field: 'id', message: '重点人员不存在' },
        { input: { id: noSuchId, reason: '' }, field: 'reason' }
      ]
    },
    'keyPersons.suggestions': {
      good: async () => {
        const c = await aCase()
        await services['cases.setRisk'](app.ctx, { caseId: c.caseId, riskLevel: 'red', reason: '扬言持刀' })
        return {
          input: {},
          expectData: (rows) => {
            expect(rows.map((r) => r.name).sort()).toEqual(['王芳', '陈建国'])
            expect(rows[0].redCaseIds).toEqual([c.caseId])
          }
        }
      },
      bad: async () => [{ input: { all: true }, field: 'all' }]
    },
    'keyPersons.flags': {
      good: async () => {
        const { person, caseId, respondent } = await registered()
        const idNumber = residentId('1978-04-12', 122)
        return {
          input: { partyIds: [person.partyId, respondent.id], idNumbers: [idNumber], caseIds: [caseId] },
          expectData: (flags) => {
            expect(Object.keys(flags.byParty)).toEqual([person.partyId])
            expect(flags.byIdNumber[idNumber]).toMatchObject({ level: 'yellow' })
            expect(flags.byCase[caseId]).toMatchObject({ keyPersonId: person.keyPersonId })
          }
        }
      },
      bad: async () => [
        { input: { partyIds: ['x'] }, field: 'partyIds.0', message: '当事人编号无效' },
        { input: { idNumbers: [''] }, field: 'idNumbers.0' }
      ]
    },
    'keyPersons.dueReviews': {
      good: async () => {
        await registered()
        return {
          input: { withinDays: 31 },
          expectData: (rows) => expect(rows.map((r) => r.name)).toEqual(['王芳'])
        }
      },
      bad: async () => [{ input: { withinDays: 1000 }, field: 'withinDays', message: '不能超过 90 天' }]
    },
    'referrals.list': {
      good: async () => {
        const { caseId } = await referral()
        return {
          input: { caseId },
          expectData: (rows) => {
            expect(rows).toEqual([expect.objectContaining({ partyName: '王芳', status: 'referred', hasNotes: true })])
            expect(JSON.stringify(rows)).not.toContain('失眠')
          }
        }
      },
      bad: async () => [{ input: { status: 'open' }, field: 'status', message: '状态无效' }]
    },
    'referrals.create': {
      good: async () => {
        const c = await aCase()
        const expert = await addMediator(app, { kind: 'expert', name: '周心怡', profession: 'psychological_counselor' })
        return {
          input: { partyId: c.applicant.id, caseId: c.caseId, service: 'counsellor', counsellorId: expert.id },
          expectData: (made) =>
            expect(made).toMatchObject({ service: 'counsellor', counsellorName: '周心怡', status: 'referred' })
        }
      },
      bad: async () => {
        const c = await aCase()
        const fullTime = await addMediator(app)
        const good = { partyId: c.applicant.id, caseId: c.caseId, service: 'counsellor' }
        return [
          { input: good, field: 'counsellorId', message: '请从专家库选择心理咨询师' },
          { input: { ...good, counsellorId: fullTime.id }, field: 'counsellorId', message: '所选人员不在专家库中' },
          { input: { ...good, service: 'police' }, field: 'service' },
          { input: { ...good, service: 'womens_federation', partyId: noSuchId }, field: 'partyId' }
        ]
      }
    },
    'referrals.setStatus': {
      good: async () => {
        const { referral: made } = await referral()
        return {
          input: { id: made.id, status: 'closed', outcome: '已完成六次疏导，情绪平稳' },
          expectData: (after) => expect(after).toMatchObject({ status: 'closed', outcome: '已完成六次疏导，情绪平稳' })
        }
      },
      bad: async () => {
        const { referral: made } = await referral()
        return [
          { input: { id: made.id, status: 'closed' }, field: 'outcome', message: '结束转介时请填写结果' },
          { input: { id: made.id, status: 'referred' }, field: 'status' },
          { input: { id: noSuchId, status: 'accepted' }, field: 'id', message: '转介不存在' }
        ]
      }
    },
    'referrals.notes': {
      good: async () => {
        const { referral: made } = await referral()
        return {
          input: { id: made.id },
          expectData: (notes) => expect(notes).toEqual({ referralId: made.id, notes: '长期失眠，情绪低落' })
        }
      },
      bad: async () => [
        { input: { id: 'r1' }, field: 'id', message: '转介编号无效' },
        { input: { id: noSuchId }, field: 'id', message: '转介不存在' }
      ]
    },
    'cases.similar': {
      good: async () => {
        const { caseId } = await aCase()
        return { input: { caseId }, expectData: (rows) => expect(rows).toEqual([]) }
      },
      bad: async () => {
        const { caseId } = await aCase()
        return [
          { input: { caseId: 'c1' }, field: 'caseId', message: '案件编号无效' },
          { input: { caseId, openId: noSuchId }, field: 'openId', message: '该案件不在可参考的相似案件中' }
        ]
      }
    }
  }
}
