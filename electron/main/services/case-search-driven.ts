/*
 * Search that lets the index drive. `cases.seq in (select … match …)` builds
 * the whole match list before the first row: 118,000 seqs for an ID fragment
 * at a million cases, 522 ms at p95 (docs/performance.md, causes 2 and 3).
 * Here the index is read in page order (its key is the case's seq), a chunk
 * at a time; the other filters are applied to each chunk, and the walk stops
 * as soon as the page (or the capped count) is full. Without filters one
 * chunk is enough.
 */
import { sql, type Kysely } from 'kysely'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'
import type { Where } from './case-list'

/**
 * A search index read in seq order: one chunk of matching seqs after `bound` (exclusive). `stop`, when given, says
 * that seqs past it (in page order) are not wanted: a source may leave them out and return a short chunk.
 */
export type SeqSource = (
  db: Kysely<Database>,
  order: 'asc' | 'desc',
  bound: number | null,
  chunk: number,
  stop?: number | null
) => Promise<number[]>

/** An FTS5 phrase: the user's text in double quotes, inner quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

const FIRST_CHUNK = 64
const LARGEST_CHUNK = 16_384

/** The FTS5 trigram index; its rowid is the case's seq. */
export function ftsSource(match: string): SeqSource {
  return async (db, order, bound, chunk) => {
    const after = bound === null ? sql`` : order === 'desc' ? sql`and rowid < ${bound}` : sql`and rowid > ${bound}`
    const rows = await sql<{ seq: number }>`select rowid as seq from case_search
      where case_search match ${match} ${after} order by rowid ${sql.raw(order)} limit ${chunk}`.execute(db)
    return rows.rows.map((r) => Number(r.seq))
  }
}

/** The first character of any party's name (case_name_keys_first); a case with two such names comes once. */
export function firstCharSource(first: string): SeqSource {
  return async (db, order, bound, chunk) => {
    let query = db
      .selectFrom('case_name_keys')
      .select('case_seq')
      .where('first_char', '=', first)
      .groupBy('case_seq')
      .orderBy('case_seq', order)
      .limit(chunk)
    if (bound !== null) query = query.where('case_seq', order === 'desc' ? '<' : '>', bound)
    return (await query.execute()).map((r) => Number(r.case_seq))
  }
}

/**
 * Two sources read as one, in page order, each seq once. The first is read first: when it fills the chunk, no seq
 * past its last can be in this chunk, so the second is read only that far (a rare name does not make a common
 * word's source read on, and a full first chunk keeps the second's scan short).
 */
export function unionSource(first: SeqSource, second: SeqSource): SeqSource {
  return async (db, order, bound, chunk, stop) => {
    const a = await first(db, order, bound, chunk, stop)
    const b = await second(db, order, bound, chunk, a.length >= chunk ? a[a.length - 1] : (stop ?? null))
    const merged = [...new Set([...a, ...b])].sort((x, y) => (order === 'desc' ? y - x : x - y))
    return merged.slice(0, chunk)
  }
}

/** Up to `want` seqs that match the source and every filter, in page order, after `bound`. */
export async function drivenSeqs(
  ctx: AppContext,
  source: SeqSource,
  filters: Where[],
  order: 'asc' | 'desc',
  bound: number | null,
  want: number
): Promise<number[]> {
  const found: number[] = []
  let chunk = Math.max(want, FIRST_CHUNK)
  for (;;) {
    const hits = await source(ctx.db, order, bound, chunk)
    if (hits.length === 0) break
    if (filters.length === 0) {
      found.push(...hits)
    } else {
      const kept = await ctx.db
        .selectFrom('cases')
        .select('seq')
        .where('seq', 'in', sql<number>`(select value from json_each(${JSON.stringify(hits)}))`)
        .where((eb) => eb.and(filters.map((f) => f(eb))))
        .orderBy('seq', order)
        .execute()
      found.push(...kept.map((r) => r.seq))
    }
    if (found.length >= want || hits.length < chunk) break
    bound = hits[hits.length - 1]
    chunk = Math.min(chunk * 4, LARGEST_CHUNK)
  }
  return found.slice(0, want)
}

/** The page's seqs as one bound parameter (a JSON array), so a long page never meets the variable limit. */
export const seqsIn = (seqs: number[]) => sql<number>`(select value from json_each(${JSON.stringify(seqs)}))`
