/* Mediation documents: notice of session, investigation and mediation records, termination notice. */
import { CASE_FIELDS } from './template-fields'
import { labelledRow, type TemplateDefinition } from './template-model'

export const sessionNotice: TemplateDefinition = {
  kind: 'session_notice',
  fileName: 'session-notice.docx',
  fields: CASE_FIELDS,
  loops: {
    sessions: {
      meaning: '调解会，逐次（每次一页）',
      fields: {
        invitees: '应到当事人，顿号分隔',
        kindLabel: '会议种类（调解会、调查等）',
        timeText: '时间，如“2026年12月3日（星期四）09:00至11:00”',
        placeText: '地点',
        sessionMediators: '主持和参加的调解员',
        purpose: '会议事项',
        bringText: '请当事人携带的材料',
        noticeDate: '通知日期'
      }
    }
  },
  blocks: [
    {
      type: 'loop',
      name: 'sessions',
      pageBreak: true,
      blocks: [
        { type: 'title', text: '调解通知书' },
        { type: 'subtitle', text: '{caseNumber}', align: 'right' },
        { type: 'para', text: '{invitees}：' },
        {
          type: 'para',
          indent: true,
          text: '关于{applicantNames}与{respondentNames}之间的{disputeType}一案，本委员会定于{timeText}在{placeText}进行{kindLabel}，由{sessionMediators}主持。请准时参加。'
        },
        { type: 'para', text: '会议事项：{purpose}', indent: true },
        { type: 'para', text: '请携带：{bringText}', indent: true },
        {
          type: 'para',
          indent: true,
          text: '如因故不能按时参加，请提前与承办调解员联系并说明理由。无正当理由不参加调解的，视为不同意调解。'
        },
        { type: 'space', lines: 1 },
        { type: 'para', text: '{officeName}（盖章）', align: 'right' },
        { type: 'para', text: '{noticeDate}', align: 'right' },
        { type: 'sign', lines: ['当事人签收：'] }
      ]
    }
  ]
}

export const investigationRecord: TemplateDefinition = {
  kind: 'investigation_record',
  fileName: 'investigation-record.docx',
  fields: CASE_FIELDS,
  loops: {
    records: {
      meaning: '调查记录，逐份（每份一页）',
      fields: {
        heldAt: '调查时间',
        place: '调查地点',
        investigator: '调查人',
        recorder: '记录人',
        personQuestioned: '被调查人',
        content: '调查内容'
      }
    }
  },
  blocks: [
    {
      type: 'loop',
      name: 'records',
      pageBreak: true,
      blocks: [
        { type: 'title', text: '人民调解调查记录' },
        { type: 'subtitle', text: '{caseNumber}', align: 'right' },
        {
          type: 'table',
          widths: [2, 3, 2, 3],
          rows: [
            {
              cells: [
                { text: '时间', label: true },
                { text: '{heldAt}' },
                { text: '地点', label: true },
                { text: '{place}' }
              ]
            },
            {
              cells: [
                { text: '调查人', label: true },
                { text: '{investigator}' },
                { text: '记录人', label: true },
                { text: '{recorder}' }
              ]
            },
            labelledRow('被调查人', '{personQuestioned}'),
            labelledRow('调查事由', '{disputeType}（{partyNames}）'),
            {
              minLines: 14,
              cells: [
                { text: '调查内容', label: true },
                { text: '{content}', span: 3, align: 'left' }
              ]
            },
            {
              minLines: 2,
              cells: [
                { text: '被调查人签名', label: true },
                { text: '' },
                { text: '调查人签名', label: true },
                { text: '' }
              ]
            }
          ]
        }
      ]
    }
  ]
}

export const mediationRecord: TemplateDefinition = {
  kind: 'mediation_record',
  fileName: 'mediation-record.docx',
  fields: CASE_FIELDS,
  loops: {
    records: {
      meaning: '调解记录，逐份（每份一页）',
      fields: {
        heldAt: '调解时间',
        place: '调解地点',
        subject: '调解事项',
        recorder: '记录人',
        participants: '参加人员',
        partiesPresent: '到场当事人',
        rightsText: '权利义务告知情况',
        evidenceChecked: '核实的证据',
        riskWarnings: '风险提示',
        resultText: '调解结果，或调解不成的原因及告知的途径'
      }
    },
    statements: { meaning: '当事人陈述，逐条（在调解记录之内）', fields: { party: '陈述人', statement: '陈述内容' } }
  },
  blocks: [
    {
      type: 'loop',
      name: 'records',
      pageBreak: true,
      blocks: [
        { type: 'title', text: '人民调解记录' },
        { type: 'subtitle', text: '{caseNumber}', align: 'right' },
        {
          type: 'table',
          widths: [2, 3, 2, 3],
          rows: [
            {
              cells: [
                { text: '时间', label: true },
                { text: '{heldAt}' },
                { text: '地点', label: true },
                { text: '{place}' }
              ]
            },
            labelledRow('调解事项', '{subject}'),
            labelledRow('参加人员', '{participants}'),
            labelledRow('到场当事人', '{partiesPresent}'),
            labelledRow('权利义务告知', '{rightsText}'),
            { cells: [{ text: '当事人陈述', label: true, span: 4 }] },
            {
              loop: 'statements',
              minLines: 2,
              cells: [{ text: '{party}' }, { text: '{statement}', span: 3, align: 'left' }]
            },
            labelledRow('核实证据', '{evidenceChecked}'),
            labelledRow('风险提示', '{riskWarnings}'),
            labelledRow('调解结果', '{resultText}', 2),
            labelledRow('当事人签名', '', 2),
            {
              minLines: 2,
              cells: [
                { text: '调解员签名', label: true },
                { text: '' },
                { text: '记录人签名', label: true },
                { text: '' }
              ]
            }
          ]
        },
        { type: 'para', text: '{officeName}（盖章）', align: 'right' }
      ]
    }
  ]
}

export const terminationNotice: TemplateDefinition = {
  kind: 'termination_notice',
  fileName: 'termination-notice.docx',
  fields: {
    ...CASE_FIELDS,
    terminationReason: '终止调解的原因',
    routesText: '告知当事人的其他解决途径',
    endedOn: '终止日期'
  },
  loops: {},
  blocks: [
    { type: 'title', text: '终止调解告知书' },
    { type: 'subtitle', text: '{caseNumber}', align: 'right' },
    { type: 'para', text: '{partyNames}：' },
    {
      type: 'para',
      indent: true,
      text: '关于{applicantNames}与{respondentNames}之间的{disputeType}，本委员会于{acceptedOn}受理后进行了调解。因{terminationReason}，根据《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。'
    },
    { type: 'para', indent: true, text: '当事人可以依法通过以下途径维护自己的权利：{routesText}。' },
    { type: 'space', lines: 1 },
    { type: 'para', text: '{officeName}（盖章）', align: 'right' },
    { type: 'para', text: '{endedOn}', align: 'right' },
    { type: 'sign', lines: ['当事人签收：'] }
  ]
}

export const MEDIATION_TEMPLATES = [sessionNotice, investigationRecord, mediationRecord, terminationNotice]
