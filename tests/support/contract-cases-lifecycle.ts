/*
 * Good and bad inputs of the lifecycle and deadline methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import type { lifecycleMethods } from '../../shared/contract/lifecycle'
import type { MethodCases } from './contract-cases'
import type { TempApp } from './temp-app'

export function lifecycleCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof lifecycleMethods]: MethodCases<M> } {
  void app
  void registeredCaseId
  return {}
}
