/*
 * Good and bad inputs of the documents methods, for the contract table in
 * contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import type { documentMethods } from '../../shared/contract/documents'
import type { ExportJob } from '../../shared/domain/document'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { acceptedCase } from './lifecycle-fixtures'
import { tinyPng } from './document-fixtures'
import type { TempApp } from './temp-app'

export function documentCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof documentMethods]: MethodCases<M> } {
  const ctx = () => app.ctx
  /** A registered case with its application generated (DOCX and PDF); the DOCX entry. */
  const withApplication = async () => {
    const caseId = await registeredCaseId()
    const { entries } = await services['documents.generate'](ctx(), { caseId, kind: 'application' })
    return { caseId, docx: entries[0] }
  }
  /** Poll until the export is over, so the app is not closed under a running job. */
  const finished = async (job: ExportJob): Promise<ExportJob> => {
    let status = job
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100))
      status = await services['documents.exportStatus'](ctx(), { jobId: job.jobId })
    }
    return status
  }
  const unknownId = '01900000-0000-7000-8000-000000000000'

  return {
    'documents.generate': {
      good: async () => ({
        input: { caseId: await registeredCaseId(), kind: 'application' },
        expectData: (generated) => {
          expect(generated.entries.map((e) => [e.kind, e.format, e.revision])).toEqual([
            ['application', 'docx', 1],
            ['application', 'pdf', 1]
          ])
          expect(generated.warnings).toEqual([])
        }
      }),
      bad: async () => {
        const caseId = await registeredCaseId()
        return [
          { input: { caseId: 'x', kind: 'application' }, field: 'caseId', message: '案件编号无效' },
          { input: { caseId, kind: 'poem' }, field: 'kind', message: '没有这种文书' },
          {
            input: { caseId, kind: 'agreement' },
            field: 'kind',
            message: '暂不能制作人民调解协议书：尚未达成书面调解协议'
          }
        ]
      }
    },
    'documents.list': {
      good: async () => {
        const { caseId } = await withApplication()
        return {
          input: { caseId },
          expectData: (list) => {
            expect(list.entries.map((e) => [e.format, e.check])).toEqual([
              ['docx', 'ok'],
              ['pdf', 'ok']
            ])
            expect(list.kinds.find((k) => k.kind === 'acceptance_receipt')).toMatchObject({
              available: false,
              reason: '案件受理编号后才能制作'
            })
          }
        }
      },
      bad: async () => [{ input: { caseId: 42 }, field: 'caseId' }]
    },
    'documents.open': {
      good: async () => {
        const { docx } = await withApplication()
        return {
          input: { documentId: docx.id },
          expectData: (opened) => {
            expect(opened.verification).toMatchObject({ check: 'ok', expectedSha256: docx.sha256 })
            expect(opened.mimeType).toContain('wordprocessingml')
            expect(Buffer.from(opened.base64, 'base64').length).toBe(docx.sizeBytes)
          }
        }
      },
      bad: async () => [{ input: { documentId: 'x' }, field: 'documentId', message: '文书编号无效' }]
    },
    'documents.verify': {
      good: async () => {
        const { docx } = await withApplication()
        return {
          input: { documentId: docx.id },
          expectData: (v) => expect(v).toMatchObject({ check: 'ok', actualSha256: docx.sha256 })
        }
      },
      bad: async () => [{ input: {}, field: 'documentId' }]
    },
    'documents.attach': {
      good: async () => ({
        input: {
          caseId: await registeredCaseId(),
          category: 'identity',
          title: '王芳身份证复印件',
          fileName: 'id.png',
          base64: tinyPng().toString('base64')
        },
        expectData: (entry) => expect(entry).toMatchObject({ category: 'identity', format: 'png', revision: 1 })
      }),
      bad: async () => {
        const good = {
          caseId: await registeredCaseId(),
          category: 'identity',
          title: '身份证',
          fileName: 'id.png',
          base64: tinyPng().toString('base64')
        }
        return [
          { input: { ...good, base64: '这不是文件' }, field: 'base64', message: '文件内容不是有效的 Base64 编码' },
          {
            input: { ...good, base64: Buffer.from('plain text').toString('base64') },
            field: 'base64',
            message: '只能添加 PDF、JPG 或 PNG 文件（按文件内容判断）'
          },
          { input: { ...good, category: 'selfie' }, field: 'category', message: '请选择材料类别' },
          { input: { ...good, title: '  ' }, field: 'title', message: '此项不能为空' }
        ]
      }
    },
    'documents.preview': {
      good: async () => ({
        input: { caseId: await registeredCaseId(), kind: 'application' },
        expectData: (preview) => {
          expect(preview.title).toBe('人民调解申请书')
          expect(preview.html).toContain('申请人：王芳')
          expect(preview.html).not.toMatch(/<script|https?:\/\//)
        }
      }),
      bad: async () => [{ input: { caseId: await registeredCaseId(), kind: 'letter' }, field: 'kind' }]
    },
    'documents.caseFile': {
      good: async () => ({
        input: { caseId: await registeredCaseId() },
        expectData: (check) => {
          expect(check.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
          expect(check.missing[0]).toBe('1 人民调解申请书或受理登记表')
        }
      }),
      bad: async () => [{ input: { caseId: 'x' }, field: 'caseId', message: '案件编号无效' }]
    },
    'documents.exportCaseFile': {
      good: async () => ({
        input: { caseId: await acceptedCase(app), format: 'zip' },
        expectData: async (job) => {
          expect(job).toMatchObject({ state: 'running', format: 'zip', base64: null })
          const done = await finished(job)
          expect(done).toMatchObject({ state: 'done', percent: 100 })
          expect(done.missing).toContain('3 当事人身份证明')
        }
      }),
      bad: async () => [
        { input: { caseId: await registeredCaseId(), format: 'rar' }, field: 'format' },
        {
          input: { caseId: await registeredCaseId(), format: 'pdf' },
          field: 'caseId',
          message: '案件受理编号后才能导出卷宗'
        }
      ]
    },
    'documents.exportStatus': {
      good: async () => {
        const job = await services['documents.exportCaseFile'](ctx(), {
          caseId: await acceptedCase(app),
          format: 'pdf'
        })
        await finished(job)
        return {
          input: { jobId: job.jobId },
          expectData: (status) => {
            expect(status).toMatchObject({ state: 'done', step: '完成', fileName: expect.stringMatching(/\.pdf$/) })
            expect(Buffer.from(status.base64!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
          }
        }
      },
      bad: async () => [{ input: { jobId: unknownId.slice(0, 10) }, field: 'jobId', message: '导出任务编号无效' }]
    },
    'documents.templates': {
      good: async () => ({
        input: {},
        expectData: (templates) => {
          expect(templates).toHaveLength(17)
          expect(templates.every((t) => t.source === 'builtin' && t.problem === null)).toBe(true)
        }
      }),
      bad: async () => [{ input: { folder: '/tmp' }, field: 'folder' }]
    }
  }
}
