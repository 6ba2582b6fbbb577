/*
 * The store file read once into the OS page cache before anything is timed.
 * Every figure of docs/performance.md was measured so ("the file read into
 * the page cache first"), by hand; a run that forgot, or followed other work
 * that pushed half of an 18 GB store out of the cache, timed disk reads
 * instead (a search within an office 5.5 → 9.8 ms at p95, the combined
 * lists 3.3 → 8.9 ms, in two runs of the same commit). The CLI replays its
 * statements on the same file afterwards, so both sides find it cached.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import os from 'node:os'

/** Read in pieces this large into one buffer: nothing of the file stays in the process. */
const PIECE_BYTES = 16 * 1024 * 1024

export interface WarmResult {
  /** Bytes read, or 0 when the file would not fit in the memory free for the cache. */
  bytes: number
  seconds: number
}

/** What must stay free besides the file: the process's own memory while the rows are timed. */
const HEADROOM_BYTES = 1024 ** 3

/** Reads `path` through once when it fits in the memory the OS has available (its page cache counts as available). */
export function warmStoreFile(path: string, log: (line: string) => void): WarmResult {
  const started = performance.now()
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    if (size > os.freemem() - HEADROOM_BYTES) {
      log(`库文件 ${gb(size)} 放不进可用内存（${gb(os.freemem())}），未预读：结果含磁盘读取`)
      return { bytes: 0, seconds: 0 }
    }
    const buffer = Buffer.allocUnsafe(PIECE_BYTES)
    let offset = 0
    let reported = 0
    while (offset < size) {
      const read = readSync(fd, buffer, 0, PIECE_BYTES, offset)
      if (read === 0) break
      offset += read
      if (offset - reported >= 2 * 1024 ** 3) {
        reported = offset
        log(`预读库文件：${gb(offset)} / ${gb(size)}`)
      }
    }
    return { bytes: offset, seconds: (performance.now() - started) / 1000 }
  } finally {
    closeSync(fd)
  }
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`
