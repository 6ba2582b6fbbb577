/*
 * Every way a bundle is refused at the hub writes nothing but its refusal:
 * tampered bytes in any file, a foreign signature, an unregistered office,
 * a replayed, skipped or forked chain, hostile ZIP entries, a zip bomb, and
 * an NDJSON line that breaks its schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HUB_ENTITY_BY_FILE } from '../../../../shared/domain/hub-entities'
import { lineOfRow, rowOfLine } from '../../../../shared/rules/hub-rows'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { sha256Hex } from './zip-writer'
import {
  countsBesidesImportRecord,
  entriesOf,
  exportFrom,
  importAt,
  officeApp,
  registerAt,
  registerCaseAt,
  resigned,
  READING_MODES,
  readBundlesAs
} from './hub-test-kit'
import { writeZip } from './zip-writer'
import { forgeCrc, forgeSizes, setUnixMode } from './zip-forge'

describe.each(READING_MODES)('hub import refusals (bundles read %s)', (mode) => {
  readBundlesAs(mode)
  let wutian: TempApp
  let jingshan: TempApp
  let hub: TempApp
  let first: Buffer
  let second: Buffer
  let third: Buffer

  beforeAll(async () => {
    ;[wutian, jingshan, hub] = await Promise.all([officeApp('wutian'), officeApp('jingshan'), officeApp('ouhai')])
    await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
    first = await exportFrom(wutian)
    await registerCaseAt(wutian, 2, ['刘洋', '孙丽'])
    second = await exportFrom(wutian)
    await registerCaseAt(wutian, 3, ['周强', '吴敏'])
    third = await exportFrom(wutian)
    await services['hub.generateKey'](jingshan.ctx, {})
  })
  afterAll(async () => {
    await Promise.all([wutian.dispose(), jingshan.dispose(), hub.dispose()])
  })

  /** Import, expect a refusal whose reason matches, and that only the refusal row was written. */
  async function expectRefused(bundle: Buffer, reason: RegExp): Promise<void> {
    const before = await countsBesidesImportRecord(hub)
    const importsBefore = (await services['hub.imports'](hub.ctx, {})).length
    const entry = await importAt(hub, bundle, 'suspect.zip')
    expect(entry.status).toBe('refused')
    expect(entry.reason).toMatch(reason)
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
    const history = await services['hub.imports'](hub.ctx, {})
    expect(history).toHaveLength(importsBefore + 1)
    expect(history[0]).toMatchObject({ status: 'refused', reason: entry.reason })
    expect(hub.errors).toEqual([])
  }

  it('refuses a bundle from an office whose key is not registered', async () => {
    await expectRefused(first, /公钥尚未在本中心登记/)
    await registerAt(hub, wutian)
  })

  it('refuses a skipped sequence, then takes the first bundle', async () => {
    await expectRefused(second, /序号跳跃：应为第 1 号，收到第 2 号/)
    expect((await importAt(hub, first)).status).toBe('accepted')
  })

  it('refuses one changed byte in any file of the bundle', async () => {
    for (const { name, data } of entriesOf(second)) {
      const tampered = Buffer.from(data)
      const at = name === 'signature' ? 3 : Math.floor(tampered.length / 2)
      tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41
      const files = entriesOf(second).map((e) => (e.name === name ? { name, data: tampered } : e))
      await expectRefused(
        writeZip(files),
        name === 'manifest.json' || name === 'signature' ? /签名无效|清单/ : /SHA-256/
      )
    }
  })

  it('refuses a changed byte in the raw archive', async () => {
    const raw = Buffer.from(second)
    raw[60] ^= 0xff
    await expectRefused(raw, /.+/)
  })

  it("refuses a bundle signed with another office's key", async () => {
    await expectRefused(
      resigned(second, jingshan, () => {}),
      /签名无效/
    )
  })

  it('refuses a forked chain: the right sequence after the wrong bundle', async () => {
    const forked = resigned(second, wutian, (_files, manifest) => {
      manifest.previousBundleSha256 = 'f'.repeat(64)
    })
    await expectRefused(forked, /哈希链分叉/)
  })

  it('refuses an NDJSON line that breaks its schema', async () => {
    const broken = resigned(second, wutian, (files) => {
      const lines = files.get('cases.ndjson')!.toString('utf8').split('\n')
      const cases = HUB_ENTITY_BY_FILE.get('cases')!
      const row = rowOfLine(cases, JSON.parse(lines[0])) as Record<string, unknown>
      row.amount_cents = '一万元'
      lines[0] = JSON.stringify(lineOfRow(cases, row))
      files.set('cases.ndjson', Buffer.from(lines.join('\n')))
    })
    await expectRefused(broken, /cases\.ndjson 第 1 行 字段 amount_cents：应为整数/)
  })

  it('refuses hostile archive entries before reading them', async () => {
    const files = entriesOf(second)
    await expectRefused(writeZip([...files, { name: '../../x', data: Buffer.from('x') }]), /路径穿越/)
    await expectRefused(writeZip([...files, { name: '/etc/cron.d/x', data: Buffer.from('x') }]), /绝对路径/)
    await expectRefused(writeZip([...files, { name: 'C:\\x', data: Buffer.from('x') }]), /绝对路径/)
    await expectRefused(writeZip([...files, files[2]]), /重复的条目/)
    await expectRefused(
      setUnixMode(writeZip([...files, { name: 'link', data: Buffer.from('/etc/passwd') }]), 'link', 0o120777),
      /符号链接/
    )
  })

  it('refuses a zip bomb, whether it declares its size or lies about it', async () => {
    const files = entriesOf(second)
    const zeros = Buffer.alloc(8 * 1024 * 1024)
    // Declares 1 GiB inflated from a few KB: refused from the directory alone, nothing inflated.
    await expectRefused(
      forgeSizes(writeZip([...files, { name: 'bomb.ndjson', data: zeros }]), 'bomb.ndjson', 1024 ** 3),
      /压缩比异常|超过上限/
    )
    // Declares 1 KB but inflates to 8 MB: inflation stops at the declared size.
    await expectRefused(
      forgeSizes(writeZip([...files, { name: 'bomb.ndjson', data: zeros }]), 'bomb.ndjson', 1024),
      /超过声明大小/
    )
  })

  it('refuses a data file that fails its CRC as the archive, whether the manifest is sound or not', async () => {
    // The data files are first inflated by the row checks; a broken one still fails the first check, and only it.
    const broken = forgeCrc(second, 'cases.ndjson')
    await expectRefused(broken, /^压缩包结构.*cases\.ndjson 的 CRC 校验失败/)
    const report = await services['hub.verify'](hub.ctx, { fileName: 'b.zip', base64: broken.toString('base64') })
    expect(report.checks.map((c) => c.status)).toEqual(['failed', ...report.checks.slice(1).map(() => 'skipped')])

    const files = entriesOf(second).map((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.from('{') } : e))
    await expectRefused(forgeCrc(writeZip(files), 'cases.ndjson'), /^压缩包结构.*CRC 校验失败/)
    // With the archive whole, the same manifest fails as the manifest.
    await expectRefused(writeZip(files), /^清单.*不是有效的 JSON/)
  })

  it('refuses a replayed bundle and an older one, then continues the chain', async () => {
    await expectRefused(first, /重复导入/)
    expect((await importAt(hub, second)).status).toBe('accepted')
    expect((await importAt(hub, third)).status).toBe('accepted')
    const older = resigned(second, wutian, (files) =>
      files.set('cases.ndjson', Buffer.from(files.get('cases.ndjson')!))
    )
    await expectRefused(older, /过期或重放的数据包：第 2 号.*应为第 4 号/)
    const [office] = await services['hub.offices'](hub.ctx, {})
    expect(office).toMatchObject({ officeCode: 'wutian', lastSequence: 3, lastBundleSha256: sha256Hex(third) })
  })
})

describe.each(READING_MODES)('a bundle the store refuses in the middle of the merge (bundles read %s)', (mode) => {
  readBundlesAs(mode)
  let wutian: TempApp
  let hub: TempApp

  beforeAll(async () => {
    ;[wutian, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerAt(hub, wutian)
    for (const [n, names] of [
      [1, ['王芳', '陈建国']],
      [2, ['刘洋', '孙丽']],
      [3, ['周强', '吴敏']]
    ] as const)
      await registerCaseAt(wutian, n, [...names])
  })
  afterAll(async () => {
    await Promise.all([wutian.dispose(), hub.dispose()])
  })

  it('one case event twice passes every check, the store refuses the second, and the whole merge is undone', async () => {
    const good = await exportFrom(wutian)
    // Signed by the office's own key: every check passes; only the store's unique id can catch it.
    const twice = resigned(good, wutian, (files, manifest) => {
      const lines = files.get('case_events.ndjson')!.toString('utf8').trimEnd().split('\n')
      files.set('case_events.ndjson', Buffer.from([...lines, lines[lines.length - 1]].join('\n') + '\n'))
      manifest.counts.case_events.rows += 1
    })
    const verification = await services['hub.verify'](hub.ctx, {
      fileName: 'twice.zip',
      base64: twice.toString('base64')
    })
    expect(verification.ok).toBe(true)

    const before = await countsBesidesImportRecord(hub)
    const refused = await importAt(hub, twice, 'twice.zip')
    expect(refused.status).toBe('refused')
    expect(refused.reason).toBe(
      '合并时数据库拒绝写入，未写入任何数据：case_events.ndjson 中有一行与本中心已有的记录或数据包中的另一行重复（id）'
    )
    // The cases, parties and events merged before the failing statement are gone with it.
    expect(await countsBesidesImportRecord(hub)).toEqual(before)
    expect(hub.errors.map((e) => e.message)).toEqual(['hub.import merge refused'])
    hub.errors.length = 0

    // The chain did not move: the same bundle as the office made it is taken next.
    const taken = await importAt(hub, good, 'good.zip')
    expect(taken.status).toBe('accepted')
    const cases = await hub.ctx.db.selectFrom('cases').select('id').execute()
    expect(cases).toHaveLength(3)
  })
})
