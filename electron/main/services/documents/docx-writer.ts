/*
 * Writes a template description as a DOCX template: word/document.xml with
 * docxtemplater tags, the styles (A4, 仿宋 body, 宋体 tables, 黑体 titles) and
 * the package parts Word, WPS and LibreOffice need. Deterministic: the same
 * description always gives the same bytes, so the committed files can be
 * checked against this writer.
 */
import PizZip from 'pizzip'
import { SIGN_TAIL, type Align, type Block, type TableRow, type TemplateDefinition } from './template-model'

/** A4 in twentieths of a point; margins 25 mm top and left (binding side), 22 mm bottom, 20 mm right. */
const PAGE = { width: 11906, height: 16838, top: 1418, bottom: 1247, left: 1418, right: 1134 }
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right

/** A fixed date inside the ZIP so that the files never differ between runs. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z')

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function run(text: string, bold = false): string {
  const rPr = bold ? '<w:rPr><w:b/></w:rPr>' : ''
  return `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
}

function paragraph(
  text: string,
  options: { style?: string; align?: Align; indent?: boolean; bold?: boolean; pageBreak?: boolean } = {}
): string {
  const props = [
    options.style ? `<w:pStyle w:val="${options.style}"/>` : '',
    options.pageBreak ? '<w:pageBreakBefore/>' : '',
    options.indent ? '<w:ind w:firstLineChars="200" w:firstLine="480"/>' : '',
    options.align && options.align !== 'left' ? `<w:jc w:val="${options.align === 'right' ? 'right' : 'center'}"/>` : ''
  ].join('')
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${text ? run(text, options.bold) : ''}</w:p>`
}

const BORDER = 'w:val="single" w:sz="6" w:space="0" w:color="000000"'

function table(widths: number[], rows: TableRow[]): string {
  const total = widths.reduce((a, b) => a + b, 0)
  const grid = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH))
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} ${BORDER}/>`).join('')
  const tblPr =
    `<w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${borders}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
  const body = rows
    .map((row) => {
      let column = 0
      const cells = row.cells.map((cell, index) => {
        const span = cell.span ?? 1
        const width = grid.slice(column, column + span).reduce((a, b) => a + b, 0)
        column += span
        let text = cell.text
        // A row loop: the opening tag starts the first cell, the closing tag ends the last one.
        if (row.loop && index === 0) text = `{#${row.loop}}${text}`
        if (row.loop && index === row.cells.length - 1) text = `${text}{/${row.loop}}`
        const tcPr =
          `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}` +
          '<w:vAlign w:val="center"/></w:tcPr>'
        const align = cell.align ?? (cell.label || row.loop ? 'center' : 'left')
        return `<w:tc>${tcPr}${paragraph(text, { style: 'Cell', align, bold: cell.label })}</w:tc>`
      })
      const height = row.minLines
        ? `<w:trPr><w:trHeight w:val="${row.minLines * 340}" w:hRule="atLeast"/></w:trPr>`
        : ''
      return `<w:tr>${height}${cells.join('')}</w:tr>`
    })
    .join('')
  const gridXml = grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('')
  return `<w:tbl>${tblPr}<w:tblGrid>${gridXml}</w:tblGrid>${body}</w:tbl>`
}

function blocksXml(blocks: Block[], pageBreakFirst = false): string {
  return blocks
    .map((block, index) => {
      const pageBreak = pageBreakFirst && index === 0
      switch (block.type) {
        case 'title':
          return paragraph(block.text, { style: 'DocTitle', pageBreak })
        case 'subtitle':
          return paragraph(block.text, { style: 'DocSubtitle', align: block.align ?? 'center', pageBreak })
        case 'para':
          return paragraph(block.text, { align: block.align, indent: block.indent, bold: block.bold, pageBreak })
        case 'space':
          return Array.from({ length: block.lines }, () => paragraph('')).join('')
        case 'sign':
          return block.lines.map((line) => paragraph(`${line}${SIGN_TAIL}`, { style: 'Sign' })).join('')
        case 'table':
          // Word needs a paragraph between two tables, and after a table that ends a loop item.
          return table(block.widths, block.rows) + paragraph('', { style: 'Cell' })
        case 'loop':
          return (
            paragraph(`{#${block.name}}`) +
            blocksXml(block.blocks, block.pageBreak ?? false) +
            paragraph(`{/${block.name}}`)
          )
      }
    })
    .join('')
}

export function documentXml(definition: TemplateDefinition): string {
  const sect =
    `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="851" w:footer="992" w:gutter="0"/>` +
    '<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>'
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W_NS}><w:body>` +
    blocksXml(definition.blocks) +
    sect +
    '</w:body></w:document>'
  )
}

const fonts = (eastAsia: string, latin = 'Times New Roman') =>
  `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${eastAsia}" w:cs="${latin}"/>`

function style(id: string, name: string, pPr: string, rPr: string): string {
  return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>${pPr}</w:pPr><w:rPr>${rPr}</w:rPr></w:style>`
}

export const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${W_NS}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${fonts('仿宋')}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>' +
  style(
    'DocTitle',
    'Document Title',
    '<w:jc w:val="center"/><w:spacing w:before="120" w:after="360"/>',
    `${fonts('黑体', '黑体')}<w:sz w:val="36"/><w:szCs w:val="36"/>`
  ) +
  style('DocSubtitle', 'Document Subtitle', '<w:spacing w:after="120"/>', '<w:sz w:val="21"/><w:szCs w:val="21"/>') +
  style(
    'Cell',
    'Table Text',
    '<w:spacing w:line="300" w:lineRule="auto"/><w:jc w:val="left"/>',
    `${fonts('宋体')}<w:sz w:val="21"/><w:szCs w:val="21"/>`
  ) +
  style('Sign', 'Signature Line', '<w:spacing w:before="360"/><w:jc w:val="right"/>', '') +
  '</w:styles>'

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '</Types>'

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>'

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

/** The package parts of a template, by path inside the DOCX. */
export function templateParts(definition: TemplateDefinition): Record<string, string> {
  return {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'word/_rels/document.xml.rels': DOCUMENT_RELS,
    'word/styles.xml': STYLES_XML,
    'word/document.xml': documentXml(definition)
  }
}

export function buildTemplateDocx(definition: TemplateDefinition): Buffer {
  const zip = new PizZip()
  for (const [name, content] of Object.entries(templateParts(definition))) {
    zip.file(name, content, { date: FIXED_DATE, createFolders: false })
  }
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer
}
