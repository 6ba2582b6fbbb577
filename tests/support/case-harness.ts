/*
 * Shared setup of the intake service tests: a fresh store per test with a
 * controllable clock, the handler table over it, and the helpers those tests
 * use. `app` and `api` are live bindings, reassigned before every test.
 */
import { afterEach, beforeEach } from 'vitest'
import type { CaseDetail } from '../../shared/domain/case'
import type { PartyInput, RegisterCaseInput } from '../../shared/domain/case-input'
import type { ErrorPayload, IpcResult } from '../../shared/errors'
import { createHandlerTable, type HandlerTable } from '../../electron/main/ipc/register'
import { registration } from './intake-fixtures'
import { fixedClock, startTempApp, type TempApp } from './temp-app'

export const clock = fixedClock('2026-11-29T02:00:00.000Z')
export let app: TempApp
export let api: HandlerTable

/** Call once at the top of a test file. */
export function useFreshApp(): void {
  beforeEach(async () => {
    clock.set('2026-11-29T02:00:00.000Z')
    app = await startTempApp({ clock })
    api = createHandlerTable(app.ctx)
  })
  afterEach(async () => app.dispose())
}

export const WUTIAN_NAME = '梧田街道矛盾纠纷调解分中心'
export const CHAMBER_NAME = '瓯海区商协会行业调解工作中心'
export const UNKNOWN_ID = '0190a1b2-0000-7000-8000-000000000000'

export function ok<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.data
}

export function failure(result: IpcResult<unknown>): ErrorPayload {
  if (result.ok) throw new Error('expected a failure, got success')
  return result.error
}

export async function officeId(code: string): Promise<string> {
  const row = await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

export async function register(overrides: Partial<RegisterCaseInput> = {}): Promise<CaseDetail> {
  return ok(await api['cases.register'](registration(overrides)))
}

export async function accept(caseId: string): Promise<CaseDetail> {
  return ok(await api['cases.accept']({ caseId }))
}

export const person = (role: PartyInput['role'], name: string, extra: Partial<PartyInput> = {}): PartyInput => ({
  kind: 'person',
  role,
  name,
  ...extra
})

/** Audit and change-log rows of one entity, oldest first. */
export async function trail(entity: string, entityId: string) {
  const audit = await app.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'summary'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
  const changes = await app.ctx.db
    .selectFrom('change_log')
    .select(['operation', 'version'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute()
  return { audit: audit.map((a) => ({ action: a.action, ...JSON.parse(a.summary) })), changes }
}
