/*
 * The exporter's archive writer: a file added a block at a time must read
 * back byte for byte, a tiny file deflate would only grow is stored as it
 * is, and a large file is not held in memory beside its deflated bytes (at
 * 100,000 cases with their whole lifecycle that held 1.6 GB to the end).
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BUNDLE_LIMITS } from './bundle-limits'
import { readZip } from './zip-reader'
import { EntryWriter, zipPieces, type PendingEntry, type ZipInput } from './zip-writer'

const writeZipAsync = async (entries: Array<ZipInput | PendingEntry>) => Buffer.concat(await zipPieces(entries))

/** The compression method of the archive's first entry, from its local header. */
const firstMethod = (zip: Buffer) => zip.readUInt16LE(8)

const written = (name: string, pieces: Buffer[]) => {
  const writer = new EntryWriter(name)
  for (const piece of pieces) writer.add(piece)
  return writer.end()
}

describe('zip writer', () => {
  it('reads back a file of text added in many blocks, deflated, without keeping the blocks', async () => {
    const blocks = Array.from({ length: 200 }, (_, b) =>
      Buffer.from(
        Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: b * 50 + i, name: `欧阳明华${i}` })).join('\n') + '\n'
      )
    )
    const entry = written('cases.ndjson', blocks)
    expect(entry.size).toBe(blocks.reduce((sum, b) => sum + b.length, 0))
    expect(entry.raw).toBeNull()

    const zip = await writeZipAsync([entry])
    expect(firstMethod(zip)).toBe(8)
    expect(zip.length).toBeLessThan(entry.size / 4)
    expect(readZip(zip, BUNDLE_LIMITS).get('cases.ndjson')?.equals(Buffer.concat(blocks))).toBe(true)
  })

  it('stores a tiny file that deflate would grow, and deflates a large one even when it cannot shrink', async () => {
    const tiny = randomBytes(40)
    const tinyZip = await writeZipAsync([written('tiny.bin', [tiny])])
    expect(firstMethod(tinyZip)).toBe(0)
    expect(readZip(tinyZip, BUNDLE_LIMITS).get('tiny.bin')).toEqual(tiny)

    // 1 MiB of noise: past the size up to which the bytes are kept, so it goes in deflated, a little larger.
    const noise = Array.from({ length: 16 }, () => randomBytes(64 * 1024))
    const entry = written('noise.bin', noise)
    expect(entry.raw).toBeNull()
    const zip = await writeZipAsync([entry])
    expect(firstMethod(zip)).toBe(8)
    expect(readZip(zip, BUNDLE_LIMITS).get('noise.bin')?.equals(Buffer.concat(noise))).toBe(true)
  })

  it('gives the same archive whatever the blocks a file was added in', async () => {
    const text = Buffer.from(Array.from({ length: 5000 }, (_, i) => `{"id":${i},"note":"相邻纠纷"}`).join('\n'))
    const whole = await writeZipAsync([{ name: 'a.ndjson', data: text }])
    const cut = [text.subarray(0, 7), text.subarray(7, 70_001), text.subarray(70_001)]
    expect((await writeZipAsync([written('a.ndjson', cut)])).equals(whole)).toBe(true)
  })
})
