/*
 * PDF of an office's own DOCX template (its letterhead, its seal area),
 * converted by LibreOffice headless. The built-in documents are typeset from
 * their print view (pdf-printer.ts); an office template has a layout only
 * the DOCX knows, so its PDF must come from the DOCX itself. LibreOffice is
 * optional: where it is missing the PDF keeps the built-in layout and the user
 * is told (generate.ts).
 *
 * LibreOffice refuses a second conversion on a profile that is in use, so
 * conversions run one at a time. They share one temporary profile: making a
 * profile costs more than the conversion itself.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const NAMES = ['soffice', 'libreoffice']
const WINDOWS_DEFAULTS = ['C:\\Program Files\\LibreOffice\\program\\soffice.exe']
const TIMEOUT_MS = 120_000

/** `MCD_SOFFICE`, else LibreOffice on the PATH, else its default Windows install; null when absent. */
export function findSoffice(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform
): string | null {
  if (env.MCD_SOFFICE) return existsSync(env.MCD_SOFFICE) ? env.MCD_SOFFICE : null
  const suffix = platform === 'win32' ? '.exe' : ''
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of NAMES) {
      const candidate = path.join(dir, name + suffix)
      if (dir && existsSync(candidate)) return candidate
    }
  }
  if (platform === 'win32') return WINDOWS_DEFAULTS.find((file) => existsSync(file)) ?? null
  return null
}

let queue: Promise<unknown> = Promise.resolve()
let profile: string | null = null

function sharedProfile(): string {
  if (!profile) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-office-profile-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    profile = dir
  }
  return profile
}

/** The PDF LibreOffice makes of a DOCX. */
export async function docxToPdf(soffice: string, docx: Buffer): Promise<Buffer> {
  const [pdf] = await docxFilesToPdf(soffice, [docx])
  return pdf
}

/** PDFs of several DOCX files in one LibreOffice run (starting LibreOffice costs more than converting). */
export function docxFilesToPdf(soffice: string, files: Buffer[]): Promise<Buffer[]> {
  const job = queue.then(() => convert(soffice, files))
  queue = job.catch(() => undefined)
  return job
}

function convert(soffice: string, files: Buffer[]): Promise<Buffer[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-office-pdf-'))
  const inputs = files.map((docx, i) => {
    const input = path.join(dir, `document-${i}.docx`)
    writeFileSync(input, docx)
    return input
  })
  const args = [
    `-env:UserInstallation=${pathToFileURL(sharedProfile()).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    'pdf',
    '--outdir',
    dir,
    ...inputs
  ]
  return new Promise<Buffer[]>((resolve, reject) => {
    execFile(soffice, args, { timeout: TIMEOUT_MS * files.length, windowsHide: true }, (error, _stdout, stderr) => {
      try {
        if (error) throw new Error(`LibreOffice 转换失败：${(stderr || error.message).trim().split('\n')[0]}`)
        resolve(
          inputs.map((input) => {
            const output = input.replace(/\.docx$/, '.pdf')
            if (!existsSync(output)) throw new Error(`LibreOffice 未生成 PDF：${stderr.trim().split('\n')[0]}`)
            return readFileSync(output)
          })
        )
      } catch (failure) {
        reject(failure as Error)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
