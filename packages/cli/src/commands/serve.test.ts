import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

describe('stipple serve and stipple db', () => {
  it('refuses a bad port and an unknown db action as invalid input', () => {
    const bad = stipple('serve', '--port', 'eighty')
    expect(bad.code).toBe(2)
    expect(lines(bad.stderr)).toEqual(['--port: expected a port number 0–65535, got "eighty"'])
    const action = stipple('db', 'vacuum')
    expect(action.code).toBe(2)
    expect(lines(action.stderr)).toEqual(['vacuum: expected the action migrate, got "vacuum"'])
  })

  it('migrates a data directory through the server program, and then finds nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stipple-db-'))
    try {
      const first = stipple('db', 'migrate', '--data', dir)
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/^Applied migrations 0001, 0002\./)
      const second = stipple('db', 'migrate', '--data', dir)
      expect(second.stdout).toBe('Database is up to date.\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
