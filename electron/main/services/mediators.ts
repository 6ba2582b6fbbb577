/*
 * The roster: list with filters and counts, one entry, save an entry whole,
 * and the list of chambers of commerce. A record is checked against the
 * reference data and the identity rules before anything is written.
 */
import { CREDENTIAL_EXPIRY_WARNING_DAYS } from '../../../shared/domain/mediator'
import type { FieldErrors } from '../../../shared/errors'
import type {
  Chamber,
  Mediator,
  MediatorListPage,
  MediatorListRow,
  MediatorRecord,
  RosterCounts
} from '../../../shared/domain/mediator'
import type { ParsedInput } from '../../../shared/ipc-contract'
import { chinaDate } from '../../../shared/rules/china-time'
import { checkCreditCode } from '../../../shared/rules/credit-code'
import { maskPhone } from '../../../shared/rules/masking'
import { checkPhone } from '../../../shared/rules/phone'
import { checkResidentId } from '../../../shared/rules/resident-id'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import { AppError, invalidField, notFound } from '../errors'
import { loadMediators, writeMediator } from './mediator-store'
import { recordAuditOnly, writeChange, type Trx } from './write'

/** The store's view of what a record may name: offices by code, chambers by name, dispute types by code. */
export interface RosterLookup {
  officeIdByCode: Map<string, string>
  chamberIdByName: Map<string, string>
  disputeTypes: Set<string>
}

export async function rosterLookup(db: AppContext['db'] | Trx): Promise<RosterLookup> {
  const offices = await db.selectFrom('offices').select(['id', 'code']).where('active', '=', 1).execute()
  const chambers = await db.selectFrom('chambers').select(['id', 'name']).where('active', '=', 1).execute()
  const types = await db.selectFrom('dispute_types').select('code').where('active', '=', 1).execute()
  return {
    officeIdByCode: new Map(offices.map((o) => [o.code, o.id])),
    chamberIdByName: new Map(chambers.map((c) => [c.name, c.id])),
    disputeTypes: new Set(types.map((t) => t.code))
  }
}

/**
 * Everything wrong with a record, by field path, and the record normalised
 * (ID numbers upper-case, phones in their standard form).
 */
export function checkMediatorRecord(
  record: MediatorRecord,
  lookup: RosterLookup,
  today: string
): { errors: FieldErrors; record: MediatorRecord } {
  const errors: FieldErrors = {}
  const out: MediatorRecord = {
    ...record,
    credentials: [...record.credentials],
    conflicts: record.conflicts.map((c) => ({ ...c }))
  }
  if (record.idNumber) {
    const checked = checkResidentId(record.idNumber, today)
    if (checked.ok) out.idNumber = checked.info.normalized
    else errors.idNumber = checked.message
  }
  if (record.phone) {
    const checked = checkPhone(record.phone)
    if (checked.ok) out.phone = checked.normalized
    else errors.phone = checked.message
  }
  record.officeCodes.forEach((code, i) => {
    if (!lookup.officeIdByCode.has(code)) errors[`officeCodes.${i}`] = `没有这个调解组织：${code}`
  })
  record.specialties.forEach((code, i) => {
    if (!lookup.disputeTypes.has(code)) errors[`specialties.${i}`] = `没有这个纠纷类型：${code}`
  })
  record.chambers.forEach((name, i) => {
    if (!lookup.chamberIdByName.has(name)) errors[`chambers.${i}`] = `商会名单中没有“${name}”，请先添加`
  })
  out.conflicts.forEach((conflict, i) => {
    if (conflict.idNumber) {
      const checked = checkResidentId(conflict.idNumber, today)
      if (checked.ok) conflict.idNumber = checked.info.normalized
      else errors[`conflicts.${i}.idNumber`] = checked.message
    }
    if (conflict.creditCode) {
      const checked = checkCreditCode(conflict.creditCode)
      if (checked.ok) conflict.creditCode = checked.normalized
      else errors[`conflicts.${i}.creditCode`] = checked.message
    }
  })
  if (record.kind === 'expert' && !record.profession) errors.profession = '专家库成员须注明专业领域'
  return { errors, record: out }
}

export async function getMediator(ctx: AppContext, input: { id: string }): Promise<Mediator> {
  const found = (await loadMediators(ctx.db, [input.id])).get(input.id)
  if (!found) throw notFound('调解员')
  // The entry opens with its full ID number for editing: a view of sensitive data, kept in the audit trail.
  if (found.idNumber) {
    await recordAuditOnly(ctx, 'mediators.viewSensitive', [
      { entity: 'mediators', entityId: found.id, before: null, after: { shown: ['id_number', 'phone'] } }
    ])
  }
  return found
}

export async function saveMediator(ctx: AppContext, input: ParsedInput<'mediators.save'>): Promise<Mediator> {
  const today = chinaDate(ctx.clock.now())
  const id = await writeChange(ctx, input.id ? 'mediators.update' : 'mediators.create', async (trx, record) => {
    const before = input.id ? ((await loadMediators(trx, [input.id])).get(input.id) ?? null) : null
    if (input.id && !before) throw notFound('调解员')
    if (before && input.expectedVersion && before.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', '该调解员信息已被他人修改，请重新打开后再保存')
    }
    const lookup = await rosterLookup(trx)
    const checked = checkMediatorRecord(input.record, lookup, today)
    if (checked.record.idNumber) {
      const same = await trx
        .selectFrom('mediators')
        .select(['id', 'name'])
        .where('id_number', '=', checked.record.idNumber)
        .executeTakeFirst()
      if (same && same.id !== before?.id) checked.errors.idNumber = `名册中已有该身份证号码的调解员：${same.name}`
    }
    if (Object.keys(checked.errors).length > 0) {
      throw new AppError('VALIDATION_FAILED', '输入有误，请检查标出的字段', prefixed(checked.errors, 'record'))
    }
    return writeMediator(
      trx,
      record,
      {
        id: null,
        data: checked.record,
        officeIds: checked.record.officeCodes.map((code) => lookup.officeIdByCode.get(code)!),
        chamberIds: checked.record.chambers.map((name) => lookup.chamberIdByName.get(name)!),
        before
      },
      ctx.clock.now().toISOString()
    )
  })
  return getMediator(ctx, { id })
}

function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [`${prefix}.${path}`, message]))
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

export async function listMediators(ctx: AppContext, input: ParsedInput<'mediators.list'>): Promise<MediatorListPage> {
  const today = chinaDate(ctx.clock.now())
  const all = [...(await loadMediators(ctx.db)).values()]
  const offices = await ctx.db.selectFrom('offices').select(['id', 'code', 'name']).orderBy('sort_order').execute()
  const officeByCode = new Map(offices.map((o) => [o.code, o]))
  const officeCode = input.officeId ? offices.find((o) => o.id === input.officeId)?.code : undefined
  // Rows always say which credential runs out soon (or has run out); the filter is optional.
  const horizon = addDays(today, input.credentialExpiringWithinDays ?? CREDENTIAL_EXPIRY_WARNING_DAYS)
  const query = input.query?.toLowerCase()

  const onLeave = (m: Mediator) => m.leaves.some((l) => l.from <= today && today <= l.to)
  const expiring = (m: Mediator) =>
    m.credentials
      .filter((c) => c.validUntil && c.validUntil <= horizon)
      .sort((a, b) => a.validUntil!.localeCompare(b.validUntil!))[0] ?? null

  const rows: MediatorListRow[] = all
    .filter((m) => !input.kind || m.kind === input.kind)
    .filter((m) => !input.officeId || (officeCode !== undefined && m.officeCodes.includes(officeCode)))
    .filter((m) => !input.specialty || m.specialties.includes(input.specialty))
    .filter((m) => !input.profession || m.profession === input.profession)
    .filter((m) => !input.status || m.status === input.status)
    .filter((m) => input.onLeave === undefined || onLeave(m) === input.onLeave)
    .filter((m) => !input.credentialExpiringWithinDays || expiring(m) !== null)
    .filter((m) => !query || m.name.toLowerCase().includes(query) || (m.phone ?? '').includes(query))
    .map((m) => {
      const soon = expiring(m)
      return {
        id: m.id,
        kind: m.kind,
        name: m.name,
        profession: m.profession,
        status: m.status,
        maskedPhone: maskPhone(m.phone),
        officeNames: m.officeCodes.map((code) => officeByCode.get(code)?.name ?? code),
        specialties: m.specialties,
        openCases: m.openCases,
        capacity: m.capacity,
        onLeaveToday: onLeave(m),
        expiringCredential: soon ? { type: soon.type, validUntil: soon.validUntil! } : null
      }
    })

  const counts: RosterCounts[] = offices
    .map((office) => {
      const serving = all.filter((m) => m.status === 'active' && m.officeCodes.includes(office.code))
      return {
        officeId: office.id,
        officeName: office.name,
        full_time: serving.filter((m) => m.kind === 'full_time').length,
        part_time: serving.filter((m) => m.kind === 'part_time').length,
        expert: serving.filter((m) => m.kind === 'expert').length
      }
    })
    .filter((c) => c.full_time + c.part_time + c.expert > 0)
  return { rows, counts }
}

export async function listChambers(ctx: AppContext): Promise<Chamber[]> {
  const rows = await ctx.db.selectFrom('chambers').selectAll().orderBy('name').execute()
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active === 1 }))
}

export async function addChamber(ctx: AppContext, input: ParsedInput<'chambers.add'>): Promise<Chamber> {
  const existing = await ctx.db.selectFrom('chambers').select('id').where('name', '=', input.name).executeTakeFirst()
  if (existing) throw invalidField('name', '商会名单中已有该商会')
  return writeChange(ctx, 'chambers.add', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const row = { id: uuidv7(), name: input.name, active: 1 as const, created_at: now, updated_at: now, version: 1 }
    await trx.insertInto('chambers').values(row).execute()
    record({ entity: 'chambers', entityId: row.id, operation: 'insert', version: 1, after: row })
    return { id: row.id, name: row.name, active: true }
  })
}
