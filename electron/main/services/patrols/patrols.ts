/*
 * Entering patrol reports, passing them on to intake and counting them by
 * month. The rules a well-formed input can still break (an unknown grid, a
 * time in the future, a bad ID number) are checked before anything is
 * written; every write is one audited transaction (write.ts).
 */
import {
  GRID_REPORT_SOURCE,
  type PatrolIntakePrefill,
  type PatrolMonth,
  type PatrolParty,
  type PatrolReport
} from '../../../../shared/contract/patrols'
import type { CaseDetail } from '../../../../shared/domain/case'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate, chinaDateTime } from '../../../../shared/rules/china-time'
import { checkPhone } from '../../../../shared/rules/phone'
import { checkResidentId } from '../../../../shared/rules/resident-id'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import type { PatrolReportTable } from '../../db/schema-prevention'
import { AppError, invalidField, notFound } from '../../errors'
import { registerCase } from '../cases'
import { writeChange } from '../write'
import { patrolFigures } from './figures'
import { loadPatrol, patrolOfficeId } from './patrol-store'

type SaveInput = ParsedInput<'patrols.save'>

/** A real calendar time: the regex lets 2026-02-30 through. */
function isRealTime(text: string): boolean {
  const instant = new Date(`${text.replace(' ', 'T')}:00+08:00`)
  return !Number.isNaN(instant.getTime()) && chinaDateTime(instant) === text
}

/** Field errors of the rules that need the store or the clock; the parties come back normalised. */
async function checkSave(
  ctx: AppContext,
  officeId: string,
  input: SaveInput
): Promise<{ fields: Record<string, string>; parties: PatrolParty[]; reporterPhone: string | null }> {
  const fields: Record<string, string> = {}
  const now = ctx.clock.now()
  if (!isRealTime(input.patrolledAt)) fields.patrolledAt = '没有这个日期或时间'
  else if (input.patrolledAt > chinaDateTime(now)) fields.patrolledAt = '排查时间不能晚于现在'
  const grid = await ctx.db
    .selectFrom('grids')
    .select('id')
    .where('code', '=', input.gridCode)
    .where('office_id', '=', officeId)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!grid) fields.gridCode = '没有这个网格，或该网格不属于本调解组织、已停用'
  let reporterPhone: string | null = null
  if (input.reporterPhone) {
    const phone = checkPhone(input.reporterPhone)
    if (phone.ok) reporterPhone = phone.normalized
    else fields.reporterPhone = phone.message
  }
  const today = chinaDate(now)
  const parties = input.parties.map((party, index) => {
    const out: PatrolParty = { name: party.name, role: party.role ?? null, phone: null, idNumber: null }
    if (party.phone) {
      const phone = checkPhone(party.phone)
      if (phone.ok) out.phone = phone.normalized
      else fields[`parties.${index}.phone`] = phone.message
    }
    if (party.idNumber) {
      const id = checkResidentId(party.idNumber, today)
      if (id.ok) out.idNumber = id.info.normalized
      else fields[`parties.${index}.idNumber`] = id.message
    }
    return out
  })
  return { fields, parties, reporterPhone }
}

export async function savePatrol(ctx: AppContext, input: SaveInput): Promise<PatrolReport> {
  const officeId = await patrolOfficeId(ctx)
  const { fields, parties, reporterPhone } = await checkSave(ctx, officeId, input)
  const before = input.id
    ? await ctx.db
        .selectFrom('patrol_reports')
        .selectAll()
        .where('id', '=', input.id)
        .where('office_id', '=', officeId)
        .executeTakeFirst()
    : undefined
  if (input.id && !before) throw notFound('排查记录')
  if (before?.case_id && input.handling !== 'passed_on') {
    fields.handling = '该记录已转入受理并登记了案件，处置方式不能再改'
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', '输入有误，请检查标出的字段', fields)
  if (before && before.version !== input.version) {
    throw new AppError('CONFLICT', '该排查记录已被他人修改，请重新打开后再改')
  }

  const id = await writeChange(ctx, 'patrols.save', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const content = {
      grid_code: input.gridCode,
      reporter_name: input.reporterName,
      reporter_phone: reporterPhone,
      patrolled_at: input.patrolledAt,
      place: input.place,
      findings: input.findings,
      disputes_found: input.disputesFound,
      parties: JSON.stringify(parties),
      handling: input.handling,
      handling_note: input.handlingNote
    }
    if (before) {
      const after = { ...before, ...content, updated_at: now, version: before.version + 1 }
      // The version in the where clause: a save racing another is refused, not merged.
      const result = await trx
        .updateTable('patrol_reports')
        .set({ ...content, updated_at: now, version: after.version })
        .where('id', '=', before.id)
        .where('version', '=', before.version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1)
        throw new AppError('CONFLICT', '该排查记录已被他人修改，请重新打开后再改')
      record({
        entity: 'patrol_reports',
        entityId: before.id,
        operation: 'update',
        version: after.version,
        before,
        after
      })
      return before.id
    }
    const row: PatrolReportTable = {
      id: uuidv7(),
      office_id: officeId,
      ...content,
      case_id: null,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1
    }
    await trx.insertInto('patrol_reports').values(row).execute()
    record({ entity: 'patrol_reports', entityId: row.id, operation: 'insert', version: 1, after: { ...row } })
    return row.id
  })
  return loadPatrol(ctx.db, officeId, id)
}

function refuseLinked(report: Pick<PatrolReport, 'caseId' | 'caseNumber'>): void {
  if (report.caseId) {
    const which = report.caseNumber ? `（${report.caseNumber}）` : ''
    throw new AppError('CONFLICT', `该排查记录已转入受理并登记了案件${which}，不能重复转入`)
  }
}

export async function passToIntake(
  ctx: AppContext,
  input: ParsedInput<'patrols.passToIntake'>
): Promise<PatrolIntakePrefill> {
  const report = await loadPatrol(ctx.db, await patrolOfficeId(ctx), input.id)
  refuseLinked(report)
  return {
    patrolId: report.id,
    source: GRID_REPORT_SOURCE,
    summary: `网格员${report.reporterName}于${report.patrolledAt}在${report.place}排查发现：${report.findings}`,
    occurredOn: report.patrolledAt.slice(0, 10),
    placeTownship: report.township,
    placeVillage: report.village,
    parties: report.parties
  }
}

/**
 * Register the case and link the report inside registration's own transaction: the report is re-read
 * there, so two clerks passing the same report on cannot both succeed, and a failed link leaves no case.
 */
export async function registerFromPatrol(
  ctx: AppContext,
  input: ParsedInput<'patrols.registerCase'>
): Promise<CaseDetail> {
  const officeId = await patrolOfficeId(ctx)
  const report = await ctx.db
    .selectFrom('patrol_reports')
    .select(['id', 'case_id'])
    .where('id', '=', input.patrolId)
    .where('office_id', '=', officeId)
    .executeTakeFirst()
  if (!report) throw invalidField('patrolId', '排查记录不存在')
  if (report.case_id) throw invalidField('patrolId', '该排查记录已转入受理并登记了案件，不能重复转入')

  return registerCase(ctx, input.registration, async (trx, record, caseId) => {
    const before = await trx
      .selectFrom('patrol_reports')
      .selectAll()
      .where('id', '=', input.patrolId)
      .executeTakeFirstOrThrow()
    if (before.case_id) throw new AppError('CONFLICT', '该排查记录已被他人转入受理，未登记新案件')
    const now = ctx.clock.now().toISOString()
    const changes = { case_id: caseId, handling: 'passed_on' as const, updated_at: now, version: before.version + 1 }
    await trx.updateTable('patrol_reports').set(changes).where('id', '=', before.id).execute()
    record({
      entity: 'patrol_reports',
      entityId: before.id,
      operation: 'update',
      version: changes.version,
      before,
      after: { ...before, ...changes }
    })
  })
}

function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number)
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${month}-${String(days).padStart(2, '0')}`
}

/** The twelve months of a year, each counted by patrolFigures: the same numbers the statistics report shows. */
export async function patrolMonthly(ctx: AppContext, input: ParsedInput<'patrols.monthly'>): Promise<PatrolMonth[]> {
  const officeId = await patrolOfficeId(ctx)
  const months: PatrolMonth[] = []
  for (let m = 1; m <= 12; m++) {
    const month = `${input.year}-${String(m).padStart(2, '0')}`
    const figures = await patrolFigures(ctx.db, { officeIds: [officeId], from: `${month}-01`, to: lastDay(month) })
    months.push({ month, ...figures })
  }
  return months
}
