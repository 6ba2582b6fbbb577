/* Rooms per office and each office's hours: the places and times sessions are checked against. */
import type { Kysely } from 'kysely'
import type { OfficeHours, Room } from '../../../../shared/domain/room'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { DEFAULT_OFFICE_HOURS, type OfficePeriod } from '../../../../shared/rules/hearing-clash'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { AppError, invalidField, notFound } from '../../errors'
import { writeChange, type Trx } from '../write'

type Db = Kysely<Database> | Trx

function roomQuery(db: Db) {
  return db
    .selectFrom('rooms')
    .innerJoin('offices', 'offices.id', 'rooms.office_id')
    .selectAll('rooms')
    .select('offices.name as office_name')
}

function toRoom(r: Awaited<ReturnType<ReturnType<typeof roomQuery>['executeTakeFirstOrThrow']>>): Room {
  return {
    id: r.id,
    version: r.version,
    officeId: r.office_id,
    officeName: r.office_name,
    name: r.name,
    capacity: r.capacity,
    videoCapable: r.video_capable === 1,
    active: r.active === 1,
    note: r.note
  }
}

export async function listRooms(ctx: AppContext, input: ParsedInput<'rooms.list'>): Promise<Room[]> {
  const rows = await roomQuery(ctx.db)
    .$if(input.officeId !== undefined, (q) => q.where('rooms.office_id', '=', input.officeId!))
    .$if(!input.includeInactive, (q) => q.where('rooms.active', '=', 1))
    .orderBy('offices.sort_order')
    .orderBy('rooms.active', 'desc')
    .orderBy('rooms.name')
    .execute()
  return rows.map(toRoom)
}

export async function findRoom(db: Db, id: string): Promise<Room | null> {
  const row = await roomQuery(db).where('rooms.id', '=', id).executeTakeFirst()
  return row ? toRoom(row) : null
}

export async function saveRoom(ctx: AppContext, input: ParsedInput<'rooms.save'>): Promise<Room> {
  const id = await writeChange(ctx, 'rooms.save', async (trx, record) => {
    const office = await trx.selectFrom('offices').select('id').where('id', '=', input.officeId).executeTakeFirst()
    if (!office) throw invalidField('officeId', '所选调解组织不存在')
    const sameName = await trx
      .selectFrom('rooms')
      .select('id')
      .where('office_id', '=', input.officeId)
      .where('name', '=', input.name)
      .$if(input.id !== undefined, (q) => q.where('id', '!=', input.id!))
      .executeTakeFirst()
    if (sameName) throw invalidField('name', '本组织已有同名调解室')
    const now = ctx.clock.now().toISOString()
    const fields = {
      office_id: input.officeId,
      name: input.name,
      capacity: input.capacity,
      video_capable: input.videoCapable ? (1 as const) : (0 as const),
      active: input.active ? (1 as const) : (0 as const),
      note: input.note || null
    }
    if (!input.id) {
      const row = { id: uuidv7(), ...fields, created_at: now, updated_at: now, version: 1 }
      await trx.insertInto('rooms').values(row).execute()
      record({ entity: 'rooms', entityId: row.id, operation: 'insert', version: 1, after: row })
      return row.id
    }
    const before = await trx.selectFrom('rooms').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (!before) throw notFound('调解室')
    if (before.office_id !== input.officeId) {
      const used = await trx.selectFrom('hearings').select('id').where('room_id', '=', input.id).executeTakeFirst()
      if (used) throw new AppError('CONFLICT', '该调解室已有排期，不能改到其他调解组织；请停用后新建')
    }
    const after = { ...before, ...fields, updated_at: now, version: before.version + 1 }
    await trx.updateTable('rooms').set(after).where('id', '=', input.id).execute()
    record({ entity: 'rooms', entityId: input.id, operation: 'update', version: after.version, before, after })
    return input.id
  })
  return (await findRoom(ctx.db, id))!
}

/** An office's hours from its office_hours row's periods (read by the caller), or the default without a row. */
export function officeHoursFrom(officeId: string, periods: string | null | undefined): OfficeHours {
  return periods != null
    ? { officeId, periods: JSON.parse(periods) as OfficePeriod[], isDefault: false }
    : { officeId, periods: DEFAULT_OFFICE_HOURS, isDefault: true }
}

export async function officeHoursOf(db: Db, officeId: string): Promise<OfficeHours> {
  const row = await db.selectFrom('office_hours').select('periods').where('office_id', '=', officeId).executeTakeFirst()
  return officeHoursFrom(officeId, row?.periods)
}

export async function getOfficeHours(
  ctx: AppContext,
  input: ParsedInput<'calendar.officeHours'>
): Promise<OfficeHours> {
  const office = await ctx.db.selectFrom('offices').select('id').where('id', '=', input.officeId).executeTakeFirst()
  if (!office) throw invalidField('officeId', '所选调解组织不存在')
  return officeHoursOf(ctx.db, input.officeId)
}

export async function setOfficeHours(
  ctx: AppContext,
  input: ParsedInput<'calendar.setOfficeHours'>
): Promise<OfficeHours> {
  await writeChange(ctx, 'calendar.setOfficeHours', async (trx, record) => {
    const office = await trx.selectFrom('offices').select('id').where('id', '=', input.officeId).executeTakeFirst()
    if (!office) throw invalidField('officeId', '所选调解组织不存在')
    const now = ctx.clock.now().toISOString()
    const periods = JSON.stringify(input.periods)
    const before = await trx
      .selectFrom('office_hours')
      .selectAll()
      .where('office_id', '=', input.officeId)
      .executeTakeFirst()
    if (before) {
      const after = { ...before, periods, updated_at: now, version: before.version + 1 }
      await trx.updateTable('office_hours').set(after).where('id', '=', before.id).execute()
      record({
        entity: 'office_hours',
        entityId: before.id,
        operation: 'update',
        version: after.version,
        before,
        after
      })
    } else {
      const row = { id: uuidv7(), office_id: input.officeId, periods, created_at: now, updated_at: now, version: 1 }
      await trx.insertInto('office_hours').values(row).execute()
      record({ entity: 'office_hours', entityId: row.id, operation: 'insert', version: 1, after: row })
    }
  })
  return officeHoursOf(ctx.db, input.officeId)
}
