/*
 * Psychological-support referrals: a party referred to the women's
 * federation centre (瓯嫂来帮忙) or a counsellor of the expert pool, moved on
 * through its statuses. Notes are sensitive personal information: lists
 * never carry them, referrals.notes gives them only to the roles of
 * REFERRAL_NOTE_READERS (a mediator only as the responsible worker), and
 * every view is an audit entry. Referrals are not hub entities.
 */
import { REFERRAL_STATUSES, type ReferralNotes, type ReferralSummary } from '../../../../shared/domain/key-person'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDateTime } from '../../../../shared/rules/china-time'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError, invalidField, notFound } from '../../errors'
import { recordAuditOnly, writeChange } from '../write'
import { referralSummaries } from './key-person-store'
import { installationOffice } from './reach'
import { reachableOffices } from '../accounts/scope'

export async function listReferrals(ctx: AppContext, input: ParsedInput<'referrals.list'>): Promise<ReferralSummary[]> {
  const offices = await reachableOffices(ctx)
  if (offices && offices.length === 0) return []
  return referralSummaries(ctx.db, { ...input, offices })
}

async function oneReferral(ctx: AppContext, id: string): Promise<ReferralSummary> {
  const [found] = await referralSummaries(ctx.db, { id })
  if (!found) throw notFound('转介')
  return found
}

export async function createReferral(
  ctx: AppContext,
  input: ParsedInput<'referrals.create'>
): Promise<ReferralSummary> {
  // Read before the write: the store has one connection, which the transaction holds until it ends.
  const offices = await reachableOffices(ctx)
  const installation = await installationOffice(ctx)
  const id = await writeChange(ctx, 'referrals.create', async (trx, record) => {
    const party = await trx
      .selectFrom('parties')
      .select(['id', 'kind'])
      .where('id', '=', input.partyId)
      .executeTakeFirst()
    if (!party) throw invalidField('partyId', '当事人不存在')
    if (party.kind !== 'person') throw invalidField('partyId', '只有自然人可以转介心理疏导')
    let officeId = installation
    if (input.caseId) {
      const theCase = await trx
        .selectFrom('case_parties')
        .innerJoin('cases', 'cases.id', 'case_parties.case_id')
        .select('cases.handling_office_id')
        .where('case_parties.case_id', '=', input.caseId)
        .where('case_parties.party_id', '=', input.partyId)
        .executeTakeFirst()
      if (!theCase) throw invalidField('caseId', '该当事人不在此案件中')
      officeId = theCase.handling_office_id
    }
    if (!officeId) throw invalidField('caseId', '请选择案件，或先在设置中选择本机所属调解组织')
    if (offices && !offices.includes(officeId)) throw new AppError('FORBIDDEN', '该当事人不属于你所在的调解组织')
    if (input.service === 'counsellor') {
      const expert = await trx
        .selectFrom('mediators')
        .select(['kind', 'status'])
        .where('id', '=', input.counsellorId!)
        .executeTakeFirst()
      if (!expert || expert.kind !== 'expert') throw invalidField('counsellorId', '所选人员不在专家库中')
      if (expert.status !== 'active') throw invalidField('counsellorId', '所选专家已暂停或退出')
    }
    const now = ctx.clock.now().toISOString()
    const row = {
      id: uuidv7(),
      party_id: input.partyId,
      case_id: input.caseId,
      office_id: officeId,
      service: input.service,
      counsellor_id: input.service === 'counsellor' ? input.counsellorId : null,
      status: 'referred' as const,
      outcome: null,
      notes: input.notes,
      responsible_user_id: ctx.actor.id,
      referred_at: now,
      referred_by: ctx.actor.id,
      referred_by_name: ctx.actor.displayName,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('referrals').values(row).execute()
    // The audit trail records that notes were written, never the notes themselves.
    const audited = { ...row, notes: row.notes ? '（敏感内容，不记入日志）' : null }
    record({ entity: 'referrals', entityId: row.id, operation: 'insert', version: 1, after: audited })
    return row.id
  })
  return oneReferral(ctx, id)
}

export async function setReferralStatus(
  ctx: AppContext,
  input: ParsedInput<'referrals.setStatus'>
): Promise<ReferralSummary> {
  const offices = await reachableOffices(ctx)
  await writeChange(ctx, 'referrals.setStatus', async (trx, record) => {
    const before = await trx.selectFrom('referrals').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (!before || (offices && !offices.includes(before.office_id))) throw invalidField('id', '转介不存在')
    if (before.status === 'closed') throw new AppError('CONFLICT', '该转介已结束')
    const from = REFERRAL_STATUSES.indexOf(before.status)
    if (REFERRAL_STATUSES.indexOf(input.status) <= from) {
      throw invalidField('status', '转介状态只能向后推进（已转介 → 已接收 → 跟进中 → 已结束）')
    }
    const now = ctx.clock.now().toISOString()
    const stamp = `【${chinaDateTime(now)} ${ctx.actor.displayName}】`
    const notes = input.note ? [before.notes, `${stamp}${input.note}`].filter(Boolean).join('\n') : before.notes
    const changes = { status: input.status, outcome: input.outcome ?? before.outcome, notes }
    const after = { ...before, ...changes, updated_at: now, version: before.version + 1 }
    await trx
      .updateTable('referrals')
      .set({ ...changes, updated_at: now, version: after.version })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .execute()
    const hide = (n: string | null) => (n ? '（敏感内容，不记入日志）' : null)
    record({
      entity: 'referrals',
      entityId: before.id,
      operation: 'update',
      version: after.version,
      before: { ...before, notes: hide(before.notes) },
      after: { ...after, notes: notes === before.notes ? hide(before.notes) : '（已追加敏感内容，不记入日志）' }
    })
  })
  return oneReferral(ctx, input.id)
}

/** The notes, for the roles granted them; a mediator only as the responsible worker. Every view is audited. */
export async function referralNotes(ctx: AppContext, input: ParsedInput<'referrals.notes'>): Promise<ReferralNotes> {
  const row = await ctx.db
    .selectFrom('referrals')
    .select(['id', 'notes', 'office_id', 'responsible_user_id', 'case_id'])
    .where('id', '=', input.id)
    .executeTakeFirst()
  const offices = await reachableOffices(ctx)
  if (!row || (offices && !offices.includes(row.office_id))) throw invalidField('id', '转介不存在')
  const oversees = ['supervisor', 'admin'].includes(ctx.actor.role)
  if (ctx.session.accountsEnabled && !oversees && row.responsible_user_id !== ctx.actor.id) {
    throw new AppError('FORBIDDEN', '只有督导、管理员和该转介的责任人可以查看心理疏导记录')
  }
  await recordAuditOnly(ctx, 'referrals.notes', [
    { entity: 'referrals', entityId: row.id, before: null, after: { viewed: 'notes', case_id: row.case_id } }
  ])
  return { referralId: row.id, notes: row.notes }
}
