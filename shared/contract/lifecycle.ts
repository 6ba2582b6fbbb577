/*
 * The mediation lifecycle and its deadlines (DESIGN §3.3, §5): records,
 * agreements, follow-ups, judicial confirmation, closing and archiving.
 */
export const lifecycleMethods = {} as const
