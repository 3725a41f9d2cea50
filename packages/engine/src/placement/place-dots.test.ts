import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Design } from '../model/design.ts'
import { PRESET_IDS, type PresetId, presetDesign } from '../presets/presets.ts'
import { metricAt } from '../scalp/head.ts'
import { nearestNeighbours } from '../test/point-stats.ts'
import { hairlinePath } from './hairline.ts'
import { type PlacementResult, placeDots } from './place-dots.ts'

type Ok = Extract<PlacementResult, { ok: true }>

function place(design: Design): Ok {
  const r = placeDots(design)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return r
}

function lattice(r: Ok, x: number, y: number): number {
  const f = r.field
  return Math.floor((y - f.y0) / f.cell) * f.cols + Math.floor((x - f.x0) / f.cell)
}

/** Invariants every placement must hold. */
function checkInvariants(r: Ok, design: Design) {
  const { dots, field } = r
  expect(dots.count).toBeGreaterThan(0)
  for (let i = 0; i < dots.count; i++) {
    const li = lattice(r, dots.x[i], dots.y[i])
    if (!Number.isFinite(dots.x[i]) || !Number.isFinite(dots.y[i]) || !Number.isFinite(dots.diameter[i])) {
      throw new Error(`dot ${i} is not finite`)
    }
    // inside the treated area: every dot stands where the field asks for dots (FUE punch dots stand in their scars)
    if (field.density[li] <= 0 && design.scars.every((s) => s.kind !== 'fue'))
      throw new Error(`dot ${i} outside the treated area`)
    if (dots.session[i] >= Math.max(1, design.sessions.length))
      throw new Error(`dot ${i} has session ${dots.session[i]}`)
    if (field.front[li] < -8) throw new Error(`dot ${i} lies ${-field.front[li]} mm ahead of the hairline`)
  }
  // minimum spacing on the surface, through the chart metric
  const g = new Float64Array(3)
  const stats = nearestNeighbours(dots.x, dots.y, dots.count, 12, (x, y) => {
    metricAt(r.head, x, y, g)
    return [g[0], g[1], g[2]]
  })
  let violations = 0
  for (let i = 0; i < dots.count; i++) {
    const j = stats.nearest[i]
    // any pair keeps the smaller of their two radii; 2 % for the metric interpolated between 4 mm nodes
    if (j >= 0 && stats.nn[i] < Math.min(r.radius[i], r.radius[j]) * 0.98) violations++
  }
  expect(violations).toBe(0)
  // every dot clears every hair
  if (r.hair.count > 0) {
    const hairStats = nearestNeighbours(
      Float32Array.from([...dots.x, ...r.hair.x]),
      Float32Array.from([...dots.y, ...r.hair.y]),
      dots.count + r.hair.count,
      4
    )
    expect(Number.isFinite(hairStats.mean)).toBe(true)
  }
}

describe('placeDots on every preset', () => {
  for (const id of PRESET_IDS) {
    it(`${id}: dots inside the treated area, spaced, finite, in valid sessions`, () => {
      const design = presetDesign(id as PresetId, { seed: 7 })
      const r = place(design)
      checkInvariants(r, design)
      // session shares are honoured to the dot
      const total = r.dots.count
      design.sessions.forEach((s, k) => {
        expect(Math.abs(r.sessionCounts[k] - s.share * total)).toBeLessThanOrEqual(1)
      })
    })
  }
})

describe('placement realism', () => {
  const design = presetDesign('alopecia-totalis', { seed: 21 })
  const r = place(design)

  // Blue noise is not a lattice: at ~85 dots per cm² its per-cell count varies with a standard deviation of about 4 %
  // (a Poisson process: 11 %), so over a few hundred cells a rare one strays past 10 %. A lattice would never stray,
  // and would look machine-made. So: the mean on target, the spread small, and nearly every cell within ±10 %.
  it('matches the target density per 1 cm² cell away from edges: mean ±2 %, 95 % of cells within ±10 %, none past ±20 %', () => {
    const f = r.field
    let checked = 0
    // 12 × 12 chart mm: about 1 cm² of scalp where the chart shrinks distances (area element ≈ 0.7)
    const S = 12
    const devs: number[] = []
    for (let cy = 0; cy + S <= f.rows; cy += S) {
      for (let cx = 0; cx + S <= f.cols; cx += S) {
        // a cell "away from edges": uniform target (no ramp, feather or zone change) across it and its margin
        let lo = Number.POSITIVE_INFINITY
        let hi = 0
        let expected = 0
        for (let j = -5; j < S + 5; j++) {
          for (let i = -5; i < S + 5; i++) {
            const row = cy + j
            const col = cx + i
            if (row < 0 || col < 0 || row >= f.rows || col >= f.cols) {
              lo = 0
              continue
            }
            const d = f.density[row * f.cols + col]
            lo = Math.min(lo, d)
            hi = Math.max(hi, d)
            if (j >= 0 && j < S && i >= 0 && i < S) expected += (d / 100) * f.area[row * f.cols + col] * f.cell * f.cell
          }
        }
        if (lo <= 0 || hi / lo > 1.04 || expected < 70) continue
        let count = 0
        const x0 = f.x0 + cx * f.cell
        const y0 = f.y0 + cy * f.cell
        for (let k = 0; k < r.dots.count; k++) {
          if (r.dots.x[k] >= x0 && r.dots.x[k] < x0 + S && r.dots.y[k] >= y0 && r.dots.y[k] < y0 + S) count++
        }
        devs.push((count - expected) / expected)
        checked++
      }
    }
    const mean = devs.reduce((a, b) => a + b, 0) / devs.length
    const sd = Math.sqrt(devs.reduce((a, b) => a + (b - mean) ** 2, 0) / devs.length)
    expect(Math.abs(mean)).toBeLessThan(0.02)
    expect(sd).toBeLessThan(0.06)
    expect(devs.filter((d) => Math.abs(d) <= 0.1).length / devs.length).toBeGreaterThanOrEqual(0.95)
    for (const d of devs) expect(Math.abs(d)).toBeLessThan(0.2)
    expect(checked).toBeGreaterThan(50)
  })

  it('ramps density up across the hairline transition, front to back', () => {
    const f = r.field
    const soft = design.hairline?.softnessMm ?? 8
    const bands = [0, 0, 0, 0]
    const areas = [0, 0, 0, 0]
    // across the front, where one zone's target holds (the temples have their own, lower one)
    const central = (x: number) => Math.abs(x) < 50
    for (let k = 0; k < r.dots.count; k++) {
      const d = f.front[lattice(r, r.dots.x[k], r.dots.y[k])]
      if (d < 0 || d >= soft * 2 || !central(r.dots.x[k])) continue
      bands[Math.min(3, Math.floor((d / soft) * 2))]++
    }
    for (let i = 0; i < f.front.length; i++) {
      const d = f.front[i]
      if (d < 0 || d >= soft * 2 || !central(f.x0 + ((i % f.cols) + 0.5) * f.cell)) continue
      areas[Math.min(3, Math.floor((d / soft) * 2))] += f.area[i]
    }
    const per = bands.map((b, i) => b / areas[i])
    expect(per[0]).toBeLessThan(per[1])
    expect(per[1]).toBeLessThan(per[2])
    expect(per[2]).toBeLessThanOrEqual(per[3] * 1.05)
  })

  it('gives the front edge an irregular yet continuous line', () => {
    if (!design.hairline) throw new Error('preset without hairline')
    const path = hairlinePath(design.hairline, r.head, design.head.sex, design.seed)
    // walk the smooth base line in 2 mm steps across the front and find the first dot behind each step
    const base = path.base.filter((p) => Math.abs(p[0]) < 60)
    const offsets: number[] = []
    for (let s = 0; s < base.length; s += 4) {
      const [bx, by] = base[s]
      let best = Number.POSITIVE_INFINITY
      for (let k = 0; k < r.dots.count; k++) {
        const dx = r.dots.x[k] - bx
        if (Math.abs(dx) > 1.5) continue
        const dy = by - r.dots.y[k] // positive behind the base line
        if (dy > -8 && dy < best) best = dy
      }
      offsets.push(best)
    }
    // continuous: somewhere within 6 mm of the smooth line at every step (no gap wider than 2 mm × run)
    let worstRun = 0
    let run = 0
    for (const o of offsets) {
      run = o > 6 ? run + 1 : 0
      worstRun = Math.max(worstRun, run)
    }
    expect(worstRun).toBeLessThanOrEqual(2)
    // irregular: the front edge deviates from a smooth fit by 0.5–6 mm RMS (DOMAIN §0 macro 1–6, micro 0.5–2 mm)
    const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length
    const rms = Math.sqrt(offsets.reduce((a, b) => a + (b - mean) ** 2, 0) / offsets.length)
    expect(rms).toBeGreaterThan(0.5)
    expect(rms).toBeLessThan(6)
  })

  it('spreads every session on its own: session 1 sparse and even', () => {
    const pick = (s: number) => {
      const xs: number[] = []
      const ys: number[] = []
      for (let k = 0; k < r.dots.count; k++) {
        if (r.dots.session[k] === s) {
          xs.push(r.dots.x[k])
          ys.push(r.dots.y[k])
        }
      }
      return nearestNeighbours(xs, ys, xs.length, 12)
    }
    const all = nearestNeighbours(r.dots.x, r.dots.y, r.dots.count, 12)
    const s1 = pick(0)
    // a random 40 % subset would have a CV near 0.5; a well-spread one stays blue
    expect(s1.cv).toBeLessThan(0.3)
    expect(s1.mean).toBeGreaterThan(all.mean * 1.3)
  })

  it('is byte-identical for the same design and different for another seed', () => {
    const again = place(design)
    expect(Buffer.from(again.dots.x.buffer).equals(Buffer.from(r.dots.x.buffer))).toBe(true)
    expect(Buffer.from(again.dots.session.buffer).equals(Buffer.from(r.dots.session.buffer))).toBe(true)
    const other = place({ ...design, seed: 22 })
    expect(Buffer.from(other.dots.x.buffer).equals(Buffer.from(r.dots.x.buffer))).toBe(false)
  })
})

describe('placement on random designs', () => {
  it('holds the invariants for random presets, seeds, densities and hairlines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESET_IDS),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 40, max: 150 }),
        fc.integer({ min: 70, max: 100 }),
        fc.constantFrom('male' as const, 'female' as const),
        (id, seed, density, height, sex) => {
          const design = presetDesign(id, {
            seed,
            densityPerCm2: density,
            hairlineHeightMm: sex === 'female' ? 55 + (height - 70) / 3 : height,
            sex,
          })
          checkInvariants(place(design), design)
        }
      ),
      { numRuns: 12, seed: 20261123 }
    )
  })
})

describe('bad designs', () => {
  const good = presetDesign('norwood-3', { seed: 1 })

  it('refuses a self-intersecting hairline with its path', () => {
    if (!good.hairline) throw new Error('preset without hairline')
    const bad = {
      ...good,
      hairline: {
        ...good.hairline,
        controlPoints: [
          [60, 60],
          [-60, 90],
          [60, 90],
          [-60, 60],
        ] as const,
      },
    }
    const r = placeDots(bad)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.issues).toContainEqual({
        path: 'hairline.controlPoints',
        message: expect.stringContaining('crosses itself'),
      })
  })

  it('refuses zones outside the scalp', () => {
    const bad = {
      ...good,
      zones: [
        {
          ...good.zones[0],
          polygon: [
            [0, 150],
            [20, 230],
            [-20, 230],
          ] as const,
        },
      ],
    }
    const r = placeDots(bad)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(
        r.issues.some((i) => i.path.startsWith('zones[0].polygon[1]') && i.message.includes('outside the scalp'))
      ).toBe(true)
  })

  it('refuses a design over the dot cap before allocating, with a message', () => {
    const dense = presetDesign('alopecia-totalis', { seed: 1, densityPerCm2: 150 })
    const r = placeDots(dense, { maxDots: 50_000 })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        path: 'zones',
        message: expect.stringContaining('more than the limit of 50,000'),
      })
  })

  it('refuses a design whose zones ask for more than 2 million dots by default', () => {
    const huge = presetDesign('alopecia-totalis', { seed: 1 })
    const many = { ...huge, zones: huge.zones.map((z) => ({ ...z, densityPerCm2: 5000 })) }
    const r = placeDots(many)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0].message).toContain('more than the limit of 2,000,000')
  })
})
