import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcMain } from 'electron'
import type { IpcResult } from '../../../shared/errors'
import { METHOD_NAMES, type MethodName, type MethodOutput } from '../../../shared/ipc-contract'
import { startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { AppError } from '../errors'
import { services } from '../services/index'
import { createHandlerTable, invokeByName, registerIpcHandlers, type HandlerTable } from './register'
import disputeTypesFile from '../../../resources/reference/dispute-types.json' with { type: 'json' }

let app: TempApp
let handlers: HandlerTable

beforeEach(async () => {
  app = await startTempApp()
  handlers = createHandlerTable(app.ctx)
})
afterEach(async () => app.dispose())

function dataOf<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.data
}

async function officeId(code: string): Promise<string> {
  const row = await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

interface MethodCases<M extends MethodName> {
  /** A good call and what a user would expect of its answer. */
  good: () => Promise<{ input: unknown; expectData: (data: MethodOutput<M>) => Promise<void> | void }>
  /** Bad inputs, each with the field its message must name. */
  bad: () => Promise<Array<{ input: unknown; field: string; message?: string }>>
}

/** One entry per contract method: a method added without tests fails to compile. */
const cases: { [M in MethodName]: MethodCases<M> } = {
  'app.info': {
    good: async () => ({
      input: {},
      expectData: (info) => {
        expect(info.databasePath).toBe(app.dbPath)
        expect(info.schemaVersion).toBe('2026_11_29_0900_create_foundation')
        expect(info.shell).toBe('harness')
        expect(info.office).toBeNull()
        expect(info.user).toMatchObject({ displayName: '本机管理员', role: 'admin' })
        expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/)
      }
    }),
    bad: async () => [{ input: { verbose: true }, field: 'verbose' }]
  },
  'offices.list': {
    good: async () => ({
      input: {},
      expectData: (offices) => {
        expect(offices).toHaveLength(15)
        expect(offices[0]).toMatchObject({ code: 'ouhai', name: '瓯海区社会治理中心', kind: 'district_center', parentId: null })
        const wutian = offices.find((o) => o.code === 'wutian')
        expect(wutian).toMatchObject({ shortName: '瓯海梧田', township: '梧田街道', parentId: offices[0].id, active: true })
        expect(offices[14]).toMatchObject({ code: 'chamber', kind: 'chamber_center' })
      }
    }),
    bad: async () => [{ input: { includeInactive: 'yes' }, field: 'includeInactive' }]
  },
  'settings.get': {
    good: async () => ({
      input: { key: 'installation.officeId' },
      expectData: (entry) => expect(entry).toEqual({ key: 'installation.officeId', value: null, updatedAt: null })
    }),
    bad: async () => [
      { input: { key: 'no.such.key' }, field: 'key', message: '没有这个设置项' },
      { input: {}, field: 'key' }
    ]
  },
  'settings.set': {
    good: async () => {
      const id = await officeId('wutian')
      return {
        input: { key: 'installation.officeId', value: id },
        expectData: async (entry) => {
          expect(entry).toMatchObject({ key: 'installation.officeId', value: id })
          const info = dataOf(await handlers['app.info']({}))
          expect(info.office?.name).toBe('梧田街道矛盾纠纷调解分中心')
        }
      }
    },
    bad: async () => [
      { input: { key: 'installation.officeId', value: 'wutian' }, field: 'value', message: '请选择一个调解组织' },
      { input: { key: 'installation.officeId', value: '0190a1b2-0000-7000-8000-000000000000' }, field: 'value', message: '所选调解组织不存在' },
      { input: { key: 'installation.officeId' }, field: 'value' },
      { input: { key: 'no.such.key', value: 1 }, field: 'key' },
      { input: { key: 'installation.officeId', value: await officeId('wutian'), extra: 1 }, field: 'extra' }
    ]
  },
  'reference.disputeTypes': {
    good: async () => ({
      input: {},
      expectData: (types) => {
        expect(types.map((t) => t.label)).toEqual(disputeTypesFile.types.map((t) => t.label))
        expect(types.filter((t) => t.addedInNewerForms).map((t) => t.code)).toEqual(['tourism', 'ip', 'internet'])
      }
    }),
    bad: async () => [{ input: { code: 'labour' }, field: 'code' }]
  },
  'reference.caseSources': {
    good: async () => ({
      input: {},
      expectData: (sources) => {
        expect(sources).toEqual(disputeTypesFile.case_sources)
      }
    }),
    bad: async () => [{ input: { all: true }, field: 'all' }]
  }
}

describe('every contract method', () => {
  it('has good- and bad-input cases here', () => {
    expect(Object.keys(cases).sort()).toEqual([...METHOD_NAMES].sort())
  })

  for (const method of METHOD_NAMES) {
    it(`${method}: good input answers with data`, async () => {
      const { input, expectData } = await cases[method].good()
      const result: IpcResult<unknown> = await handlers[method](input)
      await (expectData as (data: unknown) => Promise<void> | void)(dataOf(result))
    })

    it(`${method}: bad input answers VALIDATION_FAILED naming the field, and writes nothing`, async () => {
      for (const { input, field, message } of await cases[method].bad()) {
        const before = await tableCounts(app)
        const result = await handlers[method](input)
        expect(result.ok, JSON.stringify(input)).toBe(false)
        if (result.ok) continue
        expect(result.error.code).toBe('VALIDATION_FAILED')
        expect(Object.keys(result.error.fields ?? {})).toContain(field)
        expect(result.error.fields?.[field]).toMatch(message ?? /[\u4e00-\u9fff]/)
        expect(await tableCounts(app)).toEqual(before)
      }
    })
  }
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
    expect(audit).toMatchObject({ action: 'settings.set', entity: 'settings', entity_id: 'installation.officeId', actor_name: '本机管理员' })

    dataOf(await handlers['settings.set']({ key: 'installation.officeId', value: id }))
    expect(await tableCounts(app)).toEqual(after)

    const other = await officeId('chamber')
    dataOf(await handlers['settings.set']({ key: 'installation.officeId', value: other }))
    const change = await app.ctx.db.selectFrom('change_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(change).toMatchObject({ entity: 'settings', operation: 'update', version: 2 })
    const summary = JSON.parse((await app.ctx.db.selectFrom('audit_log').select('summary').orderBy('id', 'desc').executeTakeFirstOrThrow()).summary)
    expect(summary).toEqual({ before: { value: JSON.stringify(id) }, after: { value: JSON.stringify(other) } })
  })

  it('refuses an office that has been deactivated', async () => {
    const id = await officeId('xianyan')
    await app.ctx.db.updateTable('offices').set({ active: 0 }).where('id', '=', id).execute()
    const result = await handlers['settings.set']({ key: 'installation.officeId', value: id })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { value: '所选调解组织已停用' } } })
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
    expect(await table['reference.caseSources']({})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '来源不存在' } })

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
    expect(await listener({ senderFrame: subframe, sender: { mainFrame } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const foreign = { url: 'https://evil.example/' }
    expect(await listener({ senderFrame: foreign, sender: { mainFrame: foreign } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await listener({ senderFrame: null, sender: { mainFrame } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
