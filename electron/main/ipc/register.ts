/*
 * The boundary between the window and the services. One handler per contract
 * method, built from the contract: parse the input with its schema (the
 * renderer's types are gone at run time), call the service, and answer with
 * an envelope. Nothing thrown crosses this line: an AppError keeps its code
 * and message; anything else becomes INTERNAL with a correlation id, and its
 * stack stays in the main-process log. The Electron IPC binding, the browser
 * harness and the tests all go through the same table.
 */
import type { IpcMain } from 'electron'
import { ERROR_CODE_LABELS, type ErrorPayload, type IpcResult } from '../../../shared/errors'
import { contract, METHOD_NAMES, type MethodName, type MethodOutput } from '../../../shared/ipc-contract'
import { fieldErrorsOf } from '../../../shared/validation'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { services as defaultServices, type ServiceTable } from '../services/index'
import { PERMISSIONS } from '../../../shared/permissions'
import { scopeRefusal } from '../services/accounts/scope'
import { USER_ROLE_LABELS } from '../../../shared/domain/user'

export type Handler<M extends MethodName> = (rawInput: unknown) => Promise<IpcResult<MethodOutput<M>>>
export type HandlerTable = { [M in MethodName]: Handler<M> }

export function createHandlerTable(ctx: AppContext, services: ServiceTable = defaultServices): HandlerTable {
  const table = {} as Record<MethodName, Handler<MethodName>>
  for (const method of METHOD_NAMES) {
    table[method] = async (rawInput) => {
      // Who may call it is checked before the input is even read.
      const refusal = accessRefusal(ctx, method)
      if (refusal) return failure({ code: 'FORBIDDEN', message: refusal })
      const parsed = contract[method].input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        return failure({
          code: 'VALIDATION_FAILED',
          message: ERROR_CODE_LABELS.VALIDATION_FAILED,
          fields: fieldErrorsOf(parsed.error)
        })
      }
      try {
        const outOfScope = await scopeRefusal(ctx, method, parsed.data)
        if (outOfScope) return failure({ code: 'FORBIDDEN', message: outOfScope })
        const service = services[method] as (ctx: AppContext, input: unknown) => Promise<unknown>
        return { ok: true, data: (await service(ctx, parsed.data)) as MethodOutput<MethodName> }
      } catch (error) {
        return failure(toErrorPayload(error, ctx, method))
      }
    }
  }
  return table as HandlerTable
}

/**
 * Why the session may not call this method, or null if it may. While the
 * installation is being set up (no account has a password yet) everything
 * is allowed; after that every method but the public ones needs a signed-in,
 * unlocked user whose role the permission matrix lists.
 */
export function accessRefusal(ctx: AppContext, method: MethodName): string | null {
  const access = PERMISSIONS[method]
  if (access === 'public' || !ctx.session.accountsEnabled) return null
  if (!ctx.session.userId) return '请先登录'
  if (ctx.session.locked) return '屏幕已锁定，请输入密码解锁'
  if (!access.includes(ctx.actor.role)) return `当前角色（${USER_ROLE_LABELS[ctx.actor.role]}）没有权限执行此操作`
  return null
}

function failure(error: ErrorPayload): { ok: false; error: ErrorPayload } {
  return { ok: false, error }
}

export function toErrorPayload(error: unknown, ctx: AppContext, method: string): ErrorPayload {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
  }
  const correlationId = uuidv7()
  ctx.log.error(`[${correlationId}] ${method} failed`, error)
  return {
    code: 'INTERNAL',
    message: `${ERROR_CODE_LABELS.INTERNAL}（编号 ${correlationId.slice(-12)}）`,
    correlationId
  }
}

/** Call a method by name, for transports that receive the name as data (harness, browser mode). */
export function invokeByName(handlers: HandlerTable, method: unknown, input: unknown): Promise<IpcResult<unknown>> {
  if (typeof method !== 'string' || !(METHOD_NAMES as string[]).includes(method)) {
    return Promise.resolve(failure({ code: 'NOT_FOUND', message: `没有这个接口：${String(method)}` }))
  }
  return handlers[method as MethodName](input)
}

/**
 * Only our own window may call: a frame whose URL is the app's page. A
 * subframe or a navigated-away page gets FORBIDDEN, never a service call.
 */
export function isTrustedSender(senderUrl: string | undefined, trustedPrefixes: readonly string[]): boolean {
  if (!senderUrl) return false
  return trustedPrefixes.some((prefix) => senderUrl.startsWith(prefix))
}

type IpcMainLike = Pick<IpcMain, 'handle'>

/** Bind every method to `ipcMain.handle(<method>)`, dropping calls from untrusted senders. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: HandlerTable,
  trustedPrefixes: readonly string[]
): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, input: unknown) => {
      const fromMainFrame = event.senderFrame !== null && event.senderFrame === event.sender.mainFrame
      if (!fromMainFrame || !isTrustedSender(event.senderFrame?.url, trustedPrefixes)) {
        return failure({ code: 'FORBIDDEN', message: ERROR_CODE_LABELS.FORBIDDEN })
      }
      return handlers[method](input)
    })
  }
}
