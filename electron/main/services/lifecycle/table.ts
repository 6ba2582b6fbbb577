/* The services behind the lifecycle methods (shared/contract/lifecycle.ts). */
import type { lifecycleMethods } from '../../../../shared/contract/lifecycle'
import type { Service } from '../index'

export const lifecycleServices: { [M in keyof typeof lifecycleMethods]: Service<M> } = {}
