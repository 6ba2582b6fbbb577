import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import PizZip from 'pizzip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/domain/document'
import { docxText, sampleApp } from '../../../../tests/support/document-fixtures'
import type { TempApp } from '../../../../tests/support/temp-app'
import type { SampleCase } from './sample-case'
import { services } from '../index'
import { setSetting } from '../settings'
import { templateParts } from './docx-writer'
import { loadForDocuments, renderDocument } from './generate'
import { TEMPLATES, templateCatalogue } from './template-catalog'
import { usedNames } from './template-model'
import { builtinTemplate } from './templates'

const root = path.resolve(import.meta.dirname, '../../../..')

describe('the built-in templates and their catalogue', () => {
  it('the committed DOCX files and docs/templates.md are what the generator writes', () => {
    for (const definition of Object.values(TEMPLATES)) {
      const committed = new PizZip(readFileSync(path.join(root, 'resources/templates', definition.fileName)))
      for (const [part, content] of Object.entries(templateParts(definition))) {
        expect(committed.file(part)?.asText(), `${definition.fileName} ${part}`).toBe(content)
      }
    }
    expect(readFileSync(path.join(root, 'docs/templates.md'), 'utf8')).toBe(templateCatalogue())
  })

  it('every placeholder a template uses is in the catalogue, and the catalogue names nothing unused', () => {
    for (const kind of DOCUMENT_KINDS) {
      const definition = TEMPLATES[kind]
      const used = usedNames(definition.blocks)
      expect([...used.fields].sort(), kind).toEqual(
        expect.arrayContaining([...used.fields].filter((f) => f in definition.fields))
      )
      for (const field of used.fields) expect(Object.keys(definition.fields), `${kind} {${field}}`).toContain(field)
      for (const [loop, fields] of used.loops) {
        const declared = { ...definition.fields, ...definition.loops[loop]?.fields }
        expect(Object.keys(definition.loops), `${kind} loop ${loop}`).toContain(loop)
        for (const field of fields) expect(Object.keys(declared), `${kind} ${loop}.{${field}}`).toContain(field)
      }
    }
  })
})

describe('every document filled from the sample case', () => {
  let app: TempApp
  let sample: SampleCase
  const rendered = new Map<DocumentKind, { xml: string; text: string; html: string }>()

  beforeAll(async () => {
    ;({ app, sample } = await sampleApp())
    const data = await loadForDocuments(app.ctx, sample.caseId)
    for (const kind of DOCUMENT_KINDS) {
      const doc = await renderDocument(app.ctx, data, kind)
      rendered.set(kind, { ...docxText(doc.docx), html: doc.html })
    }
  })
  afterAll(() => app.dispose())

  /** Which documents name every party, carry the case number and the amounts. */
  const namesAll: DocumentKind[] = [
    'application',
    'acceptance_register',
    'acceptance_receipt',
    'rights_notice',
    'session_notice',
    'investigation_record',
    'mediation_record',
    'agreement',
    'oral_agreement',
    'confirmation_application',
    'decline_notice',
    'termination_notice',
    'closing_report',
    'file_cover'
  ]
  const withAmount: DocumentKind[] = [
    'application',
    'acceptance_register',
    'agreement',
    'oral_agreement',
    'confirmation_application',
    'follow_up_record',
    'closing_report'
  ]

  it.each(DOCUMENT_KINDS)('%s: no leftover tag, no undefined or null', (kind) => {
    const { text, html } = rendered.get(kind)!
    expect(text).not.toMatch(/[{}]/)
    expect(text).not.toMatch(/undefined|null|NaN|\[object|纠纷纠纷/)
    expect(html).not.toMatch(/undefined|null|NaN|\{[A-Za-z#/]/)
  })

  it.each(DOCUMENT_KINDS)('%s: the parties, the case number and the amounts', (kind) => {
    const { text } = rendered.get(kind)!
    if (namesAll.includes(kind)) for (const name of sample.partyNames) expect(text).toContain(name)
    if (kind !== 'application' && kind !== 'decline_notice') expect(text).toContain(sample.caseNumber)
    if (withAmount.includes(kind)) for (const amount of sample.amounts) expect(text).toContain(amount)
  })

  it('the agreement holds every Art. 29 field, and the print view says the same', () => {
    const { text, html } = rendered.get('agreement')!
    const expected = [
      '人民调解协议书',
      sample.caseNumber,
      // the parties' basic details, an organisation through its representative
      '王芳，女，汉族，1978年4月12日出生',
      '33030419690930351X',
      '法定代表人李宏达',
      // facts, points in dispute, responsibility
      '占用公共通道约0.8米',
      '占用部分是否拆除',
      '对占用通道负主要责任',
      // the terms, manner and deadline of performance
      '1．被申请人陈建国于2026年12月10日前拆除',
      '2．被申请人温州瓯海宏达建筑工程有限公司疏通排水沟',
      '银行转账方式一次性支付',
      '于2026年12月10日前履行完毕',
      '人民币12,500.50元',
      // copies, signatures and fingerprints, mediator, seal, date
      '一式4份',
      '签名（盖章）、按指印',
      '人民调解员：林海燕',
      '梧田街道矛盾纠纷调解分中心（盖章）',
      '2026年11月27日'
    ]
    for (const piece of expected) {
      expect(text).toContain(piece)
      expect(html).toContain(piece)
    }
  })

  it('a value the case does not have leaves a line to write on', () => {
    // The sample is not closed: the closing date of the cover is blank.
    expect(rendered.get('file_cover')!.text).toContain('至＿＿＿＿＿＿')
  })
})

describe("an office's own templates", () => {
  let app: TempApp
  let sample: SampleCase

  beforeAll(async () => {
    ;({ app, sample } = await sampleApp())
  })
  afterAll(() => app.dispose())

  /** The built-in agreement with its document.xml changed. */
  function officeTemplate(folder: string, change: (xml: string) => string): void {
    const zip = new PizZip(builtinTemplate('agreement'))
    zip.file('word/document.xml', change(zip.file('word/document.xml')!.asText()))
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, TEMPLATES.agreement.fileName), zip.generate({ type: 'nodebuffer' }))
  }

  it('a broken tag is refused naming the tag and its position; the built-in template is used', async () => {
    const folder = path.join(app.dir, 'office-templates-broken')
    officeTemplate(folder, (xml) => xml.replace('{facts}', '{facts'))
    await setSetting(app.ctx, { key: 'documents.templateFolder', value: folder })

    const statuses = await services['documents.templates'](app.ctx, {})
    const agreement = statuses.find((s) => s.kind === 'agreement')!
    expect(agreement.source).toBe('builtin')
    expect(agreement.problem).toMatch(/标签“\{facts.*”（正文第 \d+ 个字符处）：标签缺少右花括号“}”/)
    expect(statuses.filter((s) => s.problem)).toHaveLength(1)

    const data = await loadForDocuments(app.ctx, sample.caseId)
    const doc = await renderDocument(app.ctx, data, 'agreement')
    expect(doc.templateSource).toBe('builtin')
    expect(doc.warnings[0]).toContain('本单位模板 agreement.docx 未采用，已使用内置模板')
    expect(docxText(doc.docx).text).toContain('占用公共通道约0.8米')
  })

  it('an unknown placeholder is refused with its name and position', async () => {
    const folder = path.join(app.dir, 'office-templates-unknown')
    officeTemplate(folder, (xml) => xml.replace('{facts}', '{factz}'))
    await setSetting(app.ctx, { key: 'documents.templateFolder', value: folder })
    const agreement = (await services['documents.templates'](app.ctx, {})).find((s) => s.kind === 'agreement')!
    expect(agreement.problem).toMatch(/标签“\{factz}”（正文第 \d+ 个字符处）：模板目录中没有这个占位符/)
  })

  it('a sound office template is used, letterhead and all', async () => {
    const folder = path.join(app.dir, 'office-templates-good')
    officeTemplate(folder, (xml) =>
      xml.replace('<w:body>', '<w:body><w:p><w:r><w:t>瓯海区梧田街道人民调解委员会（信笺）</w:t></w:r></w:p>')
    )
    await setSetting(app.ctx, { key: 'documents.templateFolder', value: folder })
    const data = await loadForDocuments(app.ctx, sample.caseId)
    const doc = await renderDocument(app.ctx, data, 'agreement')
    expect(doc).toMatchObject({ templateSource: 'custom', warnings: [] })
    const { text } = docxText(doc.docx)
    expect(text).toContain('（信笺）')
    expect(text).toContain(sample.caseNumber)
  })
})
