/*
 * Bundles rebuilt the way a forger holding an office's key would: files
 * changed, re-hashed, the manifest signed again. For the hub's unit tests
 * and its browser test alike (no test runner imported here).
 */
import { sign } from 'node:crypto'
import { HUB_ENTITY_BY_FILE } from '../../shared/domain/hub-entities'
import { lineOfRow, rowOfLine } from '../../shared/rules/hub-rows'
import { BUNDLE_LIMITS } from '../../electron/main/services/hub/bundle-limits'
import { sha256Hex } from '../../electron/main/services/hub/zip-writer'
import { loadOfficeKey } from '../../electron/main/services/hub/office-key'
import { readZip } from '../../electron/main/services/hub/zip-reader'
import { writeZip, type ZipInput } from '../../electron/main/services/hub/zip-writer'
import type { TempApp } from './temp-app'

export type Manifest = {
  formatVersion: number
  sequence: number
  previousBundleSha256: string | null
  files: Array<{ name: string; size: number; sha256: string }>
  counts: Record<string, { rows: number; tombstones: number }>
}

/**
 * The entity files' lines rewritten as objects keyed by field name, as
 * format versions 1 and 2 write them (format 3 writes arrays): a bundle from
 * an office not yet updated.
 */
export function withObjectLines(files: Map<string, Buffer>): void {
  for (const [name, data] of files) {
    const entity = HUB_ENTITY_BY_FILE.get(name.replace(/\.ndjson$/, ''))
    if (!entity || !name.endsWith('.ndjson') || data.length === 0) continue
    const lines = data.toString('utf8').split('\n')
    const objects = lines.map((line) => (line === '' ? line : JSON.stringify(rowOfLine(entity, JSON.parse(line)))))
    files.set(name, Buffer.from(objects.join('\n'), 'utf8'))
  }
}

/** The rows of one entity file of a bundle, each line read back as its row (format 3 writes arrays). */
export function rowsOfFile(bundle: Buffer, file: string): Array<Record<string, unknown>> {
  const entity = HUB_ENTITY_BY_FILE.get(file)!
  const data = entriesOf(bundle).find((e) => e.name === `${file}.ndjson`)?.data
  if (!data) return []
  return data
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => rowOfLine(entity, JSON.parse(line)) as Record<string, unknown>)
}

export function entriesOf(bundle: Buffer): Array<ZipInput & { data: Buffer }> {
  return [...readZip(bundle, BUNDLE_LIMITS)].map(([name, data]) => ({ name, data }))
}

/** Rebuild a bundle after `change`, re-hashing the files and signing the manifest with `app`'s key (as a forger with that key would). */
export function resigned(
  bundle: Buffer,
  signer: TempApp,
  change: (files: Map<string, Buffer>, manifest: Manifest) => void
): Buffer {
  const files = new Map(entriesOf(bundle).map((e) => [e.name, e.data]))
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest
  change(files, manifest)
  manifest.files = [...files]
    .filter(([name]) => name !== 'manifest.json' && name !== 'signature')
    .map(([name, data]) => ({ name, size: data.length, sha256: sha256Hex(data) }))
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n')
  files.set('manifest.json', manifestBytes)
  files.set(
    'signature',
    Buffer.from(sign(null, manifestBytes, loadOfficeKey(signer.ctx)!.privateKey).toString('base64'))
  )
  return writeZip([...files].map(([name, data]) => ({ name, data })))
}

/**
 * The bundle with one line added to `file` (an entity's row, written as format 3 writes it) or one tombstone, its
 * manifest's counts raised, re-signed with `signer`'s key.
 */
export function withLineAdded(
  bundle: Buffer,
  signer: TempApp,
  added: { file: string; row: Record<string, unknown> } | { tombstone: { entity: string; id: string; version: number } }
): Buffer {
  return resigned(bundle, signer, (files, manifest) => {
    const file = 'tombstone' in added ? 'tombstones' : added.file
    const text = JSON.stringify(
      'tombstone' in added ? added.tombstone : lineOfRow(HUB_ENTITY_BY_FILE.get(file)!, added.row)
    )
    const name = `${file}.ndjson`
    files.set(name, Buffer.concat([files.get(name) ?? Buffer.alloc(0), Buffer.from(text + '\n')]))
    const entity = 'tombstone' in added ? added.tombstone.entity : file
    const count = manifest.counts[entity] ?? { rows: 0, tombstones: 0 }
    if ('tombstone' in added) count.tombstones += 1
    else count.rows += 1
    manifest.counts[entity] = count
  })
}
