/*
 * How often the hub inflates a large bundle's files. The checks inflate each
 * file once (its size, CRC and hash checked, its rows checked as it is
 * read) and the merge once more. A bundle of 1.6 GB used to be inflated a
 * third time, only to hash it before its rows were read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { entriesOf, exportFrom, importAt, officeApp, readBundlesAs, registerAt, registerCaseAt } from './hub-test-kit'

/** Entries of the archive that are deflated (method 8), read from its central directory. */
function deflatedEntries(zip: Buffer): number {
  const end = zip.length - 22
  let at = zip.readUInt32LE(end + 16)
  let deflated = 0
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    if (zip.readUInt16LE(at + 10) === 8) deflated += 1
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return deflated
}

const inflations = vi.hoisted(() => ({ count: 0 }))

vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>()
  const inflateRaw = (...args: Parameters<typeof zlib.inflateRaw>) => {
    inflations.count += 1
    return zlib.inflateRaw(...args)
  }
  return { ...zlib, default: { ...zlib, inflateRaw }, inflateRaw }
})

describe('a large bundle read at the hub', () => {
  readBundlesAs('streamed')
  let wutian: TempApp
  let hub: TempApp
  let bundle: Buffer

  beforeAll(async () => {
    ;[wutian, hub] = await Promise.all([officeApp('wutian'), officeApp('ouhai')])
    await registerCaseAt(wutian, 1, ['王芳', '陈建国'])
    await registerCaseAt(wutian, 2, ['刘洋', '孙丽'])
    bundle = await exportFrom(wutian)
    await registerAt(hub, wutian)
  })
  afterAll(async () => {
    await Promise.all([wutian.dispose(), hub.dispose()])
  })

  it('is inflated once by the checks and once more by the merge, and every row arrives', async () => {
    const deflated = deflatedEntries(bundle)
    expect(deflated).toBeGreaterThan(5)
    expect(deflated).toBeLessThanOrEqual(entriesOf(bundle).length)
    inflations.count = 0
    const verified = await services['hub.verify'](hub.ctx, { fileName: 'b.zip', base64: bundle.toString('base64') })
    expect(verified.ok).toBe(true)
    const checking = inflations.count
    expect(checking).toBe(deflated)

    inflations.count = 0
    const imported = await importAt(hub, bundle)
    expect(imported.status).toBe('accepted')
    expect(inflations.count).toBeLessThanOrEqual(2 * checking)
    const cases = await hub.ctx.db.selectFrom('cases').select('case_number').orderBy('case_number').execute()
    expect(cases).toHaveLength(2)
  })
})
