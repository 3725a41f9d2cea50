import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

describe('stipple serve and stipple db', () => {
  it('refuses a bad port and an unknown db action as invalid input', () => {
    const bad = stipple('serve', '--port', 'eighty')
    expect(bad.code).toBe(2)
    expect(lines(bad.stderr)).toEqual(['--port: expected a port number 0–65535, got "eighty"'])
    const clock = stipple('serve', '--clock', 'tomorrow at nine')
    expect(clock.code).toBe(2)
    expect(lines(clock.stderr)).toEqual([
      '--clock: expected an instant like 2026-12-08T14:30:00Z, got "tomorrow at nine"',
    ])
    const action = stipple('db', 'vacuum')
    expect(action.code).toBe(2)
    expect(lines(action.stderr)).toEqual(['vacuum: expected the action migrate, backup or restore, got "vacuum"'])
  })

  it('migrates a data directory through the server program, and then finds nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stipple-db-'))
    try {
      const first = stipple('db', 'migrate', '--data', dir)
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/^Applied migrations 0001, 0002(, \d{4})*\./)
      const second = stipple('db', 'migrate', '--data', dir)
      expect(second.stdout).toBe('Database is up to date.\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('backs a data directory up to a file and restores it into a new one; refuses a bad file and a missing FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stipple-db-'))
    try {
      const from = join(dir, 'from')
      expect(stipple('db', 'migrate', '--data', from).code).toBe(0)
      const file = join(dir, 'clinic.backup.gz')
      const backup = stipple('db', 'backup', file, '--data', from)
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.stdout).toMatch(/^Backed up 0 rows of \d+ tables and 0 photo files to /)
      const restore = stipple('db', 'restore', file, '--data', join(dir, 'to'))
      expect(restore.code, restore.stderr).toBe(0)
      expect(restore.stdout).toMatch(/^Restored 0 rows of \d+ tables and 0 photo files from /)
      writeFileSync(join(dir, 'bad.gz'), 'not a backup')
      const bad = stipple('db', 'restore', join(dir, 'bad.gz'), '--data', join(dir, 'other'))
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/bad\.gz: the file is corrupt or not gzip-compressed/)
      const missing = stipple('db', 'backup')
      expect(missing.code).toBe(2)
      expect(lines(missing.stderr)).toEqual(['db backup: expected the backup FILE'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
