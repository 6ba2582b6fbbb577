/* Classifications from the monthly statistics forms (resources/reference/dispute-types.json). */

export interface DisputeType {
  /** Stable code stored in the database; never renamed. */
  code: string
  /** zh-CN label shown and printed. */
  label: string
  /** Added in newer report forms (tourism, IP, internet). */
  addedInNewerForms: boolean
}

export interface CaseSource {
  code: string
  label: string
}
