/*
 * `node out/main/browser.js`: the app in the local browser, for machines
 * without the Electron binary. Same store, same migrations, same handler
 * table as the desktop window; only the transport differs.
 *   --db FILE    database file (default: MCD_DB, else the user-data folder)
 *   --port N     loopback port (default: a free one)
 *   --host H     a loopback address (default 127.0.0.1)
 *   --no-open    do not start a browser, just print the address
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { AppError } from '../errors'
import { acquireDatabaseLock } from '../db/lock'
import { createHandlerTable } from '../ipc/register'
import { userDataDir } from '../paths'
import { resolveDatabasePath, startApp } from '../startup'
import { onVisibleChange, progressPercent, startProgressText } from '../startup-progress'
import { openInBrowser } from './open-browser'
import { startBrowserServer } from './server'

const here = path.dirname(fileURLToPath(import.meta.url))

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: process.env.MCD_PORT ?? '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-open': { type: 'boolean', default: false }
    },
    strict: true
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口无效：${values.port}`)
    return 2
  }
  const databasePath = values.db ? path.resolve(values.db) : resolveDatabasePath(userDataDir())

  const lock = acquireDatabaseLock(databasePath, new Date())
  // The terminal shows a long start (the backup and migration after an update) every tenth of the way.
  const onProgress = onVisibleChange((progress) => {
    const percent = progressPercent(progress)
    if (percent === null || percent % 10 === 0) console.log(startProgressText(progress))
  })
  const app = await startApp({ databasePath, shell: 'browser', onProgress }).catch((error: unknown) => {
    lock.release()
    throw error
  })
  const server = await startBrowserServer({
    handlers: createHandlerTable(app.ctx),
    rendererDir: path.join(here, '../renderer'),
    port,
    host: values.host
  }).catch(async (error: unknown) => {
    await app.close()
    lock.release()
    throw error
  })
  lock.update(server.origin)

  console.log(`数据库：${databasePath}`)
  console.log(`浏览器模式已启动：${server.openingUrl}`)
  const opened = values['no-open'] || process.env.CI ? null : openInBrowser(server.openingUrl)
  console.log(
    opened
      ? `已用 ${opened} 打开浏览器。按 Ctrl-C 退出。`
      : '请在本机浏览器中打开上面的完整地址（含 #token=…）。按 Ctrl-C 退出。'
  )

  // Stay subscribed after the first signal: Ctrl-C in a terminal (or npm and
  // tsx relaying it) may deliver it more than once, and the default action of
  // a later one would kill the process half-way through closing the store.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve())
    process.on('SIGTERM', () => resolve())
  })
  console.log('正在关闭…')
  await server.close()
  await app.close()
  lock.release()
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError ? error.message : error)
    process.exit(1)
  }
)
