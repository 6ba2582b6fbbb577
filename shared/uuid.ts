/*
 * UUIDv7 (RFC 9562): a 48-bit millisecond timestamp, then random bits. Records
 * travel between offices, so their ids must never collide, and ids made later
 * sort later, which keeps B-tree inserts at the end of the index.
 */

let lastMillis = -1
let sequence = 0

/** A new UUIDv7; ids made in one process are strictly increasing. */
export function uuidv7(nowMillis: number = Date.now()): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)

  let millis = nowMillis
  if (millis <= lastMillis) {
    // Same millisecond (or the clock stepped back): count up in rand_a so the
    // order still follows creation; spill into the next millisecond if needed.
    millis = lastMillis
    sequence += 1
    if (sequence > 0xfff) {
      millis += 1
      sequence = 0
    }
  } else {
    sequence = 0
  }
  lastMillis = millis

  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = millis % 256
    millis = Math.floor(millis / 256)
  }
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | (bytes[8] & 0x3f)

  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
