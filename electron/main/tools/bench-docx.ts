/*
 * The DOCX target of DESIGN §7 (≤ 150 ms each): for accepted cases of the
 * store, the time from reading the case to the filled DOCX of its
 * acceptance register (a table with a row per party), as documents.generate
 * spends it before the PDF and the write to disk.
 */
import { performance } from 'node:perf_hooks'
import type { AppContext } from '../context'
import { loadForDocuments, renderDocument } from '../services/documents/generate'

export async function timeDocx(ctx: AppContext, count: number, warmup: number): Promise<number[] | null> {
  const cases = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('case_number', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(count + warmup)
    .execute()
  if (cases.length === 0) return null
  const times: number[] = []
  for (const [index, { id }] of cases.entries()) {
    const start = performance.now()
    const data = await loadForDocuments(ctx, id)
    await renderDocument(ctx, data, 'acceptance_register')
    if (index >= warmup) times.push(performance.now() - start)
  }
  return times.length > 0 ? times : null
}
