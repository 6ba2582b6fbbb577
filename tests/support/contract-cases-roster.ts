/*
 * Good and bad inputs of the roster and assignment methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { officeId } from './contract-cases'
import { residentId } from './intake-fixtures'
import { addMediator, mediatorRecord } from './roster-fixtures'
import type { TempApp } from './temp-app'

type RosterMethod =
  | 'mediators.list'
  | 'mediators.get'
  | 'mediators.save'
  | 'mediators.exportXlsx'
  | 'mediators.templateXlsx'
  | 'mediators.importPreview'
  | 'mediators.importCommit'
  | 'chambers.list'
  | 'chambers.add'
  | 'assignments.list'
  | 'assignments.suggest'
  | 'assignments.assign'
  | 'assignments.recuse'

export function rosterCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in RosterMethod]: MethodCases<M> } {
  return {
    'mediators.list': {
      good: async () => {
        await addMediator(app)
        return {
          input: { officeId: await officeId(app, 'wutian') },
          expectData: (page) => {
            expect(page.rows.map((r) => [r.name, r.kind, r.maskedPhone])).toEqual([
              ['林海燕', 'full_time', '139****1234']
            ])
            expect(page.counts).toEqual([
              expect.objectContaining({
                officeName: '梧田街道矛盾纠纷调解分中心',
                full_time: 1,
                part_time: 0,
                expert: 0
              })
            ])
          }
        }
      },
      bad: async () => [
        { input: { kind: 'volunteer' }, field: 'kind' },
        { input: { credentialExpiringWithinDays: 0 }, field: 'credentialExpiringWithinDays' }
      ]
    },
    'mediators.get': {
      good: async () => {
        const added = await addMediator(app)
        return {
          input: { id: added.id },
          expectData: (m) => expect(m).toMatchObject({ name: '林海燕', officeCodes: ['wutian'], openCases: 0 })
        }
      },
      bad: async () => [{ input: { id: 'x' }, field: 'id', message: '调解员编号无效' }]
    },
    'mediators.save': {
      good: async () => ({
        input: { record: mediatorRecord({ kind: 'expert', profession: 'lawyer', name: '周律师' }) },
        expectData: (m) =>
          expect(m).toMatchObject({
            kind: 'expert',
            profession: 'lawyer',
            version: 1,
            specialties: ['neighbour', 'marriage_family']
          })
      }),
      bad: async () => [
        { input: { record: mediatorRecord({ idNumber: '330304197503082620' }) }, field: 'record.idNumber' },
        {
          input: { record: mediatorRecord({ officeCodes: [] }) },
          field: 'record.officeCodes',
          message: '请至少选择一个服务的调解组织'
        },
        { input: { record: mediatorRecord({ officeCodes: ['atlantis'] }) }, field: 'record.officeCodes.0' },
        {
          input: { record: mediatorRecord({ kind: 'expert', profession: null }) },
          field: 'record.profession',
          message: '专家库成员须注明专业领域'
        },
        { input: { record: mediatorRecord({ chambers: ['不存在的商会'] }) }, field: 'record.chambers.0' },
        { input: { record: mediatorRecord({ capacity: -1 }) }, field: 'record.capacity' },
        {
          input: { record: mediatorRecord({ leaves: [{ from: '2026-12-05', to: '2026-12-01', reason: null }] }) },
          field: 'record.leaves.0.to'
        }
      ]
    },
    'mediators.exportXlsx': {
      good: async () => {
        await addMediator(app)
        return {
          input: {},
          expectData: (file) => {
            expect(file.fileName).toMatch(/^调解员名册-\d{4}-\d{2}-\d{2}\.xlsx$/)
            expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
          }
        }
      },
      bad: async () => [{ input: { sheet: 1 }, field: 'sheet' }]
    },
    'mediators.templateXlsx': {
      good: async () => ({ input: {}, expectData: (file) => expect(file.fileName).toBe('调解员名册模板.xlsx') }),
      bad: async () => [{ input: { empty: true }, field: 'empty' }]
    },
    'mediators.importPreview': {
      good: async () => {
        await addMediator(app)
        const exported = await services['mediators.exportXlsx'](app.ctx, {})
        return {
          input: { base64: exported.base64 },
          expectData: (preview) =>
            expect(preview).toMatchObject({
              creating: 0,
              updating: 0,
              unchanged: 1,
              problems: [],
              counts: { full_time: 1 }
            })
        }
      },
      bad: async () => [
        { input: { base64: '' }, field: 'base64', message: '请选择文件' },
        { input: { base64: '不是文件' }, field: 'base64', message: '文件内容无效' }
      ]
    },
    'mediators.importCommit': {
      good: async () => {
        await addMediator(app)
        const exported = await services['mediators.exportXlsx'](app.ctx, {})
        await app.ctx.db.deleteFrom('mediator_specialties').execute()
        await app.ctx.db.deleteFrom('mediator_credentials').execute()
        await app.ctx.db.deleteFrom('mediator_offices').execute()
        await app.ctx.db.deleteFrom('mediators').execute()
        return {
          input: { base64: exported.base64 },
          expectData: async (preview) => {
            expect(preview).toMatchObject({ creating: 1, updating: 0 })
            const listed = await services['mediators.list'](app.ctx, {})
            expect(listed.rows.map((r) => r.name)).toEqual(['林海燕'])
          }
        }
      },
      bad: async () => [{ input: {}, field: 'base64' }]
    },
    'chambers.list': {
      good: async () => {
        await services['chambers.add'](app.ctx, { name: '温州市瓯海区眼镜商会' })
        return { input: {}, expectData: (list) => expect(list.map((c) => c.name)).toEqual(['温州市瓯海区眼镜商会']) }
      },
      bad: async () => [{ input: { active: true }, field: 'active' }]
    },
    'chambers.add': {
      good: async () => ({
        input: { name: ' 温州市瓯海区鞋业商会 ' },
        expectData: (c) => expect(c).toMatchObject({ name: '温州市瓯海区鞋业商会', active: true })
      }),
      bad: async () => {
        await services['chambers.add'](app.ctx, { name: '温州市瓯海区眼镜商会' })
        return [
          { input: { name: '   ' }, field: 'name', message: '此项不能为空' },
          { input: { name: '温州市瓯海区眼镜商会' }, field: 'name', message: '商会名单中已有该商会' }
        ]
      }
    },
    'assignments.list': {
      good: async () => {
        const caseId = await registeredCaseId()
        const m = await addMediator(app)
        await services['assignments.assign'](app.ctx, {
          caseId,
          mediatorId: m.id,
          role: 'lead',
          chosenByParties: false,
          overrideReason: null
        })
        return {
          input: { caseId },
          expectData: (list) => expect(list).toMatchObject([{ mediatorName: '林海燕', role: 'lead', status: 'active' }])
        }
      },
      bad: async () => [{ input: { caseId: 'nope' }, field: 'caseId' }]
    },
    'assignments.suggest': {
      good: async () => {
        const caseId = await registeredCaseId()
        await addMediator(app)
        return {
          input: { caseId },
          expectData: (ranked) => {
            expect(ranked[0]).toMatchObject({ name: '林海燕', eligible: true })
            expect(ranked[0].reasons.join('；')).toContain('邻里纠纷')
          }
        }
      },
      bad: async () => [
        { input: { caseId: await registeredCaseId(), hearingDates: ['明天'] }, field: 'hearingDates.0' }
      ]
    },
    'assignments.assign': {
      good: async () => {
        const caseId = await registeredCaseId()
        const m = await addMediator(app)
        return {
          input: { caseId, mediatorId: m.id, role: 'lead', chosenByParties: true },
          expectData: (list) =>
            expect(list).toMatchObject([{ mediatorId: m.id, chosenByParties: true, overrideReason: null }])
        }
      },
      bad: async () => {
        const caseId = await registeredCaseId()
        return [
          {
            input: { caseId, mediatorId: (await addMediator(app)).id, role: 'boss' },
            field: 'role',
            message: '请选择承办角色'
          },
          {
            input: { caseId, mediatorId: '0190a1b2-0000-7000-8000-000000000000', role: 'lead' },
            field: 'mediatorId',
            message: '调解员不存在'
          }
        ]
      }
    },
    'assignments.recuse': {
      good: async () => {
        const caseId = await registeredCaseId()
        const first = await addMediator(app)
        const second = await addMediator(app, {
          name: '郑国平',
          idNumber: residentId('1968-10-02', 515),
          phone: '13806779876'
        })
        const [assignment] = await services['assignments.assign'](app.ctx, {
          caseId,
          mediatorId: first.id,
          role: 'lead',
          chosenByParties: false,
          overrideReason: null
        })
        return {
          input: {
            assignmentId: assignment.id,
            reason: '申请人以调解员与被申请人系同事为由申请回避',
            replacementMediatorId: second.id
          },
          expectData: (list) =>
            expect(list.map((a) => [a.mediatorName, a.role, a.status])).toEqual([
              ['林海燕', 'lead', 'recused'],
              ['郑国平', 'lead', 'active']
            ])
        }
      },
      bad: async () => [
        {
          input: { assignmentId: '0190a1b2-0000-7000-8000-000000000000', reason: ' ' },
          field: 'reason',
          message: '此项不能为空'
        },
        { input: { assignmentId: 'x', reason: '回避' }, field: 'assignmentId' }
      ]
    }
  }
}
