/* Closing and case-file documents: closing report, case-file cover, index and back cover. */
import { CASE_FIELDS } from './template-fields'
import { labelledRow, type TemplateDefinition } from './template-model'

const FILE_FIELDS = {
  ...CASE_FIELDS,
  fileTitle: '卷宗名称，如“王芳与陈建国邻里纠纷”',
  closedOn: '结案日期',
  filedBy: '立卷人',
  filedOn: '立卷日期',
  retention: '保管期限',
  archiveNote: '备注'
}

export const closingReport: TemplateDefinition = {
  kind: 'closing_report',
  fileName: 'closing-report.docx',
  fields: {
    ...FILE_FIELDS,
    closingOutcome: '调解结果（达成协议、调解不成、撤回）',
    closingResult: '结案情况',
    closingNote: '备注'
  },
  loops: {},
  blocks: [
    { type: 'title', text: '结案报告表' },
    { type: 'subtitle', text: '{caseNumber}', align: 'right' },
    {
      type: 'table',
      widths: [2, 3, 2, 3],
      rows: [
        {
          cells: [
            { text: '卷宗编号', label: true },
            { text: '{caseNumber}' },
            { text: '调解组织', label: true },
            { text: '{officeName}' }
          ]
        },
        {
          cells: [
            { text: '承办调解员', label: true },
            { text: '{mediators}' },
            { text: '案件来源', label: true },
            { text: '{source}' }
          ]
        },
        {
          cells: [
            { text: '受理日期', label: true },
            { text: '{acceptedOn}' },
            { text: '结案日期', label: true },
            { text: '{closedOn}' }
          ]
        },
        labelledRow('当事人', '{partyNames}'),
        {
          cells: [
            { text: '纠纷类型', label: true },
            { text: '{disputeType}' },
            { text: '涉及金额', label: true },
            { text: '{amount}' }
          ]
        },
        labelledRow('纠纷事实', '{summary}', 5),
        labelledRow('调解结果', '{closingOutcome}', 2),
        labelledRow('结案情况', '{closingResult}', 3),
        labelledRow('备注', '{closingNote}'),
        {
          minLines: 3,
          cells: [{ text: '调解员签名', label: true }, { text: '' }, { text: '负责人审核', label: true }, { text: '' }]
        }
      ]
    }
  ]
}

export const fileCover: TemplateDefinition = {
  kind: 'file_cover',
  fileName: 'file-cover.docx',
  fields: FILE_FIELDS,
  loops: {},
  blocks: [
    { type: 'space', lines: 3 },
    { type: 'title', text: '人民调解卷宗' },
    { type: 'space', lines: 2 },
    {
      type: 'table',
      widths: [2, 5],
      rows: [
        { minLines: 2, cells: [{ text: '卷宗名称', label: true }, { text: '{fileTitle}' }] },
        { minLines: 2, cells: [{ text: '卷宗编号', label: true }, { text: '{caseNumber}' }] },
        { minLines: 2, cells: [{ text: '调解员', label: true }, { text: '{mediators}' }] },
        { minLines: 2, cells: [{ text: '起止日期', label: true }, { text: '自{acceptedOn}至{closedOn}' }] },
        { minLines: 2, cells: [{ text: '立卷人', label: true }, { text: '{filedBy}' }] },
        { minLines: 2, cells: [{ text: '立卷日期', label: true }, { text: '{filedOn}' }] },
        { minLines: 2, cells: [{ text: '保管期限', label: true }, { text: '{retention}' }] },
        { minLines: 2, cells: [{ text: '备注', label: true }, { text: '{archiveNote}' }] }
      ]
    },
    { type: 'space', lines: 3 },
    { type: 'subtitle', text: '{officeName}', align: 'center' }
  ]
}

export const fileIndex: TemplateDefinition = {
  kind: 'file_index',
  fileName: 'file-index.docx',
  fields: FILE_FIELDS,
  loops: {
    indexItems: {
      meaning: '卷内文件，按卷宗顺序',
      fields: {
        number: '序号',
        title: '文件名称',
        date: '文件日期',
        pages: '起始页号（合并 PDF 中）',
        note: '备注（必备、缺）'
      }
    }
  },
  blocks: [
    { type: 'title', text: '卷内目录' },
    { type: 'subtitle', text: '卷宗编号：{caseNumber}', align: 'right' },
    {
      type: 'table',
      widths: [1, 6, 2, 1, 2],
      rows: [
        {
          cells: [
            { text: '序号', label: true },
            { text: '文件名称', label: true },
            { text: '日期', label: true },
            { text: '页号', label: true },
            { text: '备注', label: true }
          ]
        },
        {
          loop: 'indexItems',
          cells: [
            { text: '{number}' },
            { text: '{title}', align: 'left' },
            { text: '{date}' },
            { text: '{pages}' },
            { text: '{note}' }
          ]
        }
      ]
    }
  ]
}

export const backCover: TemplateDefinition = {
  kind: 'back_cover',
  fileName: 'back-cover.docx',
  fields: {
    ...FILE_FIELDS,
    itemCount: '卷内文件件数',
    pageCount: '卷内总页数（导出合并 PDF 时填写）'
  },
  loops: {},
  blocks: [
    { type: 'title', text: '卷宗封底（备考表）' },
    { type: 'subtitle', text: '{caseNumber}', align: 'right' },
    {
      type: 'table',
      widths: [2, 3, 2, 3],
      rows: [
        {
          minLines: 8,
          cells: [
            { text: '本卷情况说明', label: true },
            { text: '本卷共有文件材料{itemCount}件，共{pageCount}页。\n{archiveNote}', span: 3, align: 'left' }
          ]
        },
        {
          minLines: 2,
          cells: [{ text: '立卷人', label: true }, { text: '{filedBy}' }, { text: '检查人', label: true }, { text: '' }]
        },
        labelledRow('立卷日期', '{filedOn}', 2)
      ]
    }
  ]
}

export const FILE_TEMPLATES = [closingReport, fileCover, fileIndex, backCover]
