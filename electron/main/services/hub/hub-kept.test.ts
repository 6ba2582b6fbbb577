/*
 * The office's own copy of each bundle (kept-bundles.ts): written whole
 * before the bundle is recorded, saved again byte for byte, refused when it
 * is gone or changed, and never left behind by a bundle that was not recorded.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answeringDialogs } from '../../../../tests/support/file-dialogs'
import { tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { BUNDLE_LIMITS } from './bundle-limits'
import { keptBundleFolder, keptBundlePath } from './kept-bundles'
import { officeApp, registerCaseAt } from './hub-test-kit'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const exportNext = (app: TempApp) => services['hub.export'](app.ctx, { kind: 'incremental', policy: 'full' })

describe('kept bundles', () => {
  let office: TempApp
  const folder = () => keptBundleFolder(office.ctx.runtime.databasePath)

  beforeEach(async () => {
    office = await officeApp('wutian')
    await registerCaseAt(office, 1, ['王芳', '陈建国'])
  })
  afterEach(async () => office.dispose())

  it('keeps each bundle beside the store, and saves it again as the bytes that were recorded', async () => {
    const first = await exportNext(office)
    await registerCaseAt(office, 2, ['李娜', '张伟'])
    const second = await exportNext(office)

    expect(readdirSync(folder()).sort()).toEqual([first.fileName, second.fileName].sort())
    for (const made of [first, second]) {
      const onDisk = readFileSync(keptBundlePath(office.ctx.runtime.databasePath, made.fileName!))
      expect(onDisk.length).toBe(made.entry!.sizeBytes)
      expect(sha256(onDisk)).toBe(made.entry!.sha256)
      const saved = await services['hub.bundleFile'](office.ctx, { sequence: made.entry!.sequence })
      expect(saved.fileName).toBe(made.fileName)
      expect(Buffer.from(saved.base64, 'base64').equals(onDisk)).toBe(true)
    }
    const history = await services['hub.exports'](office.ctx, {})
    expect(history.map((e) => [e.sequence, e.kept])).toEqual([
      [2, true],
      [1, true]
    ])
  })

  it('says the copy is gone when it was deleted, and the history shows it', async () => {
    const made = await exportNext(office)
    rmSync(keptBundlePath(office.ctx.runtime.databasePath, made.fileName!))
    const before = await tableCounts(office)

    await expect(services['hub.bundleFile'](office.ctx, { sequence: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^第 1 号数据包的本机副本（hub-wutian-000001-\d{8}\.zip）已不在 .*，无法再次保存$/)
    })
    expect((await services['hub.exports'](office.ctx, {}))[0].kept).toBe(false)
    expect(await tableCounts(office)).toEqual(before)
  })

  it('refuses a copy whose bytes changed, and a bundle that was never made', async () => {
    const made = await exportNext(office)
    const file = keptBundlePath(office.ctx.runtime.databasePath, made.fileName!)
    const bytes = readFileSync(file)
    bytes[bytes.length - 30] ^= 0xff
    writeFileSync(file, bytes)

    await expect(services['hub.bundleFile'](office.ctx, { sequence: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已被改动，SHA-256 与导出记录不符，不能报送')
    })
    await expect(services['hub.bundleFile'](office.ctx, { sequence: 2 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '本机没有生成过第 2 号数据包'
    })
  })

  it('removes what an export cut short by a crash left, and keeps the bundles made before', async () => {
    const first = await exportNext(office)
    const left = path.join(folder(), 'hub-wutian-000002-20261201.zip.part')
    writeFileSync(left, Buffer.alloc(100))
    await registerCaseAt(office, 2, ['李娜', '张伟'])
    const second = await exportNext(office)
    expect(readdirSync(folder()).sort()).toEqual([first.fileName, second.fileName].sort())
  })

  it('leaves no file behind for a bundle that was not recorded, and the next export makes that number', async () => {
    // The history row cannot be written (the store refuses it), after the archive was kept.
    await sql`create trigger refuse_export before insert on hub_exports begin select raise(abort, 'disk full'); end`.execute(
      office.ctx.db
    )
    await expect(exportNext(office)).rejects.toThrow(/disk full/)
    expect(readdirSync(folder())).toEqual([])
    await sql`drop trigger refuse_export`.execute(office.ctx.db)

    const made = await exportNext(office)
    expect(made.entry!.sequence).toBe(1)
    expect(readdirSync(folder())).toEqual([made.fileName])
  })

  it('writes no file for a bundle too large for the hub', async () => {
    const limit = BUNDLE_LIMITS.maxArchiveBytes
    BUNDLE_LIMITS.maxArchiveBytes = 2048
    try {
      await expect(exportNext(office)).rejects.toThrow(/超过区中心可接收的上限/)
    } finally {
      BUNDLE_LIMITS.maxArchiveBytes = limit
    }
    expect(existsSync(folder())).toBe(false)
  })

  it('moves an earlier bundle of the same name aside instead of overwriting it', async () => {
    const first = await exportNext(office)
    const firstBytes = readFileSync(keptBundlePath(office.ctx.runtime.databasePath, first.fileName!))
    // The chain rewound, as restoring a backup taken before 第 1 号 does; the same number is made again the same day.
    await office.ctx.db.deleteFrom('hub_exports').execute()
    await registerCaseAt(office, 2, ['李娜', '张伟'])
    const again = await services['hub.export'](office.ctx, { kind: 'full', policy: 'full' })

    expect(again.fileName).toBe(first.fileName)
    const files = readdirSync(folder())
    expect(files).toHaveLength(2)
    const aside = files.find((name) => name !== first.fileName)!
    expect(aside).toMatch(/^hub-wutian-000001-\d{8}-replaced-\d+\.zip$/)
    expect(readFileSync(`${folder()}/${aside}`).equals(firstBytes)).toBe(true)
    expect(sha256(readFileSync(keptBundlePath(office.ctx.runtime.databasePath, again.fileName!)))).toBe(
      again.entry!.sha256
    )
  })

  it('saves a copy where the desktop save dialog says, audited; a cancelled dialog writes nothing', async () => {
    const made = await exportNext(office)
    const chosen = path.join(office.dir, 'U 盘', made.fileName!)
    mkdirSync(path.dirname(chosen))
    let answer: string | null = null
    const dialogs = answeringDialogs({ save: () => answer })
    office.ctx.fileDialogs = dialogs

    const before = await tableCounts(office)
    expect(await services['hub.saveBundle'](office.ctx, { sequence: 1 })).toBeNull()
    expect(readdirSync(path.dirname(chosen))).toEqual([])
    expect(await tableCounts(office)).toEqual(before)

    answer = chosen
    expect(await services['hub.saveBundle'](office.ctx, { sequence: 1 })).toEqual({
      fileName: made.fileName,
      path: chosen
    })
    expect(sha256(readFileSync(chosen))).toBe(made.entry!.sha256)
    expect(dialogs.opened).toEqual([`save:${made.fileName}`, `save:${made.fileName}`])
    const audit = await office.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['hub.saveBundle', 'hub.bundleFile'])
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].action).toBe('hub.saveBundle')
    expect(JSON.parse(audit[0].summary).after).toMatchObject({ fileName: made.fileName, savedTo: chosen })
  })

  it('refuses to save where there is no dialog, and a copy that is gone before the dialog opens', async () => {
    const made = await exportNext(office)
    await expect(services['hub.saveBundle'](office.ctx, { sequence: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '只有桌面应用能选择保存位置；在浏览器中请用下载保存数据包'
    })
    const dialogs = answeringDialogs({ save: () => path.join(office.dir, 'x.zip') })
    office.ctx.fileDialogs = dialogs
    rmSync(keptBundlePath(office.ctx.runtime.databasePath, made.fileName!))
    const before = await tableCounts(office)
    await expect(services['hub.saveBundle'](office.ctx, { sequence: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(dialogs.opened).toEqual([])
    expect(existsSync(path.join(office.dir, 'x.zip'))).toBe(false)
    expect(await tableCounts(office)).toEqual(before)
  })
})
