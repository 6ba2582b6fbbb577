/*
 * `npm run docs:sample -- --out DIR`: the quickest way to see the documents.
 * Builds a fully filled sample case (two persons and a company, two sessions,
 * an agreement with two terms, a follow-up, a confirmation application) in a
 * temporary database through the real services, and writes every document
 * as DOCX and PDF, plus the case file as one ZIP and one merged PDF, into DIR.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type ExportFormat } from '../shared/domain/document'
import { startApp } from '../electron/main/startup'
import { buildSampleCase } from '../electron/main/services/documents/sample-case'
import { loadForDocuments, printToPdf, renderDocument } from '../electron/main/services/documents/generate'
import { services } from '../electron/main/services/index'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) {
  console.error('用法：npm run docs:sample -- --out 文件夹')
  process.exit(2)
}
const out = path.resolve(values.out)
mkdirSync(out, { recursive: true })

let now = new Date('2026-11-20T01:00:00Z')
const clock = { now: () => new Date(now), set: (iso: string) => (now = new Date(iso)) }
const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-docs-sample-'))
const app = await startApp({
  databasePath: path.join(dir, 'sample.sqlite'),
  shell: 'harness',
  clock,
  log: { error: (message, detail) => console.error(message, detail ?? ''), info: () => {} }
})
try {
  const sample = await buildSampleCase(app, clock)
  console.log(`示例案件：${sample.caseNumber}`)
  const data = await loadForDocuments(app.ctx, sample.caseId)
  for (const [index, kind] of DOCUMENT_KINDS.entries()) {
    const stem = `${String(index + 1).padStart(2, '0')}_${DOCUMENT_KIND_LABELS[kind]}`
    const rendered = await renderDocument(app.ctx, data, kind)
    writeFileSync(path.join(out, `${stem}.docx`), rendered.docx)
    const { pdf, warning } = await printToPdf(app.ctx, rendered.html)
    if (pdf) writeFileSync(path.join(out, `${stem}.pdf`), pdf)
    console.log(`  ${stem}.docx${pdf ? ' .pdf' : `（${warning}）`}`)
  }
  // The case file needs the documents in the register: generate those the case's state allows.
  const { kinds } = await services['documents.list'](app.ctx, { caseId: sample.caseId })
  for (const k of kinds.filter((k) => k.available)) {
    await services['documents.generate'](app.ctx, { caseId: sample.caseId, kind: k.kind })
  }
  for (const format of ['zip', 'pdf'] as ExportFormat[]) {
    let job = await services['documents.exportCaseFile'](app.ctx, { caseId: sample.caseId, format })
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200))
      job = await services['documents.exportStatus'](app.ctx, { jobId: job.jobId })
    }
    if (job.state !== 'done' || !job.base64) throw new Error(job.error ?? '卷宗导出失败')
    const name = `卷宗.${format}`
    writeFileSync(path.join(out, name), Buffer.from(job.base64, 'base64'))
    console.log(`  ${name}${job.missing.length ? `（缺少必备材料：${job.missing.join('、')}）` : ''}`)
  }
  console.log(`已写入 ${out}`)
} finally {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
