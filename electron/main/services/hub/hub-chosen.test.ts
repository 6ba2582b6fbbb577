/*
 * A bundle chosen in the desktop's open dialog (chosen-bundles.ts): read by
 * the main process when verified and imported, with the same outcome as an
 * upload; the window names it only by the token it was given; a cancelled
 * dialog, a stale token, a file moved away or grown too large write nothing.
 */
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answeringDialogs } from '../../../../tests/support/file-dialogs'
import { tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { BUNDLE_LIMITS } from './bundle-limits'
import { countsBesidesImportRecord, exportFrom, officeApp, registerAt, registerCaseAt } from './hub-test-kit'

describe('a bundle chosen in the open dialog', () => {
  let wutian: TempApp
  let hub: TempApp
  let file: string

  beforeEach(async () => {
    ;[wutian, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
    await registerAt(hub, wutian)
    file = path.join(hub.dir, '梧田第1号.zip')
    writeFileSync(file, await exportFrom(wutian))
  })
  afterEach(async () => {
    await Promise.all([wutian.dispose(), hub.dispose()])
  })

  const choose = async (answer: string | null = file) => {
    hub.ctx.fileDialogs = answeringDialogs({ open: () => answer })
    return services['hub.chooseBundle'](hub.ctx, {})
  }

  it('is verified and imported by its token, read from the disk, as an upload would be', async () => {
    const chosen = await choose()
    expect(chosen).toMatchObject({ fileName: '梧田第1号.zip' })
    const report = await services['hub.verifyChosen'](hub.ctx, { token: chosen!.token })
    expect(report.ok).toBe(true)
    expect(report.manifest?.officeCode).toBe('wutian')

    const entry = await services['hub.importChosen'](hub.ctx, { token: chosen!.token })
    expect(entry).toMatchObject({ status: 'accepted', fileName: '梧田第1号.zip', officeCode: 'wutian', sequence: 1 })
    expect(entry.merged!.inserted).toBeGreaterThan(3)
    const cases = await hub.ctx.db.selectFrom('cases').select('summary').execute()
    expect(cases.map((c) => c.summary)).toEqual([expect.stringContaining('第1号测试纠纷')])
  })

  it('writes nothing when the dialog is cancelled, and refuses where there is no dialog', async () => {
    const before = await tableCounts(hub)
    expect(await choose(null)).toBeNull()
    hub.ctx.fileDialogs = undefined
    await expect(services['hub.chooseBundle'](hub.ctx, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('只有桌面应用能在本机选择文件')
    })
    expect(await tableCounts(hub)).toEqual(before)
  })

  it('refuses a token it never gave out, and a file moved away after it was chosen', async () => {
    const chosen = await choose()
    const before = await tableCounts(hub)
    await expect(
      services['hub.importChosen'](hub.ctx, { token: '0190a1b2-0000-7000-8000-000000000000' })
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: '所选数据包已失效（软件重新启动过），请重新选择' })
    // Another installation's token is not this one's either.
    await expect(services['hub.verifyChosen'](wutian.ctx, { token: chosen!.token })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
    rmSync(file)
    await expect(choose(file)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `所选文件 ${file} 不存在` })
    await expect(services['hub.importChosen'](hub.ctx, { token: chosen!.token })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `所选数据包 ${file} 已被移走或删除，请重新选择`
    })
    expect(await tableCounts(hub)).toEqual(before)
  })

  it('refuses a file larger than a bundle may be, when chosen and when it grew after', async () => {
    const limit = BUNDLE_LIMITS.maxArchiveBytes
    const chosen = await choose()
    BUNDLE_LIMITS.maxArchiveBytes = 1024
    try {
      await expect(choose()).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^所选文件 .* MB，超过可接收的上限 0\.0 MB，不是可导入的数据包$/)
      })
      BUNDLE_LIMITS.maxArchiveBytes = limit
      appendFileSync(file, Buffer.alloc(2048))
      BUNDLE_LIMITS.maxArchiveBytes = 1024 + 2048
      const before = await countsBesidesImportRecord(hub)
      await expect(services['hub.importChosen'](hub.ctx, { token: chosen!.token })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED'
      })
      expect(await countsBesidesImportRecord(hub)).toEqual(before)
      expect(await hub.ctx.db.selectFrom('hub_imports').select('id').execute()).toEqual([])
    } finally {
      BUNDLE_LIMITS.maxArchiveBytes = limit
    }
  })
})
