/*
 * Good and bad inputs of the hub methods (exports to the district hub), for
 * the contract table in contract-cases.ts (run through every transport).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { hubMethods } from '../../shared/contract/hub'
import { services } from '../../electron/main/services/index'
import { keptBundlePath } from '../../electron/main/services/hub/kept-bundles'
import type { MethodCases } from './contract-cases'
import { answeringDialogs } from './file-dialogs'
import { officeId } from './contract-cases'
import type { TempApp } from './temp-app'

const GARBAGE_KEY = '-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n-----END PUBLIC KEY-----'

export function hubCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof hubMethods]: MethodCases<M> } {
  /** A first bundle of this installation (the Wutian sub-center, one registered case), as base64. */
  async function bundle(): Promise<string> {
    await registeredCaseId()
    const made = await services['hub.export'](app.ctx, { kind: 'incremental', policy: 'full' })
    return (await services['hub.bundleFile'](app.ctx, { sequence: made.entry!.sequence })).base64
  }
  const noExtra = (name: string) => async () => [{ input: { [name]: 1 }, field: name }]
  /** This installation's first bundle, as the office kept it beside the store. */
  async function keptFile(): Promise<string> {
    await registeredCaseId()
    const made = await services['hub.export'](app.ctx, { kind: 'incremental', policy: 'full' })
    return keptBundlePath(app.ctx.runtime.databasePath, made.fileName!)
  }
  /** That bundle chosen in the desktop's open dialog. */
  async function chosenToken(): Promise<string> {
    const file = await keptFile()
    app.ctx.fileDialogs = answeringDialogs({ open: () => file })
    return (await services['hub.chooseBundle'](app.ctx, {}))!.token
  }
  const badTokens = async () => [
    { input: { token: 'C:/bundles/hub.zip' }, field: 'token', message: '请重新选择数据包' },
    { input: {}, field: 'token' },
    { input: { token: '0190a1b2-0000-7000-8000-000000000000', path: '/etc/passwd' }, field: 'path' }
  ]
  const badSequences = async () => [
    { input: { sequence: 0 }, field: 'sequence', message: '请选择一个数据包' },
    { input: { sequence: 1.5 }, field: 'sequence' },
    { input: { sequence: '1' }, field: 'sequence' },
    { input: {}, field: 'sequence' },
    { input: { sequence: 1, path: '/etc/passwd' }, field: 'path' }
  ]

  return {
    'hub.keyInfo': {
      good: async () => ({ input: {}, expectData: (info) => expect(info).toBeNull() }),
      bad: noExtra('verbose')
    },
    'hub.generateKey': {
      good: async () => ({
        input: {},
        expectData: (info) => {
          expect(info.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/)
          expect(info.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/)
          expect(info.protection).toBe('user_file')
        }
      }),
      bad: noExtra('rotate')
    },
    'hub.publicKeyFile': {
      good: async () => {
        await registeredCaseId()
        return {
          input: {},
          expectData: (file) => expect(file).toMatchObject({ format: 'mcd-office-key', officeCode: 'wutian' })
        }
      },
      bad: noExtra('officeCode')
    },
    'hub.export': {
      good: async () => {
        await registeredCaseId()
        return {
          input: { kind: 'incremental', policy: 'masked' },
          expectData: (result) => {
            expect(result).toMatchObject({ nothingToExport: false, entry: { sequence: 1, policy: 'masked' } })
            expect(result.entry!.counts.cases).toEqual({ rows: 1, tombstones: 0 })
            expect(result.fileName).toMatch(/^hub-wutian-000001-\d{8}\.zip$/)
            expect(result.entry!.kept).toBe(true)
          }
        }
      },
      bad: async () => [
        { input: { kind: 'everything', policy: 'full' }, field: 'kind', message: '请选择增量或全量' },
        { input: { kind: 'full' }, field: 'policy', message: '请选择完整或脱敏' },
        { input: { kind: 'full', policy: 'full', out: '/tmp/x.zip' }, field: 'out' }
      ]
    },
    'hub.bundleFile': {
      good: async () => {
        await registeredCaseId()
        const made = await services['hub.export'](app.ctx, { kind: 'incremental', policy: 'full' })
        return {
          input: { sequence: 1 },
          expectData: (file) => {
            const bytes = Buffer.from(file.base64, 'base64')
            expect(file.fileName).toBe(made.fileName)
            expect(createHash('sha256').update(bytes).digest('hex')).toBe(made.entry!.sha256)
          }
        }
      },
      bad: badSequences
    },
    'hub.saveBundle': {
      good: async () => {
        await registeredCaseId()
        const made = await services['hub.export'](app.ctx, { kind: 'incremental', policy: 'full' })
        // The user's answer to the desktop's save dialog (browser mode and the tests have none of their own).
        const chosen = path.join(app.dir, '报送', made.fileName!)
        mkdirSync(path.dirname(chosen))
        app.ctx.fileDialogs = answeringDialogs({ save: () => chosen })
        return {
          input: { sequence: 1 },
          expectData: (saved) => {
            expect(saved).toEqual({ fileName: made.fileName, path: chosen })
            expect(createHash('sha256').update(readFileSync(chosen)).digest('hex')).toBe(made.entry!.sha256)
          }
        }
      },
      bad: badSequences
    },
    'hub.deleteBundle': {
      good: async () => {
        const older = await keptFile()
        // Bundle 1 is no longer the newest once bundle 2 is made: its copy may go.
        await services['hub.export'](app.ctx, { kind: 'full', policy: 'full' })
        return {
          input: { sequence: 1 },
          expectData: (deleted) => {
            expect(deleted).toEqual({ sequence: 1, fileName: path.basename(older) })
            expect(existsSync(older)).toBe(false)
          }
        }
      },
      bad: badSequences
    },
    'hub.progress': {
      good: async () => ({
        input: {},
        expectData: (p) => expect(p).toEqual({ task: null, phase: 'idle', done: 0, total: 0 })
      }),
      bad: noExtra('task')
    },
    'hub.exports': {
      good: async () => {
        await bundle()
        return { input: {}, expectData: (list) => expect(list.map((e) => e.sequence)).toEqual([1]) }
      },
      bad: noExtra('limit')
    },
    'hub.offices': {
      good: async () => ({ input: {}, expectData: (list) => expect(list).toEqual([]) }),
      bad: noExtra('all')
    },
    'hub.registerOffice': {
      good: async () => {
        const key = await services['hub.generateKey'](app.ctx, {})
        return {
          input: { officeId: await officeId(app, 'wutian'), publicKeyPem: key.publicKeyPem },
          expectData: (list) =>
            expect(list).toMatchObject([{ officeCode: 'wutian', fingerprint: key.fingerprint, lastSequence: 0 }])
        }
      },
      bad: async () => [
        { input: { officeId: 'wutian', publicKeyPem: GARBAGE_KEY }, field: 'officeId', message: '请选择一个调解组织' },
        {
          input: { officeId: await officeId(app, 'wutian'), publicKeyPem: 'ssh-ed25519 AAAA' },
          field: 'publicKeyPem',
          message: '不是 PEM 格式的公钥'
        },
        {
          input: { officeId: await officeId(app, 'wutian'), publicKeyPem: GARBAGE_KEY },
          field: 'publicKeyPem',
          message: '公钥无法读取，请粘贴调解组织导出的公钥'
        },
        {
          input: { officeId: '0190a1b2-0000-7000-8000-000000000000', publicKeyPem: GARBAGE_KEY },
          field: 'officeId',
          message: '所选调解组织不存在'
        }
      ]
    },
    'hub.verify': {
      good: async () => {
        const base64 = await bundle()
        return {
          input: { fileName: 'hub-wutian-000001.zip', base64 },
          expectData: (report) => {
            expect(report.ok).toBe(false)
            expect(report.checks.map((c) => [c.key, c.status])).toEqual([
              ['archive', 'passed'],
              ['manifest', 'passed'],
              ['hashes', 'passed'],
              ['signature', 'failed'],
              ['chain', 'skipped'],
              ['lines', 'passed'],
              ['references', 'passed'],
              ['origin', 'passed']
            ])
            expect(report.reason).toMatch(/公钥尚未在本中心登记/)
          }
        }
      },
      bad: async () => [
        { input: { fileName: 'a.zip', base64: '不是文件' }, field: 'base64', message: '文件内容无效' },
        { input: { fileName: '', base64: 'UEsFBg==' }, field: 'fileName', message: '此项不能为空' },
        { input: { base64: 'UEsFBg==' }, field: 'fileName' }
      ]
    },
    'hub.import': {
      good: async () => {
        const base64 = await bundle()
        const key = await services['hub.keyInfo'](app.ctx, {})
        await services['hub.registerOffice'](app.ctx, {
          officeId: await officeId(app, 'wutian'),
          publicKeyPem: key!.publicKeyPem
        })
        return {
          input: { fileName: 'hub-wutian-000001.zip', base64 },
          // The office's own bundle at its own store: verified, and every row is already there at its version.
          expectData: (entry) =>
            expect(entry).toMatchObject({
              status: 'accepted',
              reason: null,
              officeCode: 'wutian',
              sequence: 1,
              merged: { inserted: 0, updated: 0, deleted: 0 }
            })
        }
      },
      bad: async () => [
        { input: { fileName: 'a.zip', base64: '' }, field: 'base64', message: '请选择文件' },
        { input: { fileName: 'a.zip', base64: 'UEsFBg==', dryRun: true }, field: 'dryRun' }
      ]
    },
    'hub.chooseBundle': {
      good: async () => {
        const file = await keptFile()
        app.ctx.fileDialogs = answeringDialogs({ open: () => file })
        return {
          input: {},
          expectData: (chosen) =>
            expect(chosen).toEqual({
              token: expect.stringMatching(/^[0-9a-f-]{36}$/),
              fileName: path.basename(file),
              sizeBytes: statSync(file).size
            })
        }
      },
      bad: noExtra('path')
    },
    'hub.verifyChosen': {
      good: async () => ({
        input: { token: (await chosenToken())! },
        expectData: (report) => {
          expect(report.checks.find((c) => c.key === 'hashes')?.status).toBe('passed')
          expect(report.reason).toMatch(/公钥尚未在本中心登记/)
        }
      }),
      bad: badTokens
    },
    'hub.importChosen': {
      good: async () => {
        const token = await chosenToken()
        const key = await services['hub.keyInfo'](app.ctx, {})
        await services['hub.registerOffice'](app.ctx, {
          officeId: await officeId(app, 'wutian'),
          publicKeyPem: key!.publicKeyPem
        })
        return {
          input: { token },
          expectData: (entry) =>
            expect(entry).toMatchObject({
              status: 'accepted',
              officeCode: 'wutian',
              sequence: 1,
              fileName: expect.stringMatching(/^hub-wutian-000001-/)
            })
        }
      },
      bad: badTokens
    },
    'hub.imports': {
      good: async () => ({ input: {}, expectData: (list) => expect(list).toEqual([]) }),
      bad: noExtra('status')
    }
  }
}
