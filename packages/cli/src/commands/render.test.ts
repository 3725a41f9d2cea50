import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-render-'))
const designFile = join(dir, 'design.json')

describe('stipple render', () => {
  beforeAll(() => {
    expect(stipple('design', '--preset', 'norwood-5', '--seed', '3', '-o', designFile).code).toBe(0)
  })

  it('writes a PNG of the asked size whose pixels differ between fresh and healed, and years later', async () => {
    const fresh = join(dir, 'fresh.png')
    const healed = join(dir, 'healed.png')
    const later = join(dir, 'later.png')
    expect(
      stipple('render', designFile, '-o', fresh, '--session', '3', '--stage', 'fresh', '--width', '256').code
    ).toBe(0)
    expect(stipple('render', designFile, '-o', healed, '--session', '3', '--width', '256').code).toBe(0)
    expect(stipple('render', designFile, '-o', later, '--years', '5', '--width', '256').code).toBe(0)
    const read = async (f: string) => sharp(readFileSync(f)).raw().toBuffer({ resolveWithObject: true })
    const [a, b, c] = await Promise.all([read(fresh), read(healed), read(later)])
    expect(a.info).toMatchObject({ width: 256, height: 256, channels: 4 })
    const mean = (buf: Buffer) => buf.reduce((s, v, i) => (i % 4 === 3 ? s : s + v), 0) / (buf.length * 0.75)
    // fresh dots are darker than healed ones, and five years on the head is lighter still
    expect(mean(a.data)).toBeLessThan(mean(b.data))
    expect(mean(b.data)).toBeLessThan(mean(c.data))
  })

  it('draws a 20 mm close-up at 40 px/mm about a chart point or a named one, marked Simulated', async () => {
    const at = join(dir, 'closeup.png')
    const r = stipple('render', designFile, '-o', at, '--closeup', '0,40')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/close-up of 20 mm at 40 px\/mm about chart \(0\.0, 40\.0\)/)
    const img = await sharp(readFileSync(at)).raw().toBuffer({ resolveWithObject: true })
    expect(img.info).toMatchObject({ width: 800, height: 800 })
    // single dots resolve: many pixels far darker than the skin around them
    const lum = (i: number) => (img.data[i] ?? 0) * 0.3 + (img.data[i + 1] ?? 0) * 0.59 + (img.data[i + 2] ?? 0) * 0.11
    let sum = 0
    for (let i = 0; i < img.data.length; i += 4) sum += lum(i)
    const mean = sum / (img.data.length / 4)
    let dark = 0
    for (let i = 0; i < img.data.length; i += 4) if (lum(i) < mean - 40) dark++
    expect(dark).toBeGreaterThan(500)
    const named = join(dir, 'border.png')
    const b = stipple('render', designFile, '-o', named, '--closeup', 'border', '--width', '400')
    expect(b.code).toBe(0)
    expect(b.stderr).toMatch(/close-up of 20 mm at 20 px\/mm/)
    const wrong = stipple('render', designFile, '-o', named, '--closeup', 'nape-ish')
    expect(wrong.code).toBe(2)
    expect(lines(wrong.stderr)).toEqual([
      expect.stringMatching(/^--closeup: expected chart millimetres U,V .*hairline/),
    ])
    const front = stipple('render', designFile, '-o', named, '--closeup', '0,40', '--view', 'front')
    expect(lines(front.stderr)).toEqual([expect.stringMatching(/^--closeup: applies to the chart view only/)])
  })

  it('refuses bad arguments with exit 2 and one `option: message` line each, writing nothing', () => {
    const out = join(dir, 'bad.png')
    const session = stipple('render', designFile, '-o', out, '--session', '9')
    expect(session.code).toBe(2)
    expect(lines(session.stderr)).toEqual([expect.stringMatching(/^--session: .*1 to 3/)])
    const years = stipple('render', designFile, '-o', out, '--years', '-1')
    expect(years.code).toBe(2)
    expect(lines(years.stderr)).toEqual([expect.stringMatching(/^--years: /)])
    const width = stipple('render', designFile, '-o', out, '--width', '100000')
    expect(width.code).toBe(2)
    expect(lines(width.stderr)).toEqual([expect.stringMatching(/^--width: .*16 to 8192/)])
    const several = stipple('render', designFile, '-o', out, '--view', 'sideways', '--stage', 'wet')
    expect(several.code).toBe(2)
    expect(lines(several.stderr)).toEqual([expect.stringMatching(/^--view: /), expect.stringMatching(/^--stage: /)])
    const missing = stipple('render', designFile)
    expect(missing.code).toBe(2)
    expect(lines(missing.stderr)).toEqual(['-o: required: where to write the PNG'])
    expect(existsSync(out)).toBe(false)
  })
})
