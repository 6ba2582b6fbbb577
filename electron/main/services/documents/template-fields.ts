/*
 * Placeholders shared by several templates, each with its meaning, written
 * once: the catalogue (docs/templates.md) and the document model both read them.
 */
import type { LoopDefinition } from './template-model'

export const CASE_FIELDS = {
  officeName: '承办的人民调解委员会（调解组织）名称',
  caseNumber: '案件编号，如（2026）瓯海梧田调字第12号；未受理的案件为空',
  disputeType: '纠纷类型，如“邻里纠纷”',
  source: '案件来源',
  summary: '纠纷简要情况',
  amount: '涉及金额，如“人民币12,500.50元”',
  registeredOn: '登记日期（2026年11月20日）',
  acceptedOn: '受理日期',
  today: '文书制作日期',
  mediators: '承办调解员姓名，顿号分隔',
  registrar: '登记人（经办人）',
  applicantNames: '全部申请人姓名或名称，顿号分隔',
  respondentNames: '全部被申请人姓名或名称，顿号分隔',
  partyNames: '全部当事人姓名或名称，顿号分隔',
  claimsText: '申请事项，每项一行并编号'
} as const

export const PARTY_FIELDS = {
  roleLabel: '当事人身份（申请人、被申请人、第三人、代理人）',
  name: '姓名或单位名称',
  kindLabel: '自然人或单位',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  age: '年龄（按制作日期计算）',
  occupation: '职业',
  employer: '工作单位',
  idType: '证件类型',
  idNumber: '证件号码',
  creditCode: '统一社会信用代码（单位）',
  legalRepresentative: '法定代表人（单位）',
  phone: '联系电话',
  address: '住址或单位地址',
  identity: '证件类型及号码（自然人）或统一社会信用代码（单位），一行',
  partyLine:
    '当事人基本情况，一句话：姓名，性别，民族，出生日期，职业，证件，住址，电话（单位：名称、信用代码、法定代表人、地址）'
} as const

export const partyLoop = (meaning: string): LoopDefinition => ({ meaning, fields: PARTY_FIELDS })

export const CLAIMS_LOOP: LoopDefinition = {
  meaning: '申请事项，逐项',
  fields: { number: '序号', content: '申请事项内容' }
}

export const AGREEMENT_FIELDS = {
  agreementNumber: '协议编号（沿用案件编号）',
  facts: '纠纷主要事实',
  disputedPoints: '争议事项',
  responsibility: '各方责任',
  performanceManner: '履行方式',
  performanceDeadline: '履行期限（日期）',
  agreementAmount: '协议涉及金额',
  copies: '协议份数',
  signedOn: '签订日期',
  effectiveOn: '生效日期',
  mediatorName: '主持调解的人民调解员',
  termsText: '协议条款，每条一行并编号'
} as const

export const TERMS_LOOP: LoopDefinition = {
  meaning: '协议条款，逐条',
  fields: { number: '条款序号', content: '条款内容', termAmount: '本条涉及金额', dueOn: '本条履行期限' }
}
