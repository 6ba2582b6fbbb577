import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireDatabaseLock, lockPathFor } from './lock'

let dir: string
let dbPath: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mcd-lock-'))
  dbPath = path.join(dir, 'desk.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const now = new Date('2026-11-29T08:00:00Z')

describe('the database lock', () => {
  it('is taken, names its owner, and is removed on release', () => {
    const lock = acquireDatabaseLock(dbPath, now)
    lock.update('http://127.0.0.1:5170')
    expect(JSON.parse(readFileSync(lockPathFor(dbPath), 'utf8'))).toEqual({
      pid: process.pid,
      address: 'http://127.0.0.1:5170',
      startedAt: now.toISOString()
    })
    lock.release()
    expect(existsSync(lockPathFor(dbPath))).toBe(false)
  })

  it('refuses a second owner while the first runs, naming its process and address', () => {
    // The parent of this test process is certainly alive and is not us.
    const first = acquireDatabaseLock(dbPath, now, process.ppid)
    first.update('http://127.0.0.1:5170')
    expect(() => acquireDatabaseLock(dbPath, now)).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: expect.stringContaining(`进程 ${process.ppid}，地址 http://127.0.0.1:5170`)
      })
    )
    // Our own release does not remove someone else's lock.
    expect(existsSync(lockPathFor(dbPath))).toBe(true)
  })

  it('takes over the lock of a process that is gone (a crash or power cut)', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    acquireDatabaseLock(dbPath, now, Number(gone))
    const lock = acquireDatabaseLock(dbPath, now)
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid)
    lock.release()
  })
})
