/*
 * The compact description every document is written in. One description per
 * document yields both its DOCX template (docx-writer.ts, with docxtemplater
 * tags) and its print view (html-writer.ts, filled with the same data), so the
 * DOCX and the PDF always say the same thing. Text may hold `{placeholder}`s;
 * a placeholder inside a loop reads the loop item's field.
 */
import type { DocumentKind } from '../../../../shared/domain/document'

export type Align = 'left' | 'center' | 'right'

export type Block =
  /** The document's title: 黑体, centred, large. */
  | { type: 'title'; text: string }
  /** A line under the title (the number, the office). */
  | { type: 'subtitle'; text: string; align?: Align }
  /** A paragraph of body text; `indent` gives the first line two characters. */
  | { type: 'para'; text: string; align?: Align; indent?: boolean; bold?: boolean }
  /** The blocks once per item of a list; `pageBreak` starts each item on a new page. */
  | { type: 'loop'; name: string; blocks: Block[]; pageBreak?: boolean }
  | { type: 'table'; widths: number[]; rows: TableRow[] }
  /** Room to write by hand (signatures, seal), in lines. */
  | { type: 'space'; lines: number }
  /** Signature lines, each a label followed by room to sign and fingerprint. */
  | { type: 'sign'; lines: string[] }

export interface TableRow {
  cells: TableCell[]
  /** Repeat the row once per item of this list. */
  loop?: string
  /** The row is at least this many lines high (room to write). */
  minLines?: number
}

/** The commonest row of the paper forms: a label, then its value across the other three columns. */
export function labelledRow(label: string, value: string, minLines?: number): TableRow {
  return {
    ...(minLines ? { minLines } : {}),
    cells: [
      { text: label, label: true },
      { text: value, span: 3 }
    ]
  }
}

export interface TableCell {
  text: string
  /** How many grid columns the cell spans. */
  span?: number
  /** A label cell: bold and centred. */
  label?: boolean
  align?: Align
}

export interface LoopDefinition {
  meaning: string
  fields: Record<string, string>
}

export interface TemplateDefinition {
  kind: DocumentKind
  /** File name in resources/templates/ and in an office's template folder. */
  fileName: string
  /** Placeholder → what it holds (top level). */
  fields: Record<string, string>
  /** Loop name → its meaning and its items' fields. */
  loops: Record<string, LoopDefinition>
  blocks: Block[]
}

/** What a blank value shows: a line to write on, never `undefined` or an empty gap. */
export const BLANK = '＿＿＿＿＿＿'

/** What follows a signature label: room to sign, and the date to fill in by hand. */
export const SIGN_TAIL = '＿＿＿＿＿＿＿＿　　年　月　日'

const PLACEHOLDER = /\{([^{}]+)\}/g

/** Every `{name}` in a piece of text. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1])
}

/** Fill `{name}`s from the scopes, innermost first; a missing or empty value becomes BLANK. */
export function fillText(text: string, scopes: Array<Record<string, unknown>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    for (const scope of scopes) {
      if (name in scope) return displayValue(scope[name])
    }
    return BLANK
  })
}

export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return BLANK
  const text = String(value)
  return text.trim() === '' ? BLANK : text
}

/** Every placeholder and loop name a description uses, for the catalogue and its consistency test. */
export function usedNames(blocks: Block[]): { fields: Set<string>; loops: Map<string, Set<string>> } {
  const fields = new Set<string>()
  const loops = new Map<string, Set<string>>()
  const addText = (text: string, loop: string | null) => {
    for (const name of placeholdersIn(text)) {
      if (loop) loops.get(loop)!.add(name)
      else fields.add(name)
    }
  }
  const walk = (list: Block[], loop: string | null) => {
    for (const block of list) {
      if (block.type === 'loop') {
        if (!loops.has(block.name)) loops.set(block.name, new Set())
        walk(block.blocks, block.name)
      } else if (block.type === 'table') {
        for (const row of block.rows) {
          if (row.loop && !loops.has(row.loop)) loops.set(row.loop, new Set())
          for (const cell of row.cells) addText(cell.text, row.loop ?? loop)
        }
      } else if (block.type === 'sign') {
        block.lines.forEach((line) => addText(line, loop))
      } else if (block.type !== 'space') {
        addText(block.text, loop)
      }
    }
  }
  walk(blocks, null)
  return { fields, loops }
}

/** The names a template may use anywhere: its fields, its loops and their items' fields. */
export function allowedTags(definition: TemplateDefinition): Set<string> {
  const names = new Set(Object.keys(definition.fields))
  for (const [loop, def] of Object.entries(definition.loops)) {
    names.add(loop)
    Object.keys(def.fields).forEach((f) => names.add(f))
  }
  return names
}
