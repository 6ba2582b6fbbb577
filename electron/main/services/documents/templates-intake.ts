/* Intake documents: application, acceptance register and receipt, notice of rights and duties, decline notice. */
import { CASE_FIELDS, CLAIMS_LOOP, partyLoop } from './template-fields'
import { labelledRow, type Block, type TemplateDefinition } from './template-model'

const officeSeal: Block[] = [
  { type: 'space', lines: 1 },
  { type: 'para', text: '{officeName}（盖章）', align: 'right' },
  { type: 'para', text: '{today}', align: 'right' }
]

export const application: TemplateDefinition = {
  kind: 'application',
  fileName: 'application.docx',
  fields: CASE_FIELDS,
  loops: {
    applicants: partyLoop('申请人，逐个'),
    respondents: partyLoop('被申请人，逐个'),
    claims: CLAIMS_LOOP
  },
  blocks: [
    { type: 'title', text: '人民调解申请书' },
    { type: 'loop', name: 'applicants', blocks: [{ type: 'para', text: '申请人：{partyLine}' }] },
    { type: 'loop', name: 'respondents', blocks: [{ type: 'para', text: '被申请人：{partyLine}' }] },
    { type: 'para', text: '纠纷简要情况：', bold: true },
    { type: 'para', text: '{summary}', indent: true },
    { type: 'para', text: '申请事项：', bold: true },
    { type: 'loop', name: 'claims', blocks: [{ type: 'para', text: '{number}．{content}', indent: true }] },
    { type: 'para', text: '涉及金额：{amount}', indent: true },
    {
      type: 'para',
      indent: true,
      text: '申请人已知悉人民调解的性质、原则、效力以及当事人在调解活动中享有的权利和承担的义务，自愿申请{officeName}予以调解。'
    },
    { type: 'para', text: '此致', indent: true },
    { type: 'para', text: '{officeName}' },
    { type: 'sign', lines: ['申请人（签名、盖章或按指印）：'] },
    { type: 'para', text: '{registeredOn}', align: 'right' }
  ]
}

export const acceptanceRegister: TemplateDefinition = {
  kind: 'acceptance_register',
  fileName: 'acceptance-register.docx',
  fields: CASE_FIELDS,
  loops: { parties: partyLoop('全部当事人，按登记顺序') },
  blocks: [
    { type: 'title', text: '人民调解受理登记表' },
    { type: 'subtitle', text: '编号：{caseNumber}', align: 'right' },
    {
      type: 'table',
      widths: [2, 3, 2, 3],
      rows: [
        {
          cells: [
            { text: '登记日期', label: true },
            { text: '{registeredOn}' },
            { text: '受理日期', label: true },
            { text: '{acceptedOn}' }
          ]
        },
        {
          cells: [
            { text: '纠纷类型', label: true },
            { text: '{disputeType}' },
            { text: '案件来源', label: true },
            { text: '{source}' }
          ]
        },
        {
          cells: [
            { text: '当事人身份', label: true },
            { text: '姓名或名称', label: true },
            { text: '证件号码', label: true },
            { text: '联系电话及住址', label: true }
          ]
        },
        {
          loop: 'parties',
          cells: [{ text: '{roleLabel}' }, { text: '{name}' }, { text: '{identity}' }, { text: '{phone}\n{address}' }]
        },
        labelledRow('纠纷简要情况', '{summary}', 5),
        labelledRow('申请事项', '{claimsText}'),
        labelledRow('涉及金额', '{amount}'),
        labelledRow('当事人签名', '', 2),
        {
          minLines: 3,
          cells: [
            { text: '登记人', label: true },
            { text: '{registrar}' },
            { text: '调解组织（盖章）', label: true },
            { text: '{officeName}' }
          ]
        }
      ]
    }
  ]
}

export const acceptanceReceipt: TemplateDefinition = {
  kind: 'acceptance_receipt',
  fileName: 'acceptance-receipt.docx',
  fields: CASE_FIELDS,
  loops: {},
  blocks: [
    { type: 'title', text: '受理回执' },
    { type: 'subtitle', text: '{caseNumber}', align: 'right' },
    { type: 'para', text: '{applicantNames}：' },
    {
      type: 'para',
      indent: true,
      text: '你（单位）于{registeredOn}申请调解的与{respondentNames}之间的{disputeType}，经审查符合受理条件，本委员会已于{acceptedOn}受理，案件编号为{caseNumber}，承办调解员：{mediators}。'
    },
    {
      type: 'para',
      indent: true,
      text: '人民调解不收取任何费用。调解时间和地点将另行通知，请保持通讯畅通，按时参加调解。'
    },
    { type: 'para', text: '经办人：{registrar}', indent: true },
    ...officeSeal,
    { type: 'sign', lines: ['申请人签收：'] }
  ]
}

const rights = [
  '（一）选择或者接受人民调解员；',
  '（二）接受调解、拒绝调解或者要求终止调解；',
  '（三）要求调解公开进行或者不公开进行；',
  '（四）自主表达意愿、自愿达成调解协议；',
  '（五）认为人民调解员与纠纷有利害关系或者可能影响公正调解的，要求其回避。'
]
const duties = [
  '（一）如实陈述纠纷事实，提供真实的证据材料；',
  '（二）遵守调解现场秩序，尊重人民调解员；',
  '（三）尊重对方当事人行使权利；',
  '（四）自觉履行依法达成的调解协议。'
]

export const rightsNotice: TemplateDefinition = {
  kind: 'rights_notice',
  fileName: 'rights-notice.docx',
  fields: CASE_FIELDS,
  loops: { parties: partyLoop('全部当事人，逐个确认') },
  blocks: [
    { type: 'title', text: '人民调解权利义务告知书' },
    { type: 'subtitle', text: '{caseNumber}', align: 'right' },
    { type: 'para', text: '{partyNames}：' },
    {
      type: 'para',
      indent: true,
      text: '根据《中华人民共和国人民调解法》的规定，人民调解委员会在当事人自愿、平等的基础上调解民间纠纷，不违背法律、法规和国家政策，尊重当事人的权利，不收取任何费用。现将当事人在调解活动中的权利和义务告知如下：'
    },
    { type: 'para', text: '一、当事人享有下列权利：', bold: true, indent: true },
    ...rights.map((text): Block => ({ type: 'para', text, indent: true })),
    { type: 'para', text: '二、当事人承担下列义务：', bold: true, indent: true },
    ...duties.map((text): Block => ({ type: 'para', text, indent: true })),
    { type: 'para', text: '三、调解协议的效力', bold: true, indent: true },
    {
      type: 'para',
      indent: true,
      text: '经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。'
    },
    { type: 'para', text: '以上内容本人已阅读（或已听人民调解员宣读），清楚明白。', indent: true },
    {
      type: 'table',
      widths: [2, 3, 3, 2],
      rows: [
        {
          cells: [
            { text: '当事人身份', label: true },
            { text: '姓名或名称', label: true },
            { text: '签名（按指印）', label: true },
            { text: '日期', label: true }
          ]
        },
        {
          loop: 'parties',
          minLines: 2,
          cells: [{ text: '{roleLabel}' }, { text: '{name}' }, { text: '' }, { text: '' }]
        }
      ]
    },
    ...officeSeal
  ]
}

export const declineNotice: TemplateDefinition = {
  kind: 'decline_notice',
  fileName: 'decline-notice.docx',
  fields: {
    ...CASE_FIELDS,
    declineReason: '不予受理的理由',
    declineRoute: '告知申请人可以寻求的其他途径'
  },
  loops: {},
  blocks: [
    { type: 'title', text: '不予受理告知书' },
    { type: 'para', text: '{applicantNames}：' },
    {
      type: 'para',
      indent: true,
      text: '你（单位）于{registeredOn}申请调解的与{respondentNames}之间的{disputeType}，经审查，因{declineReason}，根据《中华人民共和国人民调解法》的有关规定，本委员会决定不予受理。'
    },
    { type: 'para', indent: true, text: '你（单位）可以通过以下途径解决该纠纷：{declineRoute}。' },
    ...officeSeal,
    { type: 'sign', lines: ['申请人签收：'] }
  ]
}

export const INTAKE_TEMPLATES = [application, acceptanceRegister, acceptanceReceipt, rightsNotice, declineNotice]
