import { ERROR_CODE_LABELS, type ErrorCode, type FieldErrors } from '../../shared/errors'

/**
 * The one error type services throw on purpose. register.ts turns it into an
 * `{ ok: false, error }` envelope; any other error becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: FieldErrors

  constructor(code: ErrorCode, message: string = ERROR_CODE_LABELS[code], fields?: FieldErrors) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fields = fields
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what}不存在`)
}

/** A rule a well-formed input still broke: reported against one field, like a parse failure. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { [path]: message })
}
