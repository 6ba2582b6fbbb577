/*
 * manifest.json of a hub bundle (docs/hub-bundle.md §2), checked at the hub
 * before anything else is trusted. The exporter builds the same shape.
 */
import { z } from '../validation'
import { EXPORT_KINDS, HUB_FORMAT, HUB_READABLE_FORMAT_VERSIONS, PII_POLICIES } from '../domain/hub'

const sha256Hex = z.string('应为 SHA-256').regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制 SHA-256')
const count = z.number().int().min(0)

export const manifestSchema = z.strictObject({
  format: z.literal(HUB_FORMAT, '不是本系统的上报数据包'),
  formatVersion: z.literal(
    [...HUB_READABLE_FORMAT_VERSIONS],
    `只支持格式版本 ${HUB_READABLE_FORMAT_VERSIONS.join('、')}`
  ),
  office: z.strictObject({ id: z.uuid(), code: z.string().min(1).max(50), name: z.string().min(1).max(200) }),
  keyFingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/, '公钥指纹格式不正确'),
  sequence: z.number().int().min(1, '序号至少为 1'),
  previousBundleSha256: sha256Hex.nullable(),
  createdAt: z.iso.datetime('应为 ISO 时间'),
  kind: z.enum(EXPORT_KINDS),
  piiPolicy: z.enum(PII_POLICIES),
  changeLog: z.strictObject({ fromSeq: count, toSeq: count }),
  counts: z.record(z.string(), z.strictObject({ rows: count, tombstones: count })),
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(100), size: count, sha256: sha256Hex }))
    .max(100, '文件过多')
})

export type BundleManifest = z.output<typeof manifestSchema>
