/*
 * Hearing scheduling (DESIGN §3.3): rooms, hearings and the working-day
 * calendar — the `rooms.*`, `hearings.*` and `calendar.*` methods.
 */
export const hearingMethods = {} as const
