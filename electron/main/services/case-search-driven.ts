/*
 * Search that lets the index drive. `cases.seq in (select … match …)` builds
 * the whole match list before the first row: 118,000 seqs for an ID fragment
 * at a million cases, 522 ms at p95 (docs/performance.md, causes 2 and 3).
 * Here the index is read in page order (its key is the case's seq), a chunk
 * at a time; the other filters are applied to each chunk, and the walk stops
 * as soon as the page (or the capped count) is full. Without filters one
 * chunk is enough.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
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

/**
 * A source that is one SQL statement: its matching seqs in page order after `bound`, at most `limit`. The page can
 * then read it as a subquery of its own statement (listCases, when no other filter applies): one round trip for
 * the count and the page, and no thousand seqs carried through the binding.
 */
export type SeqQuery = (order: 'asc' | 'desc', bound: number | null, limit: number) => RawBuilder<{ seq: number }>

export type InlineSeqSource = SeqSource & { query: SeqQuery }

export const isInline = (source: SeqSource): source is InlineSeqSource => 'query' in source

export function inlineSource(query: SeqQuery): InlineSeqSource {
  const source: SeqSource = async (db, order, bound, chunk) =>
    (await query(order, bound, chunk).execute(db)).rows.map((r) => Number(r.seq))
  return Object.assign(source, { query })
}

/** `and <column> < bound` (newest first) or `> bound`, or nothing on a first page. */
export const afterBound = (column: string, order: 'asc' | 'desc', bound: number | null) =>
  bound === null ? sql`` : sql`and ${sql.raw(column)} ${sql.raw(order === 'desc' ? '<' : '>')} ${bound}`

/**
 * Two one-statement sources as one: their union in page order, each seq once. Each is read up to `limit`, so the
 * union's first `limit` are exactly those of all their matches; the page reads it inside its own statement too.
 */
export function inlineUnion(first: InlineSeqSource, second: InlineSeqSource): InlineSeqSource {
  return inlineSource(
    (order, bound, limit) => sql<{ seq: number }>`select seq from (
        select seq from (${first.query(order, bound, limit)}) union select seq from (${second.query(order, bound, limit)})
      ) order by seq ${sql.raw(order)} limit ${limit}`
  )
}

/** The FTS5 trigram index; its rowid is the case's seq. */
export function ftsSource(match: string): InlineSeqSource {
  return inlineSource(
    (order, bound, limit) => sql<{ seq: number }>`select rowid as seq from case_search
      where case_search match ${match} ${afterBound('rowid', order, bound)} order by rowid ${sql.raw(order)} limit ${limit}`
  )
}

/** The first character of any party's name (case_name_keys_first); a case with two such names comes once. */
export function firstCharSource(first: string): InlineSeqSource {
  return inlineSource(
    (order, bound, limit) => sql<{ seq: number }>`select case_seq as seq from case_name_keys
      where first_char = ${first} ${afterBound('case_seq', order, bound)}
      group by case_seq order by case_seq ${sql.raw(order)} limit ${limit}`
  )
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
