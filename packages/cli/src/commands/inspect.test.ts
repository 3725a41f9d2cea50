import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-inspect-'))
const designFile = join(dir, 'design.json')
const totalis = join(dir, 'totalis.json')

describe('stipple inspect', () => {
  beforeAll(() => {
    expect(stipple('design', '--preset', 'norwood-5', '--seed', '3', '-o', designFile).code).toBe(0)
    expect(stipple('design', '--preset', 'alopecia-totalis', '--seed', '3', '-o', totalis).code).toBe(0)
  })

  it('prints the fringe match, evenness, dots, sizes and coverage in words an artist reads', () => {
    const r = stipple('inspect', designFile)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/healed after session 3 of 3 \(simulated/)
    expect(r.stdout).toMatch(/^Fringe match: ΔE2000 \d+\.\d\d, (matches|darker|lighter|a different)/m)
    expect(r.stdout).toMatch(/^Evenness \(L\* over 5 mm squares\): treated/m)
    expect(r.stdout).toMatch(/^Dots: [\d,]+ in all \(session 1: [\d,]+, session 2: [\d,]+, session 3: [\d,]+\)/m)
    expect(r.stdout).toMatch(/^Dot size as seen: median 0\.\d\d mm/m)
    expect(r.stdout).toMatch(/^crown\s+[\d,]+\s+[\d.]+ cm²\s+[\d.]+ %$/m)
  })

  it('gives the same figures as JSON, with the session, stage and years asked', () => {
    const r = stipple('inspect', designFile, '--json', '--session', '1', '--years', '2')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ simulated: true, session: 1, stage: 'healed', years: 2 })
    expect(j.fringeMatch.kind).toBe('measured')
    expect(j.fringeMatch.deltaE2000).toBeGreaterThanOrEqual(0)
    expect(j.dots.bySession).toHaveLength(3)
    expect(j.dots.shown).toBe(j.dots.bySession[0])
    expect(j.diameterMm.p10).toBeLessThanOrEqual(j.diameterMm.median)
    expect(j.zones.reduce((a: number, z: { dots: number }) => a + z.dots, 0)).toBe(j.dots.shown)
    // a fresh look the day after the first session: bigger dots than the same dots healed
    const fresh = JSON.parse(stipple('inspect', designFile, '--json', '--session', '1', '--stage', 'fresh').stdout)
    expect(fresh.diameterMm.median).toBeGreaterThan(j.diameterMm.median)
  })

  it('says "no fringe" for a head without remaining hair', () => {
    const r = stipple('inspect', totalis)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Fringe match: no fringe/m)
    expect(JSON.parse(stipple('inspect', totalis, '--json').stdout).fringeMatch).toEqual({
      kind: 'no-fringe',
      reading: expect.stringMatching(/^no fringe/),
    })
  })

  it('refuses bad input with exit 2 and one `path: message` line each', () => {
    const session = stipple('inspect', designFile, '--session', '9')
    expect(session.code).toBe(2)
    expect(lines(session.stderr)).toEqual([expect.stringMatching(/^--session: .*1 to 3/)])
    const several = stipple('inspect', designFile, '--stage', 'wet', '--years', 'soon')
    expect(several.code).toBe(2)
    expect(lines(several.stderr)).toEqual([expect.stringMatching(/^--stage: /), expect.stringMatching(/^--years: /)])
    const freshYears = stipple('inspect', designFile, '--stage', 'fresh', '--years', '2')
    expect(freshYears.code).toBe(2)
    expect(lines(freshYears.stderr)).toEqual([expect.stringMatching(/^--years: .*healed/)])
    expect(lines(stipple('inspect').stderr)).toEqual([expect.stringMatching(/^DESIGN\.json: required/)])
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"not": "a design"')
    const bad = stipple('inspect', broken)
    expect(bad.code).toBe(2)
    expect(lines(bad.stderr)[0]).toMatch(
      new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`)
    )
  })

  it('is in the help', () => {
    const r = stipple('inspect', '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/inspect DESIGN\.json \[--session N\] \[--stage fresh\|healed\] \[--years Y\] \[--json\]/)
  })
})
