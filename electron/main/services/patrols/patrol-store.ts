/*
 * Reading patrol reports: one row shape for the list, the detail and the
 * case's link, joined with the grid list (for the grid's name and place) and
 * the linked case (for its number), always within this installation's office.
 */
import type { Kysely } from 'kysely'
import type { PatrolPage, PatrolParty, PatrolReport } from '../../../../shared/contract/patrols'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { AppError, notFound } from '../../errors'
import { getSetting } from '../settings'
import type { Trx } from '../write'

/** The office patrol reports and grids belong to: this installation's. */
export async function patrolOfficeId(ctx: AppContext): Promise<string> {
  const setting = await getSetting(ctx, { key: 'installation.officeId' })
  if (typeof setting.value !== 'string') {
    throw new AppError('VALIDATION_FAILED', '尚未设置本机所属调解组织，请先完成首次使用设置')
  }
  return setting.value
}

function baseQuery(db: Kysely<Database> | Trx) {
  return db
    .selectFrom('patrol_reports as p')
    .leftJoin('grids as g', 'g.code', 'p.grid_code')
    .leftJoin('cases as c', 'c.id', 'p.case_id')
    .selectAll('p')
    .select(['g.name as grid_name', 'g.township as grid_township', 'g.village as grid_village', 'c.case_number'])
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function parseParties(text: string): PatrolParty[] {
  const parsed = JSON.parse(text) as Array<Partial<PatrolParty>>
  return parsed.map((p) => ({
    name: p.name ?? '',
    role: p.role ?? null,
    phone: p.phone ?? null,
    idNumber: p.idNumber ?? null
  }))
}

function toReport(row: Row): PatrolReport {
  return {
    id: row.id,
    officeId: row.office_id,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    township: row.grid_township,
    village: row.grid_village,
    reporterName: row.reporter_name,
    reporterPhone: row.reporter_phone,
    patrolledAt: row.patrolled_at,
    place: row.place,
    findings: row.findings,
    disputesFound: row.disputes_found,
    parties: parseParties(row.parties),
    handling: row.handling,
    handlingNote: row.handling_note,
    caseId: row.case_id,
    caseNumber: row.case_number,
    createdAt: row.created_at,
    version: row.version
  }
}

export async function loadPatrol(db: Kysely<Database> | Trx, officeId: string, id: string): Promise<PatrolReport> {
  const row = await baseQuery(db).where('p.id', '=', id).where('p.office_id', '=', officeId).executeTakeFirst()
  if (!row) throw notFound('排查记录')
  return toReport(row)
}

export async function getPatrol(ctx: AppContext, input: ParsedInput<'patrols.get'>): Promise<PatrolReport> {
  return loadPatrol(ctx.db, await patrolOfficeId(ctx), input.id)
}

/** The month's last instant sorts below 'YYYY-MM~' as patrolled_at is 'YYYY-MM-DD HH:mm'. */
export async function listPatrols(ctx: AppContext, input: ParsedInput<'patrols.list'>): Promise<PatrolPage> {
  const officeId = await patrolOfficeId(ctx)
  let query = baseQuery(ctx.db).where('p.office_id', '=', officeId)
  if (input.month)
    query = query.where('p.patrolled_at', '>=', input.month).where('p.patrolled_at', '<', `${input.month}~`)
  if (input.gridCode) query = query.where('p.grid_code', '=', input.gridCode)
  if (input.handling) query = query.where('p.handling', '=', input.handling)
  if (input.township) query = query.where('g.township', '=', input.township)
  if (input.caseId) query = query.where('p.case_id', '=', input.caseId)
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await query
    .orderBy('p.patrolled_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute()
  return { rows: rows.map(toReport), total: Number(total) }
}
