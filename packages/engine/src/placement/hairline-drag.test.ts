import { describe, expect, it } from 'vitest'
import type { ChartPoint, Design } from '../model/design.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead, metricAt } from '../scalp/head.ts'
import { nearestNeighbours } from '../test/point-stats.ts'
import { buildDensityField, designLattice } from './density-field.ts'
import { hairlineControlPoints, hairlinePath } from './hairline.ts'
import { placeDotsAfterHairlineMove } from './hairline-drag.ts'
import { type Placement, placeDots } from './place-dots.ts'

type Ok = Placement

function place(design: Design): Ok {
  const r = placeDots(design)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return r
}

const base = presetDesign('norwood-6', { seed: 11 })
const hl = base.hairline
if (hl === null) throw new Error('the preset has a hairline')
const points = hairlineControlPoints(hl, createHead(base.head), base.head.sex)
const mid = Math.floor(points.length / 2)

/** The design with its hairline control point `index` moved by (du, dv) mm. */
function moved(index: number, du: number, dv: number): Design {
  const controlPoints = points.map((p, i): ChartPoint => (i === index ? [p[0] + du, p[1] + dv] : p))
  return { ...base, hairline: { ...hl, controlPoints } } as Design
}

function step(previous: Ok, after: Design): Ok {
  const r = placeDotsAfterHairlineMove(previous, after)
  if (r === null) throw new Error('the drag step was refused')
  return r
}

describe('placement during a hairline drag', () => {
  const start = moved(mid, 0, 0)
  const first = place(start)
  const dragged = moved(mid, 0, 6)
  const quick = step(first, dragged)
  const full = place(dragged)

  it('builds the field of a stride-aligned sub-lattice bit for bit equal to the full field there', () => {
    const lat = designLattice(dragged, 1)
    if (lat === null) throw new Error('no lattice')
    const fullField = buildDensityField(dragged, first.head, lat)
    const c0 = 48
    const r0 = 32
    const sub = buildDensityField(dragged, first.head, { ...lat, x0: lat.x0 + c0, y0: lat.y0 + r0, cols: 64, rows: 48 })
    let differing = 0
    for (let row = 0; row < 48; row++) {
      for (let col = 0; col < 64; col++) {
        const i = (r0 + row) * lat.cols + c0 + col
        const s = row * 64 + col
        for (const key of ['radius', 'density', 'size', 'shade', 'hair', 'front'] as const) {
          if (!Object.is(sub[key][s], fullField[key][i])) differing++
        }
        if (sub.zone[s] !== fullField.zone[i] || sub.metric.g11[s] !== fullField.metric.g11[i]) differing++
      }
    }
    expect(differing).toBe(0)
  })

  it("gives placeDots' field for the dragged design, each cell within the drag's tolerances", () => {
    // a cell keeps the values its dots were placed with while the new ones are within 1 % (2 % for hair, half a
    // shade step), so that small changes add up until the cell is placed again
    const near = (a: number, b: number, tol: number) =>
      a === b || (a !== 0 && b !== 0 && Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)))
    let outside = 0
    let moved = 0
    const f = quick.field
    const g = full.field
    for (let i = 0; i < g.radius.length; i++) {
      const ok =
        near(f.radius[i], g.radius[i], 0.01) &&
        near(f.size[i], g.size[i], 0.01) &&
        near(f.hair[i], g.hair[i], 0.02) &&
        Math.abs(f.shade[i] - g.shade[i]) <= 0.5 &&
        f.zone[i] === g.zone[i]
      if (!ok) outside++
      if (f.radius[i] !== first.field.radius[i]) moved++
    }
    expect(outside).toBe(0)
    // and the move did change the field
    expect(moved).toBeGreaterThan(100)
  })

  it('keeps every dot far from both hairlines exactly where it was', () => {
    const lines = [start, dragged].flatMap((d) =>
      d.hairline === null ? [] : hairlinePath(d.hairline, first.head, d.head.sex, d.seed).line
    )
    const far = (x: number, y: number) => lines.every((p) => Math.hypot(x - p[0], y - p[1]) > 60)
    const before = new Set<string>()
    for (let i = 0; i < first.dots.count; i++) {
      if (far(first.dots.x[i], first.dots.y[i]))
        before.add(`${first.dots.x[i]},${first.dots.y[i]},${first.dots.diameter[i]},${first.dots.session[i]}`)
    }
    const after = new Set<string>()
    for (let i = 0; i < quick.dots.count; i++) {
      if (far(quick.dots.x[i], quick.dots.y[i]))
        after.add(`${quick.dots.x[i]},${quick.dots.y[i]},${quick.dots.diameter[i]},${quick.dots.session[i]}`)
    }
    expect(before.size).toBeGreaterThan(5000)
    expect(after).toEqual(before)
  })

  it('names chart boxes outside which no dot or hair differs from the placement it started from', () => {
    const boxes = quick.changed
    if (boxes === undefined) throw new Error('a drag step reports its boxes')
    expect(boxes.length).toBeGreaterThan(0)
    const outside = (x: number, y: number) => boxes.every((b) => x < b.minX || x >= b.maxX || y < b.minY || y >= b.maxY)
    const key = (r: Ok, i: number) =>
      `${r.dots.x[i]},${r.dots.y[i]},${r.dots.diameter[i]},${r.dots.shade[i]},${r.dots.session[i]},${r.dots.zone[i]}`
    const dotsOutside = (r: Ok) => {
      const out: string[] = []
      for (let i = 0; i < r.dots.count; i++) if (outside(r.dots.x[i], r.dots.y[i])) out.push(key(r, i))
      return out.sort()
    }
    const hairOutside = (r: Ok) => {
      const out: string[] = []
      for (let i = 0; i < r.hair.count; i++)
        if (outside(r.hair.x[i], r.hair.y[i])) out.push(`${r.hair.x[i]},${r.hair.y[i]}`)
      return out.sort()
    }
    expect(dotsOutside(quick)).toEqual(dotsOutside(first))
    expect(hairOutside(quick)).toEqual(hairOutside(first))
    // and something did change inside it
    expect(dotsOutside(quick).length).toBeLessThan(quick.dots.count)
    expect(full.changed).toBeUndefined()
  })

  it('keeps the minimum spacing on the surface and clears every hair', () => {
    const g = new Float64Array(3)
    const stats = nearestNeighbours(quick.dots.x, quick.dots.y, quick.dots.count, 12, (x, y) => {
      metricAt(quick.head, x, y, g)
      return [g[0], g[1], g[2]]
    })
    let violations = 0
    for (let i = 0; i < quick.dots.count; i++) {
      const j = stats.nearest[i]
      // as place-dots.test.ts: 2 % for the metric interpolated between its nodes
      if (j >= 0 && stats.nn[i] < Math.min(quick.radius[i], quick.radius[j]) * 0.98) violations++
    }
    expect(violations).toBe(0)
    let tooClose = 0
    for (let h = 0; h < quick.hair.count; h++) {
      for (let i = 0; i < quick.dots.count; i++) {
        const dx = quick.dots.x[i] - quick.hair.x[h]
        const dy = quick.dots.y[i] - quick.hair.y[h]
        if (dx * dx + dy * dy < 0.2 * 0.2) tooClose++
      }
    }
    expect(tooClose).toBe(0)
  })

  it('places about as many dots as the full placement: within 1 %', () => {
    expect(Math.abs(quick.dots.count - full.dots.count) / full.dots.count).toBeLessThan(0.01)
    const shares = dragged.sessions.map((s) => s.share)
    quick.sessionCounts.forEach((n, k) => {
      expect(Math.abs(n / quick.dots.count - (shares[k] as number))).toBeLessThan(0.01)
    })
  })

  it('follows a drag of many steps, each from the last, and gives the same dots for the same steps', () => {
    let design = start
    let r = first
    const counts: number[] = []
    for (let k = 1; k <= 6; k++) {
      const next = moved(mid, Math.sin(k) * 3, 8 * Math.sin(k * 0.7))
      r = step(r, next)
      design = next
      counts.push(r.dots.count)
    }
    const expected = place(design).dots.count
    expect(Math.abs(r.dots.count - expected) / expected).toBeLessThan(0.015)
    let again = first
    for (let k = 1; k <= 6; k++) again = step(again, moved(mid, Math.sin(k) * 3, 8 * Math.sin(k * 0.7)))
    // the quick placement is the placement of the design it was asked for, like a full one
    expect(again.design).toEqual(design)
    expect(Array.from(again.dots.x)).toEqual(Array.from(r.dots.x))
    expect(counts).toHaveLength(6)
  })

  it('declines what it cannot follow: a zone change, a softer hairline, or a moved end of the hairline', () => {
    const zoneChange = { ...dragged, zones: dragged.zones.map((z) => ({ ...z, densityPerCm2: z.densityPerCm2 + 5 })) }
    expect(placeDotsAfterHairlineMove(first, zoneChange)).toBeNull()
    // softness reshapes the ramp without moving the line: placed in full
    const softer = { ...start, hairline: { ...hl, controlPoints: points, softnessMm: hl.softnessMm + 4 } }
    expect(placeDotsAfterHairlineMove(first, softer)).toBeNull()
    expect(placeDotsAfterHairlineMove(first, moved(0, 0, 4))).toBeNull()
    expect(placeDotsAfterHairlineMove(first, moved(points.length - 1, 3, 0))).toBeNull()
  })

  it('returns the previous dots when the hairline did not move', () => {
    const same = placeDotsAfterHairlineMove(first, moved(mid, 0, 0))
    expect(same?.dots).toBe(first.dots)
    expect(same?.design.hairline?.controlPoints).toEqual(moved(mid, 0, 0).hairline?.controlPoints)
  })
})
