/*
 * Search that lets the index drive. `cases.seq in (select … match …)` builds
 * the whole match list before the first row: 118,000 seqs for an ID fragment
 * at a million cases, 522 ms at p95 (docs/performance.md, causes 2 and 3).
 * Here the index is read in page order (its key is the case's seq), a chunk
 * at a time; the other filters are applied to each chunk, and the walk stops
 * as soon as the page (or the capped count) is full. Without filters one
 * chunk is enough.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'
import type { Where } from './case-list'
import { racedChunk, sourceDrivenChunk, type Chunk, type FilterWalk } from './case-search-race'

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
export type SeqQuery = (
  order: 'asc' | 'desc',
  bound: number | null,
  limit: number | null,
  stop?: number | RawBuilder<number> | null
) => RawBuilder<{ seq: number }>

/** A source's matches within a stretch (seqRange), unordered and unlimited: one arm of a compound select. */
export type SeqArm = (
  order: 'asc' | 'desc',
  bound: number | null,
  stop?: number | RawBuilder<number> | null
) => RawBuilder<{ seq: number }>

/**
 * A one-statement source. `holds`, when given, tests one case (its seq) through an index that answers a single case
 * cheaply, for when the other filters drive (case-search-race.ts); `arm`, when given, is the source as a plain select
 * that a union can merge in order (inlineUnion).
 */
export type InlineSeqSource = SeqSource & {
  query: SeqQuery
  holds?: (seq: RawBuilder<unknown>) => RawBuilder<SqlBool>
  arm?: SeqArm
}

export const isInline = (source: SeqSource): source is InlineSeqSource => 'query' in source

export function inlineSource(query: SeqQuery, extra: Pick<InlineSeqSource, 'holds' | 'arm'> = {}): InlineSeqSource {
  const source: SeqSource = async (db, order, bound, chunk) =>
    (await query(order, bound, chunk).execute(db)).rows.map((r) => Number(r.seq))
  return Object.assign(source, { query }, extra)
}

/** `and <column> < bound` (newest first) or `> bound`, and `>= stop` or `<= stop`: each left out when null. */
export function seqRange(
  column: string,
  order: 'asc' | 'desc',
  bound: number | null,
  stop: number | RawBuilder<number> | null = null
) {
  const ref = sql.raw(column)
  const [after, upTo] = order === 'desc' ? ['<', '>='] : ['>', '<=']
  return sql`${bound === null ? sql`` : sql`and ${ref} ${sql.raw(after)} ${bound}`}
    ${stop == null ? sql`` : sql`and ${ref} ${sql.raw(upTo)} ${stop}`}`
}

/** `order by <column>` in page order, then the limit, if any. */
export const seqOrder = (column: string, order: 'asc' | 'desc', limit: number | null) =>
  sql`order by ${sql.raw(column)} ${sql.raw(order)} ${limit === null ? sql`` : sql`limit ${limit}`}`

/**
 * Two one-statement sources as one: their union in page order, each seq once, up to `limit`. Two FTS5 tables are one
 * compound select, which SQLite merges in the order each table already reads in (MERGE (UNION)): as a union of two
 * ordered, limited subqueries it sorted both sides in temporary B-trees, 36 ms for 16,016 seqs of a two-character
 * word at a million cases, 3.6 ms merged (CLI).
 */
export function inlineUnion(first: InlineSeqSource, second: InlineSeqSource): InlineSeqSource {
  if (first.arm && second.arm) {
    const [a, b] = [first.arm, second.arm]
    const arm: SeqArm = (order, bound, stop) => sql<{ seq: number }>`select seq from (
        ${a(order, bound, stop)} union ${b(order, bound, stop)})`
    return inlineSource(
      (order, bound, limit, stop) =>
        sql<{ seq: number }>`${a(order, bound, stop)} union ${b(order, bound, stop)} ${seqOrder('seq', order, limit)}`,
      { arm }
    )
  }
  return inlineSource(
    (order, bound, limit, stop) => sql<{ seq: number }>`select seq from (
        select seq from (${first.query(order, bound, limit, stop)})
        union select seq from (${second.query(order, bound, limit, stop)})
      ) ${seqOrder('seq', order, limit)}`
  )
}

/** An FTS5 table whose rowid is the case's seq (the trigram, digit-run and summary-word indexes), matching `match`. */
export function ftsTableSource(table: 'case_search' | 'case_digits' | 'case_words', match: string): InlineSeqSource {
  const arm: SeqArm = (order, bound, stop) => sql<{ seq: number }>`select rowid as seq from ${sql.table(table)}
    where ${sql.table(table)} match ${match} ${seqRange('rowid', order, bound, stop)}`
  return inlineSource(
    (order, bound, limit, stop) => sql<{ seq: number }>`${arm(order, bound, stop)} ${seqOrder('rowid', order, limit)}`,
    { arm }
  )
}

/** The FTS5 trigram index. */
export const ftsSource = (match: string) => ftsTableSource('case_search', match)

/**
 * The first character of any party's name (case_name_keys_first); a case with two such names comes once. One case
 * is tested by a lookup in the same index.
 */
export function firstCharSource(first: string): InlineSeqSource {
  return inlineSource(
    (order, bound, limit, stop) => sql<{ seq: number }>`select case_seq as seq from case_name_keys
      where first_char = ${first} ${seqRange('case_seq', order, bound, stop)}
      group by case_seq ${seqOrder('case_seq', order, limit)}`,
    {
      holds: (seq) =>
        sql<SqlBool>`exists (select 1 from case_name_keys k where k.first_char = ${first} and k.case_seq = ${seq})`
    }
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

/**
 * The next chunk: four times the last, unless the share kept so far says fewer will do (with a fifth to spare). A
 * full chunk of 16,384 read to find the last few hundred of a capped count took 9 ms of a 15 ms search.
 */
function nextChunk(chunk: number, step: Chunk, missing: number): number {
  const grown = Math.min(chunk * 4, LARGEST_CHUNK)
  if (step.kept.length === 0) return grown
  const enough = Math.ceil((missing * 1.2 * step.read) / step.kept.length)
  return Math.max(FIRST_CHUNK, Math.min(grown, enough))
}

/**
 * Up to `want` seqs that match the source and every filter, in page order, after `bound`. With filters, a
 * one-statement source is filtered inside SQLite, and with `walk` (the filters' own walk in page order) each step is
 * driven by whichever side is sparser (case-search-race.ts).
 */
export async function drivenSeqs(
  ctx: AppContext,
  source: SeqSource,
  filters: Where[],
  order: 'asc' | 'desc',
  bound: number | null,
  want: number,
  walk?: FilterWalk
): Promise<number[]> {
  const found: number[] = []
  let chunk = Math.max(want, FIRST_CHUNK)
  for (;;) {
    let step: Chunk
    if (filters.length === 0 || !isInline(source)) step = await carriedChunk(ctx, source, filters, order, bound, chunk)
    else if (walk) step = await racedChunk(ctx, source, filters, walk, order, bound, chunk)
    else step = await sourceDrivenChunk(ctx, source, filters, order, bound, chunk)
    found.push(...step.kept)
    if (found.length >= want || step.read < chunk) break
    bound = step.last
    chunk = nextChunk(chunk, step, want - found.length)
  }
  return found.slice(0, want)
}

/** A chunk read into JavaScript and its seqs handed back to SQLite to be filtered: a source of several statements. */
async function carriedChunk(
  ctx: AppContext,
  source: SeqSource,
  filters: Where[],
  order: 'asc' | 'desc',
  bound: number | null,
  chunk: number
): Promise<Chunk> {
  const hits = await source(ctx.db, order, bound, chunk)
  const last = hits.length > 0 ? hits[hits.length - 1] : null
  if (filters.length === 0 || hits.length === 0) return { read: hits.length, last, kept: hits }
  const kept = await ctx.db
    .selectFrom('cases')
    .select('seq')
    .where('seq', 'in', seqsIn(hits))
    .where((eb) => eb.and(filters.map((f) => f(eb))))
    .orderBy('seq', order)
    .execute()
  return { read: hits.length, last, kept: kept.map((r) => r.seq) }
}

/** The page's seqs as one bound parameter (a JSON array), so a long page never meets the variable limit. */
export const seqsIn = (seqs: number[]) => sql<number>`(select value from json_each(${JSON.stringify(seqs)}))`
