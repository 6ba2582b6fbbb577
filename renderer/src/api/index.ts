/*
 * The renderer's typed client. It calls window.api (installed by the preload,
 * or by the browser harness in tests) and unwraps each envelope: data on
 * success, a thrown ApiError otherwise. Views catch the codes they expect;
 * an INTERNAL error is shown once here with its correlation number.
 */
import { ElMessage } from 'element-plus'
import type { ErrorCode, FieldErrors, IpcResult } from '../../../shared/errors'
import { buildApiObject, splitMethodName, type Api, type MethodName, type RawApi } from '../../../shared/ipc-contract'

declare global {
  interface Window {
    api?: RawApi
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
    readonly correlationId?: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Invoke = (method: MethodName, input: unknown) => Promise<IpcResult<unknown>>

function windowTransport(): Invoke {
  return (method, input) => {
    const raw = window.api as unknown as Record<string, Record<string, (input: unknown) => Promise<IpcResult<unknown>>>> | undefined
    if (!raw) {
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: '未连接到案件数据库：请通过桌面应用打开本程序' } })
    }
    const [domain, verb] = splitMethodName(method)
    return raw[domain][verb](input)
  }
}

const invoke: Invoke = windowTransport()

async function call(method: MethodName, input: unknown): Promise<unknown> {
  const result = await invoke(method, input ?? {})
  if (result.ok) return result.data
  const { code, message, fields, correlationId } = result.error
  if (code === 'INTERNAL') ElMessage.error({ message, grouping: true })
  throw new ApiError(code, message, fields, correlationId)
}

export const api = buildApiObject((method) => (input?: unknown) => call(method, input)) as unknown as Api
