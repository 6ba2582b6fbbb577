/*
 * The two helpers every part of the contract uses. The contract is split by
 * capability (shared/contract/*.ts) and assembled in shared/ipc-contract.ts.
 */
import { z } from '../validation'

/** A phantom value that carries a method's output type. */
export const returns = <O>(): O => undefined as O

/** The input of a method that takes nothing. */
export const noInput = z.object({}).strict()
