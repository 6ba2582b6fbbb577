/*
 * A minimal ZIP writer for hub bundles: flat names, stored or deflated
 * entries, no ZIP64, no extra fields, fixed timestamps. Kept small and ours
 * so that the bytes we sign and hash are exactly the bytes we chose.
 */
import { promisify } from 'node:util'
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib'

const deflateRawAsync = promisify(deflateRaw)

export interface ZipInput {
  name: string
  data: Buffer
}

/** 1980-01-01 00:00 in DOS format: bundles carry their time in the manifest, not in entry headers. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
/** Bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800

export function writeZip(entries: ZipInput[]): Buffer {
  return assemble(entries.map((entry) => ({ ...entry, deflated: deflateRawSync(entry.data, { level: 6 }) })))
}

/**
 * The exporter's way: every entry deflated at once on libuv's pool (the NDJSON
 * files of 100,000 cases are ≈ 470 MB), at the fastest level, trading ≈ 15 % of
 * size (68–71 MB against 61 MB at level 6, 100k cases) for speed.
 */
export async function writeZipAsync(entries: ZipInput[]): Promise<Buffer> {
  const deflated = await Promise.all(
    entries.map((entry) => deflateRawAsync(entry.data, { level: constants.Z_BEST_SPEED }))
  )
  return assemble(entries.map((entry, i) => ({ ...entry, deflated: deflated[i] })))
}

function assemble(entries: Array<ZipInput & { deflated: Buffer }>): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const deflated = entry.deflated
    const stored = deflated.length >= entry.data.length
    const body = stored ? entry.data : deflated
    const method = stored ? 0 : 8
    const crc = crc32(entry.data)

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(UTF8_FLAG, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    parts.push(local, name, body)

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
    header.writeUInt32LE(body.length, 20)
    header.writeUInt32LE(entry.data.length, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt16LE(0, 30)
    header.writeUInt16LE(0, 32)
    header.writeUInt16LE(0, 34)
    header.writeUInt16LE(0, 36)
    header.writeUInt32LE(((0o100644 << 16) >>> 0) as number, 38)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += local.length + name.length + body.length
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
