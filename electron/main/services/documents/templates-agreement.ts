/* Agreement documents: written agreement, oral agreement register, follow-up record, judicial-confirmation application. */
import { AGREEMENT_FIELDS, CASE_FIELDS, partyLoop, TERMS_LOOP } from './template-fields'
import { labelledRow, type TemplateDefinition } from './template-model'

const AGREEMENT_PARTIES = partyLoop('协议当事人，按协议所载（单位由法定代表人或委托代理人签名并盖章）')

export const agreement: TemplateDefinition = {
  kind: 'agreement',
  fileName: 'agreement.docx',
  fields: { ...CASE_FIELDS, ...AGREEMENT_FIELDS },
  loops: { agreementParties: AGREEMENT_PARTIES, terms: TERMS_LOOP },
  blocks: [
    { type: 'title', text: '人民调解协议书' },
    { type: 'subtitle', text: '编号：{agreementNumber}', align: 'right' },
    { type: 'loop', name: 'agreementParties', blocks: [{ type: 'para', text: '{roleLabel}：{partyLine}' }] },
    { type: 'para', text: '纠纷主要事实：', bold: true },
    { type: 'para', text: '{facts}', indent: true },
    { type: 'para', text: '争议事项：', bold: true },
    { type: 'para', text: '{disputedPoints}', indent: true },
    { type: 'para', text: '各方责任：', bold: true },
    { type: 'para', text: '{responsibility}', indent: true },
    { type: 'para', text: '经人民调解委员会调解，当事人自愿达成如下协议：', bold: true },
    { type: 'loop', name: 'terms', blocks: [{ type: 'para', text: '{number}．{content}', indent: true }] },
    { type: 'para', text: '履行方式和期限：', bold: true },
    { type: 'para', text: '{performanceManner}于{performanceDeadline}前履行完毕。', indent: true },
    { type: 'para', text: '协议涉及金额：{agreementAmount}。', indent: true },
    {
      type: 'para',
      indent: true,
      text: '本协议自各方当事人签名、盖章或按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式{copies}份，当事人各执一份，人民调解委员会留存一份。'
    },
    {
      type: 'loop',
      name: 'agreementParties',
      blocks: [{ type: 'para', text: '{roleLabel}：{name}　　签名（盖章）、按指印：＿＿＿＿＿＿' }]
    },
    { type: 'para', text: '人民调解员：{mediatorName}　　签名：＿＿＿＿＿＿' },
    { type: 'space', lines: 1 },
    { type: 'para', text: '{officeName}（盖章）', align: 'right' },
    { type: 'para', text: '{signedOn}', align: 'right' }
  ]
}

export const oralAgreement: TemplateDefinition = {
  kind: 'oral_agreement',
  fileName: 'oral-agreement.docx',
  fields: { ...CASE_FIELDS, ...AGREEMENT_FIELDS },
  loops: { agreementParties: AGREEMENT_PARTIES },
  blocks: [
    { type: 'title', text: '人民调解口头协议登记表' },
    { type: 'subtitle', text: '编号：{agreementNumber}', align: 'right' },
    {
      type: 'table',
      widths: [2, 3, 2, 3],
      rows: [
        {
          cells: [
            { text: '协议日期', label: true },
            { text: '{effectiveOn}' },
            { text: '人民调解员', label: true },
            { text: '{mediatorName}' }
          ]
        },
        {
          loop: 'agreementParties',
          cells: [
            { text: '{roleLabel}', label: true },
            { text: '{partyLine}', span: 3 }
          ]
        },
        labelledRow('纠纷主要事实', '{facts}', 3),
        labelledRow('争议事项', '{disputedPoints}'),
        labelledRow('各方责任', '{responsibility}'),
        labelledRow('协议内容', '{termsText}', 3),
        labelledRow('履行方式和期限', '{performanceManner}于{performanceDeadline}前履行完毕。'),
        labelledRow('涉及金额', '{agreementAmount}'),
        labelledRow('说明', '以上内容经当事人确认无误。口头调解协议自各方当事人达成协议之日起生效。'),
        labelledRow('当事人签名', '', 2),
        {
          minLines: 3,
          cells: [
            { text: '登记人（调解员）', label: true },
            { text: '' },
            { text: '调解组织（盖章）', label: true },
            { text: '{officeName}' }
          ]
        }
      ]
    }
  ]
}

export const followUpRecord: TemplateDefinition = {
  kind: 'follow_up_record',
  fileName: 'follow-up-record.docx',
  fields: { ...CASE_FIELDS, agreementNumber: AGREEMENT_FIELDS.agreementNumber },
  loops: {
    followUps: {
      meaning: '回访，逐次（每次一页）',
      fields: {
        visitedOn: '回访日期',
        method: '回访方式',
        visitedParty: '被回访人',
        performance: '协议履行情况',
        performedAmount: '已履行金额',
        satisfaction: '当事人满意度',
        courtOutcome: '起诉或司法确认等情况',
        escalationSigns: '有无激化苗头',
        measures: '采取的措施',
        visitorName: '回访人'
      }
    }
  },
  blocks: [
    {
      type: 'loop',
      name: 'followUps',
      pageBreak: true,
      blocks: [
        { type: 'title', text: '人民调解回访记录' },
        { type: 'subtitle', text: '{caseNumber}', align: 'right' },
        {
          type: 'table',
          widths: [2, 3, 2, 3],
          rows: [
            {
              cells: [
                { text: '回访日期', label: true },
                { text: '{visitedOn}' },
                { text: '回访方式', label: true },
                { text: '{method}' }
              ]
            },
            {
              cells: [
                { text: '被回访人', label: true },
                { text: '{visitedParty}' },
                { text: '协议编号', label: true },
                { text: '{agreementNumber}' }
              ]
            },
            labelledRow('回访事项', '调解协议履行情况及当事人意见'),
            labelledRow('履行情况', '{performance}，已履行金额{performedAmount}', 2),
            labelledRow('当事人满意度', '{satisfaction}'),
            labelledRow('诉讼及司法确认', '{courtOutcome}'),
            labelledRow('激化苗头', '{escalationSigns}', 2),
            labelledRow('采取措施', '{measures}', 2),
            {
              minLines: 2,
              cells: [
                { text: '回访人', label: true },
                { text: '{visitorName}' },
                { text: '被回访人签名', label: true },
                { text: '' }
              ]
            }
          ]
        }
      ]
    }
  ]
}

export const confirmationApplication: TemplateDefinition = {
  kind: 'confirmation_application',
  fileName: 'confirmation-application.docx',
  fields: {
    ...CASE_FIELDS,
    ...AGREEMENT_FIELDS,
    court: '受理司法确认的人民法院',
    appliedOn: '申请日期'
  },
  loops: { agreementParties: partyLoop('共同申请人（协议各方当事人）') },
  blocks: [
    { type: 'title', text: '司法确认申请书' },
    { type: 'loop', name: 'agreementParties', blocks: [{ type: 'para', text: '申请人：{partyLine}' }] },
    { type: 'para', text: '请求事项：', bold: true },
    {
      type: 'para',
      indent: true,
      text: '请求确认申请人于{signedOn}在{officeName}主持下达成的人民调解协议（编号：{agreementNumber}）有效。'
    },
    { type: 'para', text: '事实与理由：', bold: true },
    {
      type: 'para',
      indent: true,
      text: '申请人之间因{disputeType}，经{officeName}调解，于{signedOn}达成调解协议，协议涉及金额{agreementAmount}，于{effectiveOn}生效。该协议系各方当事人的真实意思表示，内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。现依据《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》的有关规定，共同申请司法确认。'
    },
    {
      type: 'para',
      indent: true,
      text: '申请人承诺：出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如因虚假陈述造成他人损失，愿承担相应责任。'
    },
    { type: 'para', text: '附件：', bold: true },
    { type: 'para', text: '1．人民调解协议书一份；', indent: true },
    { type: 'para', text: '2．申请人的身份证明材料；', indent: true },
    { type: 'para', text: '3．与调解协议相关的财产权利证明；', indent: true },
    { type: 'para', text: '4．申请人的送达地址确认书。', indent: true },
    { type: 'para', text: '此致', indent: true },
    { type: 'para', text: '{court}' },
    {
      type: 'loop',
      name: 'agreementParties',
      blocks: [{ type: 'para', text: '申请人：{name}　　签名（盖章）、按指印：＿＿＿＿＿＿', align: 'right' }]
    },
    { type: 'para', text: '{appliedOn}', align: 'right' }
  ]
}

export const AGREEMENT_TEMPLATES = [agreement, oralAgreement, followUpRecord, confirmationApplication]
