/*
 * A minimal ZIP writer for hub bundles: flat names, stored or deflated
 * entries, no ZIP64, no extra fields, fixed timestamps. Kept small and ours
 * so that the bytes we sign and hash are exactly the bytes we chose.
 */
import { createHash } from 'node:crypto'
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

export interface ZipInput {
  name: string
  /** The entry's bytes, whole or as the pieces it is made of (never joined: an exported file may be 1.6 GB). */
  data: Buffer | readonly Buffer[]
}

/** Pieces of deflated output: zlib's default of 16 KiB costs more in joining them than deflating does. */
const DEFLATE_CHUNK_BYTES = 4 * 1024 * 1024

export const piecesOf = (data: ZipInput['data']): readonly Buffer[] => (Buffer.isBuffer(data) ? [data] : data)
/** The SHA-256 of bytes given whole or in pieces: a file of the bundle, or the archive itself. */
export const sha256Hex = (data: ZipInput['data']): string =>
  piecesOf(data)
    .reduce((hash, piece) => hash.update(piece), createHash('sha256'))
    .digest('hex')
export const sizeOf = (data: ZipInput['data']): number => piecesOf(data).reduce((sum, piece) => sum + piece.length, 0)
const crcOf = (data: ZipInput['data']): number => piecesOf(data).reduce((crc, piece) => crc32(piece, crc), 0)

/** 1980-01-01 00:00 in DOS format: bundles carry their time in the manifest, not in entry headers. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
/** Bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800

/** An entry ready to be placed: its size and CRC, its deflated bytes and, while small, its own bytes too. */
interface PlacedEntry {
  name: string
  size: number
  crc: number
  deflated: readonly Buffer[]
  /** The entry's own bytes when kept (see STORED_CANDIDATE_BYTES); stored instead of deflated if deflating grew them. */
  raw: readonly Buffer[] | null
}

export function writeZip(entries: ZipInput[]): Buffer {
  return Buffer.concat(
    assemble(
      entries.map((entry) => ({
        name: entry.name,
        size: sizeOf(entry.data),
        crc: crcOf(entry.data),
        deflated: [deflateRawSync(Buffer.concat(piecesOf(entry.data)), { level: 6 })],
        raw: piecesOf(entry.data)
      }))
    )
  )
}

/**
 * Up to this size an entry keeps its own bytes besides the deflated ones, so
 * that a small file deflate would only grow (a few bytes of JSON) is stored
 * as it is. A larger file of text always shrinks, and keeping its bytes held
 * every exported line in memory to the end: 1.6 GB at 100,000 cases with
 * their whole lifecycle, a 2.6 GB process and 700,000 page faults.
 */
const STORED_CANDIDATE_BYTES = 64 * 1024

/** An entry on its way into an archive: its size and CRC known, its deflate running on libuv's pool. */
export interface PendingEntry {
  name: string
  size: number
  crc: number
  deflated: Promise<Buffer[]>
  raw: readonly Buffer[] | null
}

/**
 * An entry written a piece at a time: each piece goes to zlib (deflating on
 * libuv's pool) and into the CRC as it comes, and is not kept once the entry
 * is past STORED_CANDIDATE_BYTES. The exporter adds each block of rows as
 * SQLite hands it over, so the file is deflated while the next blocks are
 * read rather than after.
 */
export class EntryWriter {
  private raw: Buffer[] | null = []
  private size = 0
  private crc = 0
  private readonly stream = createDeflateRaw({ level: constants.Z_BEST_SPEED, chunkSize: DEFLATE_CHUNK_BYTES })
  private readonly deflated: Promise<Buffer[]>

  constructor(readonly name: string) {
    const out: Buffer[] = []
    this.deflated = new Promise((resolve, reject) => {
      this.stream.on('data', (chunk: Buffer) => out.push(chunk))
      this.stream.on('error', reject)
      this.stream.on('end', () => resolve(out))
    })
    // writeZipAsync awaits it and meets any failure; an export that stops first (nothing to export, a failed read) drops it.
    this.deflated.catch(() => undefined)
  }

  add(piece: Buffer): void {
    this.size += piece.length
    if (this.size > STORED_CANDIDATE_BYTES) this.raw = null
    else this.raw?.push(piece)
    this.crc = crc32(piece, this.crc)
    this.stream.write(piece)
  }

  end(): PendingEntry {
    this.stream.end()
    return { name: this.name, size: this.size, crc: this.crc, deflated: this.deflated, raw: this.raw }
  }
}

function startEntry(entry: ZipInput): PendingEntry {
  const writer = new EntryWriter(entry.name)
  for (const piece of piecesOf(entry.data)) writer.add(piece)
  return writer.end()
}

const isPending = (entry: ZipInput | PendingEntry): entry is PendingEntry => 'deflated' in entry

/**
 * The exporter's way: every entry deflated on libuv's pool (the NDJSON files
 * of 100,000 cases with their whole lifecycle are ≈ 1.6 GB), at the fastest
 * level, trading ≈ 15 % of size (68–71 MB against 61 MB at level 6, 100k
 * cases without their lifecycle) for speed. The archive comes back as its
 * pieces, in order: joining 230 MB into one buffer cost ≈ 0.7 s of new
 * memory, and the exporter writes the pieces to its file as they are.
 */
export async function zipPieces(entries: Array<ZipInput | PendingEntry>): Promise<Buffer[]> {
  const started = entries.map((entry) => (isPending(entry) ? entry : startEntry(entry)))
  const deflated = await Promise.all(started.map((entry) => entry.deflated))
  return assemble(started.map((entry, i) => ({ ...entry, deflated: deflated[i] })))
}

function assemble(entries: PlacedEntry[]): Buffer[] {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const { size, crc, raw } = entry
    const body = raw !== null && sizeOf(entry.deflated) >= size ? raw : entry.deflated
    const bodySize = sizeOf(body)
    const method = body === raw ? 0 : 8

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(UTF8_FLAG, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(bodySize, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    parts.push(local, name, ...body)

    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    // Made by: Unix (3), spec 2.0; regular file mode 0644 in the external attributes.
    header.writeUInt16LE((3 << 8) | 20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(UTF8_FLAG, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt16LE(DOS_TIME, 12)
    header.writeUInt16LE(DOS_DATE, 14)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(bodySize, 20)
    header.writeUInt32LE(size, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt16LE(0, 30)
    header.writeUInt16LE(0, 32)
    header.writeUInt16LE(0, 34)
    header.writeUInt16LE(0, 36)
    header.writeUInt32LE(((0o100644 << 16) >>> 0) as number, 38)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += local.length + name.length + bodySize
  }
  const centralBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(0, 4)
  end.writeUInt16LE(0, 6)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(0, 20)
  return [...parts, centralBytes, end]
}
