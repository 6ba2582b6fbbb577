/*
 * How the renderer reaches the handler table, chosen once at start:
 * window.api from the Electron preload (or the test harness), or, in browser
 * mode, one POST per method to the local server with this launch's token.
 * Nothing else in the renderer knows which shell it runs in.
 */
import type { IpcResult } from '../../../shared/errors'
import { API_PREFIX, TOKEN_FRAGMENT, TOKEN_HEADER } from '../../../shared/browser-mode'
import { splitMethodName, type MethodName } from '../../../shared/ipc-contract'

export type Invoke = (method: MethodName, input: unknown) => Promise<IpcResult<unknown>>

const TOKEN_KEY = 'mcd.token'

type RawWindowApi = Record<string, Record<string, (input: unknown) => Promise<IpcResult<unknown>>>>

function windowTransport(raw: RawWindowApi): Invoke {
  return (method, input) => {
    const [domain, verb] = splitMethodName(method)
    return raw[domain][verb](input)
  }
}

/**
 * The opening URL carries the token in its fragment (`#token=…`): keep it in
 * session storage and take it out of the address bar at once.
 */
export function takeTokenFromLocation(location: Location, storage: Storage, history: History): string | null {
  const match = TOKEN_FRAGMENT.exec(location.hash)
  if (match) {
    storage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', `${location.pathname}${location.search}#/`)
  }
  return storage.getItem(TOKEN_KEY)
}

function httpTransport(token: string | null): Invoke {
  return async (method, input) => {
    if (!token) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: '缺少访问令牌：请使用启动时显示的完整地址（含 #token=…）打开本页' }
      }
    }
    let response: Response
    try {
      response = await fetch(`${API_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {})
      })
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: '无法连接本机服务：程序可能已退出，请重新运行 npm start' }
      }
    }
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: { code: 'FORBIDDEN', message: await response.text() } }
    }
    if (!response.ok) return { ok: false, error: { code: 'INTERNAL', message: await response.text() } }
    return (await response.json()) as IpcResult<unknown>
  }
}

export function chooseTransport(): Invoke {
  const raw = (window as unknown as { api?: RawWindowApi }).api
  if (raw) return windowTransport(raw)
  return httpTransport(takeTokenFromLocation(window.location, window.sessionStorage, window.history))
}
