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
import { fixedClock, startTempApp, tableCounts, type TempApp } from './temp-app'
import { chooseOffice, registration } from './intake-fixtures'
import { rosterCases } from './contract-cases-roster'
import { hearingCases } from './contract-cases-hearings'
import { lifecycleCases } from './contract-cases-lifecycle'
import { trustCases } from './contract-cases-trust'
import { accountCases } from './contract-cases-accounts'
import { documentCases } from './contract-cases-documents'
import { hubCases } from './contract-cases-hub'
import { statsCases } from './contract-cases-stats'
import { reportCases } from './contract-cases-reports'
import { patrolCases } from './contract-cases-patrols'
import { keyPersonCases } from './contract-cases-key-persons'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { services } from '../../electron/main/services/index'
import { MIGRATIONS } from '../../electron/main/db/migrator'

/** The contract cases' "now": Monday 30 November 2026, 09:00 in China. */
export const CONTRACT_NOW = '2026-11-30T01:00:00.000Z'

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

export interface MethodCases<M extends MethodName> {
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
    // The cases are written against dated fixtures (sessions in early December 2026): a fixed "now" keeps them
    // in the future, so the answers do not change as the calendar moves on.
    app = await startTempApp({ clock: fixedClock(CONTRACT_NOW) })
    transport = await connect(app)
  })
  afterEach(async () => {
    await transport.stop()
    await app.dispose()
  })

  /** One entry per contract method (a method added without tests fails to compile), built per test once its app exists. */
  const table = (): { [M in MethodName]: MethodCases<M> } => ({
    'app.info': {
      good: async () => ({
        input: {},
        expectData: (info) => {
          expect(info.databasePath).toBe(app.dbPath)
          expect(info.schemaVersion).toBe(Object.keys(MIGRATIONS).sort().at(-1))
          expect(info.shell).toBe('harness')
          expect(info.office).toBeNull()
          expect(info.user).toMatchObject({ displayName: '本机管理员', role: 'admin' })
          expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/)
          expect(info.storeProblem).toBeNull()
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
    },
    'cases.register': {
      good: async () => {
        await chooseOffice(app, 'wutian')
        return {
          input: registration(),
          expectData: (detail) => {
            expect(detail).toMatchObject({
              status: 'registered',
              caseNumber: null,
              amountCents: 1_250_050,
              riskLevel: 'yellow'
            })
            expect(detail.handlingOfficeName).toBe('梧田街道矛盾纠纷调解分中心')
            expect(detail.parties.map((p) => [p.role, p.name, p.gender, p.birthDate])).toEqual([
              ['applicant', '王芳', 'female', '1978-04-12'],
              ['respondent', '陈建国', 'male', '1969-09-30']
            ])
            expect(detail.parties[0].maskedIdNumber).toMatch(/^330\*{11}\d{3}[\dX]$/)
            expect(detail.parties[1].maskedPhone).toBe('0577-****1234')
            expect(detail.events.map((e) => e.kind)).toEqual(['registered'])
          }
        }
      },
      bad: async () => {
        await chooseOffice(app, 'wutian')
        const good = registration()
        const [applicant, respondent] = good.parties
        return [
          { input: { ...good, summary: '   ' }, field: 'summary', message: '此项不能为空' },
          { input: { ...good, amountCents: 12.5 }, field: 'amountCents', message: '金额须精确到分' },
          { input: { ...good, riskLevel: 'red', riskReason: '' }, field: 'riskReason' },
          { input: { ...good, parties: [applicant] }, field: 'parties' },
          {
            input: { ...good, parties: [applicant, { ...respondent, role: 'applicant' }] },
            field: 'parties',
            message: '至少需要一名被申请人'
          },
          {
            input: { ...good, parties: [applicant, { ...respondent, idNumber: '330304196909303519' }] },
            field: 'parties.1.idNumber',
            message: '身份证号码校验位不正确'
          },
          { input: { ...good, parties: [applicant, { ...respondent, phone: '12345' }] }, field: 'parties.1.phone' },
          {
            input: { ...good, parties: [applicant, respondent, { kind: 'person', role: 'agent', name: '律师甲' }] },
            field: 'parties.2.actsFor'
          },
          { input: { ...good, source: 'carrier_pigeon' }, field: 'source', message: '没有这个案件来源' },
          { input: { ...good, disputeType: 'alien' }, field: 'disputeType', message: '没有这个纠纷类型' },
          { input: { ...good, occurredOn: '2026-02-30x' }, field: 'occurredOn' }
        ]
      }
    },
    'cases.accept': {
      good: async () => ({
        input: { caseId: await registeredCaseId() },
        expectData: (detail) => {
          expect(detail.status).toBe('accepted')
          expect(detail.caseNumber).toBe(`(${new Date().getFullYear()})瓯海梧田调字第1号`)
          expect(detail.events.map((e) => e.kind)).toEqual(['registered', 'accepted'])
        }
      }),
      bad: async () => [
        { input: { caseId: 'not-a-case' }, field: 'caseId', message: '案件编号无效' },
        { input: {}, field: 'caseId' }
      ]
    },
    'cases.decline': {
      good: async () => ({
        input: { caseId: await registeredCaseId(), reason: 'already_handled', route: '向人民法院提起诉讼' },
        expectData: (detail) => {
          expect(detail).toMatchObject({
            status: 'declined',
            caseNumber: null,
            declineReason: 'already_handled',
            declineRoute: '向人民法院提起诉讼'
          })
          expect(detail.events[1]).toMatchObject({ kind: 'declined', fromStatus: 'registered', toStatus: 'declined' })
        }
      }),
      bad: async () => {
        const caseId = await registeredCaseId()
        return [
          { input: { caseId, reason: 'because', route: '法院' }, field: 'reason', message: '请选择不予受理的理由' },
          { input: { caseId, reason: 'other', route: '法院' }, field: 'reasonNote', message: '选择“其他原因”时须写明' },
          { input: { caseId, reason: 'party_refuses', route: ' ' }, field: 'route', message: '此项不能为空' }
        ]
      }
    },
    'cases.route': {
      good: async () => ({
        input: {
          caseId: await registeredCaseId(),
          kind: 'transfer',
          toOfficeId: await officeId(app, 'chamber'),
          note: '双方均为商会会员企业'
        },
        expectData: (detail) => {
          expect(detail.handlingOfficeName).toBe('瓯海区商协会行业调解工作中心')
          expect(detail.events[1]).toMatchObject({ kind: 'transferred', reason: '双方均为商会会员企业' })
        }
      }),
      bad: async () => {
        const caseId = await registeredCaseId()
        return [
          {
            input: { caseId, kind: 'transfer', toOfficeId: await officeId(app, 'wutian'), note: '移交' },
            field: 'toOfficeId',
            message: '案件已由该调解组织办理'
          },
          { input: { caseId, kind: 'refer', department: '', note: '转交' }, field: 'department' },
          { input: { caseId, kind: 'teleport', note: 'x' }, field: 'kind' }
        ]
      }
    },
    'cases.setRisk': {
      good: async () => ({
        input: { caseId: await registeredCaseId(), riskLevel: 'red', reason: '一方扬言报复' },
        expectData: (detail) => {
          expect(detail).toMatchObject({ riskLevel: 'red', riskReason: '一方扬言报复' })
          expect(detail.events[1]).toMatchObject({ kind: 'risk_changed', detail: { from: 'yellow', to: 'red' } })
        }
      }),
      bad: async () => {
        const caseId = await registeredCaseId()
        return [
          { input: { caseId, riskLevel: 'yellow', reason: '复核' }, field: 'riskLevel', message: '风险等级已是黄色' },
          { input: { caseId, riskLevel: 'purple', reason: '复核' }, field: 'riskLevel' },
          { input: { caseId, riskLevel: 'red' }, field: 'reason' }
        ]
      }
    },
    'cases.get': {
      good: async () => {
        const caseId = await registeredCaseId()
        return {
          input: { caseId },
          expectData: (detail) =>
            expect(detail).toMatchObject({ id: caseId, claims: ['恢复公共通道原状', '疏通排水沟'] })
        }
      },
      bad: async () => [{ input: { caseId: 42 }, field: 'caseId' }]
    },
    'cases.list': {
      good: async () => {
        const caseId = await registeredCaseId()
        return {
          input: { query: '陈建国' },
          expectData: (page) => {
            expect(page.total).toBe(1)
            expect(page.rows[0]).toMatchObject({
              id: caseId,
              applicants: ['王芳'],
              respondents: ['陈建国'],
              status: 'registered'
            })
          }
        }
      },
      bad: async () => [
        { input: { status: 'lost' }, field: 'status' },
        { input: { limit: 0 }, field: 'limit' },
        { input: { cursor: 'abc' }, field: 'cursor', message: '分页位置无效' },
        { input: { registeredFrom: '2026/11/01' }, field: 'registeredFrom' }
      ]
    },
    'parties.lookup': {
      good: async () => {
        await registeredCaseId()
        return {
          input: { phone: '138 5771 2345' },
          expectData: (found) => {
            expect(found).toHaveLength(1)
            expect(found[0]).toMatchObject({ matchedBy: ['phone'], caseCount: 1, party: { name: '王芳' } })
            expect(found[0].cases[0]).toMatchObject({ role: 'applicant', status: 'registered' })
          }
        }
      },
      bad: async () => [
        { input: {}, field: 'idNumber', message: '请至少提供证件号码、统一社会信用代码或电话之一' },
        { input: { phone: 13857712345 }, field: 'phone' }
      ]
    },
    ...rosterCases(app, registeredCaseId),
    ...hearingCases(app, registeredCaseId),
    ...lifecycleCases(app, registeredCaseId),
    ...trustCases(app, registeredCaseId),
    ...accountCases(app, registeredCaseId),
    ...hubCases(app, registeredCaseId),
    ...statsCases(app, registeredCaseId),
    ...patrolCases(app),
    ...documentCases(app, registeredCaseId),
    ...keyPersonCases(app, registeredCaseId),
    ...reportCases(app, registeredCaseId)
  })

  /** A registered case at the Wutian sub-center, made through the real service. */
  async function registeredCaseId(): Promise<string> {
    await chooseOffice(app, 'wutian')
    return (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))).id
  }

  describe(`every contract method through ${transportName}`, () => {
    it('has good- and bad-input cases here', () => {
      expect(Object.keys(table()).sort()).toEqual([...METHOD_NAMES].sort())
    })

    for (const method of METHOD_NAMES) {
      it(`${method}: good input answers with data`, async () => {
        const { input, expectData } = await table()[method].good()
        const result = await call(method, input)
        await (expectData as (data: unknown) => Promise<void> | void)(dataOf(result))
      })

      it(`${method}: bad input answers VALIDATION_FAILED naming the field, and writes nothing`, async () => {
        for (const { input, field, message } of await table()[method].bad()) {
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
