import { describe, expect, it } from 'vitest'
import { run } from './cli.ts'
import type { Command, Io } from './command.ts'
import { InputError, reportError } from './errors.ts'

function capture(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text
    },
    stderr(text: string) {
      io.err += text
    },
  }
  return io
}

const failing = (error: unknown): Command => ({
  name: 'fail',
  summary: 'fails on purpose',
  usage: 'fail',
  run() {
    throw error
  },
})

describe('run', () => {
  it('maps an InputError from a command to exit 2 and one line per problem', async () => {
    const io = capture()
    const error = new InputError([
      { path: 'intake.json: client.age', message: 'expected a number' },
      { path: '--width', message: 'must be a positive integer' },
    ])
    expect(await run(['fail'], io, [failing(error)])).toBe(2)
    expect(io.err).toBe('intake.json: client.age: expected a number\n--width: must be a positive integer\n')
    expect(io.out).toBe('')
  })

  it('maps any other error to exit 1, with the stack only when STIPPLE_DEBUG is set', async () => {
    const quiet = capture()
    expect(await run(['fail'], quiet, [failing(new Error('disk on fire'))])).toBe(1)
    expect(quiet.err).toBe('stipple: internal error: disk on fire\n(set STIPPLE_DEBUG=1 for the stack trace)\n')
    const loud = capture()
    expect(await run(['fail'], loud, [failing(new Error('disk on fire'))], { STIPPLE_DEBUG: '1' })).toBe(1)
    expect(loud.err).toMatch(/^stipple: internal error: disk on fire\nError: disk on fire\n\s+at /)
  })

  it('passes the arguments after the command name, and leaves --help after `--` to the command', async () => {
    const seen: (readonly string[])[] = []
    const echo: Command = {
      name: 'echo',
      summary: 'records its arguments',
      usage: 'echo [ARGS]',
      run(args) {
        seen.push(args)
        return 0
      },
    }
    const io = capture()
    expect(await run(['echo', 'a', '--', '--help'], io, [echo])).toBe(0)
    expect(seen).toEqual([['a', '--', '--help']])
  })

  it('lists exactly the commands it is given', async () => {
    const io = capture()
    await run(['--help'], io, [failing(null)])
    expect([...io.out.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1])).toEqual(['fail'])
  })
})

describe('reportError', () => {
  it('prints a thrown non-Error as an internal error', () => {
    const io = capture()
    expect(reportError('boom', io)).toBe(1)
    expect(io.err.split('\n')[0]).toBe('stipple: internal error: boom')
  })
})
