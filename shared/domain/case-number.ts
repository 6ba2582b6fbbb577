/*
 * Case numbers (reference/documents.md, "Numbering"): (YYYY) + the office's
 * short name + 调字第N号, N a sequence per office per year starting at 1.
 * The agreement keeps the case number; the follow-up record quotes it.
 */

export function formatCaseNumber(year: number, officeShortName: string, sequence: number): string {
  return `(${year})${officeShortName}调字第${sequence}号`
}

const CASE_NUMBER = /^\((\d{4})\)(.+)调字第([1-9]\d*)号$/

export function parseCaseNumber(text: string): { year: number; officeShortName: string; sequence: number } | null {
  const match = CASE_NUMBER.exec(text.trim())
  if (!match) return null
  return { year: Number(match[1]), officeShortName: match[2], sequence: Number(match[3]) }
}

/**
 * What a list shows for a case's number: the number, or why there is none. A number is given at acceptance, so a
 * case without one is either waiting for the decision or was declined (and never gets one).
 */
export function caseNumberText(caseNumber: string | null, status?: string): string {
  if (caseNumber) return caseNumber
  return status === 'declined' ? '（不予受理，无编号）' : '（待受理）'
}
