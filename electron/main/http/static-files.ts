/*
 * Serves the built renderer (out/renderer) over HTTP for the browser shells:
 * the test harness today, browser mode later. Module scripts cannot load from
 * file:// in a plain browser, hence HTTP. Only files under `root` are served;
 * a path that climbs out of it is answered 404, like a missing file.
 */
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

/** The file under `root` that a URL path names, or null if it names none. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0])
  } catch {
    return null
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const absoluteRoot = path.resolve(root)
  const file = path.resolve(absoluteRoot, relative)
  if (file !== absoluteRoot && !file.startsWith(absoluteRoot + path.sep)) return null
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}

export function serveStaticFile(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  extraHeaders: Record<string, string> = {}
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  const file = resolveStaticFile(root, request.url ?? '/')
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到')
    return
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...extraHeaders
  })
  if (request.method === 'HEAD') response.end()
  else createReadStream(file).pipe(response)
}
