/*
 * Which template each document is filled from: the office's own, from the
 * folder chosen in Settings, when it passes the check (render-docx.ts);
 * otherwise the built-in one, written from its description in memory (the
 * same bytes as the committed resources/templates/ file, a test makes sure).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  type DocumentKind,
  type TemplateStatus
} from '../../../../shared/domain/document'
import type { AppContext } from '../../context'
import { buildTemplateDocx } from './docx-writer'
import { templateProblem } from './render-docx'
import { TEMPLATES } from './template-catalog'

export interface ResolvedTemplate {
  buffer: Buffer
  source: 'builtin' | 'custom'
  /** Set when the office's template was refused: why, in zh-CN. */
  warning: string | null
}

const builtins = new Map<DocumentKind, Buffer>()

export function builtinTemplate(kind: DocumentKind): Buffer {
  let buffer = builtins.get(kind)
  if (!buffer) {
    buffer = buildTemplateDocx(TEMPLATES[kind])
    builtins.set(kind, buffer)
  }
  return buffer
}

export async function templateFolder(ctx: AppContext): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'documents.templateFolder')
    .executeTakeFirst()
  const value = row ? (JSON.parse(row.value) as string) : ''
  return value.trim() ? value.trim() : null
}

/** Check one office template file against its document's catalogue; null when it may be used. */
export function checkTemplateFile(file: string, kind: DocumentKind): string | null {
  return templateProblem(readFileSync(file), TEMPLATES[kind])
}

export async function resolveTemplate(ctx: AppContext, kind: DocumentKind): Promise<ResolvedTemplate> {
  const folder = await templateFolder(ctx)
  const definition = TEMPLATES[kind]
  if (folder) {
    const file = path.join(folder, definition.fileName)
    if (existsSync(file)) {
      const problem = checkTemplateFile(file, kind)
      if (!problem) return { buffer: readFileSync(file), source: 'custom', warning: null }
      return {
        buffer: builtinTemplate(kind),
        source: 'builtin',
        warning: `本单位模板 ${definition.fileName} 未采用，已使用内置模板：${problem}`
      }
    }
  }
  return { buffer: builtinTemplate(kind), source: 'builtin', warning: null }
}

export async function listTemplates(ctx: AppContext): Promise<TemplateStatus[]> {
  const folder = await templateFolder(ctx)
  return DOCUMENT_KINDS.map((kind) => {
    const definition = TEMPLATES[kind]
    const file = folder ? path.join(folder, definition.fileName) : null
    const problem = file && existsSync(file) ? checkTemplateFile(file, kind) : null
    const custom = file !== null && existsSync(file) && problem === null
    return {
      kind,
      label: DOCUMENT_KIND_LABELS[kind],
      fileName: definition.fileName,
      source: custom ? 'custom' : 'builtin',
      problem
    }
  })
}
