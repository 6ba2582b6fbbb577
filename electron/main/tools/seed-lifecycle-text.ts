/*
 * The words of the generated lifecycle: what the mediator writes in a
 * session's record, an agreement's facts and terms, a closing report's
 * result, a failure's reason. Few and plain, as the forms are filled in.
 */
import type { MediationResult, TerminationRoute } from '../../../shared/domain/lifecycle'

export const SESSION_PURPOSES = ['组织双方当事人调解', '听取双方陈述并调解', '继续调解', '现场查看并调解']
export const HELD_NOTES = [null, null, '双方当事人均按时到场', '一方当事人委托代理人到场']

export const STATEMENTS: Record<'applicant' | 'respondent', readonly string[]> = {
  applicant: [
    '要求对方按约定履行义务并赔偿损失',
    '陈述纠纷经过，坚持原有请求',
    '同意在对方承担主要责任的前提下协商解决',
    '希望尽快解决，愿意适当让步'
  ],
  respondent: [
    '对事实无异议，但认为请求金额过高',
    '认为双方均有责任，愿意协商',
    '同意分期履行',
    '对部分事实有异议，已提交相关材料'
  ]
}

export const RISK_WARNINGS = ['已告知当事人调解协议的法律效力及不履行的后果', '已告知当事人可以申请司法确认', null]
export const EVIDENCE_NOTES = [null, '已核对双方提交的书面材料', '已查看现场并拍照留存']

export const RESULT_NOTES: Record<MediationResult, readonly (string | null)[]> = {
  agreement: [null, '双方当场签订调解协议'],
  // records.add asks why when a session fails.
  failed: ['双方分歧较大，调解不成', '被申请人不同意调解方案'],
  continued: [null, '双方同意择日再调', '待一方当事人补充材料后继续调解']
}

export const DISPUTED_POINTS = [
  '双方对责任划分和赔偿金额存在争议',
  '双方对款项数额及支付期限存在争议',
  '双方对事实经过及各自义务存在争议'
]
export const RESPONSIBILITIES = [
  '被申请人承担主要责任，申请人承担次要责任',
  '双方各自承担相应责任',
  '被申请人承担全部责任'
]
export const PERFORMANCE_MANNERS = ['银行转账', '现金当面支付', '分期支付', '按协议约定的方式履行']
export const NON_MONEY_TERMS = [
  '双方按协议约定各自履行义务，今后互不追究',
  '被申请人于期限内排除妨碍、恢复原状',
  '双方共同维护邻里和睦，不再发生争执'
]

export const CLOSING_RESULTS = {
  agreement: ['达成调解协议，协议已履行完毕', '达成调解协议并当场履行'],
  follow_up: ['达成调解协议，经回访已履行', '达成调解协议，经回访部分履行，已告知后续途径'],
  failed: ['调解不成，已告知当事人通过其他途径解决'],
  withdrawn: ['当事人撤回调解申请，终止调解']
} as const

export const FAILURE_REASONS = [
  '双方分歧较大，经多次调解仍未能达成协议',
  '一方当事人拒绝继续调解',
  '申请人坚持诉讼解决'
]
export const FAILURE_ROUTES: ReadonlyArray<readonly TerminationRoute[]> = [
  ['court'],
  ['court'],
  ['arbitration'],
  ['administrative', 'court']
]
export const WITHDRAWAL_REASONS = ['双方已自行和解', '申请人决定向人民法院起诉', '申请人不愿继续调解']

export const COURT = '温州市瓯海区人民法院'
/** The district court's code in civil case numbers (浙0304 = 瓯海). */
export const COURT_CODE = '浙0304'
