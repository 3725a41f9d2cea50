import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts'
import { openPglite } from './open.ts'

const dirs: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stipple-lock-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A PID that no process has: one past the highest the kernel hands out. */
const DEAD_PID = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1

describe('the data directory lock', () => {
  it('writes our PID, refuses a second opener, and lets go on release', () => {
    const dir = freshDir()
    const lock = lockDataDir(dir)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() })
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    lockDataDir(dir).release()
  })

  it('takes over a lock whose process is gone', () => {
    const dir = freshDir()
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname(), startedAt: 'then' }))
    const lock = lockDataDir(dir)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    lock.release()
  })

  it('respects a live process, and any lock taken on another host', () => {
    const dir = freshDir()
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), startedAt: 'now' }))
    expect(() => lockDataDir(dir)).toThrow(/in use by another Stipple process \(pid 1 /)
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: 'other-machine', startedAt: 'now' }))
    expect(() => lockDataDir(dir)).toThrow(/pid \d+ on other-machine/)
  })

  it('refuses a second PGlite opener in this process and in another process, and the database stays usable', async () => {
    const dir = freshDir()
    const first = await openPglite(dir)
    try {
      await first.pool.query('create table t (n int)')
      await expect(openPglite(dir)).rejects.toThrow(DataDirLockedError)
      const bin = new URL('../../bin/stipple-server.js', import.meta.url).pathname
      const other = spawnSync(process.execPath, [bin, 'migrate', '--data', dir], { encoding: 'utf8', timeout: 60_000 })
      expect(other.status).toBe(1)
      expect(other.stderr).toMatch(/is in use by another Stipple process \(pid \d+/)
      await first.pool.query('insert into t values (1)')
    } finally {
      await first.close()
    }
    const again = await openPglite(dir)
    try {
      expect((await again.pool.query('select n from t')).rows).toEqual([{ n: 1 }])
    } finally {
      await again.close()
    }
  }, 60_000)
})
