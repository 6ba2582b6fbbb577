/*
 * Good and bad inputs of the trust methods (the audit trail), for the
 * contract table in contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import type { trustMethods } from '../../shared/contract/trust'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import type { TempApp } from './temp-app'

export function trustCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof trustMethods]: MethodCases<M> } {
  /** A manual backup of a store that holds one registered case; its file name. */
  async function backedUp(): Promise<string> {
    await registeredCaseId()
    return (await services['backups.create'](app.ctx, {})).backups[0].fileName
  }

  return {
    'audit.list': {
      good: async () => {
        const caseId = await registeredCaseId()
        return {
          input: { filter: { caseId } },
          expectData: (page) => {
            // The case row, its parties, their links and the registration event: all on the case's trail.
            expect(page.rows.map((r) => r.entity).sort()).toEqual([
              'case_events',
              'case_parties',
              'case_parties',
              'cases',
              'parties',
              'parties'
            ])
            expect(page.rows.every((r) => r.action === 'cases.register' && r.caseId === caseId)).toBe(true)
            expect(page.nextBeforeSeq).toBeNull()
          }
        }
      },
      bad: async () => [
        { input: { filter: { caseId: 'x' } }, field: 'filter.caseId', message: '案件编号无效' },
        {
          input: { filter: { fromDate: '2026-11-30', toDate: '2026-11-01' } },
          field: 'filter.toDate',
          message: '结束日期不能早于开始日期'
        },
        { input: { limit: 1000 }, field: 'limit', message: '每页最多 500 条' }
      ]
    },
    'audit.actors': {
      good: async () => ({
        input: {},
        expectData: (actors) => expect(actors.map((a) => a.name)).toEqual(['本机管理员', '系统'])
      }),
      bad: async () => [{ input: { all: true }, field: 'all' }]
    },
    'audit.verify': {
      good: async () => {
        await registeredCaseId()
        return {
          input: {},
          expectData: (result) => {
            expect(result.ok).toBe(true)
            expect(result.problems).toEqual([])
            expect(result.checked).toBe(result.headSeq)
            expect(result.checked).toBeGreaterThan(6)
          }
        }
      },
      bad: async () => [{ input: { deep: true }, field: 'deep' }]
    },
    'audit.exportXlsx': {
      good: async () => {
        await registeredCaseId()
        return {
          input: { filter: { action: 'cases.register' } },
          expectData: (file) => {
            expect(file.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/)
            // An XLSX is a ZIP: it starts with PK.
            expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
          }
        }
      },
      bad: async () => [{ input: { filter: { fromDate: '2026-13-01' } }, field: 'filter.fromDate' }]
    },
    'parties.reveal': {
      good: async () => {
        const caseId = await registeredCaseId()
        const detail = await services['cases.get'](app.ctx, { caseId })
        return {
          input: { caseId, partyId: detail.parties[0].id },
          expectData: async (party) => {
            expect(party).toMatchObject({ name: '王芳', phone: '13857712345', address: '梧田街道老殿后村12号' })
            expect(party.idNumber).toMatch(/^330304\d{11}[\dX]$/)
            const trail = await services['audit.list'](app.ctx, { filter: { caseId, action: 'parties.reveal' } })
            expect(trail.rows.map((r) => [r.entityId, r.actorName])).toEqual([[party.partyId, '本机管理员']])
          }
        }
      },
      bad: async () => [
        { input: { caseId: 'x', partyId: '01a22700-0000-7000-8000-000000000000' }, field: 'caseId' },
        { input: { caseId: '01a22700-0000-7000-8000-000000000000' }, field: 'partyId' }
      ]
    },
    'backups.list': {
      good: async () => ({
        input: {},
        expectData: (overview) => {
          // A fresh store has nothing to lose: no daily copy yet; the store itself was checked at start.
          expect(overview.backups).toEqual([])
          expect(overview.pendingRestore).toBeNull()
          expect(overview.lastIntegrityCheck).toMatchObject({ target: '当前数据库', ok: true })
        }
      }),
      bad: async () => [{ input: { folder: '/tmp' }, field: 'folder' }]
    },
    'backups.create': {
      good: async () => {
        await registeredCaseId()
        return {
          input: {},
          expectData: (overview) => {
            expect(overview.backups).toHaveLength(1)
            expect(overview.backups[0]).toMatchObject({ kind: 'manual' })
            expect(overview.backups[0].sizeBytes).toBeGreaterThan(0)
            expect(overview.lastIntegrityCheck).toMatchObject({ target: overview.backups[0].fileName, ok: true })
          }
        }
      },
      bad: async () => [{ input: { kind: 'daily' }, field: 'kind' }]
    },
    'backups.restore': {
      good: async () => {
        const fileName = await backedUp()
        return {
          input: { fileName },
          expectData: (overview) => expect(overview.pendingRestore).toBe(fileName)
        }
      },
      bad: async () => [
        { input: { fileName: '../desk.sqlite' }, field: 'fileName', message: '备份文件名无效' },
        { input: { fileName: 'desk-20260101T000000-manual.sqlite' }, field: 'fileName', message: '没有这个备份文件' },
        { input: {}, field: 'fileName' }
      ]
    },
    'backups.cancelRestore': {
      good: async () => {
        await services['backups.restore'](app.ctx, { fileName: await backedUp() })
        return { input: {}, expectData: (overview) => expect(overview.pendingRestore).toBeNull() }
      },
      bad: async () => [{ input: { fileName: 'x.sqlite' }, field: 'fileName' }]
    }
  }
}
