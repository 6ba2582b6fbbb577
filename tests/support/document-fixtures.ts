/* Helpers of the document tests: the sample case in a fresh app, text out of a DOCX and out of a PDF (pdfjs-dist). */
import { crc32, deflateSync } from 'node:zlib'
import PizZip from 'pizzip'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { buildSampleCase, type SampleCase } from '../../electron/main/services/documents/sample-case'
import { fixedClock, startTempApp, type TempApp } from './temp-app'

export async function sampleApp(): Promise<{ app: TempApp; sample: SampleCase; clock: ReturnType<typeof fixedClock> }> {
  const clock = fixedClock('2026-11-20T01:00:00Z')
  const app = await startTempApp({ clock })
  const sample = await buildSampleCase(app, clock)
  return { app, sample, clock }
}

/** word/document.xml of a DOCX, and its text with the markup taken out. */
export function docxText(docx: Buffer): { xml: string; text: string } {
  const xml = new PizZip(docx).file('word/document.xml')!.asText()
  return { xml, text: xml.replace(/<[^>]+>/g, '') }
}

/*
 * Noto CJK maps some ideographs and their radical forms to one glyph, and a
 * PDF's text map may name the radical (⼈ for 人, ⺠ for 民). NFKC folds the
 * Kangxi radicals; the supplement's few common ones are folded here.
 */
const RADICALS: Record<string, string> = {
  '⺠': '民',
  '⻚': '页',
  '⻆': '角',
  '⻓': '长',
  '⻔': '门',
  '⻅': '见',
  '⻋': '车',
  '⻢': '马',
  '⻄': '西',
  '⻛': '风',
  '⻜': '飞',
  '⻥': '鱼',
  '⻬': '齐',
  '⻰': '龙',
  '⻉': '贝',
  '⻘': '青',
  '⻩': '黄'
}
const readable = (text: string) => text.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => RADICALS[c] ?? c)

/** Page count and the text of every page, as a PDF reader extracts it. */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0
  }).promise
  const texts: string[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''))
  }
  await doc.destroy()
  return { pages: doc.numPages, text: readable(texts.join('\n')) }
}

/** A real 2×2 grey PNG, as a scanner might give (much smaller). */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  const rows = Buffer.from([0, 0x80, 0x80, 0, 0x80, 0x80])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ])
}
