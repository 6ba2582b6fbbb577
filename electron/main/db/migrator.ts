/*
 * Runs the migrations at start, before the first window opens. The bundle has
 * no migrations folder at run time, so every migration is imported here by
 * name (a static provider). All pending migrations run in one transaction;
 * on a database that already holds data, an online backup is written first.
 */
import path from 'node:path'
import { mkdirSync } from 'node:fs'
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { Sqlite3Handle } from './sqlite3-dialect'
import type { StartProgressListener } from '../startup-progress'
import * as m0001 from './migrations/2026_11_29_0900_create_foundation'
import * as m0002 from './migrations/2026_11_29_1200_create_cases'
import * as m0003 from './migrations/2026_11_29_1400_create_roster'
import * as m0004 from './migrations/2026_11_29_1600_index_name_keys_by_case'
import * as mHearings from './migrations/2026_11_29_1800_create_hearings'
import * as mLifecycle from './migrations/2026_11_29_2000_create_lifecycle'
import * as mChainAudit from './migrations/2026_11_29_2200_chain_audit_log'
import * as mAccounts from './migrations/2026_11_29_2300_create_accounts'
import * as mDocuments from './migrations/2026_11_29_2400_create_documents'
import * as mAccountRoster from './migrations/2026_11_29_2310_link_accounts_to_roster'
import * as mHub from './migrations/2026_11_29_2500_create_hub'
import * as mPatrols from './migrations/2026_11_29_2600_create_patrols_and_report_figures'
import * as mKeyPersons from './migrations/2026_11_29_2700_create_key_persons'
import * as mHearingClash from './migrations/2026_12_05_3000_index_hearings_for_clash'
import * as mCaseDigits from './migrations/2026_12_05_4000_create_case_digits'
import * as mCaseWords from './migrations/2026_12_05_4100_create_case_words'
import * as mHearingTimes from './migrations/2026_12_05_5000_time_hearing_people'
import * as mCaseListRows from './migrations/2026_12_05_6000_create_case_list_rows'
import * as mReportDates from './migrations/2026_12_06_1000_index_report_dates'
import * as mTermsByCase from './migrations/2026_12_06_1100_index_agreement_terms_by_case'
import * as mConfirmationsByAgreement from './migrations/2026_12_06_1200_index_confirmations_by_agreement'
import * as mCasesByEnded from './migrations/2026_12_06_1300_index_cases_by_ended'
import * as mUnassignedCases from './migrations/2026_12_06_1400_create_unassigned_cases'
import * as mOpenByRisk from './migrations/2026_12_06_1500_index_open_cases_by_risk'
import * as mMediatorCases from './migrations/2026_12_06_1600_create_mediator_cases'
import * as mMediatorCasesByCase from './migrations/2026_12_06_1700_index_mediator_cases_by_case'
import * as mCasesByOfficeAndType from './migrations/2026_12_06_1800_index_cases_by_office_and_type'
import * as mCasesDatesByTypeAndRisk from './migrations/2026_12_06_1900_index_cases_dates_by_type_and_risk'
import * as mAgreementsByCaseAndAmount from './migrations/2026_12_06_2000_index_agreements_by_case_and_amount'
import * as mSearchRowsByOffice from './migrations/2026_12_06_2100_mark_search_rows_by_office'
import * as mUnassignedOffice from './migrations/2026_12_06_2200_keep_unassigned_cases_office'
import * as mMediatorOpenCases from './migrations/2026_12_07_0100_create_mediator_open_cases'
import * as mOfficeRiskOpen from './migrations/2026_12_07_0300_index_open_cases_by_office_and_risk'
import * as mDueBySeq from './migrations/2026_12_07_0400_index_due_dates_by_seq'
import { storeStem } from '../paths'

/** Names sort in the order they run; a released entry is never edited or removed. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_29_0900_create_foundation': m0001,
  '2026_11_29_1200_create_cases': m0002,
  '2026_11_29_1400_create_roster': m0003,
  '2026_11_29_1600_index_name_keys_by_case': m0004,
  '2026_11_29_1800_create_hearings': mHearings,
  '2026_11_29_2000_create_lifecycle': mLifecycle,
  '2026_11_29_2200_chain_audit_log': mChainAudit,
  '2026_11_29_2300_create_accounts': mAccounts,
  '2026_11_29_2310_link_accounts_to_roster': mAccountRoster,
  '2026_11_29_2400_create_documents': mDocuments,
  '2026_11_29_2500_create_hub': mHub,
  '2026_11_29_2600_create_patrols_and_report_figures': mPatrols,
  '2026_11_29_2700_create_key_persons': mKeyPersons,
  '2026_12_05_3000_index_hearings_for_clash': mHearingClash,
  '2026_12_05_4000_create_case_digits': mCaseDigits,
  '2026_12_05_4100_create_case_words': mCaseWords,
  '2026_12_05_5000_time_hearing_people': mHearingTimes,
  '2026_12_05_6000_create_case_list_rows': mCaseListRows,
  '2026_12_06_1000_index_report_dates': mReportDates,
  '2026_12_06_1100_index_agreement_terms_by_case': mTermsByCase,
  '2026_12_06_1200_index_confirmations_by_agreement': mConfirmationsByAgreement,
  '2026_12_06_1300_index_cases_by_ended': mCasesByEnded,
  '2026_12_06_1400_create_unassigned_cases': mUnassignedCases,
  '2026_12_06_1500_index_open_cases_by_risk': mOpenByRisk,
  '2026_12_06_1600_create_mediator_cases': mMediatorCases,
  '2026_12_06_1700_index_mediator_cases_by_case': mMediatorCasesByCase,
  '2026_12_06_1800_index_cases_by_office_and_type': mCasesByOfficeAndType,
  '2026_12_06_1900_index_cases_dates_by_type_and_risk': mCasesDatesByTypeAndRisk,
  '2026_12_06_2000_index_agreements_by_case_and_amount': mAgreementsByCaseAndAmount,
  '2026_12_06_2100_mark_search_rows_by_office': mSearchRowsByOffice,
  '2026_12_06_2200_keep_unassigned_cases_office': mUnassignedOffice,
  '2026_12_07_0100_create_mediator_open_cases': mMediatorOpenCases,
  '2026_12_07_0300_index_open_cases_by_office_and_risk': mOfficeRiskOpen,
  '2026_12_07_0400_index_due_dates_by_seq': mDueBySeq
}

export interface MigrationReport {
  applied: string[]
  /** Path of the backup written before migrating, when one was needed. */
  backupPath: string | null
  schemaVersion: string
}

export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  handle: Sqlite3Handle,
  dbPath: string,
  now: Date,
  migrations: Record<string, Migration> = MIGRATIONS,
  onProgress?: StartProgressListener
): Promise<MigrationReport> {
  const pending = (await new Migrator({ db, provider: providing(migrations) }).getMigrations()).filter(
    (m) => !m.executedAt
  )
  const provider = onProgress ? providing(announced(migrations, pending, onProgress)) : providing(migrations)
  const migrator = new Migrator({ db, provider })

  let backupPath: string | null = null
  if (pending.length > 0 && dbPath !== ':memory:' && (await holdsTables(db))) {
    backupPath = backupPathFor(dbPath, pending[0].name, now)
    mkdirSync(path.dirname(backupPath), { recursive: true })
    await handle.backupTo(backupPath, undefined, undefined, (copiedPages, totalPages) =>
      onProgress?.({ phase: 'backup', copiedPages, totalPages })
    )
  }

  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?'
    throw new Error(`数据库迁移 ${failed} 失败，数据库未改动${backupPath ? `（迁移前备份：${backupPath}）` : ''}`, {
      cause: error
    })
  }
  const names = Object.keys(migrations).sort()
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    backupPath,
    schemaVersion: names[names.length - 1]
  }
}

const providing = (migrations: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => migrations
})

/** The same migrations, each pending one saying it has started before it runs. */
function announced(
  migrations: Record<string, Migration>,
  pending: ReadonlyArray<{ name: string }>,
  onProgress: StartProgressListener
): Record<string, Migration> {
  const steps = pending.length
  const announcing = pending.map(({ name }, index): [string, Migration] => {
    const migration = migrations[name]
    return [
      name,
      {
        ...migration,
        up: async (db) => {
          onProgress({ phase: 'migrate', step: index + 1, steps, name })
          await migration.up(db)
        }
      }
    ]
  })
  return { ...migrations, ...Object.fromEntries(announcing) }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function holdsTables(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(db)
  return rows[0].n > 0
}

/** `<dir>/backups/<name>-<yyyymmddThhmmss>-before-<migration>.sqlite` beside the database. */
export function backupPathFor(dbPath: string, migrationName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
  const base = storeStem(dbPath)
  return path.join(path.dirname(dbPath), 'backups', `${base}-${stamp}-before-${migrationName}.sqlite`)
}
