/*
 * Filling a DOCX template with docxtemplater, and the check an office's own
 * template must pass before it is used: tags well formed (docxtemplater's
 * compile errors, with the tag and its position in the document's text) and
 * every placeholder one the catalogue knows for that document.
 */
import PizZip from 'pizzip'
import Docxtemplater from 'docxtemplater'
import InspectModule from 'docxtemplater/js/inspect-module.js'
import { allowedTags, BLANK, type TemplateDefinition } from './template-model'
import type { DocumentData } from './document-data'

const OPTIONS = { paragraphLoop: true, linebreaks: true, nullGetter: () => BLANK, errorLogging: false }

/** docxtemplater's error ids in words an office clerk can act on. */
const ERROR_WORDS: Record<string, string> = {
  unclosed_tag: '标签缺少右花括号“}”',
  unopened_tag: '标签缺少左花括号“{”',
  duplicate_open_tag: '标签重复了左花括号',
  duplicate_close_tag: '标签重复了右花括号',
  unclosed_loop: '循环没有结束标签',
  unopened_loop: '循环结束标签没有对应的开始标签',
  closing_tag_does_not_match_opening_tag: '循环结束标签与开始标签不一致',
  unbalanced_loop_tags: '循环开始和结束标签不成对',
  raw_xml_tag_should_be_only_text_in_paragraph: '原始 XML 标签必须单独成段',
  raw_tag_outerxml_invalid: '原始 XML 标签位置不正确'
}

interface TemplateProblem {
  tag: string
  offset: number | null
  what: string
}

function describe(problems: TemplateProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => `标签“{${p.tag}}”${p.offset === null ? '' : `（正文第 ${p.offset + 1} 个字符处）`}：${p.what}`)
    .join('；')
}

interface DxtErrorDetail {
  properties?: { id?: string; xtag?: string; offset?: number; explanation?: string }
}

function compileProblems(error: unknown): TemplateProblem[] | null {
  const props = (error as { properties?: { errors?: DxtErrorDetail[]; id?: string } }).properties
  if (!props) return null
  const list: DxtErrorDetail[] = props.errors ?? [error as DxtErrorDetail]
  return list.map((e) => ({
    tag: e.properties?.xtag ?? '?',
    offset: typeof e.properties?.offset === 'number' ? e.properties.offset : null,
    what: ERROR_WORDS[e.properties?.id ?? ''] ?? e.properties?.explanation ?? '标签有误'
  }))
}

interface InspectedPart {
  value: string
  offset: number
  type: string
  subparsed?: InspectedPart[]
}

function unknownTags(parts: InspectedPart[], allowed: Set<string>): TemplateProblem[] {
  return parts.flatMap((part) => [
    ...(part.type === 'placeholder' && !allowed.has(part.value)
      ? [{ tag: part.value, offset: part.offset, what: '模板目录中没有这个占位符' }]
      : []),
    ...unknownTags(part.subparsed ?? [], allowed)
  ])
}

/**
 * Why a template cannot be used for this document, in zh-CN, or null if it
 * can. Never throws: a damaged file is a problem to report, not a crash.
 */
export function templateProblem(buffer: Buffer, definition: TemplateDefinition): string | null {
  let zip: PizZip
  try {
    zip = new PizZip(buffer)
  } catch {
    return '文件不是有效的 DOCX（ZIP）文件'
  }
  if (!zip.file('word/document.xml')) return '文件不是 Word 文档（缺少 word/document.xml）'
  const inspect = new InspectModule()
  try {
    new Docxtemplater(zip, { ...OPTIONS, modules: [inspect] })
  } catch (error) {
    const problems = compileProblems(error)
    if (!problems) throw error
    return describe(problems)
  }
  const structured = (inspect as unknown as { getStructuredTags(): InspectedPart[] }).getStructuredTags()
  const unknown = unknownTags(structured, allowedTags(definition))
  return unknown.length > 0 ? describe(unknown) : null
}

/** Fill a (checked) template with the document model. */
export function renderDocx(template: Buffer, data: DocumentData): Buffer {
  const doc = new Docxtemplater(new PizZip(template), OPTIONS)
  doc.render(data)
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer
}
