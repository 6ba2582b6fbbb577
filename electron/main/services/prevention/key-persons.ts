/*
 * Keeping the register: register a party (never a copy of the person),
 * change the level with its reason, log visits and reviews, close. Each is
 * one audited write with a log row, so the level history and the reviews
 * are read back from the same log.
 */
import {
  KEY_PERSON_LEVEL_LABELS,
  type KeyPersonDetail,
  type KeyPersonWorker
} from '../../../../shared/domain/key-person'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate } from '../../../../shared/rules/china-time'
import { nextReviewOn } from '../../../../shared/rules/key-persons'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { KeyPersonLogTable } from '../../db/schema-key-persons'
import { AppError, invalidField } from '../../errors'
import { writeChange, type RecordChange, type Trx } from '../write'
import { loadKeyPerson, reviewIntervals } from './key-person-store'
import { installationOffice } from './reach'
import { officeFor, responsibleWorkers } from './key-person-workers'
import { reachableOffices } from '../accounts/scope'

type LogFields = Pick<KeyPersonLogTable, 'kind' | 'from_level' | 'to_level' | 'note' | 'next_review_on'> & {
  on_date?: string
}

async function addLog(ctx: AppContext, trx: Trx, record: RecordChange, keyPersonId: string, fields: LogFields) {
  const now = ctx.clock.now().toISOString()
  const row = {
    id: uuidv7(),
    key_person_id: keyPersonId,
    at: now,
    on_date: fields.on_date ?? chinaDate(ctx.clock.now()),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.displayName,
    kind: fields.kind,
    from_level: fields.from_level,
    to_level: fields.to_level,
    note: fields.note,
    next_review_on: fields.next_review_on,
    created_at: now,
    updated_at: now,
    version: 1
  }
  await trx.insertInto('key_person_logs').values(row).execute()
  record({ entity: 'key_person_logs', entityId: row.id, operation: 'insert', version: 1, after: row })
}

/** The worker asked for, if keyPersons.workers would offer them for a person of `officeId`. */
async function chosenWorker(ctx: AppContext, db: Trx, officeId: string, installation: string | null, userId: string) {
  const worker = ctx.session.accountsEnabled
    ? (await responsibleWorkers(db, officeId, installation)).find((w) => w.id === userId)
    : undefined
  if (!worker) throw invalidField('responsibleUserId', '责任人须为该人员所属调解组织在用的调解员账户，或督导、管理员')
  return worker
}

export async function keyPersonWorkers(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.workers'>
): Promise<KeyPersonWorker[]> {
  const installation = await installationOffice(ctx)
  let officeId: string | null
  if (input.keyPersonId) {
    const offices = await reachableOffices(ctx)
    const row = await ctx.db
      .selectFrom('key_persons')
      .select('office_id')
      .where('id', '=', input.keyPersonId)
      .executeTakeFirst()
    if (!row || (offices && !offices.includes(row.office_id))) throw invalidField('keyPersonId', '重点人员不存在')
    officeId = row.office_id
  } else {
    const party = await ctx.db.selectFrom('parties').select('id').where('id', '=', input.partyId!).executeTakeFirst()
    if (!party) throw invalidField('partyId', '当事人不存在')
    officeId = await officeFor(ctx.db, installation, party.id, input.caseId)
    if (input.caseId && !officeId) throw invalidField('caseId', '案件不存在')
  }
  // Without accounts the worker is whoever registers: there is no one to choose.
  if (!ctx.session.accountsEnabled) return []
  if (!officeId) throw invalidField('partyId', '无法确定所属调解组织，请先在设置中选择本机所属调解组织')
  return responsibleWorkers(ctx.db, officeId, installation)
}

export async function registerKeyPerson(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.register'>
): Promise<KeyPersonDetail> {
  // Read before the write: the store has one connection, which the transaction holds until it ends.
  const offices = await reachableOffices(ctx)
  const installation = await installationOffice(ctx)
  const intervals = await reviewIntervals(ctx.db)
  const id = await writeChange(ctx, 'keyPersons.register', async (trx, record) => {
    const party = await trx.selectFrom('parties').selectAll().where('id', '=', input.partyId).executeTakeFirst()
    if (!party) throw invalidField('partyId', '当事人不存在')
    if (party.kind !== 'person') throw invalidField('partyId', '只有自然人可以列入重点人员')
    if (input.caseId) {
      const link = await trx
        .selectFrom('case_parties')
        .select('id')
        .where('case_id', '=', input.caseId)
        .where('party_id', '=', input.partyId)
        .executeTakeFirst()
      if (!link) throw invalidField('caseId', '该当事人不在此案件中')
    }
    // The same person may have been saved twice (no reuse at intake): the ID number finds the earlier record.
    const samePerson = party.id_number
      ? trx.selectFrom('parties').select('id').where('id_number', '=', party.id_number)
      : trx.selectFrom('parties').select('id').where('id', '=', party.id)
    const existing = await trx
      .selectFrom('key_persons')
      .select('id')
      .where('status', '=', 'active')
      .where('party_id', 'in', samePerson)
      .executeTakeFirst()
    if (existing) throw new AppError('CONFLICT', `${party.name}已在重点人员名单中`, { partyId: '已列入重点人员' })
    const officeId = await officeFor(trx, installation, party.id, input.caseId)
    if (!officeId) throw invalidField('partyId', '无法确定所属调解组织，请先在设置中选择本机所属调解组织')
    if (offices && !offices.includes(officeId)) throw new AppError('FORBIDDEN', '该当事人不属于你所在的调解组织')
    const responsibleName = input.responsibleUserId
      ? (await chosenWorker(ctx, trx, officeId, installation, input.responsibleUserId)).displayName
      : ctx.actor.displayName
    const now = ctx.clock.now().toISOString()
    const today = chinaDate(ctx.clock.now())
    const next = nextReviewOn(today, input.level, intervals)
    const row = {
      id: uuidv7(),
      party_id: party.id,
      office_id: officeId,
      case_id: input.caseId,
      reason: input.reason,
      reason_note: input.reasonNote,
      level: input.level,
      level_reason: input.levelReason,
      responsible_user_id: input.responsibleUserId ?? ctx.actor.id,
      responsible_name: responsibleName,
      next_review_on: next,
      status: 'active' as const,
      close_reason: null,
      registered_at: now,
      registered_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('key_persons').values(row).execute()
    record({ entity: 'key_persons', entityId: row.id, operation: 'insert', version: 1, after: row })
    await addLog(ctx, trx, record, row.id, {
      kind: 'registered',
      from_level: null,
      to_level: input.level,
      note: input.levelReason,
      next_review_on: next
    })
    return row.id
  })
  return loadKeyPerson(ctx, id)
}

/** The active row, within the user's reach; NOT_FOUND or CONFLICT otherwise. */
async function activeRow(trx: Trx, offices: string[] | null, id: string) {
  const row = await trx.selectFrom('key_persons').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || (offices && !offices.includes(row.office_id))) throw invalidField('id', '重点人员不存在')
  if (row.status !== 'active') throw new AppError('CONFLICT', '该人员已解除管控')
  return row
}

async function update(
  trx: Trx,
  record: RecordChange,
  before: Awaited<ReturnType<typeof activeRow>>,
  changes: Partial<typeof before>,
  now: string
) {
  const after = { ...before, ...changes, updated_at: now, version: before.version + 1 }
  await trx
    .updateTable('key_persons')
    .set({ ...changes, updated_at: now, version: after.version })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .execute()
  record({ entity: 'key_persons', entityId: before.id, operation: 'update', version: after.version, before, after })
}

export async function setKeyPersonLevel(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.setLevel'>
): Promise<KeyPersonDetail> {
  const offices = await reachableOffices(ctx)
  const intervals = await reviewIntervals(ctx.db)
  await writeChange(ctx, 'keyPersons.setLevel', async (trx, record) => {
    const before = await activeRow(trx, offices, input.id)
    if (before.level === input.level) {
      throw invalidField('level', `当前已是${KEY_PERSON_LEVEL_LABELS[input.level]}等级`)
    }
    const now = ctx.clock.now().toISOString()
    // The next review follows the new level from today, but never later than already due (a red turned yellow
    // keeps its near date; a green turned red comes due within the week).
    const fromToday = nextReviewOn(chinaDate(ctx.clock.now()), input.level, intervals)
    const next = fromToday < before.next_review_on ? fromToday : before.next_review_on
    await update(trx, record, before, { level: input.level, level_reason: input.reason, next_review_on: next }, now)
    await addLog(ctx, trx, record, before.id, {
      kind: 'level_changed',
      from_level: before.level,
      to_level: input.level,
      note: input.reason,
      next_review_on: next
    })
  })
  return loadKeyPerson(ctx, input.id)
}

export async function setKeyPersonResponsible(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.setResponsible'>
): Promise<KeyPersonDetail> {
  const offices = await reachableOffices(ctx)
  const installation = await installationOffice(ctx)
  await writeChange(ctx, 'keyPersons.setResponsible', async (trx, record) => {
    const before = await activeRow(trx, offices, input.id)
    if (before.responsible_user_id === input.responsibleUserId) {
      throw invalidField('responsibleUserId', `${before.responsible_name}已是该人员的责任人`)
    }
    const worker = await chosenWorker(ctx, trx, before.office_id, installation, input.responsibleUserId)
    const now = ctx.clock.now().toISOString()
    await update(trx, record, before, { responsible_user_id: worker.id, responsible_name: worker.displayName }, now)
    await addLog(ctx, trx, record, before.id, {
      kind: 'responsible_changed',
      from_level: null,
      to_level: null,
      note: `${before.responsible_name} → ${worker.displayName}：${input.reason}`,
      next_review_on: null
    })
  })
  return loadKeyPerson(ctx, input.id)
}

export async function logKeyPersonReview(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.logReview'>
): Promise<KeyPersonDetail> {
  const offices = await reachableOffices(ctx)
  const intervals = await reviewIntervals(ctx.db)
  await writeChange(ctx, 'keyPersons.logReview', async (trx, record) => {
    const before = await activeRow(trx, offices, input.id)
    const today = chinaDate(ctx.clock.now())
    if (input.on > today) throw invalidField('on', '走访或评估日期不能晚于今天')
    if (input.on < chinaDate(new Date(before.registered_at))) throw invalidField('on', '日期不能早于列管日期')
    const next = nextReviewOn(input.on, before.level, intervals)
    await update(trx, record, before, { next_review_on: next }, ctx.clock.now().toISOString())
    await addLog(ctx, trx, record, before.id, {
      kind: input.kind,
      on_date: input.on,
      from_level: null,
      to_level: null,
      note: input.note,
      next_review_on: next
    })
  })
  return loadKeyPerson(ctx, input.id)
}

export async function closeKeyPerson(
  ctx: AppContext,
  input: ParsedInput<'keyPersons.close'>
): Promise<KeyPersonDetail> {
  const offices = await reachableOffices(ctx)
  await writeChange(ctx, 'keyPersons.close', async (trx, record) => {
    const before = await activeRow(trx, offices, input.id)
    await update(trx, record, before, { status: 'closed', close_reason: input.reason }, ctx.clock.now().toISOString())
    await addLog(ctx, trx, record, before.id, {
      kind: 'closed',
      from_level: before.level,
      to_level: null,
      note: input.reason,
      next_review_on: null
    })
  })
  return loadKeyPerson(ctx, input.id)
}
