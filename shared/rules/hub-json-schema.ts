/*
 * JSON Schemas (draft 2020-12) of every NDJSON file of a hub bundle, derived
 * from shared/domain/hub-entities.ts. `npm run hub -- schemas` writes them to
 * resources/hub/; a test keeps the shipped files equal to this derivation.
 */
import type { HubEntity, HubField } from '../domain/hub-entities'
import { HUB_FORMAT_VERSION } from '../domain/hub'
import { HUB_ENTITIES, ndjsonName, TOMBSTONES_FILE } from '../domain/hub-entities'

type JsonSchema = Record<string, unknown>

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

function fieldSchema(field: HubField): JsonSchema {
  const base: JsonSchema =
    field.name === 'id'
      ? { type: 'string', pattern: UUID_PATTERN }
      : field.type === 'integer'
        ? { type: 'integer' }
        : field.type === 'flag'
          ? { enum: [0, 1] }
          : { type: 'string', maxLength: 200000 }
  if (!field.nullable) return base
  return 'enum' in base ? { enum: [0, 1, null] } : { ...base, type: [base.type, 'null'] }
}

/** A line of the entity's file: the array of its field values in order, each titled with its field's name. */
export function entityJsonSchema(entity: HubEntity): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `mcd-hub-bundle/v${HUB_FORMAT_VERSION}/${ndjsonName(entity.file)}`,
    title: `${entity.label}（${ndjsonName(entity.file)} 的一行：各字段的值按顺序组成的数组）`,
    type: 'array',
    prefixItems: entity.fields.map((f) => ({ title: f.name, ...fieldSchema(f) })),
    items: false,
    minItems: entity.fields.length
  }
}

export function tombstoneJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `mcd-hub-bundle/v${HUB_FORMAT_VERSION}/${ndjsonName(TOMBSTONES_FILE)}`,
    title: '删除标记（tombstones.ndjson 的一行）',
    type: 'object',
    additionalProperties: false,
    required: ['entity', 'id', 'version'],
    properties: {
      entity: { enum: HUB_ENTITIES.filter((e) => e.mode === 'logged').map((e) => e.file) },
      id: { type: 'string', pattern: UUID_PATTERN },
      version: { type: 'integer', minimum: 1 }
    }
  }
}

/** File name → schema text, exactly as shipped in resources/hub/. */
export function hubJsonSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>()
  for (const entity of HUB_ENTITIES) {
    files.set(`${entity.file}.schema.json`, JSON.stringify(entityJsonSchema(entity), null, 2) + '\n')
  }
  files.set(`${TOMBSTONES_FILE}.schema.json`, JSON.stringify(tombstoneJsonSchema(), null, 2) + '\n')
  return files
}
