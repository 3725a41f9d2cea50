// What the preview promises, held over every preset: the treated area matches the client's fringe at arm's length,
// it is as even as skin with hair, and fresh, healed and faded results differ as the longevity model says.
import { describe, expect, it } from 'vitest'
import { deltaE2000 } from '../appearance/delta-e.ts'
import { placeDots } from '../placement/place-dots.ts'
import { PRESET_IDS, presetDesign } from '../presets/presets.ts'
import { type InspectReport, inspectDesign } from './inspect.ts'
import { forEachMarkPixel } from './mark.ts'
import { closeUpOptions } from './options.ts'
import { renderPreview } from './render-preview.ts'

/** ΔE2000 at or below which the treated band reads as the fringe beside it (DOMAIN §13.1 row 4). */
const MATCH = 3
/** Presets with no fill beside remaining hair to compare: hairline-only designs (judged by their soft front, §13.1
 * row 8), density work between long hair, and heads with no hair left. */
const NO_BORDER = [
  'norwood-1',
  'norwood-2',
  'norwood-2a',
  'norwood-3',
  'ludwig-1',
  'ludwig-2',
  'ludwig-3',
  'diffuse',
  'alopecia-totalis',
  'alopecia-universalis',
  'scar-fue',
]

function report(id: (typeof PRESET_IDS)[number], options = {}): InspectReport {
  const design = presetDesign(id)
  const placed = placeDots(design)
  if (!placed.ok) throw new Error(`${id} does not place`)
  const r = inspectDesign(design, placed, options)
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '))
  return r.report
}

describe('the fringe match and evenness, every preset healed after its last session', () => {
  const reports = PRESET_IDS.map((id) => [id, report(id)] as const)

  it(`matches the fringe within ΔE2000 ${MATCH} wherever treated area meets remaining hair`, () => {
    const compared = reports.filter(([, r]) => r.fringeMatch !== null)
    expect(compared.map(([id]) => id).sort()).toEqual(PRESET_IDS.filter((id) => !NO_BORDER.includes(id)).sort())
    for (const [id, r] of compared) {
      const f = r.fringeMatch
      if (f === null) continue
      expect({ id, deltaE: f.deltaE2000 <= MATCH }).toEqual({ id, deltaE: true })
      expect(f.treatedBandCm2).toBeGreaterThan(2)
    }
  })

  it('is as even as the fringe at the 5 mm scale (no cloudy mottle beyond the hair’s own)', () => {
    for (const [id, r] of reports) {
      const { treatedCvPercent: t, fringeCvPercent: f } = r.evenness
      if (t === null) continue
      // CV of L* over 5 mm cells: never above the fringe's own; with no fringe (a whole head treated) the chart's own
      // stretch towards the ears varies the dots per chart cell, so only a loose bound holds there
      expect({ id, even: t <= (f ?? 6) }).toEqual({ id, even: true })
    }
  })

  it('reports healed dots of about 0.15–0.2 mm (DOMAIN §2.2; the presets design 0.16–0.18 mm)', () => {
    for (const [id, r] of reports) {
      const d = r.dotDiameterMm
      if (d === null) continue
      expect({ id, p50: d.p50 >= 0.12 && d.p50 <= 0.22 }).toEqual({ id, p50: true })
      expect(d.p5).toBeLessThanOrEqual(d.p50)
      expect(d.p50).toBeLessThanOrEqual(d.p95)
    }
  })
})

describe('fresh, healed and years later differ as the longevity model says', () => {
  it.each(['norwood-5a', 'norwood-7'] as const)(
    '%s: the treated band visibly changes from fresh to healed to year 5',
    (id) => {
      const lab = (o: object) => {
        const f = report(id, o).fringeMatch
        if (f === null) throw new Error('no band')
        return f.treatedLab
      }
      const fresh1 = lab({ session: 1, stage: 'fresh' })
      const healed = lab({})
      const year5 = lab({ years: 5 })
      // the day after session 1 against the healed result, and healed against five years of fading: both visible
      expect(deltaE2000(fresh1, healed)).toBeGreaterThan(3)
      expect(deltaE2000(healed, year5)).toBeGreaterThan(3)
      // fading lightens (DOMAIN §5: lighter, not another hue) and a fresh dot is redder (§13.1 row 12)
      expect(year5[0]).toBeGreaterThan(healed[0] + 2)
      expect(fresh1[1]).toBeGreaterThan(healed[1] + 1)
      // fresh dots are bigger, and dots spread a little over the years (DOMAIN §2.2)
      const d = (o: object) => report(id, o).dotDiameterMm?.p50 ?? 0
      expect(d({ session: 1, stage: 'fresh' })).toBeGreaterThan(2 * d({}))
      expect(d({ years: 5 })).toBeGreaterThan(d({}))
    }
  )
})

describe('the close-up', () => {
  it('renders a 20 mm square at 40 px/mm with single dots resolved and the Simulated mark', () => {
    const design = presetDesign('norwood-5a')
    const placed = placeDots(design)
    if (!placed.ok) throw new Error('does not place')
    const options = closeUpOptions(0, -20)
    expect([options.width, options.closeUp?.widthMm]).toEqual([800, 20])
    const target = { width: 800, height: 800, data: new Uint8ClampedArray(800 * 800 * 4) }
    expect(renderPreview(design, placed, { ...options, stage: 'healed' }, target)).toEqual({ ok: true })
    let mark = 0
    forEachMarkPixel(800, 800, (x, y) => {
      const o = (y * 800 + x) * 4
      if (target.data[o] === 255 && target.data[o + 1] === 255 && target.data[o + 2] === 255) mark++
    })
    expect(mark).toBeGreaterThan(200)
    // single dots resolve: their cores are far darker than the skin between them, which is most of the square
    const greens: number[] = []
    for (let y = 0; y < 700; y++) for (let x = 0; x < 800; x++) greens.push(target.data[(y * 800 + x) * 4 + 1])
    greens.sort((a, b) => a - b)
    const at = (q: number) => greens[Math.floor(q * (greens.length - 1))] ?? 0
    expect(at(0.002)).toBeLessThan(0.75 * at(0.5))
    // and the skin between dots stays skin: the median is within a few levels of the lighter half
    expect(at(0.5)).toBeGreaterThan(0.9 * at(0.75))
  })
})
