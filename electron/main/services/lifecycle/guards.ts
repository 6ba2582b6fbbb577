/*
 * What every lifecycle write checks first: the case exists, it is not
 * archived (an archived case is read-only; corrections go through
 * cases.amend), and a date a person typed is not in the future.
 */
import { chinaDate } from '../../../../shared/rules/china-time'
import type { AppContext } from '../../context'
import { AppError, invalidField } from '../../errors'

export const ARCHIVED_MESSAGE = '案件已归档，不能再修改；如需更正，请在案件页办理“归档后更正”并写明理由'

/** Refuse any write to an archived case with the same clear message everywhere. */
export function refuseIfArchived(status: string): void {
  if (status === 'archived') throw new AppError('CONFLICT', ARCHIVED_MESSAGE)
}

export function todayOf(ctx: AppContext): string {
  return chinaDate(ctx.clock.now())
}

/** A date that records something that already happened may not be later than today. */
export function notInFuture(ctx: AppContext, field: string, date: string | null | undefined, what: string): void {
  if (date && date > todayOf(ctx)) throw invalidField(field, `${what}不能晚于今天`)
}
