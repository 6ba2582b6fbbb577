/*
 * Exports to the district hub (DESIGN §3.5, docs/hub-bundle.md) as the
 * screens see them: the office key, export and import histories, the
 * verification report, and the zh-CN labels of each.
 */
import { z } from '../validation'

export const HUB_FORMAT = 'mcd-hub-bundle'
/**
 * Version 2 added grids, patrol_reports and report_figures; version 3 writes
 * each row as an array of its fields in the documented order (docs/hub-bundle.md §8).
 */
export const HUB_FORMAT_VERSION = 3
/** What a hub reads: bundles of offices not yet updated (versions 1 and 2, rows as objects) and version 3. */
export const HUB_READABLE_FORMAT_VERSIONS = [1, 2, 3] as const
/** From this version on, an entity file's line is the array of the row's field values (tombstones stay objects). */
export const HUB_ARRAY_LINES_SINCE = 3

export const PII_POLICIES = ['full', 'masked'] as const
export type PiiPolicy = (typeof PII_POLICIES)[number]
export const PII_POLICY_LABELS: Record<PiiPolicy, string> = {
  full: '完整（报送区中心）',
  masked: '脱敏（统计共享）'
}

export const EXPORT_KINDS = ['incremental', 'full'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  incremental: '增量（上次导出以来的变更）',
  full: '全量'
}

/** This installation's signing key, as Settings shows it. */
export interface OfficeKeyInfo {
  officeId: string | null
  officeCode: string | null
  officeName: string | null
  /** `sha256:` + hex of the public key's DER bytes. */
  fingerprint: string
  publicKeyPem: string
  /** How the private key is kept: the OS keychain (Electron safeStorage) or a file only this user can read. */
  protection: 'safe_storage' | 'user_file'
  createdAt: string
}

/** The file an office hands to the hub for registration. */
export interface OfficePublicKeyFile {
  format: 'mcd-office-key'
  officeCode: string
  officeName: string
  fingerprint: string
  publicKeyPem: string
}

export interface EntityCount {
  rows: number
  tombstones: number
}

export interface HubExportEntry {
  id: string
  sequence: number
  kind: ExportKind
  policy: PiiPolicy
  fromSeq: number
  toSeq: number
  counts: Record<string, EntityCount>
  sizeBytes: number
  sha256: string
  fileName: string
  createdAt: string
  createdBy: string
  /** Whether this office's copy of the bundle is still beside the store, to be saved again (hub.bundleFile). */
  kept: boolean
}

/** A kept bundle, as the window saves it. */
export interface HubBundleFile {
  fileName: string
  base64: string
}

/** A bundle file the user chose in the desktop's open dialog: the main process reads it; the window names it by token. */
export interface ChosenBundle {
  token: string
  fileName: string
  sizeBytes: number
}

/** A kept bundle saved by the main process where the user chose. */
export interface HubBundleSaved {
  fileName: string
  path: string
}

/**
 * How many bundles keep their copy beside the store: the newest ones, which
 * the hub may not have yet. An older copy is removed when a new bundle is
 * made (a full bundle of a busy office is 200 MB); each removal is audited.
 */
export const KEPT_BUNDLE_COUNT = 10

/** What an export's keeping rule removed, in words ("" when nothing). */
export const removedCopiesText = (sequences: readonly number[]): string =>
  sequences.length ? `按保留规则删除了第 ${sequences.join('、')} 号数据包的本机副本` : ''

/** A kept copy removed by hand (hub.deleteBundle): which bundle, and its file. */
export interface HubBundleDeleted {
  sequence: number
  fileName: string
}

export interface HubExportResult {
  /** True when nothing changed since the last export: no bundle was made. */
  nothingToExport: boolean
  message: string
  entry: HubExportEntry | null
  /** The bundle's file name; its bytes are kept beside the store and fetched with hub.bundleFile. */
  fileName: string | null
  /** Older bundles whose copies this export removed (only the newest KEPT_BUNDLE_COUNT keep theirs). */
  removedCopies: number[]
}

export const HUB_PHASES = ['idle', 'reading', 'packing', 'checking', 'merging', 'indexing', 'saving', 'done'] as const
export type HubPhase = (typeof HUB_PHASES)[number]
export const HUB_PHASE_LABELS: Record<HubPhase, string> = {
  idle: '空闲',
  reading: '读取变更',
  packing: '打包签名',
  checking: '校验数据包',
  merging: '合并入库',
  indexing: '重建检索与期限',
  // The import's one transaction written to disk: at 100,000 cases ≈ 16 s of its own, so it is named.
  saving: '保存入库',
  done: '完成'
}

export interface HubProgress {
  task: 'export' | 'import' | null
  phase: HubPhase
  done: number
  total: number
}

export const HUB_CHECK_KEYS = [
  'archive',
  'manifest',
  'hashes',
  'signature',
  'chain',
  'lines',
  'references',
  'origin'
] as const
export type HubCheckKey = (typeof HUB_CHECK_KEYS)[number]
export const HUB_CHECK_LABELS: Record<HubCheckKey, string> = {
  archive: '压缩包结构（大小、条目、路径、链接、压缩比）',
  manifest: '清单格式与版本',
  hashes: '每个文件的 SHA-256',
  signature: '签名与登记公钥',
  chain: '序号与前一数据包哈希链',
  lines: '每行数据格式',
  references: '引用的调解组织',
  origin: '数据归属（只改写本组织的数据）'
}

export interface HubCheck {
  key: HubCheckKey
  label: string
  status: 'passed' | 'failed' | 'skipped'
  detail: string
}

export interface HubManifestSummary {
  officeCode: string
  officeName: string
  keyFingerprint: string
  sequence: number
  previousBundleSha256: string | null
  createdAt: string
  kind: ExportKind
  piiPolicy: PiiPolicy
  changeLog: { fromSeq: number; toSeq: number }
  counts: Record<string, EntityCount>
}

export interface HubVerification {
  ok: boolean
  bundleSha256: string
  sizeBytes: number
  manifest: HubManifestSummary | null
  checks: HubCheck[]
  /** The first failure in words, or null. */
  reason: string | null
}

export interface MergeCounts {
  inserted: number
  updated: number
  unchanged: number
  deleted: number
}

export interface HubImportEntry {
  id: string
  importedAt: string
  importedBy: string
  fileName: string
  bundleSha256: string
  sizeBytes: number
  officeCode: string | null
  officeName: string | null
  sequence: number | null
  status: 'accepted' | 'refused'
  reason: string | null
  merged: MergeCounts | null
  verification: HubVerification
}

export interface RegisteredOfficeKey {
  officeId: string
  officeCode: string
  officeName: string
  fingerprint: string
  registeredAt: string
  lastSequence: number
  lastBundleSha256: string | null
  lastImportedAt: string | null
}

/** The largest bundle accepted, compressed (the import side refuses larger files before reading them). */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024

/** The same limit as base64 text, as a bundle travels to the main process. */
export const MAX_BUNDLE_BASE64_CHARS = Math.ceil(MAX_BUNDLE_BYTES / 3) * 4 + 4

const base64File = z
  .string('请选择文件')
  .min(1, '请选择文件')
  .max(MAX_BUNDLE_BASE64_CHARS, '文件过大')
  .regex(/^[A-Za-z0-9+/]+=*$/, '文件内容无效')

export const exportBundleSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS, '请选择增量或全量'),
    policy: z.enum(PII_POLICIES, '请选择完整或脱敏')
  })
  .strict()

export const keptBundleSchema = z.object({ sequence: z.int('请选择一个数据包').positive('请选择一个数据包') }).strict()

export const chosenBundleSchema = z.object({ token: z.uuid('请重新选择数据包') }).strict()

export const bundleFileSchema = z
  .object({
    fileName: z.string().trim().min(1, '此项不能为空').max(200, '文件名过长'),
    base64: base64File
  })
  .strict()

export const registerOfficeKeySchema = z
  .object({
    officeId: z.uuid('请选择一个调解组织'),
    publicKeyPem: z
      .string('请粘贴公钥')
      .trim()
      .min(1, '请粘贴公钥')
      .max(2000, '公钥过长')
      .regex(/^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----$/, '不是 PEM 格式的公钥')
  })
  .strict()
