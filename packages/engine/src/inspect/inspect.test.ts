import { describe, expect, it } from 'vitest'
import type { Design } from '../model/design.ts'
import { type Placement, placeDots } from '../placement/place-dots.ts'
import { presetDesign } from '../presets/presets.ts'
import {
  BAND_MM,
  borderBands,
  CELL_FRINGE,
  CELL_TREATED,
  FRINGE_MAX_DOTS_PER_CM2,
  FRINGE_MIN_PER_CM2,
  TREATED_MIN_PER_CM2,
} from './border.ts'
import { FRINGE_MATCH_LIMIT, fringeMatchReading, inspectPlacement } from './inspect.ts'

function place(design: Design): Placement {
  const r = placeDots(design)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return r
}

function report(p: Placement, options = {}) {
  const r = inspectPlacement(p, options)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return r.report
}

const n5 = place(presetDesign('norwood-5', { seed: 5 }))

describe('the border between treatment and fringe', () => {
  const b = borderBands(n5)
  const f = n5.field

  it('sorts cells by the field: treated where dots are asked, fringe where only hair stands', () => {
    expect(b.treated).toBeGreaterThan(1000)
    expect(b.fringe).toBeGreaterThan(1000)
    for (let i = 0; i < b.kind.length; i++) {
      if (b.kind[i] === CELL_TREATED) expect(f.density[i]).toBeGreaterThanOrEqual(TREATED_MIN_PER_CM2)
      if (b.kind[i] === CELL_FRINGE) {
        expect(f.density[i]).toBeLessThan(FRINGE_MAX_DOTS_PER_CM2)
        expect(f.hair[i]).toBeGreaterThanOrEqual(FRINGE_MIN_PER_CM2)
      }
    }
  })

  it('measures each cell’s distance to the nearest cell of the other kind, on the scalp, within a tenth', () => {
    const other = (i: number) => (b.kind[i] === CELL_TREATED ? CELL_FRINGE : CELL_TREATED)
    const cells: number[] = []
    for (let i = 0; i < b.kind.length; i += 97) if (b.kind[i] !== 0 && b.distance[i] <= 3 * BAND_MM) cells.push(i)
    expect(cells.length).toBeGreaterThan(50)
    for (const i of cells) {
      const ci = i % f.cols
      const ri = Math.floor(i / f.cols)
      let best = Number.POSITIVE_INFINITY
      for (let j = 0; j < b.kind.length; j++) {
        if (b.kind[j] !== other(i)) continue
        const d = Math.hypot((j % f.cols) - ci, Math.floor(j / f.cols) - ri) * f.cell
        if (d < best) best = d
      }
      // chart distance times the local scale: the surface distance to first order
      const surface = best * Math.sqrt(f.area[i])
      expect(Math.abs(b.distance[i] - surface)).toBeLessThanOrEqual(0.1 * surface + 1.5)
    }
    expect(b.treatedBand).toBeGreaterThan(0)
    expect(b.treatedBand).toBeLessThan(b.treated)
  })

  it('has no border without remaining hair', () => {
    const t = borderBands(place(presetDesign('alopecia-totalis', { seed: 2 })))
    expect(t.fringe).toBe(0)
    expect(t.treatedBand).toBe(0)
  })
})

describe('inspectPlacement', () => {
  const healed = report(n5)

  it('counts the dots per session and per zone, adding up to the placement', () => {
    expect(healed.dots.total).toBe(n5.dots.count)
    expect(healed.dots.bySession).toEqual(n5.sessionCounts)
    expect(healed.dots.shown).toBe(n5.dots.count)
    expect(healed.zones.reduce((a, z) => a + z.dots, 0)).toBe(n5.dots.count)
    const first = report(n5, { session: 1 })
    expect(first.dots.shown).toBe(n5.sessionCounts[0])
  })

  it('gives the visible dot sizes in order, fresh ones larger, and coverage as the dots’ share of the zone', () => {
    const d = healed.diameterMm
    if (d === null) throw new Error('no dots')
    expect(d.p10).toBeLessThanOrEqual(d.median)
    expect(d.median).toBeLessThanOrEqual(d.p90)
    // the first session the day after, against the same dots healed
    const fresh = report(n5, { session: 1, stage: 'fresh' }).diameterMm
    const first = report(n5, { session: 1 }).diameterMm
    expect(fresh?.median ?? 0).toBeGreaterThan(1.5 * (first?.median ?? 1))
    for (const z of healed.zones) {
      if (z.dots === 0) continue
      // discs of ~0.15 mm at ~85/cm²: about 1.5 % of the skin; never more than the whole
      expect(z.coverage).toBeGreaterThan(0)
      expect(z.coverage).toBeLessThan(0.2)
      expect(z.areaCm2).toBeGreaterThan(0)
    }
  })

  it('finds a darker treatment darker than the fringe', () => {
    const fm = healed.fringeMatch
    if (fm.kind !== 'measured') throw new Error('norwood-5 has a fringe')
    // the same dots in far stronger pigment: each session three shade steps darker and barely diluted
    const dark: Design = {
      ...n5.design,
      sessions: n5.design.sessions.map((s) => ({ ...s, dilution: '1:3', shadeOffset: -3 })),
    }
    const darker = report({ ...n5, design: dark }).fringeMatch
    if (darker.kind !== 'measured') throw new Error('still a fringe')
    expect(darker.lightnessDifference).toBeLessThan(fm.lightnessDifference - 1)
    expect(darker.deltaE2000).toBeGreaterThan(fm.deltaE2000)
    // the fringe stays itself (but for the dots' shadow spreading a little past the border)
    expect(Math.abs(darker.fringe.lab[0] - fm.fringe.lab[0])).toBeLessThan(0.2)
  })

  it('measures long hair as if clipped to buzz length, and says so', () => {
    const design = presetDesign('ludwig-2', { seed: 3 })
    const long = report(place({ ...design, hair: { color: 'brown', length: 'long' } }))
    const buzz = report(place({ ...design, hair: { color: 'brown', length: 'buzz' } }))
    expect(long.hairClipped).toBe(true)
    expect(buzz.hairClipped).toBe(false)
    // the same measure as the buzz cut: the locks lying over the scalp are the client's hair, not the treatment
    expect(long.fringeMatch).toEqual(buzz.fringeMatch)
    expect(long.evenness).toEqual(buzz.evenness)
  })

  it('sees a cloudy mottle in the treated area as unevenness at the 5 mm scale', () => {
    const base = healed.evenness.treated
    if (base === null) throw new Error('norwood-5 has a treated interior')
    // every dot's size swings with a 12 mm wave across the scalp: blotches a client would see
    const dots = { ...n5.dots, diameter: n5.dots.diameter.slice() }
    for (let i = 0; i < dots.count; i++) {
      const w = Math.sin((dots.x[i] * 2 * Math.PI) / 12) * Math.sin((dots.y[i] * 2 * Math.PI) / 12)
      dots.diameter[i] *= 1 + 0.8 * w
    }
    const mottled = report({ ...n5, dots }).evenness.treated
    expect(mottled?.neighbourL ?? 0).toBeGreaterThan(base.neighbourL + 0.5)
    expect(mottled?.sdL ?? 0).toBeGreaterThan(base.sdL)
  })

  it('reports no fringe for alopecia totalis and no border for FUE camouflage, never a number', () => {
    expect(report(place(presetDesign('alopecia-totalis', { seed: 2 }))).fringeMatch.kind).toBe('no-fringe')
    expect(report(place(presetDesign('scar-fue', { seed: 2 }))).fringeMatch.kind).toBe('no-border')
  })

  it('refuses bad options with the option as path', () => {
    const r = inspectPlacement(n5, { session: 9, years: -1 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(['session', 'years'])
  })

  it('reads a difference in plain words', () => {
    expect(fringeMatchReading(0.5, 0.2)).toMatch(/^matches the fringe/)
    expect(fringeMatchReading(FRINGE_MATCH_LIMIT, 1)).toMatch(/^matches the fringe/)
    expect(fringeMatchReading(6, -5)).toBe('darker than the fringe')
    expect(fringeMatchReading(6, 5)).toBe('lighter than the fringe')
    expect(fringeMatchReading(6, 0.5)).toBe('a different hue from the fringe')
  })
})
