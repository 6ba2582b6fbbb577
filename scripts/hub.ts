/*
 * `npm run hub -- <command>` for the hub's scripted use (docs/hub-bundle.md §7):
 *   keygen   --db FILE [--out office-key.json]   make (or show) the office key; write the public key file
 * `--office CODE` on any command first sets the installation's office (a scripted setup's first step).
 *   export   --db FILE --out FILE [--policy full|masked] [--full]
 *   register --db FILE --in office-key.json       register an office's public key at this hub
 *   verify   --db FILE --in FILE                  every check's result; exit 1 on any failure
 *   import   --db FILE --in FILE                  verify and merge; exit 1 when refused
 *   schemas  [--out DIR]                          write the JSON Schemas (default resources/hub)
 * The same services as the screens, over the same store: nothing here is special.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  HUB_CHECK_LABELS,
  PII_POLICIES,
  removedCopiesText,
  type HubVerification,
  type PiiPolicy
} from '../shared/domain/hub'
import { hubJsonSchemaFiles } from '../shared/rules/hub-json-schema'
import { services } from '../electron/main/services/index'
import { startApp, type RunningApp } from '../electron/main/startup'
import { AppError } from '../electron/main/errors'
import type { FileDialogs } from '../electron/main/platform/file-dialogs'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    policy: { type: 'string', default: 'full' },
    full: { type: 'boolean', default: false },
    office: { type: 'string' }
  }
})

const USAGE =
  '用法：npm run hub -- keygen|export|register|verify|import|schemas --db 数据库 [--in 文件] [--out 文件] [--policy full|masked] [--full] [--office 组织代码]'

function fail(message: string, code = 2): never {
  console.error(message)
  process.exit(code)
}

function need(value: string | undefined, flag: string): string {
  return value ?? fail(`缺少 --${flag}\n${USAGE}`)
}

async function withApp<T>(work: (app: RunningApp) => Promise<T>): Promise<T> {
  const app = await startApp({ databasePath: path.resolve(need(values.db, 'db')), shell: 'harness' })
  try {
    if (values.office) {
      const office = await app.ctx.db
        .selectFrom('offices')
        .select('id')
        .where('code', '=', values.office)
        .executeTakeFirst()
      if (!office) fail(`没有代码为 ${values.office} 的调解组织`)
      await services['settings.set'](app.ctx, { key: 'installation.officeId', value: office.id })
    }
    app.ctx.fileDialogs = flagDialogs
    return await work(app)
  } catch (error) {
    // Expected refusals (AppError) are the user's to read, not a stack trace.
    if (error instanceof AppError) fail(`错误：${error.message}`, 1)
    throw error
  } finally {
    await app.close()
  }
}

function printVerification(report: HubVerification): void {
  const m = report.manifest
  if (m) {
    console.log(`调解组织：${m.officeName}（${m.officeCode}）  密钥指纹：${m.keyFingerprint}`)
    console.log(`序号：第 ${m.sequence} 号  前一数据包：${m.previousBundleSha256 ?? '（无，首个数据包）'}`)
    console.log(
      `生成于：${m.createdAt}  类型：${m.kind}  个人信息：${m.piiPolicy}  变更日志：(${m.changeLog.fromSeq}, ${m.changeLog.toSeq}]`
    )
    const counts = Object.entries(m.counts).filter(([, c]) => c.rows + c.tombstones > 0)
    console.log(
      `条数：${counts.map(([file, c]) => `${file} ${c.rows}${c.tombstones ? `（删除 ${c.tombstones}）` : ''}`).join('，')}`
    )
  }
  console.log(`数据包 SHA-256：${report.bundleSha256}（${report.sizeBytes} 字节）`)
  for (const check of report.checks) {
    const mark = check.status === 'passed' ? '通过' : check.status === 'failed' ? '失败' : '未检'
    console.log(`[${mark}] ${HUB_CHECK_LABELS[check.key]}：${check.detail}`)
  }
}

/** The command line's answers to the file dialogs: the files named by --in and --out, read and written by the services. */
const flagDialogs: FileDialogs = {
  choosePath: async () => path.resolve(need(values.out, 'out')),
  chooseFile: async () => path.resolve(need(values.in, 'in'))
}

/** The bundle named by --in, chosen as the desktop's open dialog would choose it. */
async function chosenToken(app: RunningApp): Promise<string> {
  const chosen = await services['hub.chooseBundle'](app.ctx, {})
  return chosen!.token
}

const command = positionals[0]
switch (command) {
  case 'keygen': {
    await withApp(async (app) => {
      const info = await services['hub.generateKey'](app.ctx, {})
      console.log(`本机密钥指纹：${info.fingerprint}（保护方式：${info.protection}）`)
      if (values.out) {
        const file = await services['hub.publicKeyFile'](app.ctx, {})
        writeFileSync(values.out, JSON.stringify(file, null, 2) + '\n')
        console.log(`公钥文件已写入 ${values.out}，交区中心登记`)
      }
    })
    break
  }
  case 'export': {
    const policy = values.policy as PiiPolicy
    if (!PII_POLICIES.includes(policy)) fail('--policy 只能是 full 或 masked')
    need(values.out, 'out')
    const result = await withApp(async (app) => {
      const made = await services['hub.export'](app.ctx, { kind: values.full ? 'full' : 'incremental', policy })
      if (!made.entry) return { made, saved: null }
      return { made, saved: await services['hub.saveBundle'](app.ctx, { sequence: made.entry.sequence }) }
    })
    console.log(result.made.message)
    if (result.saved && result.made.entry) {
      console.log(
        `已写入 ${result.saved.path}：${result.made.entry.sizeBytes} 字节，SHA-256 ${result.made.entry.sha256}`
      )
    }
    if (result.made.removedCopies.length) console.log(removedCopiesText(result.made.removedCopies))
    break
  }
  case 'register': {
    const key = JSON.parse(readFileSync(need(values.in, 'in'), 'utf8')) as {
      officeCode?: string
      publicKeyPem?: string
    }
    await withApp(async (app) => {
      const office = await app.ctx.db
        .selectFrom('offices')
        .select('id')
        .where('code', '=', String(key.officeCode))
        .executeTakeFirst()
      if (!office || !key.publicKeyPem) fail(`公钥文件无效或调解组织 ${key.officeCode} 不存在`)
      const offices = await services['hub.registerOffice'](app.ctx, {
        officeId: office.id,
        publicKeyPem: key.publicKeyPem
      })
      const registered = offices.find((o) => o.officeId === office.id)!
      console.log(`已登记 ${registered.officeName}：${registered.fingerprint}`)
    })
    break
  }
  case 'verify': {
    const report = await withApp(async (app) =>
      services['hub.verifyChosen'](app.ctx, { token: await chosenToken(app) })
    )
    printVerification(report)
    console.log(report.ok ? '校验通过' : `校验未通过：${report.reason}`)
    process.exitCode = report.ok ? 0 : 1
    break
  }
  case 'import': {
    const entry = await withApp(async (app) => services['hub.importChosen'](app.ctx, { token: await chosenToken(app) }))
    printVerification(entry.verification)
    if (entry.status === 'accepted') {
      const m = entry.merged!
      console.log(`已导入：新增 ${m.inserted}，更新 ${m.updated}，未变 ${m.unchanged}，删除 ${m.deleted}`)
    } else console.log(`已拒收：${entry.reason}`)
    process.exitCode = entry.status === 'accepted' ? 0 : 1
    break
  }
  case 'schemas': {
    const dir = values.out ?? path.join('resources', 'hub')
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of hubJsonSchemaFiles()) writeFileSync(path.join(dir, name), text)
    console.log(`已写入 ${hubJsonSchemaFiles().size} 个 JSON Schema 到 ${dir}`)
    break
  }
  default:
    fail(USAGE)
}
