/*
 * The print view: a template description filled with the document's data as
 * one self-contained HTML page (A4, no remote resources, Chinese fonts by
 * CSS fallback lists). Chromium prints it to PDF and the app previews it, so
 * the PDF says exactly what the DOCX from the same description says.
 */
import type { Block, TableRow, TemplateDefinition } from './template-model'
import { fillText, SIGN_TAIL } from './template-model'

type Scope = Record<string, unknown>

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const text = (template: string, scopes: Scope[]) => escapeHtml(fillText(template, scopes))

function itemsOf(name: string, scopes: Scope[]): Scope[] {
  for (const scope of scopes) {
    const value = scope[name]
    if (Array.isArray(value)) return value as Scope[]
  }
  return []
}

function rowsHtml(widths: number[], rows: TableRow[], scopes: Scope[]): string {
  const total = widths.reduce((a, b) => a + b, 0)
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('')
  const body = rows
    .flatMap((row) => {
      const scopeList = row.loop ? itemsOf(row.loop, scopes).map((item) => [item, ...scopes]) : [scopes]
      return scopeList.map((rowScopes) => {
        const height = row.minLines ? ` style="height:${row.minLines * 1.7}em"` : ''
        const cells = row.cells.map((cell) => {
          const align = cell.align ?? (cell.label || row.loop ? 'center' : 'left')
          const cls = `${cell.label ? 'label ' : ''}${align}`
          const span = cell.span && cell.span > 1 ? ` colspan="${cell.span}"` : ''
          return `<td class="${cls}"${span}>${text(cell.text, rowScopes)}</td>`
        })
        return `<tr${height}>${cells.join('')}</tr>`
      })
    })
    .join('')
  return `<table><colgroup>${cols}</colgroup>${body}</table>`
}

function blocksHtml(blocks: Block[], scopes: Scope[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'title':
          return `<h1>${text(block.text, scopes)}</h1>`
        case 'subtitle':
          return `<p class="subtitle ${block.align ?? 'center'}">${text(block.text, scopes)}</p>`
        case 'para': {
          // Justified lines stretch badly around an unbreakable ID number: party lines and labels stay ragged.
          const align = block.align ?? (block.indent ? 'justify' : 'left')
          const cls = [align, block.indent ? 'indent' : '', block.bold ? 'bold' : ''].join(' ')
          return `<p class="${cls.trim()}">${text(block.text, scopes)}</p>`
        }
        case 'space':
          return '<p class="space">&nbsp;</p>'.repeat(block.lines)
        case 'sign':
          return block.lines.map((line) => `<p class="sign">${text(line, scopes)}${SIGN_TAIL}</p>`).join('')
        case 'table':
          return rowsHtml(block.widths, block.rows, scopes)
        case 'loop':
          return itemsOf(block.name, scopes)
            .map((item, index) => {
              const inner = blocksHtml(block.blocks, [item, ...scopes])
              return block.pageBreak ? `<section class="${index > 0 ? 'page-break' : ''}">${inner}</section>` : inner
            })
            .join('')
      }
    })
    .join('')
}

/* Every rule is under .doc, so the app's preview can show the page without restyling itself. */
const CSS = `
@page { size: A4; margin: 25mm 20mm 22mm 25mm; }
body { margin: 0; }
.doc { color: #000; background: #fff; font-family: 'FangSong', '仿宋', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', 'Source Han Serif SC', serif; font-size: 12pt; line-height: 1.6; }
.doc h1 { font-family: 'SimHei', '黑体', 'Heiti SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif; font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 12pt; letter-spacing: 2pt; }
.doc p { margin: 0; white-space: pre-wrap; }
.doc .subtitle { font-size: 10.5pt; margin-bottom: 4pt; }
.doc .left { text-align: left; } .doc .right { text-align: right; } .doc .center { text-align: center; } .doc .justify { text-align: justify; }
.doc .indent { text-indent: 2em; }
.doc .bold { font-weight: bold; }
.doc .sign { text-align: right; margin-top: 12pt; }
.doc table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6pt 0 12pt; font-family: 'SimSun', '宋体', 'Songti SC', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10.5pt; line-height: 1.45; }
.doc td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: middle; white-space: pre-wrap; word-break: break-all; }
.doc td.label { font-weight: bold; }
.doc tr { break-inside: avoid; }
.doc .page-break { break-before: page; }
/* On screen (the preview), the page as paper: A4 width, the print margins as padding. */
@media screen { .doc .page-break { margin-top: 24pt; padding-top: 24pt; border-top: 1px dashed #999; } .doc { box-sizing: content-box; width: 165mm; min-height: 250mm; margin: 12px auto; padding: 25mm 20mm 22mm 25mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); } }
`

/** The whole print view of one document. */
export function printViewHtml(definition: TemplateDefinition, title: string, data: Scope): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main class="doc">` +
    blocksHtml(definition.blocks, [data]) +
    '</main></body></html>'
  )
}
