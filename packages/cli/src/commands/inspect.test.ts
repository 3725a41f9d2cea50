import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-inspect-'))
const designFile = join(dir, 'design.json')

describe('stipple inspect', () => {
  beforeAll(() => {
    expect(stipple('design', '--preset', 'norwood-5a', '--seed', '3', '-o', designFile).code).toBe(0)
  })

  it('prints the fringe match, evenness, dots, diameters and zones as JSON, and fading moves them', () => {
    const healed = stipple('inspect', designFile, '--json')
    expect(healed.code, healed.stderr).toBe(0)
    const r = JSON.parse(healed.stdout)
    expect(r.fringeMatch.deltaE2000).toBeLessThanOrEqual(3)
    expect(r.evenness.treatedCvPercent).toBeLessThanOrEqual(r.evenness.fringeCvPercent)
    expect(r.dots.total).toBe(r.dots.perSession.reduce((a: number, b: number) => a + b, 0))
    expect(r.dotDiameterMm.p50).toBeGreaterThan(0.12)
    expect(r.zones.length).toBeGreaterThan(3)
    const later = JSON.parse(stipple('inspect', designFile, '--json', '--years', '8').stdout)
    expect(later.fringeMatch.treatedLab[0]).toBeGreaterThan(r.fringeMatch.treatedLab[0] + 2)
    const table = stipple('inspect', designFile)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/Fringe match\s+ΔE2000 [0-9.]+: matches the fringe/)
    expect(table.stdout).toMatch(/Zone\s+Kind\s+Area cm²/)
  })

  it('exits 2 with `path: message` lines for bad options and bad files', () => {
    const bad = stipple('inspect', designFile, '--session', '9', '--years', 'soon')
    expect(bad.code).toBe(2)
    expect(lines(bad.stderr)).toEqual([expect.stringMatching(/^--years: /)])
    const session = stipple('inspect', designFile, '--session', '9')
    expect(session.code).toBe(2)
    expect(lines(session.stderr)).toEqual([expect.stringMatching(/^--session: .*1 to 3/)])
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"schema": "stipple.design/v1"}')
    const file = stipple('inspect', junk)
    expect(file.code).toBe(2)
    expect(lines(file.stderr)[0]).toMatch(/^.+: /)
    expect(stipple('inspect').code).toBe(2)
  })
})
