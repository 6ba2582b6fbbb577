/*
 * Bundles rebuilt the way a forger holding an office's key would: files
 * changed, re-hashed, the manifest signed again. For the hub's unit tests
 * and its browser test alike (no test runner imported here).
 */
import { sign } from 'node:crypto'
import { BUNDLE_LIMITS } from '../../electron/main/services/hub/bundle-limits'
import { sha256Hex } from '../../electron/main/services/hub/export'
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
