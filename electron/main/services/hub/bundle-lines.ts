/*
 * Every NDJSON line of a bundle parsed and checked against its entity's
 * schema (shared/rules/hub-rows.ts); line counts must match the manifest.
 * Problems name the file, the line and the field, in zh-CN, at most a few.
 */
import { HUB_ENTITIES, ndjsonName, TOMBSTONES_FILE } from '../../../../shared/domain/hub-entities'
import type { BundleManifest } from '../../../../shared/rules/hub-manifest'
import { lineSchemaOf, quickLineCheck, type HubRow, type Tombstone } from '../../../../shared/rules/hub-rows'

export type ParsedRows = Map<string, HubRow[]>

const MAX_PROBLEMS = 5

export function parseLines(
  manifest: BundleManifest,
  files: Map<string, Buffer>
): { rows: ParsedRows; tombstones: Tombstone[]; problems: string[]; lineCount: number } {
  const problems: string[] = []
  const rows: ParsedRows = new Map()
  let lineCount = 0

  const parseFile = (file: string): unknown[] => {
    const data = files.get(ndjsonName(file))
    if (!data) return []
    const text = data.toString('utf8')
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')
    const schema = lineSchemaOf(file)
    const quick = quickLineCheck(file)
    const parsed: unknown[] = []
    // Named only for a line with a problem: a million well-formed lines need no label.
    const where = (index: number) => `${ndjsonName(file)} 第 ${index + 1} 行`
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]
      if (problems.length >= MAX_PROBLEMS) break
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        problems.push(`${where(index)} 不是有效的 JSON`)
        continue
      }
      if (quick(value)) {
        parsed.push(value)
        continue
      }
      const result = schema.safeParse(value)
      if (!result.success) {
        const issue = result.error.issues[0]
        const field = issue.code === 'unrecognized_keys' ? issue.keys.join('、') : issue.path.join('.')
        problems.push(`${where(index)} 字段 ${field || '（整行）'}：${issue.message}`)
        continue
      }
      parsed.push(result.data)
    }
    lineCount += lines.length
    return parsed
  }

  for (const entity of HUB_ENTITIES) {
    const list = parseFile(entity.file) as HubRow[]
    const declared = manifest.counts[entity.file]?.rows ?? 0
    if (problems.length === 0 && list.length !== declared) {
      problems.push(`${ndjsonName(entity.file)} 有 ${list.length} 行，清单为 ${declared} 行`)
    }
    rows.set(entity.file, list)
  }
  const tombstones = parseFile(TOMBSTONES_FILE) as Tombstone[]
  const declaredTombstones = Object.values(manifest.counts).reduce((sum, c) => sum + c.tombstones, 0)
  if (problems.length === 0 && tombstones.length !== declaredTombstones) {
    problems.push(`${ndjsonName(TOMBSTONES_FILE)} 有 ${tombstones.length} 行，清单为 ${declaredTombstones} 行`)
  }
  return { rows, tombstones, problems, lineCount }
}
