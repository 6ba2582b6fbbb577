/*
 * Everything the hub checks before it writes anything (docs/hub-bundle.md
 * §5), in order: the archive itself, the manifest, every file's hash, the
 * signature against the key registered for that office, the sequence and
 * previous-hash chain, every NDJSON line, the offices it refers to, and that
 * every row it would write is the signing office's own (origin-guard.ts).
 * Each check reports in zh-CN; a check that cannot run because an earlier
 * one failed says so. Nothing here writes.
 */
import { createPublicKey, verify } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { HubCheck, HubCheckKey, HubVerification } from '../../../../shared/domain/hub'
import { HUB_CHECK_KEYS, HUB_CHECK_LABELS } from '../../../../shared/domain/hub'
import { HUB_ENTITIES, HUB_ENTITY_BY_FILE, TOMBSTONES_FILE } from '../../../../shared/domain/hub-entities'
import { manifestSchema, type BundleManifest } from '../../../../shared/rules/hub-manifest'
import type { Database } from '../../db/schema'
import type { HubOfficeKeyTable } from '../../db/schema-hub'
import { sha256Hex } from './zip-writer'
import { BUNDLE_LIMITS } from './bundle-limits'
import { DATA_FILE_NAMES, scanBundle, type BundleRows, type ScanResult } from './bundle-scan'
import { openZip, ZipRefusal, type ZipArchive } from './zip-reader'

export { BUNDLE_LIMITS }

export interface CheckedBundle {
  verification: HubVerification
  /** Present only when every check passed. */
  accepted: {
    manifest: BundleManifest
    registration: HubOfficeKeyTable
    rows: BundleRows
  } | null
}

class Report {
  private readonly results = new Map<HubCheckKey, HubCheck>()
  pass(key: HubCheckKey, detail: string): void {
    this.results.set(key, { key, label: HUB_CHECK_LABELS[key], status: 'passed', detail })
  }
  fail(key: HubCheckKey, detail: string): void {
    this.results.set(key, { key, label: HUB_CHECK_LABELS[key], status: 'failed', detail })
  }
  get ok(): boolean {
    return HUB_CHECK_KEYS.every((k) => this.results.get(k)?.status === 'passed')
  }
  checks(): HubCheck[] {
    return HUB_CHECK_KEYS.map(
      (key) =>
        this.results.get(key) ?? {
          key,
          label: HUB_CHECK_LABELS[key],
          status: 'skipped',
          detail: '前面的检查未通过，未进行'
        }
    )
  }
  firstFailure(): string | null {
    const failed = this.checks().find((c) => c.status === 'failed')
    return failed ? `${failed.label}：${failed.detail}` : null
  }
}

const short = (hash: string | null): string => (hash ? `${hash.slice(0, 12)}…` : '（无）')

/** `onProgress`: entities whose files are read (inflated, hashed, their rows checked), out of all of them. */
export async function checkBundle(
  db: Kysely<Database>,
  bundle: Buffer,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<CheckedBundle> {
  let report = new Report()
  const bundleSha256 = sha256Hex(bundle)
  const finish = (manifest: BundleManifest | null, accepted: CheckedBundle['accepted']): CheckedBundle => ({
    verification: {
      ok: report.ok,
      bundleSha256,
      sizeBytes: bundle.length,
      manifest: manifest && {
        officeCode: manifest.office.code,
        officeName: manifest.office.name,
        keyFingerprint: manifest.keyFingerprint,
        sequence: manifest.sequence,
        previousBundleSha256: manifest.previousBundleSha256,
        createdAt: manifest.createdAt,
        kind: manifest.kind,
        piiPolicy: manifest.piiPolicy,
        changeLog: manifest.changeLog,
        counts: manifest.counts
      },
      checks: report.checks(),
      reason: report.firstFailure()
    },
    accepted: report.ok ? accepted : null
  })
  // An entry that does not inflate to its declared size and CRC fails the archive, whenever it is read: the checks
  // after it cannot be trusted, so they are not reported.
  const archiveRefused = (error: ZipRefusal) => {
    report = new Report()
    report.fail('archive', error.message)
    return finish(null, null)
  }

  let archive: ZipArchive
  const digests = new Map<string, FileDigest>()
  const digest = (name: string, data: Buffer) => digests.set(name, { size: data.length, sha256: sha256Hex(data) })
  const signed = new Map<string, Buffer>()
  try {
    archive = openZip(bundle, BUNDLE_LIMITS)
    // The data files are inflated, size- and CRC-checked and hashed once, as the row checks read them (a bundle of
    // 1.6 GB was inflated three times: to hash it, to check its rows and to merge them). Every other entry (the
    // manifest, the signature, anything unexpected) is inflated and checked now.
    for (const name of archive.names.filter((n) => !DATA_FILE_NAMES.includes(n))) {
      const data = await archive.read(name)
      digest(name, data)
      if (name === 'manifest.json' || name === 'signature') signed.set(name, data)
    }
    report.pass('archive', `${archive.names.length} 个文件，${bundle.length.toLocaleString('zh-CN')} 字节`)
  } catch (error) {
    if (!(error instanceof ZipRefusal)) throw error
    return archiveRefused(error)
  }

  // A manifest that fails ends the checks before the data files are read: they are inflated first all the same, so a
  // broken archive is still reported as the archive, the first check.
  const manifestRefused = async (detail: string) => {
    try {
      for (const name of archive.names.filter((n) => DATA_FILE_NAMES.includes(n))) await archive.read(name)
    } catch (error) {
      if (!(error instanceof ZipRefusal)) throw error
      return archiveRefused(error)
    }
    report.fail('manifest', detail)
    return finish(null, null)
  }
  const hasFile = (name: string) => archive.names.includes(name)
  if (!hasFile('manifest.json') || !hasFile('signature')) return manifestRefused('缺少 manifest.json 或 signature')
  const [manifestBytes, signatureBytes] = [signed.get('manifest.json')!, signed.get('signature')!]
  let manifest: BundleManifest
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(manifestBytes.toString('utf8')))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return manifestRefused(`字段 ${issue.path.join('.') || '（根）'}：${issue.message}`)
    }
    manifest = parsed.data
    report.pass(
      'manifest',
      `${manifest.office.name} 第 ${manifest.sequence} 号数据包，格式版本 ${manifest.formatVersion}`
    )
  } catch (error) {
    return manifestRefused(`manifest.json 不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`)
  }

  const registration = await checkSignature(db, report, manifest, manifestBytes, signatureBytes)
  if (registration) await checkChain(db, report, manifest, registration, bundleSha256)

  // The rows are checked as the files are read; what they found counts only once every file's hash is right.
  let scanned: ScanResult
  try {
    scanned = await scanBundle(db, archive, manifest, {
      keepParsed: archive.inflatedBytes <= BUNDLE_LIMITS.keepParsedBytes,
      batchRows: BUNDLE_LIMITS.batchRows,
      onFile: digest,
      onEntity: (done) => onProgress(done, HUB_ENTITIES.length)
    })
  } catch (error) {
    if (!(error instanceof ZipRefusal)) throw error
    return archiveRefused(error)
  }
  checkHashes(report, manifest, digests)
  if (report.checks().find((c) => c.key === 'hashes')?.status !== 'passed') return finish(manifest, null)
  if (scanned.problems.length > 0) {
    report.fail('lines', scanned.problems.join('；'))
    return finish(manifest, null)
  }
  report.pass('lines', `${scanned.lineCount.toLocaleString('zh-CN')} 行全部符合格式`)
  if (scanned.references) {
    report.fail('references', scanned.references)
    return finish(manifest, null)
  }
  report.pass('references', '引用的调解组织均为本中心已知的组织')
  if (scanned.origin) report.fail('origin', scanned.origin)
  else report.pass('origin', `要写入的每一行都属于${manifest.office.name}`)

  return finish(manifest, registration ? { manifest, registration, rows: scanned.rows } : null)
}

interface FileDigest {
  size: number
  sha256: string
}

function checkHashes(report: Report, manifest: BundleManifest, digests: Map<string, FileDigest>): void {
  const listed = new Map(manifest.files.map((f) => [f.name, f]))
  for (const name of digests.keys()) {
    if (name === 'manifest.json' || name === 'signature') continue
    if (!listed.has(name)) return report.fail('hashes', `文件 ${name} 不在清单中`)
    const file = name.replace(/\.ndjson$/, '')
    const entity = HUB_ENTITY_BY_FILE.get(file)
    if (!name.endsWith('.ndjson') || (file !== TOMBSTONES_FILE && !entity)) {
      return report.fail('hashes', `文件 ${name} 不是本格式版本的数据文件`)
    }
    if ((entity?.since ?? 1) > manifest.formatVersion) {
      return report.fail('hashes', `文件 ${name} 不是格式版本 ${manifest.formatVersion} 的数据文件`)
    }
  }
  for (const entry of manifest.files) {
    const digest = digests.get(entry.name)
    if (!digest) return report.fail('hashes', `清单列出的文件 ${entry.name} 不在数据包中`)
    if (digest.size !== entry.size)
      return report.fail('hashes', `文件 ${entry.name} 大小为 ${digest.size}，清单为 ${entry.size}`)
    const actual = digest.sha256
    if (actual !== entry.sha256) {
      return report.fail(
        'hashes',
        `文件 ${entry.name} 的 SHA-256 为 ${short(actual)}，清单为 ${short(entry.sha256)}：内容被改动`
      )
    }
  }
  report.pass('hashes', `${manifest.files.length} 个数据文件的大小与 SHA-256 均与清单一致`)
}

async function checkSignature(
  db: Kysely<Database>,
  report: Report,
  manifest: BundleManifest,
  manifestBytes: Buffer,
  signatureBytes: Buffer
): Promise<HubOfficeKeyTable | null> {
  const registration = await db
    .selectFrom('hub_office_keys')
    .selectAll()
    .where('office_code', '=', manifest.office.code)
    .executeTakeFirst()
  if (!registration) {
    report.fail('signature', `调解组织“${manifest.office.name}”（${manifest.office.code}）的公钥尚未在本中心登记`)
    return null
  }
  if (registration.fingerprint !== manifest.keyFingerprint) {
    report.fail(
      'signature',
      `数据包声明的密钥指纹 ${short(manifest.keyFingerprint)} 与本中心登记的 ${short(registration.fingerprint)} 不一致`
    )
    return null
  }
  const signature = Buffer.from(signatureBytes.toString('ascii').trim(), 'base64')
  const valid =
    signature.length === 64 && verify(null, manifestBytes, createPublicKey(registration.public_key_pem), signature)
  if (!valid) {
    report.fail('signature', '签名无效：清单被改动，或不是用该调解组织登记的密钥签名')
    return null
  }
  report.pass('signature', `签名有效，密钥指纹 ${short(registration.fingerprint)}`)
  return registration
}

async function checkChain(
  db: Kysely<Database>,
  report: Report,
  manifest: BundleManifest,
  registration: HubOfficeKeyTable,
  bundleSha256: string
): Promise<void> {
  const expected = registration.last_sequence + 1
  const imported = await db
    .selectFrom('hub_imports')
    .select(['sequence', 'imported_at'])
    .where('bundle_sha256', '=', bundleSha256)
    .where('status', '=', 'accepted')
    .executeTakeFirst()
  if (imported) {
    return report.fail(
      'chain',
      `重复导入：该数据包（第 ${imported.sequence} 号）已于 ${imported.imported_at} 导入，应为第 ${expected} 号`
    )
  }
  if (manifest.sequence < expected) {
    return report.fail(
      'chain',
      `过期或重放的数据包：第 ${manifest.sequence} 号，本中心已导入到第 ${registration.last_sequence} 号，应为第 ${expected} 号`
    )
  }
  if (manifest.sequence > expected) {
    return report.fail('chain', `序号跳跃：应为第 ${expected} 号，收到第 ${manifest.sequence} 号（中间的数据包缺失）`)
  }
  if (manifest.previousBundleSha256 !== registration.last_bundle_sha256) {
    return report.fail(
      'chain',
      `哈希链分叉：数据包记录的前一数据包哈希为 ${short(manifest.previousBundleSha256)}，本中心导入的第 ${registration.last_sequence} 号为 ${short(registration.last_bundle_sha256)}`
    )
  }
  report.pass(
    'chain',
    registration.last_sequence === 0
      ? '第 1 号，该调解组织的首个数据包'
      : `第 ${manifest.sequence} 号，紧接本中心已导入的第 ${registration.last_sequence} 号`
  )
}
