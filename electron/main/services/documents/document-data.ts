/*
 * The document model: what each document says, as plain text values keyed by
 * the placeholders of its template (template-fields.ts). The DOCX and the
 * print view are both filled from this one object. Every value is text or a
 * list; an unknown value is '' and shows as a line to write on.
 */
import { DECLINE_REASON_LABELS, type DeclineReason } from '../../../../shared/domain/case'
import type { DocumentKind } from '../../../../shared/domain/document'
import { HEARING_KIND_LABELS, HEARING_ROLE_LABELS } from '../../../../shared/domain/hearing'
import {
  FOLLOW_UP_METHOD_LABELS,
  MEDIATION_RESULT_LABELS,
  PERFORMANCE_LABELS,
  RETENTION_LABELS,
  SATISFACTION_LABELS,
  TERMINATION_ROUTE_LABELS
} from '../../../../shared/domain/lifecycle'
import {
  GENDER_LABELS,
  ID_TYPE_LABELS,
  PARTY_ROLE_LABELS,
  type IdType,
  type PartyRole
} from '../../../../shared/domain/party'
import { formatCents } from '../../../../shared/rules/money'
import { chinaDate } from '../../../../shared/rules/china-time'
import { noticeTimeText } from '../hearings/notice'
import type { CaseData } from './case-data'
import { BLANK } from './template-model'

export type DocumentData = Record<string, unknown>

/** '2026-11-27' (or an ISO instant) → '2026年11月27日' in China; '' stays ''. */
export function longDate(value: string | null | undefined): string {
  if (!value) return ''
  const date = value.length > 10 ? chinaDate(new Date(value)) : value
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日`
}

export const yuan = (cents: number | null | undefined) => (cents == null ? '' : `人民币${formatCents(cents)}元`)

const joinNames = (names: string[]) => names.join('、')

/** The facts of a party a document prints, whether from the case's parties or the agreement's copy. */
interface PartyFacts {
  role: string
  kind: 'person' | 'organisation'
  name: string
  gender: string | null
  ethnicity: string | null
  birthDate: string | null
  occupation: string | null
  employer?: string | null
  idType: string | null
  idNumber: string | null
  creditCode: string | null
  legalRepresentative: string | null
  phone: string | null
  address: string | null
}

function ageOn(birthDate: string | null, today: string): string {
  if (!birthDate) return ''
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return String(ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0))
}

function partyData(p: PartyFacts, today: string): DocumentData {
  const idTypeLabel = p.idType ? (ID_TYPE_LABELS[p.idType as IdType] ?? p.idType) : ''
  const gender = p.gender ? GENDER_LABELS[p.gender as 'male' | 'female'] : ''
  const identity =
    p.kind === 'organisation'
      ? p.creditCode
        ? `统一社会信用代码${p.creditCode}`
        : ''
      : p.idNumber
        ? `${idTypeLabel || '证件'}${p.idNumber}`
        : ''
  const pieces =
    p.kind === 'organisation'
      ? [
          p.name,
          identity,
          p.legalRepresentative ? `法定代表人${p.legalRepresentative}` : '',
          p.address ? `住所地${p.address}` : '',
          p.phone ? `联系电话${p.phone}` : ''
        ]
      : [
          p.name,
          gender,
          p.ethnicity ?? '',
          p.birthDate ? `${longDate(p.birthDate)}出生` : '',
          p.occupation ?? '',
          identity,
          p.address ? `住${p.address}` : '',
          p.phone ? `联系电话${p.phone}` : ''
        ]
  return {
    roleLabel: PARTY_ROLE_LABELS[p.role as PartyRole] ?? p.role,
    name: p.name,
    kindLabel: p.kind === 'organisation' ? '单位' : '自然人',
    gender,
    ethnicity: p.ethnicity ?? '',
    birthDate: longDate(p.birthDate),
    age: ageOn(p.birthDate, today),
    occupation: p.occupation ?? '',
    employer: p.employer ?? '',
    idType: idTypeLabel,
    idNumber: p.idNumber ?? '',
    creditCode: p.creditCode ?? '',
    legalRepresentative: p.legalRepresentative ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    identity,
    partyLine: pieces.filter((x) => x).join('，') + '。'
  }
}

function caseParties(data: CaseData): PartyFacts[] {
  return data.parties.map((p) => ({
    role: p.role,
    kind: p.kind,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birth_date,
    occupation: p.occupation,
    employer: p.employer,
    idType: p.id_type,
    idNumber: p.id_number,
    creditCode: p.credit_code,
    legalRepresentative: p.legal_representative,
    phone: p.phone,
    address: p.address
  }))
}

function commonData(data: CaseData, today: string): DocumentData {
  const c = data.caseRow
  const parties = caseParties(data).map((p) => partyData(p, today))
  const named = (role: string) => data.parties.filter((p) => p.role === role).map((p) => p.name)
  const claims = JSON.parse(c.claims) as string[]
  return {
    officeName: data.officeName,
    caseNumber: c.case_number ?? '',
    disputeType: data.disputeTypeLabel,
    source: data.sourceLabel,
    summary: c.summary,
    amount: yuan(c.amount_cents),
    registeredOn: longDate(c.registered_at),
    acceptedOn: longDate(c.accepted_at),
    today: longDate(today),
    mediators: joinNames(data.mediators.map((m) => m.name)),
    registrar: data.registrarName,
    applicantNames: joinNames(named('applicant')),
    respondentNames: joinNames(named('respondent')),
    partyNames: joinNames(data.parties.filter((p) => p.role !== 'agent').map((p) => p.name)),
    claimsText: claims.map((claim, i) => `${i + 1}．${claim}`).join('\n'),
    claims: claims.map((content, i) => ({ number: String(i + 1), content })),
    parties,
    applicants: caseParties(data)
      .filter((p) => p.role === 'applicant')
      .map((p) => partyData(p, today)),
    respondents: caseParties(data)
      .filter((p) => p.role === 'respondent')
      .map((p) => partyData(p, today))
  }
}

function agreementData(data: CaseData, today: string): DocumentData {
  const a = data.lifecycle.agreement
  if (!a) return {}
  const terms = a.terms.map((t) => ({
    number: String(t.number),
    content: t.content,
    termAmount: yuan(t.amountCents),
    dueOn: longDate(t.dueOn)
  }))
  const agreementParties = data.agreementParties.map((p) =>
    partyData({ ...p, employer: null, gender: p.gender, birthDate: p.birthDate }, today)
  )
  const confirmation = data.lifecycle.confirmations.at(-1)
  return {
    agreementNumber: a.caseNumber,
    facts: a.facts,
    disputedPoints: a.disputedPoints,
    responsibility: a.responsibility,
    performanceManner: a.performanceManner,
    performanceDeadline: longDate(a.performanceDeadline),
    agreementAmount: yuan(a.amountCents),
    copies: a.copies == null ? '' : String(a.copies),
    signedOn: longDate(a.signedOn ?? a.effectiveOn),
    effectiveOn: longDate(a.effectiveOn),
    mediatorName: a.mediatorName,
    termsText: terms.map((t) => `${t.number}．${t.content}`).join('\n'),
    terms,
    agreementParties,
    court: confirmation?.court ?? '',
    appliedOn: longDate(confirmation?.appliedOn)
  }
}

function sessionsData(data: CaseData): DocumentData {
  return {
    sessions: data.hearings.map((h) => ({
      invitees: joinNames(h.parties.map((p) => p.name)),
      kindLabel: HEARING_KIND_LABELS[h.kind],
      timeText: noticeTimeText(h.startsAt, h.endsAt),
      placeText: h.placeKind === 'room' ? `${h.officeName}${h.placeText}` : h.placeText,
      sessionMediators: joinNames(h.mediators.map((m) => `${HEARING_ROLE_LABELS[m.role]}${m.name}`)),
      purpose: h.purpose,
      bringText: h.bring.join('；'),
      noticeDate: longDate(h.createdAt)
    }))
  }
}

function recordsData(data: CaseData): DocumentData {
  const investigations = data.lifecycle.records.flatMap((r) => (r.kind === 'investigation' ? [r] : []))
  const mediations = data.lifecycle.records.flatMap((r) => (r.kind === 'mediation' ? [r] : []))
  return {
    investigations: investigations.map((r) => ({
      heldAt: r.heldAt,
      place: r.place,
      investigator: r.investigator,
      recorder: r.recorder,
      personQuestioned: r.personQuestioned,
      content: r.content
    })),
    mediations: mediations.map((r) => ({
      heldAt: r.heldAt,
      place: r.place,
      subject: r.subject ?? '',
      recorder: r.recorder,
      participants: r.participants,
      partiesPresent: r.partiesPresent,
      rightsText: '已向当事人告知人民调解的性质、原则、效力及当事人的权利和义务，当事人表示清楚。',
      statements: r.statements.map((s) => ({ party: s.party, statement: s.statement })),
      evidenceChecked: r.evidenceChecked ?? '',
      riskWarnings: r.riskWarnings ?? '',
      resultText: [MEDIATION_RESULT_LABELS[r.result], r.resultNote ?? ''].filter((x) => x).join('。')
    }))
  }
}

function followUpsData(data: CaseData): DocumentData {
  return {
    followUps: data.lifecycle.followUps.map((f) => ({
      visitedOn: longDate(f.visitedOn),
      method: FOLLOW_UP_METHOD_LABELS[f.method],
      visitedParty: f.visitedParty,
      performance: PERFORMANCE_LABELS[f.performance],
      performedAmount: yuan(f.performedAmountCents),
      satisfaction: SATISFACTION_LABELS[f.satisfaction],
      courtOutcome: f.courtOutcome ?? '无',
      escalationSigns: f.escalationSigns ?? '无',
      measures: f.measures ?? '无',
      visitorName: f.visitorName
    }))
  }
}

function fileData(data: CaseData): DocumentData {
  const { closing, archive, termination } = data.lifecycle
  const names = (role: string) => joinNames(data.parties.filter((p) => p.role === role).map((p) => p.name))
  const c = data.caseRow
  return {
    fileTitle: `${names('applicant')}与${names('respondent')}${data.disputeTypeLabel}`,
    closedOn: longDate(closing?.closedOn),
    filedBy: archive?.filedBy ?? '',
    filedOn: longDate(archive?.archivedOn),
    retention: archive ? RETENTION_LABELS[archive.retention] : '',
    archiveNote: archive?.note ?? '',
    closingOutcome: closing?.outcome ?? '',
    closingResult: closing?.result ?? '',
    closingNote: closing?.note ?? '',
    declineReason: c.decline_reason
      ? [DECLINE_REASON_LABELS[c.decline_reason as DeclineReason], c.decline_note ?? ''].filter((x) => x).join('：')
      : '',
    declineRoute: c.decline_route ?? '',
    terminationReason: termination?.reason ?? '',
    routesText: termination ? termination.routes.map((r) => TERMINATION_ROUTE_LABELS[r]).join('、') : '',
    endedOn: longDate(termination?.endedOn)
  }
}

/** Replace every empty text with the blank line, so no template ever shows a gap, `undefined` or `null`. */
function blanked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blanked)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blanked(v)]))
  }
  if (value === null || value === undefined) return BLANK
  const text = String(value)
  return text.trim() === '' ? BLANK : text
}

/** The document model of one kind for a case, `extra` adding what only an export knows (index items, page count). */
export function documentData(
  kind: DocumentKind,
  data: CaseData,
  today: string,
  extra: DocumentData = {}
): DocumentData {
  const records = recordsData(data)
  const model: DocumentData = {
    ...commonData(data, today),
    ...agreementData(data, today),
    ...fileData(data),
    ...sessionsData(data),
    ...followUpsData(data),
    // The record templates both loop over `records`: each gets its own kind.
    records: kind === 'investigation_record' ? records.investigations : records.mediations,
    itemCount: '',
    pageCount: '',
    indexItems: [],
    ...extra
  }
  return blanked(model) as DocumentData
}
