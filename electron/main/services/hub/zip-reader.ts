/*
 * Reads a ZIP that came from outside (a USB stick, a shared folder) without
 * trusting it. The whole central directory is parsed and checked before a
 * single byte is inflated: sizes and entry counts, flat file names only (no
 * traversal, absolute paths, backslashes or folders), no duplicates, no
 * links or special files, no encryption, a sane compression ratio, entries
 * that do not overlap. Then each entry is inflated with its declared size as
 * the hard output limit and its CRC checked. pizzip would inflate first and
 * ask questions later, which is what a zip bomb counts on.
 */
import { crc32, inflateRaw, inflateRawSync } from 'node:zlib'

export interface ZipLimits {
  maxArchiveBytes: number
  maxEntries: number
  /** Declared uncompressed size of all entries together. */
  maxInflatedBytes: number
  /** Declared uncompressed size of one entry: what is held in memory at once. */
  maxEntryBytes: number
  /** Up to this declared total, an opened archive keeps the entries it inflated (openZip). */
  keepInflatedBytes: number
  /** Largest uncompressed:compressed ratio for an entry over 1 MiB. */
  maxRatio: number
}

export class ZipRefusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ZipRefusal'
  }
}

interface CentralEntry {
  name: string
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_MARK = 0xffffffff
const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000
const RATIO_FLOOR_BYTES = 1024 * 1024

/** Entries of a checked archive, by name, in archive order. */
export function readZip(buffer: Buffer, limits: ZipLimits): Map<string, Buffer> {
  const entries = checkedEntries(buffer, limits)
  const files = new Map<string, Buffer>()
  for (const entry of entries) files.set(entry.name, inflateEntry(buffer, entry))
  return files
}

/** A checked archive whose entries are inflated one at a time, when asked for. */
export interface ZipArchive {
  /** Entry names, in archive order. */
  names: string[]
  /** Declared uncompressed size of every entry together. */
  inflatedBytes: number
  /** One entry inflated on libuv's thread pool, its size and CRC checked; a ZipRefusal otherwise. */
  read(name: string): Promise<Buffer>
}

/**
 * The central directory is checked at once, before a byte is inflated; each
 * entry is inflated when read. A small archive keeps what it inflated (it is
 * read again by the import's later passes); a large one keeps nothing, so
 * memory holds the entries being read, not the whole bundle.
 */
export function openZip(buffer: Buffer, limits: ZipLimits): ZipArchive {
  const entries = new Map(checkedEntries(buffer, limits).map((entry) => [entry.name, entry]))
  const inflatedBytes = [...entries.values()].reduce((sum, entry) => sum + entry.size, 0)
  const keep = inflatedBytes <= limits.keepInflatedBytes
  const kept = new Map<string, Promise<Buffer>>()
  return {
    names: [...entries.keys()],
    inflatedBytes,
    read(name) {
      const entry = entries.get(name)
      if (!entry) return Promise.reject(new ZipRefusal(`缺少条目 ${name}`))
      const cached = kept.get(name)
      if (cached) return cached
      const data = inflateEntryAsync(buffer, entry)
      if (keep) kept.set(name, data)
      return data
    }
  }
}

/**
 * Reads entries of an opened archive as they are asked for, and starts
 * inflating the one after in `order` (on libuv's pool) while the caller works
 * on the current one: two entries in memory at a time, not the archive.
 */
export function readAhead(archive: ZipArchive, order: string[]): { read(name: string): Promise<Buffer> } {
  const present = order.filter((name) => archive.names.includes(name))
  const ahead = new Map<string, Promise<Buffer>>()
  const start = (name: string) => {
    const pending = archive.read(name)
    pending.catch(() => undefined) // awaited when its turn comes; a refusal is reported there
    ahead.set(name, pending)
  }
  return {
    read(name) {
      if (!ahead.has(name)) start(name)
      const pending = ahead.get(name)!
      ahead.delete(name)
      const next = present[present.indexOf(name) + 1]
      if (next && !ahead.has(next)) start(next)
      return pending
    }
  }
}

function checkedEntries(buffer: Buffer, limits: ZipLimits): CentralEntry[] {
  if (buffer.length > limits.maxArchiveBytes) {
    throw new ZipRefusal(`文件大小 ${buffer.length} 字节，超过上限 ${limits.maxArchiveBytes} 字节`)
  }
  return readCentralDirectory(buffer, limits)
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const earliest = Math.max(0, buffer.length - 22 - 0xffff)
  for (let at = buffer.length - 22; at >= earliest; at -= 1) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE && at + 22 + buffer.readUInt16LE(at + 20) === buffer.length) {
      return at
    }
  }
  throw new ZipRefusal('不是有效的 ZIP 文件（找不到中央目录）')
}

function readCentralDirectory(buffer: Buffer, limits: ZipLimits): CentralEntry[] {
  if (buffer.length < 22) throw new ZipRefusal('不是有效的 ZIP 文件（文件过短）')
  const end = findEndOfCentralDirectory(buffer)
  const count = buffer.readUInt16LE(end + 10)
  const centralSize = buffer.readUInt32LE(end + 12)
  const centralOffset = buffer.readUInt32LE(end + 16)
  if (
    buffer.readUInt16LE(end + 4) !== 0 ||
    buffer.readUInt16LE(end + 6) !== 0 ||
    buffer.readUInt16LE(end + 8) !== count
  ) {
    throw new ZipRefusal('不支持分卷 ZIP')
  }
  if (count > limits.maxEntries) throw new ZipRefusal(`条目 ${count} 个，超过上限 ${limits.maxEntries} 个`)
  if (centralOffset + centralSize !== end) throw new ZipRefusal('ZIP 中央目录位置不正确')

  const entries: CentralEntry[] = []
  const seen = new Set<string>()
  let inflatedTotal = 0
  let at = centralOffset
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipRefusal('ZIP 中央目录已损坏')
    const madeBy = buffer.readUInt16LE(at + 4)
    const flags = buffer.readUInt16LE(at + 8)
    const method = buffer.readUInt16LE(at + 10)
    const crc = buffer.readUInt32LE(at + 16)
    const compressedSize = buffer.readUInt32LE(at + 20)
    const size = buffer.readUInt32LE(at + 24)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    const external = buffer.readUInt32LE(at + 38)
    const localOffset = buffer.readUInt32LE(at + 42)
    const nameEnd = at + 46 + nameLength
    if (nameEnd + extraLength + commentLength > end) throw new ZipRefusal('ZIP 中央目录已损坏')
    const name = buffer.subarray(at + 46, nameEnd).toString('utf8')
    at = nameEnd + extraLength + commentLength

    checkName(name)
    const folded = name.toLowerCase()
    if (seen.has(folded)) throw new ZipRefusal(`重复的条目：${name}`)
    seen.add(folded)
    // Unix hosts keep the file type in the high half of the external attributes.
    const mode = external >>> 16
    if (madeBy >> 8 === 3 && (mode & S_IFMT) === S_IFLNK) throw new ZipRefusal(`条目 ${name} 是符号链接`)
    if (madeBy >> 8 === 3 && mode !== 0 && (mode & S_IFMT) !== S_IFREG)
      throw new ZipRefusal(`条目 ${name} 不是普通文件`)
    if (flags & 0x0001) throw new ZipRefusal(`条目 ${name} 已加密`)
    if (method !== 0 && method !== 8) throw new ZipRefusal(`条目 ${name} 使用了不支持的压缩方式`)
    if ([compressedSize, size, localOffset].includes(ZIP64_MARK))
      throw new ZipRefusal(`条目 ${name} 使用 ZIP64，不支持`)
    if (method === 0 && compressedSize !== size) throw new ZipRefusal(`条目 ${name} 的大小声明不一致`)
    if (size > RATIO_FLOOR_BYTES && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      throw new ZipRefusal(
        `条目 ${name} 压缩比异常（${Math.round(size / Math.max(compressedSize, 1))}:1），疑似压缩炸弹`
      )
    }
    if (size > limits.maxEntryBytes) {
      throw new ZipRefusal(`条目 ${name} 解压后 ${size} 字节，超过单个文件上限 ${limits.maxEntryBytes} 字节`)
    }
    inflatedTotal += size
    if (inflatedTotal > limits.maxInflatedBytes) {
      throw new ZipRefusal(`解压后总大小超过上限 ${limits.maxInflatedBytes} 字节，疑似压缩炸弹`)
    }
    entries.push({ name, method, crc, compressedSize, size, localOffset })
  }
  if (at !== end) throw new ZipRefusal('ZIP 中央目录已损坏')
  checkLocalHeaders(buffer, entries, centralOffset)
  return entries
}

/** Bundles are flat: a plain file name, nothing that could land outside the folder it is unpacked to. */
function checkName(name: string): void {
  if (name.length === 0 || name.includes('\0')) throw new ZipRefusal('条目名称为空或含非法字符')
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.startsWith('\\')) {
    throw new ZipRefusal(`条目 ${name} 是绝对路径`)
  }
  if (name.split(/[/\\]/).includes('..')) throw new ZipRefusal(`条目 ${name} 试图跳出目录（路径穿越）`)
  if (name.includes('/') || name.includes('\\')) throw new ZipRefusal(`条目 ${name} 位于子目录，数据包只允许平铺的文件`)
}

/** Each local header must agree with the directory, and entries may not overlap each other or the directory. */
function checkLocalHeaders(buffer: Buffer, entries: CentralEntry[], centralOffset: number): void {
  const ranges: Array<[number, number, string]> = []
  for (const entry of entries) {
    const at = entry.localOffset
    if (at + 30 > centralOffset || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) {
      throw new ZipRefusal(`条目 ${entry.name} 的本地文件头已损坏`)
    }
    const nameLength = buffer.readUInt16LE(at + 26)
    const extraLength = buffer.readUInt16LE(at + 28)
    const localName = buffer.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    if (localName !== entry.name) throw new ZipRefusal(`条目 ${entry.name} 的本地文件名与目录不一致`)
    const dataStart = at + 30 + nameLength + extraLength
    const dataEnd = dataStart + entry.compressedSize
    if (dataEnd > centralOffset) throw new ZipRefusal(`条目 ${entry.name} 超出文件范围`)
    ranges.push([at, dataEnd, entry.name])
  }
  ranges.sort((a, b) => a[0] - b[0])
  for (let i = 1; i < ranges.length; i += 1) {
    if (ranges[i][0] < ranges[i - 1][1]) throw new ZipRefusal(`条目 ${ranges[i][2]} 与其他条目重叠`)
  }
}

function compressedData(buffer: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset
  const dataStart = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28)
  return buffer.subarray(dataStart, dataStart + entry.compressedSize)
}

const inflateRefusal = (entry: CentralEntry, error: unknown) =>
  new ZipRefusal(
    `条目 ${entry.name} 无法解压或解压后超过声明大小（${error instanceof Error ? error.message : String(error)}）`
  )

function verified(entry: CentralEntry, data: Buffer): Buffer {
  if (data.length !== entry.size) throw new ZipRefusal(`条目 ${entry.name} 解压后大小与声明不符`)
  if (crc32(data) !== entry.crc) throw new ZipRefusal(`条目 ${entry.name} 的 CRC 校验失败`)
  return data
}

// The declared size is the ceiling: a stream that would grow past it stops there, not in memory. The output
// goes into one buffer a byte larger than that, so it is never cut into pieces and joined again on the main
// thread: with zlib's 16 KiB pieces the joining cost more than the inflating, and even with 4 MiB pieces it
// took 8 s of the main thread's time to check a bundle of 1.6 GB.
const inflateLimit = (entry: CentralEntry) => ({
  maxOutputLength: Math.max(entry.size, 1),
  chunkSize: Math.max(entry.size + 1, 64)
})

function inflateEntry(buffer: Buffer, entry: CentralEntry): Buffer {
  const raw = compressedData(buffer, entry)
  if (entry.method === 0) return verified(entry, Buffer.from(raw))
  let data: Buffer
  try {
    data = inflateRawSync(raw, inflateLimit(entry))
  } catch (error) {
    throw inflateRefusal(entry, error)
  }
  return verified(entry, data)
}

function inflateEntryAsync(buffer: Buffer, entry: CentralEntry): Promise<Buffer> {
  const raw = compressedData(buffer, entry)
  if (entry.method === 0) return Promise.resolve(verified(entry, Buffer.from(raw)))
  return new Promise((resolve, reject) =>
    inflateRaw(raw, inflateLimit(entry), (error, data) => {
      if (error) return reject(inflateRefusal(entry, error))
      try {
        resolve(verified(entry, data))
      } catch (refusal) {
        reject(refusal)
      }
    })
  )
}
