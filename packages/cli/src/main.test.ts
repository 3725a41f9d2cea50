// Runs the real `stipple` bin (the tsx shim) as a user would, and checks exit codes and output.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const bin = new URL('../bin/stipple.js', import.meta.url).pathname
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

function stipple(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STIPPLE_DEBUG: '' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the stipple bin', () => {
  it('prints help listing only the registered commands, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      const r = stipple(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stderr).toBe('')
      expect(r.stdout).toContain('Usage: stipple <command> [options]')
      const listed = [...r.stdout.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1])
      expect(listed).toEqual([
        'help',
        'version',
        'schema',
        'design',
        'dots',
        'render',
        'inspect',
        'plan',
        'consult',
        'serve',
        'db',
      ])
    }
  })

  it('prints the version from package.json, exit 0', () => {
    expect(stipple('--version')).toEqual({ code: 0, stdout: `stipple ${version}\n`, stderr: '' })
    expect(stipple('version')).toEqual({ code: 0, stdout: `stipple ${version}\n`, stderr: '' })
  })

  it('prints one command’s usage for `help COMMAND` and `COMMAND --help`', () => {
    const a = stipple('help', 'version')
    const b = stipple('version', '--help')
    expect(a.code).toBe(0)
    expect(a.stdout).toContain('Usage: stipple version\n')
    expect(b).toEqual(a)
  })

  it('exits 2 with a `path: message` line on stderr for an unknown command', () => {
    expect(stipple('frobnicate')).toEqual({
      code: 2,
      stdout: '',
      stderr: "frobnicate: unknown command; run 'stipple --help' for the list\n",
    })
    expect(stipple('help', 'nope').code).toBe(2)
  })

  it('exits 2 with one line per problem for bad arguments', () => {
    expect(stipple('version', '--colour')).toEqual({
      code: 2,
      stdout: '',
      stderr: "--colour: unknown option for 'stipple version'\n",
    })
    const r = stipple('version', 'a', 'b')
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      "a: unexpected argument for 'stipple version'",
      "b: unexpected argument for 'stipple version'",
    ])
  })
})
