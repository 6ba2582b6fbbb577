/*
 * The agreement: a written one (人民调解协议书, Art. 29) with every field the
 * law asks for and the case number it keeps, or an oral one (口头协议登记,
 * Art. 30) that takes effect the day it is reached. The parties' details are
 * copied in as they stood, so the document printed later says what was signed.
 */
import type { CaseLifecycle } from '../../../../shared/domain/lifecycle'
import { AGREEMENT_KIND_LABELS } from '../../../../shared/domain/lifecycle'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { formatCents } from '../../../../shared/rules/money'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { PartyRow } from '../../db/schema'
import { AppError, invalidField, notFound } from '../../errors'
import { addCaseEvent } from '../case-events'
import type { Trx } from '../write'
import { changeCase, insertAuthored, moveCase, type CaseChange } from './change'
import { notInFuture, todayOf } from './guards'
import { loadLifecycle, type StoredAgreementParty } from './read'

async function partySnapshot(trx: Trx, caseId: string): Promise<StoredAgreementParty[]> {
  const rows = await trx
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .selectAll('parties')
    .select('case_parties.role')
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.sort_order')
    .execute()
  return rows.map(agreementParty)
}

/** Party columns copied into an agreement; also what the generator writes (tools/seed-agreements.ts). */
type SnapshotSource = Pick<
  PartyRow,
  | 'kind' | 'name' | 'gender' | 'birth_date' | 'ethnicity' | 'occupation' | 'address' | 'legal_representative'
  | 'phone' | 'id_type' | 'id_number' | 'credit_code'
> & { role: string } // prettier-ignore

/** A party as the agreement keeps it: as it stood when the agreement was made. */
export function agreementParty(p: SnapshotSource): StoredAgreementParty {
  return {
    role: p.role,
    kind: p.kind,
    name: p.name,
    gender: p.gender,
    birthDate: p.birth_date,
    ethnicity: p.ethnicity,
    occupation: p.occupation,
    address: p.address,
    legalRepresentative: p.legal_representative,
    phone: p.phone,
    idType: p.id_type,
    idNumber: p.id_number,
    creditCode: p.credit_code
  }
}

export async function createAgreement(
  ctx: AppContext,
  input: ParsedInput<'agreements.create'>
): Promise<CaseLifecycle> {
  const written = input.kind === 'written'
  if (written) {
    notInFuture(ctx, 'signedOn', input.signedOn, '签订日期')
    notInFuture(ctx, 'effectiveOn', input.effectiveOn, '生效日期')
  } else {
    notInFuture(ctx, 'reachedOn', input.reachedOn, '达成日期')
  }
  const effectiveOn = input.kind === 'written' ? input.effectiveOn : input.reachedOn
  if (input.performanceDeadline < effectiveOn) {
    throw invalidField('performanceDeadline', '履行期限不能早于协议生效日期')
  }

  await changeCase(ctx, 'agreements.create', input.caseId, async (change) => {
    const parties = await partySnapshot(change.trx, input.caseId)
    const principals = parties.filter((p) => p.role !== 'agent').length
    if (input.kind === 'written' && input.copies < principals + 1) {
      throw invalidField('copies', `协议一式份数应不少于当事人数加一份存档，即至少 ${principals + 1} 份`)
    }
    await moveCase(ctx, change, 'agreement', 'agreement_reached', {
      detail: {
        kind: input.kind,
        label: AGREEMENT_KIND_LABELS[input.kind],
        amount: formatCents(input.amountCents),
        effectiveOn,
        terms: input.terms.length
      }
    })
    const agreement = await insertAuthored(ctx, change, 'agreements', {
      kind: input.kind,
      case_number: change.theCase.case_number ?? '',
      parties: JSON.stringify(parties),
      facts: input.facts,
      disputed_points: input.disputedPoints,
      responsibility: input.responsibility,
      performance_manner: input.performanceManner,
      performance_deadline: input.performanceDeadline,
      amount_cents: input.amountCents,
      copies: input.kind === 'written' ? input.copies : null,
      signed_on: input.kind === 'written' ? input.signedOn : null,
      effective_on: effectiveOn,
      mediator_name: input.mediatorName,
      seeks_confirmation: input.seeksConfirmation ? (1 as const) : (0 as const)
    })
    for (const [index, term] of input.terms.entries()) {
      const row = {
        id: uuidv7(),
        case_id: input.caseId,
        agreement_id: agreement.id,
        number: index + 1,
        content: term.content,
        amount_cents: term.amountCents ?? null,
        // A term without its own date is due by the agreement's deadline.
        due_on: term.dueOn ?? input.performanceDeadline,
        performed_on: null,
        performed_note: null,
        created_at: change.now,
        updated_at: change.now,
        version: 1
      }
      await change.trx.insertInto('agreement_terms').values(row).execute()
      change.record({ entity: 'agreement_terms', entityId: row.id, operation: 'insert', version: 1, after: row })
    }
  })
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}

/** Mark terms performed inside a change (a follow-up visit or one term alone), each with its event. */
export async function markTermsPerformed(
  ctx: AppContext,
  change: CaseChange,
  marks: Array<{
    termId: string
    performedOn: string
    note?: string | null
    /** The input path a problem with this mark is reported against. */
    field: (name: 'termId' | 'performedOn') => string
  }>
): Promise<Array<{ termId: string; number: number; performedOn: string }>> {
  const done: Array<{ termId: string; number: number; performedOn: string }> = []
  for (const mark of marks) {
    const before = await change.trx
      .selectFrom('agreement_terms')
      .selectAll()
      .where('id', '=', mark.termId)
      .where('case_id', '=', change.theCase.id)
      .executeTakeFirst()
    if (!before) throw invalidField(mark.field('termId'), '本案协议中没有这一条款')
    if (before.performed_on) {
      throw invalidField(mark.field('termId'), `第 ${before.number} 项已于 ${before.performed_on} 记为履行`)
    }
    const agreement = await change.trx
      .selectFrom('agreements')
      .select('effective_on')
      .where('id', '=', before.agreement_id)
      .executeTakeFirstOrThrow()
    if (mark.performedOn < agreement.effective_on) {
      throw invalidField(mark.field('performedOn'), '履行日期不能早于协议生效日期')
    }
    if (mark.performedOn > change.today) throw invalidField(mark.field('performedOn'), '履行日期不能晚于今天')
    const changes = { performed_on: mark.performedOn, performed_note: mark.note ?? null }
    const after = { ...before, ...changes, updated_at: change.now, version: before.version + 1 }
    await change.trx
      .updateTable('agreement_terms')
      .set({ ...changes, updated_at: change.now, version: after.version })
      .where('id', '=', before.id)
      .execute()
    change.record({
      entity: 'agreement_terms',
      entityId: before.id,
      operation: 'update',
      version: after.version,
      before,
      after
    })
    await addCaseEvent(ctx, change.trx, change.record, change.theCase.id, 'term_performed', {
      reason: mark.note ?? null,
      detail: { termId: before.id, number: before.number, content: before.content, performedOn: mark.performedOn }
    })
    done.push({ termId: before.id, number: before.number, performedOn: mark.performedOn })
  }
  return done
}

const PERFORMABLE: ReadonlySet<string> = new Set(['agreement', 'follow_up', 'closed'])

export async function markTerm(ctx: AppContext, input: ParsedInput<'agreements.markTerm'>): Promise<CaseLifecycle> {
  const term = await ctx.db
    .selectFrom('agreement_terms')
    .select('case_id')
    .where('id', '=', input.termId)
    .executeTakeFirst()
  if (!term) throw notFound('协议条款')
  await changeCase(ctx, 'agreements.markTerm', term.case_id, async (change) => {
    if (!PERFORMABLE.has(change.theCase.status)) throw new AppError('CONFLICT', '案件当前状态不能记录协议履行')
    await markTermsPerformed(ctx, change, [{ ...input, field: (name) => name }])
  })
  return loadLifecycle(ctx.db, term.case_id, todayOf(ctx))
}
