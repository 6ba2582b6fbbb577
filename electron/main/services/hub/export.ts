/*
 * hub.export: the next bundle of this office's chain (docs/hub-bundle.md).
 * Rows are read in one read transaction (a consistent snapshot), masked if
 * the policy says so, written as NDJSON, listed with their hashes in the
 * manifest, the manifest signed, and the whole zipped. The bundle's hash and
 * sequence are kept in hub_exports, which the next bundle chains to.
 */
import { createHash, sign } from 'node:crypto'
import { rmSync } from 'node:fs'
import type { HubExportEntry, HubExportResult } from '../../../../shared/domain/hub'
import { HUB_FORMAT, HUB_FORMAT_VERSION } from '../../../../shared/domain/hub'
import { HUB_ENTITIES, ndjsonName, TOMBSTONES_FILE, type HubEntity } from '../../../../shared/domain/hub-entities'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { BundleManifest } from '../../../../shared/rules/hub-manifest'
import { lineOfRow, maskRow, pickFields, rowOfLine } from '../../../../shared/rules/hub-rows'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { writeChange } from '../write'
import { carriesChanges, collectRows, EXPORT_READING, type RowSink } from './export-rows'
import { openSideReader } from './export-side'
import { exportEntryOf } from './history'
import { BUNDLE_LIMITS, megabytes } from './bundle-limits'
import { ensureOfficeKey } from './office-key'
import { finishProgress, reportProgress } from './progress'
import { requireThisOffice } from './this-office'
import { keepBundle } from './kept-bundles'
import { removeOldCopies } from './kept-removal'
import { EntryWriter, sha256Hex, sizeOf, zipPieces, type PendingEntry } from './zip-writer'

const NEWLINE = Buffer.from('\n')

/** A file of the bundle as it goes into the archive: its size and hash for the manifest, its deflate running. */
interface PackedFile {
  entry: PendingEntry
  size: number
  sha256: string
}

/**
 * A file written a block of lines at a time, each block followed by a
 * newline: hashed and deflated as it comes, never joined into one buffer (at
 * 100,000 cases with their whole lifecycle the files are 1.6 GB).
 */
class FileWriter {
  private readonly zip: EntryWriter
  private readonly hash = createHash('sha256')
  private size = 0

  constructor(name: string) {
    this.zip = new EntryWriter(name)
  }

  add(block: Buffer): void {
    for (const piece of [block, NEWLINE]) {
      this.zip.add(piece)
      this.hash.update(piece)
      this.size += piece.length
    }
  }

  end(): PackedFile {
    return { entry: this.zip.end(), size: this.size, sha256: this.hash.digest('hex') }
  }
}

/** A block of lines with each row masked (the masked policy): parsed, masked and written again. */
const maskedBlock = (entity: HubEntity, block: Buffer): Buffer =>
  Buffer.from(
    block
      .toString('utf8')
      .split('\n')
      .map((line) => {
        const row = rowOfLine(entity, JSON.parse(line))
        if (typeof row === 'string') throw new Error(`${entity.file}: ${row}`)
        return JSON.stringify(lineOfRow(entity, maskRow(entity, pickFields(entity, row))))
      })
      .join('\n'),
    'utf8'
  )

export async function exportBundle(ctx: AppContext, input: ParsedInput<'hub.export'>): Promise<HubExportResult> {
  const office = await requireThisOffice(ctx)
  reportProgress('export', 'reading')
  try {
    const { key } = ensureOfficeKey(ctx)
    // Each file is hashed and deflated as its rows are read, while SQLite reads the next ones.
    const writing = new Map<string, FileWriter>()
    const packed = new Map<string, PackedFile>()
    const sink: RowSink = {
      block(entity, lines) {
        const writer = writing.get(entity.file) ?? new FileWriter(ndjsonName(entity.file))
        writing.set(entity.file, writer)
        writer.add(input.policy === 'masked' ? maskedBlock(entity, lines) : lines)
      },
      end(entity) {
        const writer = writing.get(entity.file)
        if (writer) packed.set(entity.file, writer.end())
      }
    }
    const snapshot = await ctx.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('hub_exports')
        .selectAll()
        .orderBy('sequence', 'desc')
        .limit(1)
        .executeTakeFirst()
      const head = await trx
        .selectFrom('change_log')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst()
      const toSeq = Number(head?.seq ?? 0)
      const fromSeq = input.kind === 'full' ? 0 : (last?.to_seq ?? 0)
      // Opened while this transaction holds the write lock, so both read the same snapshot (export-side.ts).
      const side = EXPORT_READING.secondConnection ? await openSideReader(trx, ctx.runtime.databasePath) : null
      try {
        const collected = await collectRows(
          trx,
          input.kind,
          fromSeq,
          toSeq,
          (done, total) => reportProgress('export', 'reading', done, total),
          sink,
          side?.db ?? null
        )
        return { last, fromSeq, toSeq, collected }
      } finally {
        await side?.close()
      }
    })
    if (input.kind === 'incremental' && !carriesChanges(snapshot.collected)) {
      return {
        nothingToExport: true,
        message: `自上次导出（第 ${snapshot.last?.sequence ?? 0} 号数据包）以来没有任何变更，未生成数据包`,
        entry: null,
        fileName: null,
        removedCopies: []
      }
    }

    reportProgress('export', 'packing')
    const counts: BundleManifest['counts'] = {}
    for (const entity of HUB_ENTITIES) {
      const tombstones = snapshot.collected.tombstones.filter((t) => t.entity === entity.file).length
      counts[entity.file] = { rows: snapshot.collected.rows.get(entity.file)?.count ?? 0, tombstones }
    }
    const files = HUB_ENTITIES.flatMap((entity) => packed.get(entity.file) ?? [])
    if (snapshot.collected.tombstones.length > 0) {
      const tombstones = new FileWriter(ndjsonName(TOMBSTONES_FILE))
      tombstones.add(Buffer.from(snapshot.collected.tombstones.map((t) => JSON.stringify(t)).join('\n'), 'utf8'))
      files.push(tombstones.end())
    }

    const sequence = (snapshot.last?.sequence ?? 0) + 1
    const createdAt = ctx.clock.now().toISOString()
    const manifest: BundleManifest = {
      format: HUB_FORMAT,
      formatVersion: HUB_FORMAT_VERSION,
      office: { id: office.id, code: office.code, name: office.name },
      keyFingerprint: key.fingerprint,
      sequence,
      previousBundleSha256: snapshot.last?.sha256 ?? null,
      createdAt,
      kind: input.kind,
      piiPolicy: input.policy,
      changeLog: { fromSeq: snapshot.fromSeq, toSeq: snapshot.toSeq },
      counts,
      files: files.map((f) => ({ name: f.entry.name, size: f.size, sha256: f.sha256 }))
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8')
    const signature = sign(null, manifestBytes, key.privateKey)
    const zip = await zipPieces([
      { name: 'manifest.json', data: manifestBytes },
      { name: 'signature', data: Buffer.from(signature.toString('base64') + '\n', 'ascii') },
      ...files.map((f) => f.entry)
    ])

    const zipBytes = sizeOf(zip)
    if (zipBytes > BUNDLE_LIMITS.maxArchiveBytes) {
      // The hub refuses a larger archive unread; recording it would move this office's chain past a bundle it can never take.
      throw new AppError(
        'EXPORT_FAILED',
        `数据包压缩后 ${megabytes(zipBytes)} MB，超过区中心可接收的上限 ${megabytes(BUNDLE_LIMITS.maxArchiveBytes)} MB：未生成数据包，上报序号未变`
      )
    }
    const fileName = `hub-${office.code}-${String(sequence).padStart(6, '0')}-${createdAt.slice(0, 10).replace(/-/g, '')}.zip`
    const row = {
      id: uuidv7(),
      sequence,
      kind: input.kind,
      policy: input.policy,
      from_seq: snapshot.fromSeq,
      to_seq: snapshot.toSeq,
      counts: JSON.stringify(counts),
      size_bytes: zipBytes,
      sha256: sha256Hex(zip),
      file_name: fileName,
      key_fingerprint: key.fingerprint,
      created_at: createdAt,
      created_by: ctx.actor.displayName
    }
    // Kept before it is recorded: a recorded bundle whose bytes were never written could not be sent, nor made again.
    const kept = await keepBundle(ctx.runtime.databasePath, fileName, zip)
    try {
      // The history row and its audit entry are one change; hub_exports is not an exported entity, so no bundle carries it.
      await writeChange(ctx, 'hub.export', async (trx, record) => {
        await trx.insertInto('hub_exports').values(row).execute()
        record({ entity: 'hub_exports', entityId: row.id, operation: 'insert', version: 1, after: { ...row, counts } })
      })
    } catch (error) {
      // Not in the chain, so not a bundle: the next export makes this number again.
      rmSync(kept, { force: true })
      throw error
    }
    const entry: HubExportEntry = exportEntryOf(row, true)
    const made = `已生成第 ${sequence} 号数据包`
    try {
      const removedCopies = await removeOldCopies(ctx)
      return { nothingToExport: false, message: made, entry, fileName, removedCopies }
    } catch (error) {
      // The bundle is made and recorded; only the tidying failed, and every copy it could not remove is still there.
      ctx.log.error('hub.export: old copies not removed', error)
      const reason = error instanceof Error ? error.message : String(error)
      return {
        nothingToExport: false,
        message: `${made}；较早数据包的本机副本未能按保留规则删除（${reason}）`,
        entry,
        fileName,
        removedCopies: []
      }
    }
  } finally {
    finishProgress()
  }
}
