/*
 * The renderer's typed client. It calls the handler table through the
 * transport chosen at start (./transport) and unwraps each envelope: data on
 * success, a thrown ApiError otherwise. Views catch the codes they expect;
 * an INTERNAL error is shown once here with its correlation number.
 */
import { ElMessage } from 'element-plus'
import type { ErrorCode, FieldErrors } from '../../../shared/errors'
import { buildApiObject, type Api, type MethodName, type RawApi } from '../../../shared/ipc-contract'
import { chooseTransport } from './transport'

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

/** Fired when main answers FORBIDDEN, so the window can show the sign-in or the lock screen. */
export const SESSION_REFUSED_EVENT = 'mcd:session-refused'

const invoke = chooseTransport()

async function call(method: MethodName, input: unknown): Promise<unknown> {
  const result = await invoke(method, input ?? {})
  if (result.ok) return result.data
  const { code, message, fields, correlationId } = result.error
  if (code === 'INTERNAL') ElMessage.error({ message, grouping: true })
  // Main refused for want of a session (signed out, or locked elsewhere): the auth store looks again.
  if (code === 'FORBIDDEN') window.dispatchEvent(new CustomEvent(SESSION_REFUSED_EVENT))
  throw new ApiError(code, message, fields, correlationId)
}

export const api = buildApiObject((method) => (input?: unknown) => call(method, input)) as unknown as Api
