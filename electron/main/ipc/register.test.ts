import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcMain } from 'electron'
import type { IpcResult } from '../../../shared/errors'
import { METHOD_NAMES } from '../../../shared/ipc-contract'
import { startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { dataOf, describeEveryContractMethod, officeId as officeIdOf } from '../../../tests/support/contract-cases'
import { AppError } from '../errors'
import { services } from '../services/index'
import { createHandlerTable, invokeByName, registerIpcHandlers, type HandlerTable } from './register'

let app: TempApp
let handlers: HandlerTable

beforeEach(async () => {
  app = await startTempApp()
  handlers = createHandlerTable(app.ctx)
})
afterEach(async () => app.dispose())

const officeId = (code: string) => officeIdOf(app, code)

describeEveryContractMethod('the handler table (Electron IPC)', async (target) => {
  const table = createHandlerTable(target.ctx)
  return { call: (method, input) => table[method](input), stop: async () => {} }
})

describe('settings.set writes through the audited path', () => {
  it('writes the setting, one audit row and one change-log row; saving the same value again writes nothing', async () => {
    const id = await officeId('zeya')
    const before = await tableCounts(app)
    dataOf(await handlers['settings.set']({ key: 'installation.officeId', value: id }))
    const after = await tableCounts(app)
    expect(after.settings - before.settings).toBe(1)
    expect(after.audit_log - before.audit_log).toBe(1)
    expect(after.change_log - before.change_log).toBe(1)
    const audit = await app.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      action: 'settings.set',
      entity: 'settings',
      entity_id: 'installation.officeId',
      actor_name: '本机管理员'
    })

    dataOf(await handlers['settings.set']({ key: 'installation.officeId', value: id }))
    expect(await tableCounts(app)).toEqual(after)

    const other = await officeId('chamber')
    dataOf(await handlers['settings.set']({ key: 'installation.officeId', value: other }))
    const change = await app.ctx.db
      .selectFrom('change_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(change).toMatchObject({ entity: 'settings', operation: 'update', version: 2 })
    const summary = JSON.parse(
      (await app.ctx.db.selectFrom('audit_log').select('summary').orderBy('id', 'desc').executeTakeFirstOrThrow())
        .summary
    )
    expect(summary).toEqual({ before: { value: JSON.stringify(id) }, after: { value: JSON.stringify(other) } })
  })

  it('refuses an office that has been deactivated', async () => {
    const id = await officeId('xianyan')
    await app.ctx.db.updateTable('offices').set({ active: 0 }).where('id', '=', id).execute()
    const result = await handlers['settings.set']({ key: 'installation.officeId', value: id })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { value: '所选调解组织已停用' } }
    })
  })
})

describe('the envelope', () => {
  it('keeps an AppError code and message, and turns anything else into INTERNAL with a correlation id logged in main', async () => {
    const table = createHandlerTable(app.ctx, {
      ...services,
      'reference.caseSources': async () => {
        throw new AppError('NOT_FOUND', '来源不存在')
      },
      'reference.disputeTypes': async () => {
        throw new TypeError('boom at line 3')
      }
    })
    expect(await table['reference.caseSources']({})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '来源不存在' }
    })

    const internal = await table['reference.disputeTypes']({})
    expect(internal.ok).toBe(false)
    if (internal.ok) return
    expect(internal.error.code).toBe('INTERNAL')
    expect(internal.error.message).not.toContain('boom')
    expect(internal.error.message).toContain(internal.error.correlationId!.slice(-12))
    expect(app.errors).toHaveLength(1)
    expect(app.errors[0].message).toContain(internal.error.correlationId!)
    expect(app.errors[0].detail).toBeInstanceOf(TypeError)
  })

  it('answers an unknown method name with NOT_FOUND', async () => {
    expect(await invokeByName(handlers, 'cases.dropAll', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await invokeByName(handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(dataOf(await invokeByName(handlers, 'offices.list', {}))).toHaveLength(15)
  })
})

describe('the Electron IPC binding', () => {
  type Listener = (event: unknown, input: unknown) => Promise<unknown>
  const trusted = 'file:///app/out/renderer/index.html'

  function bind(): Map<string, Listener> {
    const listeners = new Map<string, Listener>()
    const ipcMain = { handle: (channel: string, listener: Listener) => listeners.set(channel, listener) }
    registerIpcHandlers(ipcMain as unknown as Pick<IpcMain, 'handle'>, handlers, [trusted])
    return listeners
  }

  it('registers one channel per contract method', () => {
    expect([...bind().keys()].sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('serves our main frame, and refuses subframes and foreign pages', async () => {
    const listener = bind().get('offices.list')!
    const mainFrame = { url: `${trusted}#/setup` }
    const ok = await listener({ senderFrame: mainFrame, sender: { mainFrame } }, {})
    expect(dataOf(ok as IpcResult<unknown[]>)).toHaveLength(15)

    const subframe = { url: trusted }
    expect(await listener({ senderFrame: subframe, sender: { mainFrame } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const foreign = { url: 'https://evil.example/' }
    expect(await listener({ senderFrame: foreign, sender: { mainFrame: foreign } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await listener({ senderFrame: null, sender: { mainFrame } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})
