/* Reads a case's lifecycle whole for the case page: rows mapped to shared/domain/lifecycle.ts, and its deadlines. */
import type { Kysely } from 'kysely'
import type { CaseStatus } from '../../../../shared/domain/case'
import type {
  Agreement,
  AgreementParty,
  CaseLifecycle,
  CaseRecord,
  FollowUp,
  JudicialConfirmation,
  RetentionPeriod,
  Ruling,
  TerminationRoute
} from '../../../../shared/domain/lifecycle'
import type { ReferralKind } from '../../../../shared/rules/deadlines'
import { closeBlocker } from '../../../../shared/rules/case-status-closing'
import { maskCreditCode, maskIdNumber, maskPhone } from '../../../../shared/rules/masking'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import type { CaseRecordTable } from '../../db/schema-lifecycle'
import { notFound } from '../../errors'
import { deadlinesOf, deadlineView } from './deadline-store'
import { todayOf } from './guards'

type Db = Kysely<Database>

const authored = (row: { id: string; author_name: string; created_at: string }) => ({
  id: row.id,
  authorName: row.author_name,
  createdAt: row.created_at
})

/** The party snapshot kept in the agreement, with the full details the documents need. */
export interface StoredAgreementParty extends Omit<
  AgreementParty,
  'maskedPhone' | 'maskedIdNumber' | 'maskedCreditCode'
> {
  phone: string | null
  idType: string | null
  idNumber: string | null
  creditCode: string | null
}

function toRecord(row: CaseRecordTable): CaseRecord {
  const base = { ...authored(row), hearingId: row.hearing_id, heldAt: row.held_at, place: row.place }
  if (row.kind === 'investigation') {
    return {
      ...base,
      kind: 'investigation',
      investigator: row.investigator ?? '',
      recorder: row.recorder,
      personQuestioned: row.person_questioned ?? '',
      content: row.content ?? ''
    }
  }
  return {
    ...base,
    kind: 'mediation',
    subject: row.subject,
    recorder: row.recorder,
    participants: row.participants ?? '',
    partiesPresent: row.parties_present ?? '',
    rightsExplained: true,
    statements: JSON.parse(row.statements) as Array<{ party: string; statement: string }>,
    evidenceChecked: row.evidence_checked,
    riskWarnings: row.risk_warnings,
    result: (row.result ?? 'continued') as 'agreement' | 'failed' | 'continued',
    resultNote: row.result_note
  }
}

function maskedParty(p: StoredAgreementParty): AgreementParty {
  const { phone, idNumber, creditCode, idType, ...rest } = p
  void idType
  return {
    ...rest,
    maskedPhone: maskPhone(phone),
    maskedIdNumber: maskIdNumber(idNumber),
    maskedCreditCode: maskCreditCode(creditCode)
  }
}

export async function loadLifecycle(db: Db, caseId: string, today: string): Promise<CaseLifecycle> {
  const theCase = await db.selectFrom('cases').select(['id', 'status']).where('id', '=', caseId).executeTakeFirst()
  if (!theCase) throw notFound('案件')
  const lifecycle = await db.selectFrom('case_lifecycle').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  const records = await db
    .selectFrom('case_records')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('held_at')
    .orderBy('id')
    .execute()
  const agreementRow = await db
    .selectFrom('agreements')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const terms = agreementRow
    ? await db
        .selectFrom('agreement_terms')
        .selectAll()
        .where('agreement_id', '=', agreementRow.id)
        .orderBy('number')
        .execute()
    : []
  const termination = await db
    .selectFrom('terminations')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const followUps = await db
    .selectFrom('follow_ups')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('visited_on')
    .orderBy('id')
    .execute()
  const confirmations = await db
    .selectFrom('judicial_confirmations')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
  const extensions = await db
    .selectFrom('mediation_extensions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
  const closing = await db.selectFrom('closing_reports').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  const archive = await db.selectFrom('case_archives').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  const amendments = await db
    .selectFrom('case_amendments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()

  const agreement: (Agreement & { id: string }) | null = agreementRow
    ? {
        ...authored(agreementRow),
        kind: agreementRow.kind,
        caseNumber: agreementRow.case_number,
        parties: (JSON.parse(agreementRow.parties) as StoredAgreementParty[]).map(maskedParty),
        facts: agreementRow.facts,
        disputedPoints: agreementRow.disputed_points,
        responsibility: agreementRow.responsibility,
        performanceManner: agreementRow.performance_manner,
        performanceDeadline: agreementRow.performance_deadline,
        amountCents: agreementRow.amount_cents,
        copies: agreementRow.copies,
        signedOn: agreementRow.signed_on,
        effectiveOn: agreementRow.effective_on,
        mediatorName: agreementRow.mediator_name,
        seeksConfirmation: agreementRow.seeks_confirmation === 1,
        terms: terms.map((t) => ({
          id: t.id,
          number: t.number,
          content: t.content,
          amountCents: t.amount_cents,
          dueOn: t.due_on,
          performedOn: t.performed_on,
          performedNote: t.performed_note
        }))
      }
    : null

  const deadlines = (await deadlinesOf(db, caseId, today)).map((d) => deadlineView(d, today))
  const blocker = closeBlocker({
    status: theCase.status as CaseStatus,
    allTermsPerformed: terms.length > 0 && terms.every((t) => t.performed_on),
    followUps: followUps.length
  })

  return {
    caseId,
    referralKind: (lifecycle?.referral_kind ?? 'none') as ReferralKind,
    referralCourt: lifecycle?.referral_court ?? null,
    referredOn: lifecycle?.referred_on ?? null,
    records: records.map(toRecord),
    agreement,
    termination: termination
      ? {
          ...authored(termination),
          kind: termination.kind,
          reason: termination.reason,
          routes: JSON.parse(termination.routes) as TerminationRoute[],
          withdrawnBy: termination.withdrawn_by,
          endedOn: termination.ended_on
        }
      : null,
    followUps: followUps.map((f): FollowUp => ({
      ...authored(f),
      visitedOn: f.visited_on,
      method: f.method as FollowUp['method'],
      visitedParty: f.visited_party,
      performance: f.performance as FollowUp['performance'],
      performedAmountCents: f.performed_amount_cents,
      satisfaction: f.satisfaction as FollowUp['satisfaction'],
      escalationSigns: f.escalation_signs,
      measures: f.measures,
      courtOutcome: f.court_outcome,
      visitorName: f.visitor_name,
      termsPerformed: JSON.parse(f.terms_performed) as FollowUp['termsPerformed']
    })),
    confirmations: confirmations.map((c): JudicialConfirmation => ({
      ...authored(c),
      agreementId: c.agreement_id,
      appliedOn: c.applied_on,
      court: c.court,
      jointly: true,
      acceptedOn: c.accepted_on,
      ruling: c.ruling as Ruling | null,
      ruledOn: c.ruled_on,
      rulingNumber: c.ruling_number,
      note: c.note,
      version: c.version
    })),
    extensions: extensions.map((e) => ({
      ...authored(e),
      previousDueOn: e.previous_due_on,
      newDueOn: e.new_due_on,
      consentedOn: e.consented_on,
      consent: e.consent
    })),
    closing: closing
      ? {
          ...authored(closing),
          closedOn: closing.closed_on,
          outcome: closing.outcome,
          result: closing.result,
          mediatorName: closing.mediator_name,
          note: closing.note
        }
      : null,
    archive: archive
      ? {
          ...authored(archive),
          archivedOn: archive.archived_on,
          retention: archive.retention as RetentionPeriod,
          filedBy: archive.filed_by,
          note: archive.note
        }
      : null,
    amendments: amendments.map((a) => ({
      ...authored(a),
      reason: a.reason,
      changes: JSON.parse(a.changes) as Record<string, { before: unknown; after: unknown }>,
      note: a.note
    })),
    deadlines,
    canClose: blocker === null,
    closeBlocker: blocker
  }
}

export async function getLifecycle(ctx: AppContext, input: { caseId: string }): Promise<CaseLifecycle> {
  return loadLifecycle(ctx.db, input.caseId, todayOf(ctx))
}
