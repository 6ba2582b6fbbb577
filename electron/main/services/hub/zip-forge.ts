/*
 * Test-only tools that forge what our writer never makes: an entry's Unix
 * mode (a symlink) and its declared sizes (a zip bomb's lie), patched into
 * both the local header and the central directory of a written archive.
 */

function centralEntries(zip: Buffer): Array<{ at: number; name: string; localOffset: number }> {
  const end = zip.length - 22
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries = []
  for (let i = 0; i < count; i += 1) {
    const nameLength = zip.readUInt16LE(at + 28)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    entries.push({ at, name, localOffset: zip.readUInt32LE(at + 42) })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

function entryNamed(zip: Buffer, name: string): { at: number; localOffset: number } {
  const entry = centralEntries(zip).find((e) => e.name === name)
  if (!entry) throw new Error(`no entry ${name}`)
  return entry
}

export function setUnixMode(zip: Buffer, name: string, mode: number): Buffer {
  const copy = Buffer.from(zip)
  const { at } = entryNamed(copy, name)
  copy.writeUInt16LE((3 << 8) | 20, at + 4)
  copy.writeUInt32LE((mode << 16) >>> 0, at + 38)
  return copy
}

export function forgeSizes(zip: Buffer, name: string, uncompressedSize: number): Buffer {
  const copy = Buffer.from(zip)
  const { at, localOffset } = entryNamed(copy, name)
  copy.writeUInt32LE(uncompressedSize >>> 0, at + 24)
  copy.writeUInt32LE(uncompressedSize >>> 0, localOffset + 22)
  return copy
}

/** A CRC-32 that does not match the entry's bytes, in both headers: the entry inflates, then fails its check. */
export function forgeCrc(zip: Buffer, name: string): Buffer {
  const copy = Buffer.from(zip)
  const { at, localOffset } = entryNamed(copy, name)
  const wrong = (copy.readUInt32LE(at + 16) ^ 0xffffffff) >>> 0
  copy.writeUInt32LE(wrong, at + 16)
  copy.writeUInt32LE(wrong, localOffset + 14)
  return copy
}
