// One process owns a PGlite data directory: PGlite has no cross-process lock of its own (STACK.md), and two
// processes writing one directory corrupt it. The lock is a file created with O_EXCL holding the owner's PID.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = 'stipple.lock'

export class DataDirLockedError extends Error {
  readonly pid: number
  constructor(dir: string, pid: number, host: string) {
    super(
      `The data directory ${dir} is in use by another Stipple process (pid ${pid} on ${host}). ` +
        'Stop that process first, or start this one with another --data directory. ' +
        `If no such process runs, delete ${join(dir, LOCK_FILE)}.`
    )
    this.name = 'DataDirLockedError'
    this.pid = pid
  }
}

interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

export interface DataDirLock {
  readonly path: string
  release(): void
}

/** Locks this process holds: a second opener inside the same process is refused too. */
const held = new Set<string>()

function isAlive(pid: number): boolean {
  // our own PID on a lock we do not hold is a previous process that had the same PID (containers reuse them)
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return null
    return { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt) }
  } catch {
    return null
  }
}

/**
 * Takes the data directory for this process, or throws DataDirLockedError naming the owner. A lock left by a
 * process that no longer runs on this host is stale and taken over; one from another host is always respected.
 */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number
    try {
      fd = openSync(path, 'wx', 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(path)
      if (owner !== null && (owner.host !== hostname() || held.has(path) || isAlive(owner.pid))) {
        throw new DataDirLockedError(dir, owner.pid, owner.host)
      }
      if (owner === null && attempt === 0) {
        // another process may be between creating the file and writing its PID: give it a moment
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
        continue
      }
      unlinkSync(path) // stale: its owner is gone (or a half-written lock file survived a crash)
      continue
    }
    const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
    writeSync(fd, `${JSON.stringify(owner)}\n`)
    closeSync(fd)
    held.add(path)
    let released = false
    return {
      path,
      release() {
        if (released) return
        released = true
        held.delete(path)
        // only remove a lock that is still ours
        if (readOwner(path)?.pid === process.pid) unlinkSync(path)
      },
    }
  }
  const owner = readOwner(path)
  throw new DataDirLockedError(dir, owner?.pid ?? -1, owner?.host ?? 'unknown host')
}
