/*
 * Which of the case list's filters may drive its query: the others are asked
 * with a unary plus, which no index answers (case-list.ts filterConditions).
 */
import type { ParsedInput } from '../../../shared/ipc-contract'

export type FilterColumn =
  'cases.status' | 'cases.dispute_type' | 'cases.handling_office_id' | 'cases.source' | 'cases.risk_level'
const FILTER_COLUMNS: readonly FilterColumn[] = [
  'cases.status',
  'cases.dispute_type',
  'cases.handling_office_id',
  'cases.source',
  'cases.risk_level'
]

export const asksDates = (input: Omit<ParsedInput<'cases.list'>, 'query'>) =>
  Boolean(input.registeredFrom || input.registeredTo)

/**
 * The filter columns whose indexes may drive the list; the others are asked with a unary plus, which no index
 * answers. With no statistics SQLite rates an office's, a type's and a risk level's indexes alike (each by itself then
 * seq, and by itself, "has it ended", then seq: migrations 2026_12_06_1500, 2026_12_06_1800), and for the count, which
 * has no order, may take any of them. So, at a million cases:
 * - a registration date range drives, through an office's own dates if an office is asked, else a type's, else a
 *   risk level's (2026_12_06_1900): through an office's index last month's cases came after the office's whole
 *   history (0.3–0.8 s oldest first; 1–3 ms through the office's dates, sorting only the range's matches), and
 *   through the dates alone a year of a rare type read the whole year (263 ms; 1 ms through the type's dates);
 * - an office's open cases of one risk level have their own index (2026_12_07_0300): an office's 557 open red cases
 *   3–5 ms through the district's open red ones, each looked up for its office, under 1 ms through the office's own;
 * - red cases are few by definition (1,446 open): open red of the busiest office 2 ms red first, 67 ms office first;
 * - an office and a type together have their own indexes (any office with one type: 0.8–1 ms); either alone as the
 *   driver walked the other's misses (an office's rare type: 5 → 375 ms office first);
 * - an office's cases, what its users list all day, come next; then a type's.
 * When the due dates or the unassigned cases drive (`driven`, filterConditions), no column filter does.
 */
export function indexedColumns(
  input: Omit<ParsedInput<'cases.list'>, 'query'>,
  driven: boolean
): readonly FilterColumn[] {
  if (driven) return []
  if (asksDates(input)) {
    const dated: FilterColumn | undefined = input.officeId
      ? 'cases.handling_office_id'
      : input.disputeType
        ? 'cases.dispute_type'
        : input.riskLevel && 'cases.risk_level'
    return dated ? [dated] : []
  }
  const { officeId, disputeType, riskLevel } = input
  if ([officeId, disputeType, riskLevel].filter(Boolean).length < 2) return FILTER_COLUMNS
  const others: FilterColumn[] = ['cases.status', 'cases.source']
  // Open only: "open" itself, or a deadline, which only an open case has.
  if (officeId && riskLevel && !disputeType && (input.open || input.due))
    return [...others, 'cases.handling_office_id', 'cases.risk_level']
  if (riskLevel === 'red') return [...others, 'cases.risk_level']
  if (officeId && disputeType) return [...others, 'cases.handling_office_id', 'cases.dispute_type']
  return [...others, officeId ? 'cases.handling_office_id' : 'cases.dispute_type']
}
