/*
 * Similar resolved cases beside an open one (issue #13 part 4), computed
 * locally: candidates come from the FTS5 trigram index (summaries sharing any
 * three-character run of the open case's summary and claims) and from the
 * same dispute type, only of offices the user may see; shared/rules/
 * similar-cases.ts ranks them. Names are masked, in the party list and
 * wherever they appear in the texts. Opening one (openId) is audited.
 */
import { sql } from 'kysely'
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../../shared/domain/case'
import type { SimilarCase } from '../../../../shared/domain/key-person'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { maskPersonName } from '../../../../shared/rules/masking'
import { candidateQuery, similarity, trigrams } from '../../../../shared/rules/similar-cases'
import type { AppContext } from '../../context'
import { invalidField, notFound } from '../../errors'
import { recordAuditOnly } from '../write'
import { reachableOffices } from '../accounts/scope'

/** Cases whose outcome is known. */
const RESOLVED: CaseStatus[] = ['agreement', 'failed', 'withdrawn', 'follow_up', 'closed', 'archived']
const SHOWN = 10
const CANDIDATES = 300

const textOf = (summary: string, claims: string) => `${summary}\n${(JSON.parse(claims) as string[]).join('\n')}`

export async function similarCases(ctx: AppContext, input: ParsedInput<'cases.similar'>): Promise<SimilarCase[]> {
  const open = await ctx.db.selectFrom('cases').selectAll().where('id', '=', input.caseId).executeTakeFirst()
  if (!open) throw notFound('案件')
  const offices = await reachableOffices(ctx)
  if (offices && offices.length === 0) return []
  const grams = trigrams(textOf(open.summary, open.claims))
  const match = candidateQuery(grams)

  let base = ctx.db
    .selectFrom('cases')
    .innerJoin('offices', 'offices.id', 'cases.handling_office_id')
    .select([
      'cases.id',
      'cases.seq',
      'cases.case_number',
      'cases.dispute_type',
      'cases.status',
      'cases.summary',
      'cases.claims',
      'cases.amount_cents',
      'offices.name as office_name'
    ])
    .where('cases.status', 'in', RESOLVED)
    .where('cases.id', '!=', open.id)
  if (offices) base = base.where('cases.handling_office_id', 'in', offices)
  if (input.openId) base = base.where('cases.id', '=', input.openId)
  const byWords = match
    ? await base
        .where(
          'cases.seq',
          'in',
          sql<number>`(select rowid from case_search where case_search match ${match} limit ${CANDIDATES * 3})`
        )
        .limit(CANDIDATES)
        .execute()
    : []
  const byType = await base
    .where('cases.dispute_type', '=', open.dispute_type)
    .orderBy('cases.seq', 'desc')
    .limit(CANDIDATES)
    .execute()
  const candidates = [...new Map([...byWords, ...byType].map((c) => [c.id, c])).values()]
  if (input.openId && candidates.length === 0) throw invalidField('openId', '该案件不在可参考的相似案件中')

  const openSide = { disputeType: open.dispute_type, text: '', grams, amountCents: open.amount_cents }
  const ranked = candidates
    .map((c) => ({
      c,
      sim: similarity(openSide, {
        disputeType: c.dispute_type,
        text: textOf(c.summary, c.claims),
        amountCents: c.amount_cents
      })
    }))
    .filter((r) => r.sim.score > 0)
    .sort((a, b) => b.sim.score - a.sim.score || b.c.seq - a.c.seq)
    .slice(0, SHOWN)
  if (ranked.length === 0) return []
  const ids = ranked.map((r) => r.c.id)

  const parties = await ctx.db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['case_parties.case_id', 'parties.name', 'parties.kind'])
    .where('case_parties.case_id', 'in', ids)
    .orderBy('case_parties.sort_order')
    .execute()
  const terms = await ctx.db
    .selectFrom('agreement_terms')
    .select(['case_id', 'number', 'content'])
    .where('case_id', 'in', ids)
    .orderBy('number')
    .execute()
  const endings = await ctx.db
    .selectFrom('terminations')
    .select(['case_id', 'kind', 'reason'])
    .where('case_id', 'in', ids)
    .execute()

  const result = ranked.map(({ c, sim }): SimilarCase => {
    const people = parties.filter((p) => p.case_id === c.id)
    // Every person's full name, and the given name alone, is replaced wherever a text repeats it.
    const masks = people
      .filter((p) => p.kind === 'person')
      .map((p) => [p.name, maskPersonName(p.name) ?? ''] as const)
      .sort((a, b) => b[0].length - a[0].length)
    const mask = (text: string) => masks.reduce((t, [name, masked]) => (name ? t.split(name).join(masked) : t), text)
    const caseTerms = terms.filter((t) => t.case_id === c.id).map((t) => `${t.number}. ${mask(t.content)}`)
    const ending = endings.find((e) => e.case_id === c.id)
    const status = c.status as CaseStatus
    const outcome = ending
      ? `${ending.kind === 'failed' ? '调解不成' : '当事人撤回'}：${mask(ending.reason)}`
      : caseTerms.length > 0
        ? `达成调解协议（${CASE_STATUS_LABELS[status]}）`
        : CASE_STATUS_LABELS[status]
    return {
      caseId: c.id,
      caseNumber: c.case_number,
      disputeType: c.dispute_type,
      status,
      officeName: c.office_name,
      summary: mask(c.summary),
      claims: (JSON.parse(c.claims) as string[]).map(mask),
      amountCents: c.amount_cents,
      partyNames: people.map((p) => (p.kind === 'person' ? (maskPersonName(p.name) ?? '') : p.name)),
      outcome,
      terms: caseTerms,
      score: sim.score,
      why: sim.why
    }
  })
  if (input.openId) {
    await recordAuditOnly(ctx, 'cases.similarOpened', [
      { entity: 'cases', entityId: input.openId, before: null, after: { openedFrom: open.id } }
    ])
  }
  return result
}
