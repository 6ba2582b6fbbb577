/*
 * How alike two disputes are, for the similar-cases panel: same or related
 * dispute type, shared three-character runs of summary and claims (the same
 * unit the FTS5 trigram index uses), and amounts of the same order. Pure, so
 * the ranking is table-tested without a store.
 */

/** Dispute types that are often the same quarrel filed under another heading. */
const RELATED_GROUPS: readonly (readonly string[])[] = [
  ['contract', 'production', 'consumer', 'labour'],
  ['neighbour', 'housing_homestead', 'property_mgmt', 'environment'],
  ['housing_homestead', 'forest_land', 'land_requisition'],
  ['damages', 'traffic', 'medical'],
  ['marriage_family', 'housing_homestead'],
  ['internet', 'consumer', 'ip']
]

export function relatedTypes(a: string, b: string): boolean {
  return a !== b && RELATED_GROUPS.some((g) => g.includes(a) && g.includes(b))
}

/** Runs of CJK characters, letters and digits; punctuation splits them. */
function runs(text: string): string[] {
  return text.match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []
}

/** Every three-character window of the text, as a set. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>()
  for (const run of runs(text)) {
    const chars = Array.from(run)
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''))
  }
  return out
}

/** Share of the open case's trigrams the other case also has (0–1). */
export function textOverlap(open: Set<string>, other: Set<string>): number {
  if (open.size === 0) return 0
  let shared = 0
  for (const t of open) if (other.has(t)) shared++
  return shared / open.size
}

/** 1 for equal amounts, falling to 0 at a hundredfold difference; 0 when either is unknown. */
export function amountNearness(a: number | null, b: number | null): number {
  if (a === null || b === null || a <= 0 || b <= 0) return 0
  return Math.max(0, 1 - Math.abs(Math.log10(a / b)) / 2)
}

export interface SimilarityInput {
  disputeType: string
  text: string
  amountCents: number | null
}

export interface Similarity {
  score: number
  why: string[]
}

/** Weights: the words matter most, then the heading, then the amount. */
export const WEIGHTS = { text: 10, sameType: 3, relatedType: 1.5, amount: 1.5 } as const

export function similarity(open: SimilarityInput & { grams?: Set<string> }, other: SimilarityInput): Similarity {
  const why: string[] = []
  let score = 0
  if (open.disputeType === other.disputeType) {
    score += WEIGHTS.sameType
    why.push('纠纷类型相同')
  } else if (relatedTypes(open.disputeType, other.disputeType)) {
    score += WEIGHTS.relatedType
    why.push('纠纷类型相近')
  }
  const overlap = textOverlap(open.grams ?? trigrams(open.text), trigrams(other.text))
  if (overlap > 0) {
    score += WEIGHTS.text * overlap
    if (overlap >= 0.05) why.push(`案情用语相似（${Math.round(overlap * 100)}%）`)
  }
  const near = amountNearness(open.amountCents, other.amountCents)
  if (near > 0) {
    score += WEIGHTS.amount * near
    if (near >= 0.5) why.push('标的金额相近')
  }
  return { score: Math.round(score * 1000) / 1000, why }
}

/** The FTS5 query that finds candidates sharing any of the open case's trigrams (at most `limit` of them). */
export function candidateQuery(grams: Set<string>, limit = 40): string | null {
  const picked = [...grams].slice(0, limit)
  if (picked.length === 0) return null
  return `summary : (${picked.map((g) => `"${g.replace(/"/g, '""')}"`).join(' OR ')})`
}
