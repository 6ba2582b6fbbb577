/*
 * Reading the audit trail: a filtered, keyset-paged list (newest first), an
 * XLSX export of the same filter, and the verification of the hash chain.
 * Entries are never pruned: the baseline asks for at least 180 days, and the
 * trail is what proves the history of a case long after it is archived.
 */
import ExcelJS from 'exceljs'
import type { SelectQueryBuilder } from 'kysely'
import { auditEntityLabel, type AuditEntry, type AuditFilter, type AuditPage } from '../../../../shared/domain/audit'
import type { AuditActor, AuditProblem, AuditVerification } from '../../../../shared/domain/audit'
import type { SpreadsheetFile } from '../../../../shared/domain/mediator'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate, chinaDateTime } from '../../../../shared/rules/china-time'
import { SYSTEM_ACTOR, type AppContext } from '../../context'
import type { AuditLogRow, Database } from '../../db/schema'
import { auditHash, GENESIS_HASH } from './audit-hash'

const PAGE_SIZE = 50
const EXPORT_LIMIT = 50_000
const VERIFY_BATCH = 2_000
const MAX_PROBLEMS = 20

type AuditRowWithCase = AuditLogRow & { case_number: string | null }

/** The UTC instant a China calendar date begins (UTC+8, no daylight saving). */
function chinaDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

function filtered(ctx: AppContext, filter: AuditFilter | undefined) {
  let query = ctx.db
    .selectFrom('audit_log')
    .leftJoin('cases', 'cases.id', 'audit_log.case_id')
    .selectAll('audit_log')
    .select('cases.case_number')
  if (filter?.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId)
  if (filter?.caseId) query = query.where('audit_log.case_id', '=', filter.caseId)
  if (filter?.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter?.entity) query = query.where('audit_log.entity', '=', filter.entity)
  if (filter?.fromDate) query = query.where('audit_log.at', '>=', chinaDayStart(filter.fromDate))
  if (filter?.toDate) query = query.where('audit_log.at', '<', chinaDayStart(nextDay(filter.toDate)))
  return query
}

function toEntry(row: AuditRowWithCase): AuditEntry {
  return {
    id: row.id,
    chainSeq: row.chain_seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    summary: JSON.parse(row.summary) as AuditEntry['summary']
  }
}

export async function listAudit(ctx: AppContext, input: ParsedInput<'audit.list'>): Promise<AuditPage> {
  const limit = input.limit ?? PAGE_SIZE
  let query: SelectQueryBuilder<Database, 'audit_log' | 'cases', AuditRowWithCase> = filtered(ctx, input.filter)
  if (input.beforeSeq) query = query.where('audit_log.chain_seq', '<', input.beforeSeq)
  const rows = await query
    .orderBy('audit_log.chain_seq', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  return {
    rows: page.map(toEntry),
    nextBeforeSeq: rows.length > limit ? (page[page.length - 1].chain_seq ?? null) : null
  }
}

export async function listAuditActors(ctx: AppContext): Promise<AuditActor[]> {
  const users = await ctx.db.selectFrom('users').select(['id', 'display_name']).orderBy('display_name').execute()
  return [
    ...users.map((u) => ({ id: u.id, name: u.display_name })),
    { id: SYSTEM_ACTOR.id, name: SYSTEM_ACTOR.displayName }
  ]
}

/** Walk the whole chain in order: every position present once, each row linked to the last and unaltered. */
export async function verifyAudit(ctx: AppContext): Promise<AuditVerification> {
  const problems: AuditProblem[] = []
  const note = (problem: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const outside = await ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at'])
    .where('chain_seq', 'is', null)
    .limit(MAX_PROBLEMS)
    .execute()
  for (const row of outside)
    note({ chainSeq: null, id: row.id, at: row.at, problem: '记录不在链上：不是由本软件写入的' })

  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let checked = 0
  let broken = outside.length > 0
  for (;;) {
    const batch = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', '>=', expectedSeq)
      .orderBy('chain_seq')
      .limit(VERIFY_BATCH)
      .execute()
    if (batch.length === 0) break
    for (const row of batch) {
      const seq = row.chain_seq ?? 0
      if (seq !== expectedSeq) {
        note({
          chainSeq: expectedSeq,
          id: null,
          at: null,
          problem: `缺少第 ${expectedSeq}–${seq - 1} 条记录：已被删除`
        })
        broken = true
      } else if (row.prev_hash !== prevHash) {
        note({ chainSeq: seq, id: row.id, at: row.at, problem: '与上一条记录的链接不符：前面的记录被删除或替换' })
        broken = true
      }
      if (row.hash !== auditHash(seq, row.prev_hash ?? '', row)) {
        note({ chainSeq: seq, id: row.id, at: row.at, problem: '记录内容与其校验值不符：已被改动' })
        broken = true
      }
      prevHash = row.hash ?? ''
      expectedSeq = seq + 1
      checked++
    }
  }
  return {
    checked,
    ok: !broken,
    problems,
    headSeq: expectedSeq - 1,
    headHash: checked > 0 ? prevHash : null,
    verifiedAt: ctx.clock.now().toISOString()
  }
}

function describeChange(summary: AuditEntry['summary']): string {
  const text = JSON.stringify(summary.after ?? summary.before ?? {})
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text
}

export async function exportAuditXlsx(
  ctx: AppContext,
  input: ParsedInput<'audit.exportXlsx'>
): Promise<SpreadsheetFile> {
  const rows = await filtered(ctx, input.filter).orderBy('audit_log.chain_seq', 'desc').limit(EXPORT_LIMIT).execute()
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间', key: 'at', width: 18 },
    { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象', key: 'entity', width: 16 },
    { header: '记录编号', key: 'entityId', width: 38 },
    { header: '案件编号', key: 'caseNumber', width: 26 },
    { header: '变更内容', key: 'change', width: 80 }
  ]
  sheet.getRow(1).font = { bold: true }
  for (const entry of rows.map(toEntry)) {
    sheet.addRow({
      seq: entry.chainSeq,
      at: chinaDateTime(entry.at),
      actor: entry.actorName,
      action: entry.action,
      entity: auditEntityLabel(entry.entity),
      entityId: entry.entityId,
      caseNumber: entry.caseNumber ?? '',
      change: describeChange(entry.summary)
    })
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return {
    fileName: `审计日志-${chinaDate(ctx.clock.now())}.xlsx`,
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64')
  }
}
