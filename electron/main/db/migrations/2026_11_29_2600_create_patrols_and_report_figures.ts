/*
 * Grid patrols (排查) and the monthly report's hand-entered figures
 * (schema-prevention.ts). Patrol counts per office and month are read by the
 * statistics report, so reports are indexed by office and time. Additive only.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('grids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('village', 'text')
    .addColumn('name', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('patrol_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('grid_code', 'text', (c) => c.notNull())
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .addColumn('reporter_phone', 'text')
    .addColumn('patrolled_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('disputes_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('parties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('handling_note', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('patrol_reports_office_time')
    .on('patrol_reports')
    .columns(['office_id', 'patrolled_at'])
    .execute()
  await db.schema.createIndex('patrol_reports_case').on('patrol_reports').column('case_id').execute()

  await db.schema
    .createTable('report_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('report_figures_office_month_field', ['office_id', 'month', 'field'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('report_figures').execute()
  await db.schema.dropTable('patrol_reports').execute()
  await db.schema.dropTable('grids').execute()
}
