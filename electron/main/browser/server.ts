/*
 * Browser mode: the same handler table the Electron window reaches through
 * IPC, served to a browser on this machine. One POST route per contract
 * method (`/api/<method>`), the built renderer for everything else. It guards
 * what the desktop shell gets for free: it listens on loopback only; every
 * API call must carry this launch's random token; a foreign Host (DNS
 * rebinding) or Origin (another site in the same browser) is refused; bodies
 * are size-limited; there are no CORS headers at all.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { API_PREFIX, TOKEN_HEADER } from '../../../shared/browser-mode'
import { bundleFileSchema, MAX_BUNDLE_BASE64_CHARS } from '../../../shared/domain/hub'
import { ERROR_CODE_LABELS, type IpcResult } from '../../../shared/errors'
import { contract } from '../../../shared/ipc-contract'
import { AppError } from '../errors'
import { serveStaticFile } from '../http/static-files'
import { invokeByName, type HandlerTable } from '../ipc/register'

/** Room for a roster spreadsheet as base64; a hostile 20 MB body is still refused unread. */
export const DEFAULT_MAX_BODY_BYTES = 12 * 1024 * 1024

/**
 * The methods that take a whole hub bundle (hub.verify, hub.import): their
 * body may be as large as the contract lets a bundle be, plus its file name.
 * Found from the contract, so a new bundle method gets the room too.
 */
const BUNDLE_METHODS = new Set(
  Object.entries(contract)
    .filter(([, method]) => method.input === bundleFileSchema)
    .map(([name]) => name)
)
const BUNDLE_BODY_BYTES = MAX_BUNDLE_BASE64_CHARS + 64 * 1024

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1'])

const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer'
}

export interface BrowserServerOptions {
  handlers: HandlerTable
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  host?: string
  token?: string
  maxBodyBytes?: number
}

export interface BrowserServer {
  /** The address to open, with the token in its fragment (never sent to a server, never logged). */
  openingUrl: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host)) {
    throw new AppError('VALIDATION_FAILED', `浏览器模式只能监听本机回环地址（如 127.0.0.1），不能监听 ${host}`, {
      host: '只能使用本机回环地址'
    })
  }
  const token = options.token ?? randomBytes(32).toString('base64url')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let port = 0

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Only reachable on a broken socket; the handler table never throws.
      console.error('browser-mode request failed', error)
      if (!response.headersSent) sendText(response, 500, ERROR_CODE_LABELS.INTERNAL)
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request.headers.host, port)) return sendText(response, 403, '拒绝访问：请求的主机名不是本机')
    const url = request.url ?? '/'
    if (!url.startsWith(API_PREFIX)) return serveStaticFile(options.rendererDir, request, response, PAGE_HEADERS)

    if (request.method !== 'POST') return sendText(response, 405, '只接受 POST 请求')
    const origin = request.headers.origin
    if (origin !== undefined && !originAllowed(origin, port))
      return sendText(response, 403, '拒绝访问：请求来自其他网站')
    if (!tokenMatches(request.headers[TOKEN_HEADER], token))
      return sendText(response, 401, '访问令牌无效：请使用启动时显示的完整地址打开')
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendText(response, 415, '请求格式应为 JSON')
    }
    const method = decodeURIComponent(url.slice(API_PREFIX.length).split('?')[0])
    const limit = BUNDLE_METHODS.has(method) ? Math.max(maxBodyBytes, BUNDLE_BODY_BYTES) : maxBodyBytes
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > limit) return sendText(response, 413, '请求内容过大', true)

    const body = await readBody(request, limit)
    if (body === null) return sendText(response, 413, '请求内容过大', true)
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch {
      return sendJson(response, { ok: false, error: { code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' } })
    }
    sendJson(response, await invokeByName(options.handlers, method, input))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const urlHost = host === '::1' ? '[::1]' : host
  const origin = `http://${urlHost}:${port}`

  return {
    openingUrl: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader)
  if (!match) return false
  const name = match[1].replace(/^\[|\]$/g, '')
  return isLoopbackHost(name) && Number(match[2] ?? 80) === port
}

function originAllowed(origin: string, port: number): boolean {
  try {
    const parsed = new URL(origin)
    return parsed.protocol === 'http:' && hostAllowed(parsed.host, port)
  } catch {
    return false
  }
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The body, or null once it grows past the limit (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners('data')
        request.resume()
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, result: IpcResult<unknown>): void {
  const body = JSON.stringify(result)
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  })
  response.end(body)
}

function sendText(response: ServerResponse, status: number, message: string, closeConnection = false): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(closeConnection ? { Connection: 'close' } : {})
  })
  response.end(message)
}
