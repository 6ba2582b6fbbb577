/* The JSON Schemas shipped in resources/hub/ are exactly what the entity list derives (`npm run hub -- schemas`). */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hubJsonSchemaFiles } from '../../../../shared/rules/hub-json-schema'

const DIR = path.resolve(__dirname, '../../../../resources/hub')

describe('resources/hub JSON Schemas', () => {
  it('are up to date with shared/domain/hub-entities.ts', () => {
    const generated = hubJsonSchemaFiles()
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.schema.json'))
        .sort()
    ).toEqual([...generated.keys()].sort())
    for (const [name, text] of generated) expect(readFileSync(path.join(DIR, name), 'utf8'), name).toBe(text)
  })
})
