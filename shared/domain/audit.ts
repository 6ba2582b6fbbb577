/*
 * The audit trail as supervisors and admins read it (DESIGN §3.7): who did
 * what to which record and when, filterable, and its hash chain verified.
 */
import { z } from '../validation'
import { ISO_DATE } from '../rules/china-time'

/** What the records are called in zh-CN, by table. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  offices: '调解组织',
  settings: '设置',
  users: '用户',
  dispute_types: '纠纷类型',
  case_sources: '案件来源',
  cases: '案件',
  parties: '当事人',
  case_parties: '案件当事人',
  case_events: '案件记事',
  chambers: '商会',
  mediators: '调解员',
  mediator_offices: '调解员所属组织',
  mediator_specialties: '调解员专长',
  mediator_chambers: '调解员服务商会',
  mediator_credentials: '调解员资质',
  mediator_conflicts: '调解员利害关系',
  mediator_leaves: '调解员请假',
  assignments: '案件指派',
  backups: '数据库备份',
  hub_exports: '上报数据包',
  hub_imports: '导入的数据包',
  hub_office_keys: '调解组织公钥',
  office_key: '上报签名密钥',
  user_offices: '用户所属组织',
  rooms: '调解室',
  office_hours: '办公时间',
  holiday_years: '节假日年度安排',
  hearings: '调解会',
  hearing_mediators: '调解会调解员',
  hearing_parties: '调解会当事人',
  case_lifecycle: '案件办理进程',
  case_records: '调查与调解记录',
  agreements: '调解协议',
  agreement_terms: '协议履行事项',
  terminations: '调解终止',
  follow_ups: '回访',
  judicial_confirmations: '司法确认',
  mediation_extensions: '调解期限延长',
  closing_reports: '结案报告',
  case_archives: '归档',
  case_amendments: '案件更正',
  documents: '文书',
  grids: '网格',
  patrol_reports: '排查记录',
  report_figures: '报表手填数',
  key_persons: '重点人员',
  key_person_logs: '重点人员记录',
  referrals: '转介'
}

/** What each recorded action was, in zh-CN (the actions are contract methods and the app's own tools). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'reference.seed': '载入参考数据',
  'users.bootstrap': '建立本机账户',
  'settings.set': '修改设置',
  'cases.register': '登记纠纷',
  'cases.accept': '受理',
  'cases.decline': '不予受理',
  'cases.route': '移交或转交',
  'cases.setRisk': '变更风险等级',
  'mediators.create': '新增调解员',
  'mediators.update': '修改调解员信息',
  'mediators.viewSensitive': '查看调解员完整身份信息',
  'mediators.exportXlsx': '导出调解员名册（含完整身份信息）',
  'mediators.import': '导入调解员名册',
  'chambers.add': '新增商会',
  'assignments.assign': '指派调解员',
  'assignments.recuse': '调解员回避',
  'seed.roster': '生成测试名册',
  'parties.reveal': '查看当事人完整身份信息',
  'auth.setupAdmin': '设置系统管理员账户',
  'auth.signIn': '登录',
  'auth.signInFailed': '登录失败（密码错误）',
  'auth.signOut': '退出登录',
  'auth.changePassword': '修改密码',
  'users.create': '新增账户',
  'users.update': '修改账户',
  'users.resetPassword': '重置密码',
  'users.enable': '启用账户',
  'users.disable': '停用账户',
  'backups.daily': '每日自动备份',
  'backups.manual': '手动备份',
  'backups.restore': '安排从备份恢复',
  'backups.cancelRestore': '取消从备份恢复',
  'seed.bulk': '生成测试案件',
  'cases.amend': '更正已归档案件',
  'cases.similarOpened': '查看相似纠纷案件',
  'cases.startMediation': '开始调解',
  'cases.setReferral': '登记法院委派或委托',
  'cases.extend': '延长调解期限',
  'cases.fail': '调解不成',
  'cases.withdraw': '撤回调解申请',
  'cases.close': '结案',
  'cases.archive': '归档',
  'records.add': '添加调查或调解记录',
  'agreements.create': '登记调解协议',
  'agreements.markTerm': '登记协议事项履行',
  'followUps.add': '登记回访',
  'confirmations.apply': '登记申请司法确认',
  'confirmations.recordRuling': '登记司法确认裁定',
  'documents.generate': '生成文书',
  'documents.attach': '附加扫描件或签署件',
  'documents.open': '打开文书文件',
  'documents.exportCaseFile': '导出卷宗',
  'hearings.schedule': '安排调解会',
  'hearings.reschedule': '调整调解会',
  'hearings.postpone': '调解会延期',
  'hearings.cancel': '取消调解会',
  'hearings.markHeld': '调解会已召开',
  'hearings.markNotified': '登记已通知当事人',
  'rooms.save': '保存调解室',
  'calendar.seed': '载入节假日安排',
  'calendar.setDay': '设置节假日或调休日',
  'calendar.removeDay': '删除节假日安排',
  'calendar.reseedYear': '按内置安排重置全年节假日',
  'calendar.setOfficeHours': '设置办公时间',
  'grids.import': '导入网格清单',
  'patrols.save': '保存排查记录',
  'keyPersons.register': '登记重点人员',
  'keyPersons.setLevel': '调整重点人员等级',
  'keyPersons.setResponsible': '更换重点人员责任人',
  'keyPersons.logReview': '登记走访或评估',
  'keyPersons.close': '重点人员销号',
  'referrals.create': '转介当事人',
  'referrals.setStatus': '更新转介进展',
  'referrals.notes': '查看转介备注',
  'reports.exportCaseList': '导出案件清单',
  'reports.saveFigures': '保存报表手填数',
  'hub.generateKey': '生成上报签名密钥',
  'hub.registerOffice': '登记调解组织公钥',
  'hub.export': '生成上报数据包',
  'hub.bundleFile': '下载上报数据包（本机副本）',
  'hub.saveBundle': '另存上报数据包（本机副本）',
  'hub.deleteBundle': '删除上报数据包（本机副本）',
  'hub.removeOldCopies': '按保留规则删除较早数据包的本机副本',
  'hub.import': '导入上报数据包'
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

/** Zh-CN names of the columns changes most often touch; others show as stored. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  status: '状态',
  case_number: '案件编号',
  case_year: '编号年度',
  case_sequence: '编号序号',
  accepted_at: '受理时间',
  declined_at: '不予受理时间',
  decline_reason: '不予受理理由',
  decline_route: '告知的救济途径',
  risk_level: '风险等级',
  risk_reason: '风险说明',
  handling_office_id: '办理组织',
  summary: '纠纷简要情况',
  name: '名称',
  phone: '电话',
  id_number: '证件号码',
  address: '住址',
  role: '角色',
  kind: '类别',
  reason: '原因',
  from_status: '原状态',
  to_status: '新状态',
  detail: '详情',
  value: '值',
  key: '设置项'
}

/** Bookkeeping columns every row has: shown only by the raw export. */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set(['id', 'created_at', 'updated_at', 'version'])

/** The label of a table, or its own name for one not listed yet. */
export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity
}

export interface AuditEntry {
  id: string
  chainSeq: number | null
  at: string
  actorId: string
  actorName: string
  /** The method or tool that made the change, e.g. `cases.accept`. */
  action: string
  entity: string
  entityId: string
  caseId: string | null
  caseNumber: string | null
  /** The fields that changed: `{ before, after }`. */
  summary: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }
}

/** A party's identifiers in full, shown on demand and audited. */
export interface RevealedParty {
  partyId: string
  name: string
  idNumber: string | null
  creditCode: string | null
  phone: string | null
  address: string | null
}

export interface AuditActor {
  id: string
  name: string
}

export interface AuditPage {
  rows: AuditEntry[]
  /** Pass as `beforeSeq` for the next (older) page; null at the start of the trail. */
  nextBeforeSeq: number | null
}

export interface AuditProblem {
  chainSeq: number | null
  id: string | null
  at: string | null
  problem: string
}

export interface AuditVerification {
  checked: number
  ok: boolean
  /** The first problems found, in chain order (at most 20). */
  problems: AuditProblem[]
  headSeq: number
  headHash: string | null
  verifiedAt: string
}

const dateField = z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')

export const auditFilterSchema = z
  .object({
    actorId: z.uuid('用户编号无效').optional(),
    caseId: z.uuid('案件编号无效').optional(),
    action: z.string().trim().min(1, '此项不能为空').max(60).optional(),
    entity: z.string().trim().min(1, '此项不能为空').max(60).optional(),
    fromDate: dateField.optional(),
    toDate: dateField.optional()
  })
  .strict()
  .refine((f) => !f.fromDate || !f.toDate || f.fromDate <= f.toDate, {
    message: '结束日期不能早于开始日期',
    path: ['toDate']
  })

export const listAuditSchema = z
  .object({
    filter: auditFilterSchema.optional(),
    beforeSeq: z.int('应为整数').positive('应为正整数').optional(),
    limit: z.int('应为整数').min(1, '至少 1 条').max(500, '每页最多 500 条').optional()
  })
  .strict()

export type AuditFilter = z.output<typeof auditFilterSchema>
