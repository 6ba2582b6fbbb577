/*
 * A bundle's files are read in pieces: lines decoded one at a time and
 * rows handed on in batches, entries inflated one at a time. Each piece must
 * give exactly what reading the whole file at once gives, and the archive's
 * per-file limit must hold before anything is inflated.
 */
import { describe, expect, it } from 'vitest'
import { HUB_ENTITY_BY_FILE } from '../../../../shared/domain/hub-entities'
import { lineOfRow } from '../../../../shared/rules/hub-rows'
import { ndjsonLines, parsedBatches, type LineTally } from './bundle-lines'
import { BUNDLE_LIMITS } from './bundle-check'
import { openZip, ZipRefusal } from './zip-reader'
import { writeZip } from './zip-writer'

const tally = (): LineTally => ({ lines: 0, rows: 0, problems: [] })

describe('bundle lines read in pieces', () => {
  it('gives the same lines as splitting the whole text, with multi-byte characters and empty lines', () => {
    // ≈ 20 MB, with three-byte characters on every line.
    const lines = Array.from({ length: 260_000 }, (_, i) =>
      JSON.stringify({ id: i, name: `欧阳明华${i}`, note: '相邻'.repeat(i % 7) })
    )
    const text = lines.join('\n') + '\n'
    expect([...ndjsonLines(Buffer.from(text))]).toEqual(lines)
    // No line break at the end: the last line still counts.
    expect([...ndjsonLines(Buffer.from(lines.slice(0, 3).join('\n')))]).toEqual(lines.slice(0, 3))
    expect([...ndjsonLines(Buffer.from('a\n\nb\n'))]).toEqual('a\n\nb'.split('\n'))
    expect([...ndjsonLines(Buffer.from(''))]).toEqual([''])
  })

  it('keeps a 12 MB line whole', () => {
    const long = JSON.stringify({ id: 'x', note: '调'.repeat(4_000_000) }) // 12 MB of UTF-8
    expect([...ndjsonLines(Buffer.from(`{"id":1}\n${long}\n{"id":2}\n`))]).toEqual(['{"id":1}', long, '{"id":2}'])
  })

  it('hands rows on in batches of the asked size, and names a bad line by its number', () => {
    const good = { id: '0190a0b0-0000-7000-8000-000000000001', entity: 'rooms', version: 2 }
    const text = [good, good, good, 'not json', good]
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join('\n')
    const counted = tally()
    const batches = [...parsedBatches('tombstones', Buffer.from(text), counted, 2, 3)]
    expect(batches.map((b) => b.length)).toEqual([2, 2])
    expect(counted).toMatchObject({ lines: 5, rows: 4 })
    expect(counted.problems).toEqual(['tombstones.ndjson 第 4 行 不是有效的 JSON'])
  })
})

describe('rows as arrays (format version 3) and as objects (versions 1 and 2)', () => {
  const room = HUB_ENTITY_BY_FILE.get('rooms')!
  const row = {
    id: '0190a0b0-0000-7000-8000-000000000001',
    office_id: '0190a0b0-0000-7000-8000-000000000002',
    name: '第一调解室',
    capacity: 8,
    video_capable: 1,
    active: 1,
    note: null,
    created_at: '2026-11-28T01:00:00.000Z',
    updated_at: '2026-11-28T01:00:00.000Z',
    version: 1
  }
  const read = (lines: unknown[], version: number) => {
    const counted = tally()
    const text = lines.map((line) => JSON.stringify(line)).join('\n')
    return { rows: [...parsedBatches('rooms', Buffer.from(text), counted, 10, version)].flat(), counted }
  }

  it('reads an array line as the row its fields name, and an object line only from an older version', () => {
    expect(room.fields.map((f) => f.name)).toEqual(Object.keys(row))
    const line = lineOfRow(room, row)
    expect(line).toEqual(Object.values(row))
    expect(read([line, line], 3).rows).toEqual([row, row])
    expect(read([row], 2).rows).toEqual([row])
    expect(read([row], 1).rows).toEqual([row])
    // Each version's lines are its own: an object where version 3 writes an array, or the other way round.
    expect(read([row], 3).counted.problems).toEqual(['rooms.ndjson 第 1 行 应为 10 个字段值组成的数组'])
    expect(read([line], 2).counted.problems).toEqual([
      'rooms.ndjson 第 1 行 字段 （整行）：无效输入：期望 object，实际接收 数组'
    ])
  })

  it('names a line with too few or too many values, and a bad value by its field', () => {
    const line = lineOfRow(room, row)
    const { rows, counted } = read(
      [line.slice(0, 9), [...line, 'x'], line.map((v, i) => (i === 3 ? '八' : v)), line],
      3
    )
    expect(rows).toEqual([row])
    expect(counted.problems).toEqual([
      'rooms.ndjson 第 1 行 有 9 个字段值，应为 10 个',
      'rooms.ndjson 第 2 行 有 11 个字段值，应为 10 个',
      'rooms.ndjson 第 3 行 字段 capacity：应为整数'
    ])
  })
})

describe('bundle archive read an entry at a time', () => {
  it('refuses an entry larger than one file may be before inflating it, and a total larger than the bundle may be', () => {
    const zip = writeZip([
      { name: 'a.ndjson', data: Buffer.alloc(3000, 0x61) },
      { name: 'b.ndjson', data: Buffer.alloc(3000, 0x62) }
    ])
    expect(() => openZip(zip, { ...BUNDLE_LIMITS, maxEntryBytes: 2999 })).toThrow(
      new ZipRefusal('条目 a.ndjson 解压后 3000 字节，超过单个文件上限 2999 字节')
    )
    expect(() => openZip(zip, { ...BUNDLE_LIMITS, maxInflatedBytes: 5999 })).toThrow(/解压后总大小超过上限 5999 字节/)
  })

  it('inflates each entry when read, and inflates it again when the archive is too large to keep', async () => {
    const zip = writeZip([{ name: 'a.ndjson', data: Buffer.from('{"id":1}\n') }])
    const kept = openZip(zip, BUNDLE_LIMITS)
    expect(await kept.read('a.ndjson')).toBe(await kept.read('a.ndjson'))
    const streamed = openZip(zip, { ...BUNDLE_LIMITS, keepInflatedBytes: 0 })
    const [first, second] = [await streamed.read('a.ndjson'), await streamed.read('a.ndjson')]
    expect(first).not.toBe(second)
    expect(first.toString()).toBe('{"id":1}\n')
    await expect(streamed.read('missing.ndjson')).rejects.toThrow(/缺少条目 missing\.ndjson/)
  })
})
