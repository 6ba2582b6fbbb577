/* The services behind the hearing-scheduling methods (shared/contract/hearings.ts). */
import type { hearingMethods } from '../../../../shared/contract/hearings'
import type { Service } from '../index'

export const hearingServices: { [M in keyof typeof hearingMethods]: Service<M> } = {}
