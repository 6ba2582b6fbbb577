/*
 * Offices and a hub as real temp apps, and the moves the hub tests make
 * with them: export a bundle, register an office's key, import, and read a
 * table the way the hub compares it (office ids replaced by office codes,
 * since each installation seeds its own office ids).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { HUB_ENTITIES, type HubEntity } from '../../../../shared/domain/hub-entities'
import type { HubImportEntry, HubProgress } from '../../../../shared/domain/hub'
import { pickFields, type HubRow } from '../../../../shared/rules/hub-rows'
import { startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { chooseOffice, registration, residentId } from '../../../../tests/support/intake-fixtures'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import type { Clock } from '../../context'
import { services } from '../index'
import { BUNDLE_LIMITS } from './bundle-check'
import { EXPORT_READING } from './export-rows'
import { watchProgress } from './progress'

export async function officeApp(code: string, clock?: Clock): Promise<TempApp> {
  const app = await startTempApp({ clock })
  await chooseOffice(app, code)
  return app
}

export async function exportFrom(
  app: TempApp,
  kind: 'incremental' | 'full' = 'incremental',
  policy: 'full' | 'masked' = 'full'
): Promise<Buffer> {
  const result = await services['hub.export'](app.ctx, { kind, policy })
  if (!result.entry) throw new Error(result.message)
  // Saved as the window saves it: the copy the office kept, fetched and checked.
  const file = await services['hub.bundleFile'](app.ctx, { sequence: result.entry.sequence })
  return Buffer.from(file.base64, 'base64')
}

export async function registerAt(hub: Pick<TempApp, 'ctx'>, office: TempApp): Promise<void> {
  const file = await services['hub.publicKeyFile'](office.ctx, {})
  const hubOffice = await hub.ctx.db
    .selectFrom('offices')
    .select('id')
    .where('code', '=', file.officeCode)
    .executeTakeFirstOrThrow()
  await services['hub.registerOffice'](hub.ctx, { officeId: hubOffice.id, publicKeyPem: file.publicKeyPem })
}

export function importAt(hub: TempApp, bundle: Buffer, fileName = 'bundle.zip'): Promise<HubImportEntry> {
  return services['hub.import'](hub.ctx, { fileName, base64: bundle.toString('base64') })
}

/** A case of the office with its own two parties (names and ID numbers unique to `n`). */
export async function registerCaseAt(app: TempApp, n: number, names: [string, string]): Promise<string> {
  const base = registration()
  const detail = await services['cases.register'](
    app.ctx,
    registerCaseSchema.parse({
      ...base,
      summary: `第${n}号测试纠纷：相邻关系争议，双方因通道问题发生矛盾。`,
      parties: [
        {
          ...base.parties[0],
          name: names[0],
          idNumber: residentId('1980-01-01', 100 + n),
          phone: `1385771${String(n).padStart(4, '0')}`
        },
        {
          ...base.parties[1],
          name: names[1],
          idNumber: residentId('1970-06-15', 300 + n),
          phone: `0577-8888${String(n).padStart(4, '0')}`
        }
      ]
    })
  )
  return detail.id
}

/** Every table's row count except the three an import always writes (its history row, audit entry, change-log row). */
export async function countsBesidesImportRecord(app: TempApp): Promise<Record<string, number>> {
  const counts = await tableCounts(app)
  for (const table of ['hub_imports', 'audit_log', 'change_log']) delete counts[table]
  return counts
}

/** The entity's rows as exported, office references replaced by office codes, sorted by id. */
export async function portableRows(app: TempApp, entity: HubEntity): Promise<HubRow[]> {
  const codes = new Map(
    (await app.ctx.db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.id, o.code])
  )
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(entity.file)} order by id`.execute(
    app.ctx.db
  )
  return rows.map((row) => {
    const picked = pickFields(entity, row)
    for (const [column, target] of Object.entries(entity.refs ?? {})) {
      if (target === 'offices' && picked[column] !== null) picked[column] = codes.get(String(picked[column])) ?? null
    }
    return picked
  })
}

/**
 * How the hub reads a bundle: `kept`, as it reads a small one (inflated
 * files and parsed rows held from the checks to the merge); `streamed`, as
 * it reads a large one (every file inflated and parsed again for each pass,
 * rows checked and merged two at a time, so every batch boundary is crossed),
 * and the offices' exports read their rows two at a time too.
 */
export const READING_MODES = ['kept', 'streamed'] as const

/** Puts the hub's reading in `mode` for the suite it is called in. */
export function readBundlesAs(mode: (typeof READING_MODES)[number]): void {
  const saved = { ...BUNDLE_LIMITS }
  const savedReading = { ...EXPORT_READING }
  beforeAll(() => {
    if (mode !== 'streamed') return
    Object.assign(BUNDLE_LIMITS, { keepInflatedBytes: 0, keepParsedBytes: 0, batchRows: 2 })
    Object.assign(EXPORT_READING, { blockRows: 2 })
  })
  afterAll(() => {
    Object.assign(BUNDLE_LIMITS, saved)
    Object.assign(EXPORT_READING, savedReading)
  })
}

/** Runs `work` with `watcher` hearing every progress the hub reports meanwhile (hub.progress). */
export async function whileWatching(watcher: (progress: HubProgress) => void, work: () => Promise<unknown>) {
  const stop = watchProgress(watcher)
  try {
    await work()
  } finally {
    stop()
  }
}

export const CASE_ENTITIES = HUB_ENTITIES.filter((e) => e.mode !== 'reference' && e.file !== 'users')

export {
  entriesOf,
  resigned,
  rowsOfFile,
  withLineAdded,
  withObjectLines,
  type Manifest
} from '../../../../tests/support/hub-bundles'
