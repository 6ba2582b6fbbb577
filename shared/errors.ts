/*
 * The error vocabulary that crosses the IPC boundary. Electron keeps only an
 * error's message when a handler throws, so handlers never throw: they answer
 * with an IpcResult, and the renderer turns a failure back into a typed error.
 */

/** Closed set of error codes; every failure a user can meet has one of these. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'HEARING_OVERLAP',
  'MEDIATOR_CONFLICT',
  'EXPORT_FAILED',
  'FORBIDDEN',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** zh-CN wording shown when a failure carries no more specific message. */
export const ERROR_CODE_LABELS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '输入有误，请检查标出的字段',
  NOT_FOUND: '要找的记录不存在',
  CONFLICT: '记录已被修改或与现有记录冲突',
  HEARING_OVERLAP: '排期冲突',
  MEDIATOR_CONFLICT: '调解员存在利益冲突',
  EXPORT_FAILED: '导出失败',
  FORBIDDEN: '没有权限执行此操作',
  INTERNAL: '系统内部错误'
}

/** Field path (dot-joined, e.g. `parties.0.idNumber`) → zh-CN message. */
export type FieldErrors = Record<string, string>

export interface ErrorPayload {
  code: ErrorCode
  message: string
  fields?: FieldErrors
  /** Set on INTERNAL errors: quote it to find the stack in the main-process log. */
  correlationId?: string
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload }

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
