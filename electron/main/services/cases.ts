/*
 * Intake and the first steps of a case's life: register (受理登记), accept
 * with its number (受理), decline with the legal ground (不予受理), route to
 * another office or department, change the risk colour. Each is one audited
 * transaction that also writes the case event and keeps search in step.
 */
import { sql } from 'kysely'
import {
  CASE_STATUS_LABELS,
  DECLINE_REASON_LABELS,
  type CaseDetail,
  type CaseStatus
} from '../../../shared/domain/case'
import { formatCaseNumber } from '../../../shared/domain/case-number'
import type { ParsedInput } from '../../../shared/ipc-contract'
import type { SettingKey } from '../../../shared/domain/settings'
import { RISK_LEVEL_LABELS } from '../../../shared/domain/reference-data'
import { checkTransition } from '../../../shared/rules/case-status'
import { chinaDate, chinaYear } from '../../../shared/rules/china-time'
import { factsBeforeAcceptance } from '../../../shared/rules/deadlines'
import { validatePartyIdentity, type PartyIdentity } from '../../../shared/rules/party-identity'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import type { CaseRow } from '../db/schema'
import { AppError, invalidField, notFound } from '../errors'
import { caseDetailOf, loadCaseDetail } from './case-detail'
import { addCaseEvent } from './case-events'
import { addNewCaseSearch, refreshCaseSearch } from './case-search-index'
import { isOpenStatus } from './case-search-office'
import { saveParties } from './parties'
import { refreshCaseDue } from './lifecycle/deadline-store'
import { refuseIfArchived } from './lifecycle/guards'
import { writeChange, type RecordChange, type Trx } from './write'

/**
 * Rules that need the store or the clock: the installation office is set, reference codes exist, identifiers
 * check, reused parties exist. The office setting and both codes are read in one round trip through the binding.
 */
async function checkRegistration(
  ctx: AppContext,
  input: ParsedInput<'cases.register'>
): Promise<{ officeId: string; officeName: string; identities: PartyIdentity[] }> {
  const officeKey: SettingKey = 'installation.officeId'
  const known = await ctx.db
    .selectNoFrom((eb) => [
      eb.selectFrom('settings').select('value').where('key', '=', officeKey).as('office'),
      eb
        .selectFrom('offices')
        .select('name')
        .where('id', '=', sql<string>`(select json_extract(value, '$') from settings where key = ${officeKey})`)
        .as('officeName'),
      eb
        .exists(eb.selectFrom('case_sources').select('code').where('code', '=', input.source).where('active', '=', 1))
        .as('source'),
      eb
        .exists(
          eb.selectFrom('dispute_types').select('code').where('code', '=', input.disputeType).where('active', '=', 1)
        )
        .as('type')
    ])
    .executeTakeFirstOrThrow()
  // Settings hold JSON (settings.ts).
  const officeId: unknown = known.office === null ? null : JSON.parse(known.office)
  if (typeof officeId !== 'string') {
    throw new AppError('VALIDATION_FAILED', '尚未设置本机所属调解组织，请先完成首次使用设置')
  }
  if (known.officeName === null) {
    throw new AppError('VALIDATION_FAILED', '本机所属调解组织已不在组织名录中，请在设置中重新选择')
  }
  const fields: Record<string, string> = {}
  if (!known.source) fields.source = '没有这个案件来源'
  if (!known.type) fields.disputeType = '没有这个纠纷类型'

  const today = chinaDate(ctx.clock.now())
  if (input.occurredOn && input.occurredOn > today) fields.occurredOn = '发生日期不能晚于今天'
  const identities = input.parties.map((party) => validatePartyIdentity(party, today))
  for (const [index, identity] of identities.entries()) {
    for (const [field, message] of Object.entries(identity.errors)) fields[`parties.${index}.${field}`] = message
  }
  for (const [index, party] of input.parties.entries()) {
    if (!party.existingPartyId) continue
    const existing = await ctx.db
      .selectFrom('parties')
      .select(['id', 'kind', 'id_number', 'credit_code'])
      .where('id', '=', party.existingPartyId)
      .executeTakeFirst()
    const identity = identities[index]
    if (!existing) fields[`parties.${index}.existingPartyId`] = '要沿用的当事人记录不存在'
    else if (existing.kind !== party.kind) fields[`parties.${index}.kind`] = '与要沿用的当事人记录类型不一致'
    // A record found by phone may be someone else's: reuse never overwrites an identity number.
    else if (existing.id_number && identity.idNumber && existing.id_number !== identity.idNumber) {
      fields[`parties.${index}.idNumber`] = '证件号码与要沿用的当事人记录不一致，请核对或不沿用该记录'
    } else if (existing.credit_code && identity.creditCode && existing.credit_code !== identity.creditCode) {
      fields[`parties.${index}.creditCode`] = '统一社会信用代码与要沿用的当事人记录不一致，请核对或不沿用该记录'
    }
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', '输入有误，请检查标出的字段', fields)
  return { officeId, officeName: known.officeName, identities }
}

/**
 * `within` runs inside the registration's transaction with the new case's id: a patrol report passed on to
 * intake is linked there (patrols.registerCase), so the case and its link are written together or not at all.
 */
export async function registerCase(
  ctx: AppContext,
  input: ParsedInput<'cases.register'>,
  within?: (trx: Trx, record: RecordChange, caseId: string) => Promise<void>
): Promise<CaseDetail> {
  const { officeId, officeName, identities } = await checkRegistration(ctx, input)

  const written = await writeChange(ctx, 'cases.register', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const id = uuidv7()
    const fields = {
      registered_office_id: officeId,
      handling_office_id: officeId,
      case_number: null,
      case_year: null,
      case_sequence: null,
      status: 'registered',
      source: input.source,
      dispute_type: input.disputeType,
      occurred_on: input.occurredOn ?? null,
      place_township: input.placeTownship,
      place_village: input.placeVillage,
      summary: input.summary,
      claims: JSON.stringify(input.claims),
      amount_cents: input.amountCents ?? null,
      risk_level: input.riskLevel,
      risk_reason: input.riskReason,
      registered_at: now,
      accepted_at: null,
      declined_at: null,
      decline_reason: null,
      decline_note: null,
      decline_route: null,
      registered_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1
    }
    // The next registration-order key is taken in the insert itself (one round trip, not a read and a write);
    // inside this IMMEDIATE transaction no other writer can take the same one.
    const { seq } = await trx
      .insertInto('cases')
      .values({ id, seq: sql<number>`(select coalesce(max(seq), 0) + 1 from cases)`, ...fields })
      .returning('seq')
      .executeTakeFirstOrThrow()
    // Keys in the order of the columns, as the audit row has always shown them.
    const row = { id, seq, ...fields }
    record({ entity: 'cases', entityId: row.id, operation: 'insert', version: 1, after: row })

    const parties = await saveParties(trx, record, input.parties, identities, now)
    const links = input.parties.map((party, index) => ({
      id: uuidv7(),
      case_id: row.id,
      party_id: parties[index].row.id,
      role: party.role,
      acts_for_party_id: party.role === 'agent' && party.actsFor != null ? parties[party.actsFor].row.id : null,
      sort_order: index,
      created_at: now,
      updated_at: now,
      version: 1
    }))
    for (const link of links) {
      record({ entity: 'case_parties', entityId: link.id, operation: 'insert', version: 1, after: link })
    }
    await trx.insertInto('case_parties').values(links).execute()
    const event = await addCaseEvent(ctx, trx, record, row.id, 'registered', {
      to: 'registered',
      detail: { source: input.source }
    })
    // Links are in input order (sort_order = index), the order refreshCaseSearch reads them in.
    await addNewCaseSearch(
      trx,
      row,
      parties.map((p) => p.row)
    )
    // Only the decision on acceptance can be due yet, counted from the registration: nothing to read back.
    const registeredOn = chinaDate(new Date(now))
    await refreshCaseDue(trx, row.id, registeredOn, factsBeforeAcceptance('registered', registeredOn, null))
    // A reused party's corrected name or phone must be found in its earlier cases too.
    const changedParties = parties.filter((p) => p.changedExisting).map((p) => p.row.id)
    if (changedParties.length > 0) {
      const earlier = await trx
        .selectFrom('case_parties')
        .select('case_id')
        .distinct()
        .where('party_id', 'in', changedParties)
        .where('case_id', '!=', row.id)
        .execute()
      for (const { case_id } of earlier) await refreshCaseSearch(trx, case_id)
    }
    if (within) await within(trx, record, row.id)
    // The case as written: its row, its parties in input order with their links, its one event.
    return caseDetailOf(
      { ...row, handling_office_name: officeName },
      parties.map((p, index) => ({
        ...p.row,
        role: links[index].role,
        acts_for_party_id: links[index].acts_for_party_id
      })),
      [event]
    )
  })
  // A registration that also links something else (a patrol report) reads the case back as it now stands.
  return within ? loadCaseDetail(ctx.db, written.id) : written
}

/** Load a case inside the transaction and apply one update to it, audited, with the new version. */
export async function updateCase(
  trx: Trx,
  record: RecordChange,
  before: CaseRow,
  changes: Partial<CaseRow>,
  now: string
): Promise<void> {
  const after = { ...before, ...changes, updated_at: now, version: before.version + 1 }
  await trx
    .updateTable('cases')
    .set({ ...changes, updated_at: now, version: after.version })
    .where('id', '=', before.id)
    .execute()
  record({ entity: 'cases', entityId: before.id, operation: 'update', version: after.version, before, after })
  // The search rows are made of these, and carry the office's token and an open case's (case-search-office.ts).
  const searched =
    SEARCHED_FIELDS.some((f) => after[f] !== before[f]) || isOpenStatus(after.status) !== isOpenStatus(before.status)
  if (searched) await refreshCaseSearch(trx, before.id)
}

/** The case's own fields its search rows hold. */
const SEARCHED_FIELDS = ['case_number', 'summary', 'handling_office_id'] as const

export async function caseForUpdate(trx: Trx, caseId: string): Promise<CaseRow> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
  if (!row) throw notFound('案件')
  return row
}

export function requireTransition(from: string, to: CaseStatus, reason?: string | null): void {
  refuseIfArchived(from)
  const check = checkTransition(from as CaseStatus, to, reason, CASE_STATUS_LABELS)
  if (!check.ok) throw new AppError('CONFLICT', check.message)
}

export async function acceptCase(ctx: AppContext, input: ParsedInput<'cases.accept'>): Promise<CaseDetail> {
  await writeChange(ctx, 'cases.accept', async (trx, record) => {
    const before = await caseForUpdate(trx, input.caseId)
    requireTransition(before.status, 'accepted')
    const nowDate = ctx.clock.now()
    const now = nowDate.toISOString()
    const year = chinaYear(nowDate)
    const office = await trx
      .selectFrom('offices')
      .select(['id', 'short_name'])
      .where('id', '=', before.handling_office_id)
      .executeTakeFirstOrThrow()
    // Inside this IMMEDIATE transaction the sequence cannot be read twice: no gaps, no duplicates.
    const { last_sequence: sequence } = await trx
      .insertInto('case_number_sequences')
      .values({ office_id: office.id, year, last_sequence: 1 })
      .onConflict((oc) =>
        oc.columns(['office_id', 'year']).doUpdateSet((eb) => ({ last_sequence: eb('last_sequence', '+', 1) }))
      )
      .returning('last_sequence')
      .executeTakeFirstOrThrow()
    const caseNumber = formatCaseNumber(year, office.short_name, sequence)
    await updateCase(
      trx,
      record,
      before,
      { status: 'accepted', case_number: caseNumber, case_year: year, case_sequence: sequence, accepted_at: now },
      now
    )
    await addCaseEvent(ctx, trx, record, before.id, 'accepted', {
      from: before.status as CaseStatus,
      to: 'accepted',
      detail: { caseNumber }
    })
    await refreshCaseDue(trx, before.id, chinaDate(nowDate))
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

export async function declineCase(ctx: AppContext, input: ParsedInput<'cases.decline'>): Promise<CaseDetail> {
  await writeChange(ctx, 'cases.decline', async (trx, record) => {
    const before = await caseForUpdate(trx, input.caseId)
    const reasonText = input.reason === 'other' ? (input.reasonNote ?? '') : DECLINE_REASON_LABELS[input.reason]
    requireTransition(before.status, 'declined', reasonText)
    const now = ctx.clock.now().toISOString()
    await updateCase(
      trx,
      record,
      before,
      {
        status: 'declined',
        declined_at: now,
        decline_reason: input.reason,
        decline_note: input.reasonNote,
        decline_route: input.route
      },
      now
    )
    await addCaseEvent(ctx, trx, record, before.id, 'declined', {
      from: before.status as CaseStatus,
      to: 'declined',
      reason: reasonText,
      detail: { reason: input.reason, route: input.route }
    })
    await refreshCaseDue(trx, before.id, chinaDate(ctx.clock.now()))
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

const ROUTABLE: ReadonlySet<string> = new Set(['registered', 'accepted', 'in_mediation'])

export async function routeCase(ctx: AppContext, input: ParsedInput<'cases.route'>): Promise<CaseDetail> {
  await writeChange(ctx, 'cases.route', async (trx, record) => {
    const before = await caseForUpdate(trx, input.caseId)
    refuseIfArchived(before.status)
    if (!ROUTABLE.has(before.status)) {
      throw new AppError('CONFLICT', `案件当前为“${CASE_STATUS_LABELS[before.status as CaseStatus]}”，不能再移交或转交`)
    }
    const now = ctx.clock.now().toISOString()
    if (input.kind === 'transfer') {
      const target = await trx
        .selectFrom('offices')
        .select(['id', 'name', 'active'])
        .where('id', '=', input.toOfficeId)
        .executeTakeFirst()
      if (!target || target.active !== 1) throw invalidField('toOfficeId', '接收的调解组织不存在或已停用')
      if (target.id === before.handling_office_id) throw invalidField('toOfficeId', '案件已由该调解组织办理')
      const from = await trx
        .selectFrom('offices')
        .select('name')
        .where('id', '=', before.handling_office_id)
        .executeTakeFirstOrThrow()
      await updateCase(trx, record, before, { handling_office_id: target.id }, now)
      await addCaseEvent(ctx, trx, record, before.id, 'transferred', {
        reason: input.note,
        detail: {
          fromOfficeId: before.handling_office_id,
          fromOfficeName: from.name,
          toOfficeId: target.id,
          toOfficeName: target.name
        }
      })
    } else {
      await addCaseEvent(ctx, trx, record, before.id, 'referred', {
        reason: input.note,
        detail: { department: input.department }
      })
    }
  })
  return loadCaseDetail(ctx.db, input.caseId)
}

export async function setCaseRisk(ctx: AppContext, input: ParsedInput<'cases.setRisk'>): Promise<CaseDetail> {
  await writeChange(ctx, 'cases.setRisk', async (trx, record) => {
    const before = await caseForUpdate(trx, input.caseId)
    refuseIfArchived(before.status)
    if (before.risk_level === input.riskLevel)
      throw invalidField('riskLevel', `风险等级已是${RISK_LEVEL_LABELS[input.riskLevel]}`)
    const now = ctx.clock.now().toISOString()
    await updateCase(trx, record, before, { risk_level: input.riskLevel, risk_reason: input.reason }, now)
    await addCaseEvent(ctx, trx, record, before.id, 'risk_changed', {
      reason: input.reason,
      detail: { from: before.risk_level, to: input.riskLevel }
    })
  })
  return loadCaseDetail(ctx.db, input.caseId)
}
