import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { API_PREFIX, TOKEN_HEADER } from '../../../shared/browser-mode'
import { MAX_BUNDLE_BASE64_CHARS } from '../../../shared/domain/hub'
import type { IpcResult } from '../../../shared/errors'
import { describeEveryContractMethod } from '../../../tests/support/contract-cases'
import { startTempApp, tableCounts, type TempApp } from '../../../tests/support/temp-app'
import { createHandlerTable } from '../ipc/register'
import { isLoopbackHost, startBrowserServer, type BrowserServer } from './server'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with full control over Host, Origin and the body, as a hostile page or tool would send it. */
function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        )
      }
    )
    // The server may answer and close before a large body is fully sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)
    )
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

function rendererDir(app: TempApp): string {
  const dir = path.join(app.dir, 'renderer')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>人民调解案件管理</title>')
  return dir
}

describeEveryContractMethod('browser mode (HTTP with the launch token)', async (app) => {
  const server = await startBrowserServer({ handlers: createHandlerTable(app.ctx), rendererDir: rendererDir(app) })
  return {
    call: async (method, input) => {
      const response = await send(server.port, {
        path: `${API_PREFIX}${method}`,
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token, Host: `127.0.0.1:${server.port}` },
        body: JSON.stringify(input)
      })
      expect(response.status).toBe(200)
      return JSON.parse(response.body) as IpcResult<unknown>
    },
    stop: () => server.close()
  }
})

describe('browser mode refuses what a hostile page or process would send', () => {
  let app: TempApp
  let server: BrowserServer
  let goodHeaders: Record<string, string>
  let setOffice: string

  beforeEach(async () => {
    app = await startTempApp()
    server = await startBrowserServer({ handlers: createHandlerTable(app.ctx), rendererDir: rendererDir(app) })
    goodHeaders = { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token, Host: `127.0.0.1:${server.port}` }
    const office = await app.ctx.db
      .selectFrom('offices')
      .select('id')
      .where('code', '=', 'wutian')
      .executeTakeFirstOrThrow()
    setOffice = JSON.stringify({ key: 'installation.officeId', value: office.id })
  })
  afterEach(async () => {
    await server.close()
    await app.dispose()
  })

  const settingsSet = `${API_PREFIX}settings.set`

  it('accepts the good request (the baseline the refusals are measured against)', async () => {
    const response = await send(server.port, { path: settingsSet, headers: goodHeaders, body: setOffice })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: true })
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })

  const refusals: Array<[string, (h: Record<string, string>) => Record<string, string>, number]> = [
    ['no token', ({ [TOKEN_HEADER]: _, ...rest }) => rest, 401],
    ['a wrong token', (h) => ({ ...h, [TOKEN_HEADER]: 'x'.repeat(43) }), 401],
    ['Host: evil.example (DNS rebinding)', (h) => ({ ...h, Host: 'evil.example' }), 403],
    ['Host on another port', (h) => ({ ...h, Host: '127.0.0.1:1' }), 403],
    ['a foreign Origin', (h) => ({ ...h, Origin: 'https://evil.example' }), 403],
    ['a form post (not JSON)', (h) => ({ ...h, 'Content-Type': 'application/x-www-form-urlencoded' }), 415]
  ]
  for (const [what, headersFor, status] of refusals) {
    it(`refuses ${what} with ${status} and writes nothing`, async () => {
      const before = await tableCounts(app)
      const response = await send(server.port, { path: settingsSet, headers: headersFor(goodHeaders), body: setOffice })
      expect(response.status).toBe(status)
      expect(response.body).toMatch(/[\u4e00-\u9fff]/)
      expect(await tableCounts(app)).toEqual(before)
    })
  }

  it('refuses a 20 MB body with 413 and writes nothing', async () => {
    const before = await tableCounts(app)
    const huge = Buffer.alloc(20 * 1024 * 1024, 0x20)
    const response = await send(server.port, { path: settingsSet, headers: goodHeaders, body: huge })
    expect(response.status).toBe(413)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('refuses a large body sent without a length (chunked) once it passes the limit', async () => {
    const before = await tableCounts(app)
    const response = await send(server.port, {
      path: settingsSet,
      headers: { ...goodHeaders, 'Transfer-Encoding': 'chunked' },
      body: `{"key":"installation.officeId","value":"${'a'.repeat(13 * 1024 * 1024)}"}`
    })
    expect(response.status).toBe(413)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('takes a bundle-sized body for hub.verify, which reads it and says it is no ZIP, and still caps it', async () => {
    const before = await tableCounts(app)
    const base64 = Buffer.alloc(15 * 1024 * 1024, 0x5a).toString('base64') // 20 MB of text: no archive at all
    const response = await send(server.port, {
      path: `${API_PREFIX}hub.verify`,
      headers: goodHeaders,
      body: JSON.stringify({ fileName: 'bundle.zip', base64 })
    })
    expect(response.status).toBe(200)
    const result = JSON.parse(response.body)
    expect(result).toMatchObject({ ok: true, data: { ok: false } })
    expect(result.data.reason).toMatch(/不是有效的 ZIP 文件/)
    const tooLarge = await send(server.port, {
      path: `${API_PREFIX}hub.import`,
      headers: { ...goodHeaders, 'Content-Length': String(MAX_BUNDLE_BASE64_CHARS + 65 * 1024) },
      body: '{}'
    })
    expect(tooLarge.status).toBe(413)
    expect(await tableCounts(app)).toEqual(before)
  })

  it('answers bad JSON with a VALIDATION_FAILED envelope, and GET on an API route with 405', async () => {
    const bad = await send(server.port, { path: settingsSet, headers: goodHeaders, body: '{"key":' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const get = await send(server.port, { path: settingsSet, method: 'GET', headers: goodHeaders })
    expect(get.status).toBe(405)
  })

  it('serves the page with a strict CSP and no framing, and nothing outside the renderer folder', async () => {
    const page = await send(server.port, { path: '/', method: 'GET', headers: { Host: `localhost:${server.port}` } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('人民调解案件管理')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY')
    const climb = await send(server.port, {
      path: '/../desk.sqlite',
      method: 'GET',
      headers: { Host: `127.0.0.1:${server.port}` }
    })
    expect(climb.status).toBe(404)
    const encoded = await send(server.port, {
      path: '/%2e%2e/desk.sqlite',
      method: 'GET',
      headers: { Host: `127.0.0.1:${server.port}` }
    })
    expect(encoded.status).toBe(404)
  })

  it('puts the token only in the fragment of the opening URL', () => {
    expect(server.openingUrl).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})

describe('listening address', () => {
  it('is loopback only', async () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.8.0.1')).toBe(true)
    expect(isLoopbackHost('::1')).toBe(true)
    expect(isLoopbackHost('0.0.0.0')).toBe(false)
    expect(isLoopbackHost('192.168.1.10')).toBe(false)
    const app = await startTempApp()
    try {
      await expect(
        startBrowserServer({ handlers: createHandlerTable(app.ctx), rendererDir: app.dir, host: '0.0.0.0' })
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    } finally {
      await app.dispose()
    }
  })
})
