/*
 * Every contract method with a good and bad inputs, written once and run
 * against each transport that reaches the handler table (the table itself,
 * as Electron's IPC uses it, and browser mode's HTTP routes): each must
 * answer exactly the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../shared/errors'
import { METHOD_NAMES, type MethodName, type MethodOutput } from '../../shared/ipc-contract'
import disputeTypesFile from '../../resources/reference/dispute-types.json' with { type: 'json' }
import { startTempApp, tableCounts, type TempApp } from './temp-app'

export type Call = (method: MethodName, input: unknown) => Promise<IpcResult<unknown>>

export interface Transport {
  call: Call
  stop(): Promise<void>
}

export function dataOf<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.data
}

export async function officeId(app: TempApp, code: string): Promise<string> {
  const row = await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

interface MethodCases<M extends MethodName> {
  /** A good call and what a user would expect of its answer. */
  good: () => Promise<{ input: unknown; expectData: (data: MethodOutput<M>) => Promise<void> | void }>
  /** Bad inputs, each with the field its message must name. */
  bad: () => Promise<Array<{ input: unknown; field: string; message?: string }>>
}

/** Run every method's good and bad cases through the transport that `connect` makes for a fresh app. */
export function describeEveryContractMethod(
  transportName: string,
  connect: (app: TempApp) => Promise<Transport>
): void {
  let app: TempApp
  let transport: Transport
  const call: Call = (method, input) => transport.call(method, input)

  beforeEach(async () => {
    app = await startTempApp()
    transport = await connect(app)
  })
  afterEach(async () => {
    await transport.stop()
    await app.dispose()
  })

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
          expect(offices[0]).toMatchObject({
            code: 'ouhai',
            name: '瓯海区社会治理中心',
            kind: 'district_center',
            parentId: null
          })
          const wutian = offices.find((o) => o.code === 'wutian')
          expect(wutian).toMatchObject({
            shortName: '瓯海梧田',
            township: '梧田街道',
            parentId: offices[0].id,
            active: true
          })
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
        const id = await officeId(app, 'wutian')
        return {
          input: { key: 'installation.officeId', value: id },
          expectData: async (entry) => {
            expect(entry).toMatchObject({ key: 'installation.officeId', value: id })
            const info = dataOf(await call('app.info', {})) as MethodOutput<'app.info'>
            expect(info.office?.name).toBe('梧田街道矛盾纠纷调解分中心')
          }
        }
      },
      bad: async () => [
        { input: { key: 'installation.officeId', value: 'wutian' }, field: 'value', message: '请选择一个调解组织' },
        {
          input: { key: 'installation.officeId', value: '0190a1b2-0000-7000-8000-000000000000' },
          field: 'value',
          message: '所选调解组织不存在'
        },
        { input: { key: 'installation.officeId' }, field: 'value' },
        { input: { key: 'no.such.key', value: 1 }, field: 'key' },
        { input: { key: 'installation.officeId', value: await officeId(app, 'wutian'), extra: 1 }, field: 'extra' }
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

  describe(`every contract method through ${transportName}`, () => {
    it('has good- and bad-input cases here', () => {
      expect(Object.keys(cases).sort()).toEqual([...METHOD_NAMES].sort())
    })

    for (const method of METHOD_NAMES) {
      it(`${method}: good input answers with data`, async () => {
        const { input, expectData } = await cases[method].good()
        const result = await call(method, input)
        await (expectData as (data: unknown) => Promise<void> | void)(dataOf(result))
      })

      it(`${method}: bad input answers VALIDATION_FAILED naming the field, and writes nothing`, async () => {
        for (const { input, field, message } of await cases[method].bad()) {
          const before = await tableCounts(app)
          const result = await call(method, input)
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
}
