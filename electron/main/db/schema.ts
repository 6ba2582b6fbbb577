/*
 * Row types of every table, as Kysely sees them. Nullable columns are `T | null`,
 * booleans are 0 | 1, dates are ISO-8601 text, money is integer cents.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** Columns every synchronised row carries (DESIGN §5). */
interface Tracked {
  created_at: string
  updated_at: string
  version: number
}

export interface OfficeTable extends Tracked {
  id: string
  code: string
  name: string
  short_name: string
  kind: string
  township: string | null
  parent_id: string | null
  active: 0 | 1
  sort_order: number
}

export interface SettingTable extends Tracked {
  key: string
  /** JSON text of the value. */
  value: string
}

export interface UserTable extends Tracked {
  id: string
  display_name: string
  role: string
  active: 0 | 1
}

export interface DisputeTypeTable extends Tracked {
  code: string
  label: string
  added_in_newer_forms: 0 | 1
  sort_order: number
  active: 0 | 1
}

export interface CaseSourceTable extends Tracked {
  code: string
  label: string
  sort_order: number
  active: 0 | 1
}

/** Append-only: who did what to which record, when (triggers refuse update and delete). */
export interface AuditLogTable {
  id: string
  at: string
  actor_id: string
  actor_name: string
  action: string
  entity: string
  entity_id: string
  /** JSON: `{ before, after }` of the fields that changed. */
  summary: string
}

/** Feeds incremental hub exports: one row per changed record, in commit order. */
export interface ChangeLogTable {
  seq: ColumnType<number, never, never>
  entity: string
  entity_id: string
  operation: 'insert' | 'update' | 'delete'
  version: number
  changed_at: string
}

export interface Database {
  offices: OfficeTable
  settings: SettingTable
  users: UserTable
  dispute_types: DisputeTypeTable
  case_sources: CaseSourceTable
  audit_log: AuditLogTable
  change_log: ChangeLogTable
}

export type OfficeRow = Selectable<OfficeTable>
export type NewOfficeRow = Insertable<OfficeTable>
export type SettingRow = Selectable<SettingTable>
export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type UserRowUpdate = Updateable<UserTable>
export type AuditLogRow = Selectable<AuditLogTable>
export type ChangeLogRow = Selectable<ChangeLogTable>
