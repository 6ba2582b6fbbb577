/*
 * The hub's quick line check (shared/rules/hub-rows.ts) may only ever say
 * yes where the zod schema does: it decides alone for a million lines.
 * Rows of every entity, well-formed and then broken in the ways a hostile
 * bundle would (a field's type, null where not allowed, a missing or extra
 * key, a bad id, over-long text), are fed to both.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HUB_ENTITIES, type HubField } from '../../../../shared/domain/hub-entities'
import { lineSchemaOf, quickLineCheck } from '../../../../shared/rules/hub-rows'

const ID = '0190a6f2-3b4c-7d5e-8f60-718293a4b5c6'

function valueOf(field: HubField): fc.Arbitrary<unknown> {
  const base =
    field.name === 'id'
      ? fc.constantFrom(ID, 'not-a-uuid', ID.toUpperCase(), `${ID}x`)
      : field.type === 'integer'
        ? fc.oneof(fc.integer(), fc.double(), fc.constant('1'))
        : field.type === 'flag'
          ? fc.oneof(fc.constantFrom(0, 1, 2, -1, true), fc.constant('1'))
          : fc.oneof(fc.string(), fc.integer(), fc.constant('长'.repeat(200_001)))
  return fc.oneof(base, fc.constant(null), fc.constant(undefined))
}

describe('the quick line check', () => {
  for (const entity of HUB_ENTITIES) {
    it(`never accepts a ${entity.file} line the schema refuses, and accepts the good ones`, () => {
      const schema = lineSchemaOf(entity.file)
      const quick = quickLineCheck(entity.file)
      const row = fc.record(Object.fromEntries(entity.fields.map((f) => [f.name, valueOf(f)])))
      const mutated = fc.tuple(row, fc.option(fc.string()), fc.boolean()).map(([r, extra, drop]) => {
        const out: Record<string, unknown> = { ...r }
        if (extra !== null && !(extra in out)) out[extra] = 1
        if (drop) delete out[entity.fields[entity.fields.length - 1].name]
        return JSON.parse(JSON.stringify(out)) as unknown
      })
      fc.assert(
        fc.property(mutated, (line) => {
          if (quick(line)) expect(schema.safeParse(line).success).toBe(true)
        }),
        { numRuns: 300 }
      )
      const good = Object.fromEntries(
        entity.fields.map((f) => [f.name, f.name === 'id' ? ID : f.type === 'text' ? '文本' : 1])
      )
      expect(quick(good)).toBe(true)
      expect(schema.safeParse(good).success).toBe(true)
    })
  }
})
