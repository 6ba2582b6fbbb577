/*
 * Row types of grid patrols (排查) and the monthly report's hand-entered
 * figures. Patrol reports feed the statistics report's patrol figures; the
 * figures no record can give (escalations prevented, persons) are typed in
 * per office and month.
 */
import type { Tracked } from './schema'

/** A micro-grid of the district's grid management: code, town-street, village. */
export interface GridTable extends Tracked {
  id: string
  /** The district's grid code, unique. */
  code: string
  office_id: string
  township: string
  village: string | null
  name: string | null
  active: 0 | 1
}

/** What a grid worker reported after a patrol. */
export interface PatrolReportTable extends Tracked {
  id: string
  office_id: string
  grid_code: string
  reporter_name: string
  reporter_phone: string | null
  /** 'YYYY-MM-DD HH:mm', China time. */
  patrolled_at: string
  place: string
  findings: string
  /** How many disputes this patrol found (0 when the patrol found none). */
  disputes_found: number
  /** JSON array of { name, role?, phone?, idNumber? } as far as known. */
  parties: string
  /** none: nothing found; on_spot: settled on the spot; passed_on: sent to intake. */
  handling: 'none' | 'on_spot' | 'passed_on'
  handling_note: string | null
  /** The case opened when the report was passed on to intake. */
  case_id: string | null
  created_by: string
}

/**
 * One hand-entered figure of the monthly statistics report for an office and a
 * month, e.g. escalations prevented. Key is a report field code.
 */
export interface ReportFigureTable extends Tracked {
  id: string
  office_id: string
  /** 'YYYY-MM'. */
  month: string
  field: string
  value: number
  note: string | null
  entered_by: string
}

export interface PreventionTables {
  grids: GridTable
  patrol_reports: PatrolReportTable
  report_figures: ReportFigureTable
}
