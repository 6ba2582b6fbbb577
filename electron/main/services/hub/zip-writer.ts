/*
 * A minimal ZIP writer for hub bundles: flat names, stored or deflated
 * entries, no ZIP64, no extra fields, fixed timestamps. Kept small and ours
 * so that the bytes we sign and hash are exactly the bytes we chose.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

export interface ZipInput {
  name: string
  /** The entry's bytes, whole or as the pieces it is made of (never joined: an exported file may be 1.6 GB). */
  data: Buffer | readonly Buffer[]
}

/** Pieces of deflated output: zlib's default of 16 KiB costs more in joining them than deflating does. */
const DEFLATE_CHUNK_BYTES = 4 * 1024 * 1024

export const piecesOf = (data: ZipInput['data']): readonly Buffer[] => (Buffer.isBuffer(data) ? [data] : data)
export const sizeOf = (data: ZipInput['data']): number => piecesOf(data).reduce((sum, piece) => sum + piece.length, 0)
const crcOf = (data: ZipInput['data']): number => piecesOf(data).reduce((crc, piece) => crc32(piece, crc), 0)

/** 1980-01-01 00:00 in DOS format: bundles carry their time in the manifest, not in entry headers. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
/** Bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800

export function writeZip(entries: ZipInput[]): Buffer {
  return assemble(
    entries.map((entry) => ({
      ...entry,
      deflated: [deflateRawSync(Buffer.concat(piecesOf(entry.data)), { level: 6 })]
    }))
  )
}

/**
 * The exporter's way: every entry deflated at once on libuv's pool (the NDJSON
 * files of 100,000 cases are ≈ 470 MB), at the fastest level, trading ≈ 15 % of
 * size (68–71 MB against 61 MB at level 6, 100k cases) for speed.
 */
export async function writeZipAsync(entries: ZipInput[]): Promise<Buffer> {
  const deflated = await Promise.all(entries.map((entry) => deflatePieces(piecesOf(entry.data))))
  return assemble(entries.map((entry, i) => ({ ...entry, deflated: deflated[i] })))
}

/** One entry deflated as a stream of its pieces, on libuv's pool; the output kept as the pieces zlib made. */
function deflatePieces(pieces: readonly Buffer[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const stream = createDeflateRaw({ level: constants.Z_BEST_SPEED, chunkSize: DEFLATE_CHUNK_BYTES })
    const out: Buffer[] = []
    stream.on('data', (chunk: Buffer) => out.push(chunk))
    stream.on('error', reject)
    stream.on('end', () => resolve(out))
    for (const piece of pieces) stream.write(piece)
    stream.end()
  })
}

function assemble(entries: Array<ZipInput & { deflated: readonly Buffer[] }>): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const size = sizeOf(entry.data)
    const stored = sizeOf(entry.deflated) >= size
    const body = stored ? piecesOf(entry.data) : entry.deflated
    const bodySize = sizeOf(body)
    const method = stored ? 0 : 8
    const crc = crcOf(entry.data)

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
  return Buffer.concat([...parts, centralBytes, end])
}
