/*
 * reports.exportCaseList: every case the case list's filters match, as one
 * sheet. The rows are the list's own (listCases, paged through), so the file
 * holds exactly what the screen lists. Parties' identifiers are masked
 * (shared/rules/masking.ts) unless the role sees them whole
 * (seesFullIdentifiers); an unmasked export is a view of sensitive data and
 * goes into the audit trail.
 */
import ExcelJS from 'exceljs'
import { CASE_STATUS_LABELS } from '../../../../shared/domain/case'
import type { SpreadsheetFile } from '../../../../shared/domain/mediator'
import { RISK_LEVEL_LABELS } from '../../../../shared/domain/reference-data'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { chinaDate, chinaDateTime } from '../../../../shared/rules/china-time'
import { maskCreditCode, maskIdNumber, maskPhone } from '../../../../shared/rules/masking'
import { formatCents } from '../../../../shared/rules/money'
import { seesFullIdentifiers } from '../../../../shared/rules/report-fields'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { listCases } from '../case-list'
import { recordAuditOnly } from '../write'

/** A spreadsheet beyond this many rows is not a list anyone reads: narrow the filters instead. */
export const CASE_EXPORT_LIMIT = 50_000
const PAGE = 2_000

export const CASE_LIST_SHEET = '案件清单'

interface PartyCells {
  names: string[]
  ids: string[]
  phones: string[]
}

export async function exportCaseList(
  ctx: AppContext,
  input: ParsedInput<'reports.exportCaseList'>
): Promise<SpreadsheetFile> {
  const rows = []
  let cursor: string | undefined
  do {
    const page = await listCases(ctx, { ...input, cursor, limit: PAGE })
    rows.push(...page.rows)
    cursor = page.nextCursor ?? undefined
    if (rows.length > CASE_EXPORT_LIMIT) {
      throw new AppError('EXPORT_FAILED', `符合条件的案件超过 ${CASE_EXPORT_LIMIT} 件，请缩小筛选范围后再导出`)
    }
  } while (cursor)

  const full = seesFullIdentifiers(ctx.actor.role)
  const parties = new Map<string, { applicant: PartyCells; respondent: PartyCells }>()
  for (let i = 0; i < rows.length; i += 500) {
    const links = await ctx.db
      .selectFrom('case_parties')
      .innerJoin('parties', 'parties.id', 'case_parties.party_id')
      .select([
        'case_parties.case_id',
        'case_parties.role',
        'parties.name',
        'parties.id_number',
        'parties.credit_code',
        'parties.phone'
      ])
      .where(
        'case_parties.case_id',
        'in',
        rows.slice(i, i + 500).map((r) => r.id)
      )
      .where('case_parties.role', 'in', ['applicant', 'respondent'])
      .orderBy('case_parties.sort_order')
      .execute()
    for (const l of links) {
      const entry = parties.get(l.case_id) ?? {
        applicant: { names: [], ids: [], phones: [] },
        respondent: { names: [], ids: [], phones: [] }
      }
      const cells = l.role === 'applicant' ? entry.applicant : entry.respondent
      cells.names.push(l.name)
      const id = l.id_number
        ? full
          ? l.id_number
          : maskIdNumber(l.id_number)
        : full
          ? l.credit_code
          : maskCreditCode(l.credit_code)
      if (id) cells.ids.push(id)
      const phone = full ? l.phone : maskPhone(l.phone)
      if (phone) cells.phones.push(phone)
      parties.set(l.case_id, entry)
    }
  }

  const typeLabel = new Map(
    (await ctx.db.selectFrom('dispute_types').select(['code', 'label']).execute()).map((t) => [t.code, t.label])
  )
  const sourceLabel = new Map(
    (await ctx.db.selectFrom('case_sources').select(['code', 'label']).execute()).map((s) => [s.code, s.label])
  )
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(CASE_LIST_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: '序号', key: 'n', width: 8 },
    { header: '案件编号', key: 'number', width: 26 },
    { header: '登记时间', key: 'registered', width: 18 },
    { header: '受理时间', key: 'accepted', width: 18 },
    { header: '状态', key: 'status', width: 10 },
    { header: '纠纷类型', key: 'type', width: 18 },
    { header: '案件来源', key: 'source', width: 18 },
    { header: '风险等级', key: 'risk', width: 8 },
    { header: '承办组织', key: 'office', width: 30 },
    { header: '申请人', key: 'applicants', width: 16 },
    { header: '申请人证件号码', key: 'applicantIds', width: 22 },
    { header: '申请人联系电话', key: 'applicantPhones', width: 16 },
    { header: '被申请人', key: 'respondents', width: 16 },
    { header: '被申请人证件号码', key: 'respondentIds', width: 22 },
    { header: '被申请人联系电话', key: 'respondentPhones', width: 16 },
    { header: '涉及金额（元）', key: 'amount', width: 14 },
    { header: '最近期限', key: 'due', width: 12 },
    { header: '纠纷简要情况', key: 'summary', width: 60 }
  ]
  sheet.getRow(1).font = { bold: true }
  const join = (list: string[] | undefined) => (list ?? []).join('、')
  for (const [i, r] of rows.entries()) {
    const p = parties.get(r.id)
    sheet.addRow({
      n: i + 1,
      number: r.caseNumber ?? '（未受理）',
      registered: chinaDateTime(r.registeredAt),
      accepted: r.acceptedAt ? chinaDateTime(r.acceptedAt) : '',
      status: CASE_STATUS_LABELS[r.status],
      type: typeLabel.get(r.disputeType) ?? r.disputeType,
      source: sourceLabel.get(r.source) ?? r.source,
      risk: RISK_LEVEL_LABELS[r.riskLevel],
      office: r.handlingOfficeName,
      applicants: join(p?.applicant.names),
      applicantIds: join(p?.applicant.ids),
      applicantPhones: join(p?.applicant.phones),
      respondents: join(p?.respondent.names),
      respondentIds: join(p?.respondent.ids),
      respondentPhones: join(p?.respondent.phones),
      amount: r.amountCents === null ? '' : formatCents(r.amountCents),
      due: r.nextDueOn ?? '',
      summary: r.summary
    })
  }
  if (full) {
    await recordAuditOnly(ctx, 'reports.exportCaseList', [
      {
        entity: 'cases',
        entityId: 'case-list-export',
        before: null,
        after: { rows: rows.length, filters: input, unmasked: true }
      }
    ])
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return {
    fileName: `案件清单-${chinaDate(ctx.clock.now())}.xlsx`,
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64')
  }
}
