import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

describe('stipple design', () => {
  it('writes a stipple.design/v1 document from a preset, to a file or to stdout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stipple-design-')), 'design.json')
    const written = stipple('design', '--preset', 'ludwig-2', '--seed', '42', '-o', file)
    const zones = (JSON.parse(readFileSync(file, 'utf8')) as { zones: unknown[] }).zones.length
    expect(zones).toBeGreaterThan(0)
    // says what it wrote, like the other commands, on stderr
    expect(written).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote ${file}: Ludwig 2 preset, female, seed 42, ${zones} zone${zones === 1 ? '' : 's'}\n`,
    })
    const other = join(file, '..', 'norwood.json')
    const norwood = stipple('design', '--preset', 'norwood-5a', '--seed', '7', '-o', other)
    expect(norwood.stderr).toMatch(new RegExp(`^Wrote ${other}: Norwood 5A preset, male, seed 7, [0-9]+ zones?\\n$`))
    const printed = stipple('design', '--preset', 'ludwig-2', '--seed', '42')
    expect(printed.code).toBe(0)
    expect(printed.stdout).toBe(readFileSync(file, 'utf8'))
    const doc = JSON.parse(printed.stdout) as { schema: string; seed: number; head: { sex: string } }
    expect(doc).toMatchObject({ schema: 'stipple.design/v1', seed: 42, head: { sex: 'female' } })
    const male = JSON.parse(stipple('design', '--preset', 'ludwig-2', '--sex', 'male').stdout) as typeof doc
    expect(male).toMatchObject({ seed: 1, head: { sex: 'male' } })
  })

  it('exits 2 listing the valid ids for an unknown preset, and for a bad seed or sex, one line each', () => {
    const r = stipple('design', '--preset', 'norwood-9', '--seed', '1.5', '--sex', 'x')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const problems = lines(r.stderr)
    expect(problems).toHaveLength(3)
    expect(problems[0]).toMatch(/^--preset: unknown preset "norwood-9"; one of: norwood-1, .*norwood-5a, .*scar-fue$/)
    expect(problems[1]).toBe('--sex: expected male or female, got "x"')
    expect(problems[2]).toBe('--seed: expected an integer from 0 to 4294967295, got "1.5"')
    expect(lines(stipple('design', '--preset', 'norwood-2', '--seed', '4294967296').stderr)).toEqual([
      '--seed: expected an integer from 0 to 4294967295, got "4294967296"',
    ])
    expect(stipple('design').stderr).toMatch(/^--preset: required; one of: norwood-1, /)
  })
})
