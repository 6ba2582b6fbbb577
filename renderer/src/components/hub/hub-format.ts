/* Small display helpers the hub screens share. */
import type { EntityCount } from '../../../../shared/domain/hub'
import { HUB_ENTITY_BY_FILE } from '../../../../shared/domain/hub-entities'

export function fileSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** A count as zh-CN writes it: 2,944,256. */
export const count = (n: number): string => n.toLocaleString('zh-CN')

export const shortHash = (hash: string | null): string => (hash ? `${hash.slice(0, 12)}…` : '—')

/** `案件 3，当事人 6，删除 1`: the entities a bundle carries, reference tables left out. */
export function countsText(counts: Record<string, EntityCount>): string {
  const parts: string[] = []
  let deleted = 0
  for (const [file, n] of Object.entries(counts)) {
    const entity = HUB_ENTITY_BY_FILE.get(file)
    deleted += n.tombstones
    if (!entity || entity.mode === 'reference' || n.rows === 0) continue
    parts.push(`${entity.label} ${count(n.rows)}`)
  }
  if (deleted > 0) parts.push(`删除 ${count(deleted)}`)
  return parts.join('，') || '—'
}
