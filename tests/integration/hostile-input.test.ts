/*
 * Hostile input (DESIGN §4: inputs are validated in main whatever the
 * renderer checked). Every contract method is called through the handler
 * table — the path IPC and browser mode take — with arbitrary JSON: wrong
 * types, huge and deeply nested values, prototype keys, SQL and HTML
 * fragments, lone surrogates, and the field names real inputs use. The
 * answer is always an envelope; never INTERNAL, never a throw; and a refusal
 * writes nothing.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerCaseSchema } from '../../shared/domain/case-input'
import { METHOD_NAMES } from '../../shared/ipc-contract'
import { createHandlerTable, type HandlerTable } from '../../electron/main/ipc/register'
import { services } from '../../electron/main/services/index'
import { chooseOffice, registration } from '../support/intake-fixtures'
import { startTempApp, tableCounts, type TempApp } from '../support/temp-app'

const RUNS_PER_METHOD = 25

let app: TempApp
let handlers: HandlerTable
let caseId: string

beforeAll(async () => {
  app = await startTempApp()
  handlers = createHandlerTable(app.ctx)
  await chooseOffice(app, 'wutian')
  caseId = (await services['cases.register'](app.ctx, registerCaseSchema.parse(registration()))).id
})
afterAll(() => app.dispose())

const nasty = fc.constantFrom(
  "'; drop table cases; --",
  '" or 1=1 --',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '\uD800',
  '\uDFFF\uD800',
  '../../etc/passwd',
  '%00',
  'NaN',
  '9'.repeat(400),
  '2026-02-30',
  '-1'
)

/** Any JSON value, leaning towards what breaks parsers and services. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 3 }),
    nasty,
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ minLength: 5000, maxLength: 20000 }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a'), tie('value'), {
      maxKeys: 3
    })
  )
})).value

/** Objects with the field names real inputs use, so calls get past the first shape check and into the rules. */
const FIELD_NAMES = [
  'caseId',
  'id',
  'query',
  'filter',
  'record',
  'parties',
  'key',
  'value',
  'fileName',
  'base64',
  'officeId',
  'mediatorId',
  'hearingId',
  'startsAt',
  'endsAt',
  'date',
  'year',
  'reason',
  'name',
  'limit',
  'cursor',
  'status',
  'terms',
  'amountCents'
]
const hostileInput = fc.oneof(
  hostileValue,
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileValue, { maxKeys: 5 }),
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('caseId', 'id'), fc.constantFrom('CASE', 'x', '00000000-0000-7000-8000-000000000000'), {
    maxKeys: 2
  })
)

describe('hostile input through the handler table', () => {
  for (const method of METHOD_NAMES) {
    it(`${method}: always an envelope, never INTERNAL, nothing written on refusal`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, async (raw) => {
          // The real case's id stands in where the generator chose the placeholder, to reach deeper code.
          const input = JSON.parse(JSON.stringify(raw ?? null)?.replaceAll('"CASE"', JSON.stringify(caseId)) ?? 'null')
          const before = await tableCounts(app)
          const result = await handlers[method](input)
          expect(typeof result.ok).toBe('boolean')
          if (result.ok) return
          expect(
            result.error.code,
            `${method} ${JSON.stringify(input)?.slice(0, 300)}: ${result.error.message}`
          ).not.toBe('INTERNAL')
          expect(result.error.message).toMatch(/[\u4e00-\u9fff]/)
          expect(await tableCounts(app)).toEqual(before)
        }),
        { numRuns: RUNS_PER_METHOD, seed: 20261129 }
      )
    })
  }
})
