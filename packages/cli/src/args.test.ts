import { describe, expect, it } from 'vitest'
import { parseCommandArgs } from './args.ts'
import { InputError } from './errors.ts'

const options = { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } } as const

function problems(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseCommandArgs', () => {
  it('returns typed values and positionals', () => {
    const { values, positionals } = parseCommandArgs('render', ['design.json', '-o', 'out.png', '--json'], options, 1)
    expect(values).toEqual({ out: 'out.png', json: true })
    expect(positionals).toEqual(['design.json'])
  })

  it('reports an unknown option, a missing value and extra arguments as `path: message` problems', () => {
    expect(problems(() => parseCommandArgs('render', ['--colour'], options, 1))).toEqual([
      { path: '--colour', message: "unknown option for 'stipple render'" },
    ])
    expect(problems(() => parseCommandArgs('render', ['--out'], options, 1))).toEqual([
      { path: '--out', message: 'needs a value' },
    ])
    expect(problems(() => parseCommandArgs('render', ['-x'], options, 1))).toEqual([
      { path: '-x', message: "unknown option for 'stipple render'" },
    ])
    expect(problems(() => parseCommandArgs('render', ['a.json', 'b.json'], options, 1))).toEqual([
      { path: 'b.json', message: "unexpected argument for 'stipple render'" },
    ])
  })
})
