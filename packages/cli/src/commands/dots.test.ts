import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-dots-'))
const designFile = join(dir, 'design.json')
const v0Fixture = new URL('../../../domain/src/design/fixtures/design-v0.json', import.meta.url).pathname

/** Writes the design with `edit` applied to a copy and returns the file's path. */
function variant(name: string, edit: (doc: { zones: { polygon: number[][] }[] } & Record<string, unknown>) => void) {
  const doc = JSON.parse(readFileSync(designFile, 'utf8'))
  edit(doc)
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(doc))
  return file
}

describe('stipple dots', () => {
  beforeAll(() => {
    expect(stipple('design', '--preset', 'norwood-3', '--seed', '5', '-o', designFile).code).toBe(0)
  })

  it('places a design written by `stipple design`: JSON, CSV and the summary agree', () => {
    const json = stipple('dots', designFile, '--json')
    expect(json.code).toBe(0)
    expect(json.stderr).toBe('')
    const out = JSON.parse(json.stdout) as {
      count: number
      sessionCounts: number[]
      dots: Record<'x' | 'y' | 'diameter' | 'shade' | 'session' | 'zone', unknown[]>
    }
    expect(out.count).toBeGreaterThan(1000)
    expect(out.sessionCounts).toHaveLength(3)
    expect(out.sessionCounts.reduce((a, b) => a + b, 0)).toBe(out.count)
    for (const column of Object.values(out.dots)) expect(column).toHaveLength(out.count)
    expect(new Set(out.dots.session)).toEqual(new Set([1, 2, 3]))
    expect(out.dots.x.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true)

    const csv = stipple('dots', designFile, '--csv')
    expect(csv.code).toBe(0)
    const rows = lines(csv.stdout)
    expect(rows[0]).toBe('x_mm,y_mm,diameter_mm,shade,session,zone')
    expect(rows).toHaveLength(out.count + 1)
    expect(rows[1]).toBe(
      [
        out.dots.x[0],
        out.dots.y[0],
        out.dots.diameter[0],
        out.dots.shade[0],
        out.dots.session[0],
        out.dots.zone[0] ?? '',
      ].join(',')
    )

    const summary = stipple('dots', designFile)
    expect(summary.code).toBe(0)
    expect(summary.stdout).toContain(`${out.count.toLocaleString('en-US')} dots in 3 sessions`)
    const total = lines(summary.stdout).find((l) => l.startsWith('total'))
    expect(total?.split(/\s+/).slice(1).map(Number)).toEqual([...out.sessionCounts, out.count])
    // same design, same dots
    expect(stipple('dots', designFile, '--json').stdout).toBe(json.stdout)
  })

  it('accepts an older document version, migrated up', () => {
    const r = stipple('dots', v0Fixture)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/dots in 3 sessions/)
  })

  it('exits 2 with `path: message` lines for a bad design file', () => {
    const missing = join(dir, 'missing.json')
    expect(stipple('dots', missing)).toEqual({ code: 2, stdout: '', stderr: `${missing}: no such file\n` })

    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "schema": ')
    const r = stipple('dots', broken)
    expect(r.code).toBe(2)
    expect(lines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^${broken}: not valid JSON \\(`))])

    const unknown = variant('unknown.json', (d) => Object.assign(d.zones[0] ?? {}, { colour: 'grey' }))
    expect(stipple('dots', unknown)).toEqual({
      code: 2,
      stdout: '',
      stderr: `${unknown}: zones[0].colour: unknown field\n`,
    })

    const outside = variant('outside.json', (d) => {
      const polygon = d.zones[0]?.polygon
      if (polygon) polygon[3] = [0, 180]
    })
    const o = stipple('dots', outside)
    expect(o.code).toBe(2)
    // the moved point is named first; every line is `FILE: path: message`
    const problems = lines(o.stderr)
    expect(problems[0]).toBe(
      `${outside}: zones[0].polygon[3]: point (0.0, 180.0) mm lies outside the scalp by more than 25 mm`
    )
    for (const line of problems) expect(line).toMatch(new RegExp(`^${outside}: zones\\[0\\]\\.polygon(\\[\\d+\\])?: `))

    const huge = join(dir, 'huge.json')
    writeFileSync(huge, ' '.repeat(5 * 1024 * 1024 + 1))
    expect(stipple('dots', huge)).toEqual({ code: 2, stdout: '', stderr: `${huge}: file is larger than 5 MB\n` })

    expect(stipple('dots', designFile, '--json', '--csv').stderr).toBe('--csv: cannot be combined with --json\n')
    expect(stipple('dots').stderr).toBe('DESIGN.json: required: the design file to place\n')
  })
})
