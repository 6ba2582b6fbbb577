/*
 * Good and bad inputs of the hearing, room and calendar methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import type { hearingMethods } from '../../shared/contract/hearings'
import type { MethodCases } from './contract-cases'
import type { TempApp } from './temp-app'

export function hearingCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof hearingMethods]: MethodCases<M> } {
  void app
  void registeredCaseId
  return {}
}
