/*
 * One running app per database file. The SQLite store is opened over exactly
 * one connection, so a second process (another browser-mode server, or the
 * desktop window) must not open the same file: `<db>.lock` holds the owner's
 * PID and address, and a second start names them instead of opening.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { AppError } from '../errors'

export interface LockOwner {
  pid: number
  /** Where the owner can be reached (browser mode), without its token. */
  address: string | null
  startedAt: string
}

export interface DatabaseLock {
  path: string
  /** Set the address once the server listens. */
  update(address: string): void
  release(): void
}

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.lock`
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner
  } catch {
    return null
  }
}

function write(lockPath: string, owner: LockOwner, flags: 'wx' | 'w'): void {
  const fd = openSync(lockPath, flags)
  try {
    writeSync(fd, JSON.stringify(owner))
  } finally {
    closeSync(fd)
  }
}

export function acquireDatabaseLock(dbPath: string, now: Date, pid: number = process.pid): DatabaseLock {
  const lockPath = lockPathFor(dbPath)
  const owner: LockOwner = { pid, address: null, startedAt: now.toISOString() }
  try {
    write(lockPath, owner, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const current = readOwner(lockPath)
    if (current && current.pid !== pid && isAlive(current.pid)) {
      const where = current.address ? `，地址 ${current.address}` : ''
      throw new AppError(
        'CONFLICT',
        `该数据库已由另一个正在运行的本程序打开（进程 ${current.pid}${where}）。请使用已打开的窗口，或先关闭它。`
      )
    }
    // The previous owner is gone (a crash or power cut): take the lock over.
    write(lockPath, owner, 'w')
  }
  let released = false
  return {
    path: lockPath,
    update(address) {
      owner.address = address
      write(lockPath, owner, 'w')
    },
    release() {
      if (released) return
      released = true
      if (readOwner(lockPath)?.pid === pid) rmSync(lockPath, { force: true })
    }
  }
}
