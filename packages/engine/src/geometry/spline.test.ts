import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChartPoint, HairlineHandle } from '../model/design.ts'
import { automaticHandles, catmullRom, splineWithHandles } from './spline.ts'

// a hairline-like run of points from the client's right to left, with uneven spacing
const POINTS: ChartPoint[] = [
  [95, -20],
  [88, 10],
  [70, 48],
  [40, 70],
  [0, 78],
  [-45, 69],
  [-72, 45],
  [-90, 5],
]
const PER = 16

/** Every sample the same to the last bit (Object.is: -0 and 0 differ too). */
function sameBits(a: readonly ChartPoint[], b: readonly ChartPoint[]): boolean {
  return a.length === b.length && a.every((p, i) => Object.is(p[0], b[i]?.[0]) && Object.is(p[1], b[i]?.[1]))
}

function span(samples: readonly ChartPoint[], i: number): ChartPoint[] {
  return samples.slice(i * PER, (i + 1) * PER)
}

describe('catmullRom', () => {
  it('passes through every control point and ends on the last', () => {
    const c = catmullRom(POINTS, PER)
    expect(c).toHaveLength((POINTS.length - 1) * PER + 1)
    POINTS.forEach((p, i) => {
      expect(c[i * PER]?.[0]).toBeCloseTo(p[0], 9)
      expect(c[i * PER]?.[1]).toBeCloseTo(p[1], 9)
    })
  })
})

describe('automaticHandles', () => {
  it('gives the Catmull-Rom spans back as Bézier spans', () => {
    const auto = automaticHandles(POINTS)
    expect(auto).toHaveLength(POINTS.length)
    const cr = catmullRom(POINTS, PER)
    const bz = splineWithHandles(POINTS, auto, PER)
    expect(bz).toHaveLength(cr.length)
    cr.forEach((p, i) => {
      expect(bz[i]?.[0]).toBeCloseTo(p[0], 9)
      expect(bz[i]?.[1]).toBeCloseTo(p[1], 9)
    })
  })

  it('puts both handles of a point on the tangent line, on opposite sides, sized by the chords beside it', () => {
    automaticHandles(POINTS).forEach((h, i) => {
      const cross = h.in[0] * h.out[1] - h.in[1] * h.out[0]
      const dot = h.in[0] * h.out[0] + h.in[1] * h.out[1]
      expect(Math.abs(cross)).toBeLessThan(1e-9)
      expect(dot).toBeLessThan(0)
      // the out handle points roughly towards the next point
      const next = POINTS[Math.min(i + 1, POINTS.length - 1)] ?? [0, 0]
      const prev = POINTS[Math.max(i - 1, 0)] ?? [0, 0]
      expect(h.out[0] * (next[0] - prev[0]) + h.out[1] * (next[1] - prev[1])).toBeGreaterThan(0)
    })
  })
})

describe('splineWithHandles', () => {
  it('is catmullRom to the last bit with no handles, or with every handle automatic (null)', () => {
    const cr = catmullRom(POINTS, PER)
    expect(sameBits(splineWithHandles(POINTS, undefined, PER), cr)).toBe(true)
    expect(
      sameBits(
        splineWithHandles(
          POINTS,
          POINTS.map(() => null),
          PER
        ),
        cr
      )
    ).toBe(true)
  })

  it('a handle changes only the two spans beside its point', () => {
    const k = 3
    const handles: (HairlineHandle | null)[] = POINTS.map(() => null)
    handles[k] = { in: [18, -12], out: [-25, 4] }
    const cr = catmullRom(POINTS, PER)
    const bent = splineWithHandles(POINTS, handles, PER)
    expect(bent).toHaveLength(cr.length)
    for (let i = 0; i < POINTS.length - 1; i++) {
      const untouched = sameBits(span(bent, i), span(cr, i))
      expect([i, untouched]).toEqual([i, i !== k - 1 && i !== k])
    }
    expect(sameBits(bent.slice(-1), cr.slice(-1))).toBe(true)
  })

  it('follows the handles: the span leaves a point along its out handle', () => {
    const handles: (HairlineHandle | null)[] = POINTS.map(() => null)
    handles[0] = { in: [0, 0], out: [0, 30] }
    const bent = splineWithHandles(POINTS, handles, PER)
    const [p, q] = [bent[0], bent[1]]
    if (p === undefined || q === undefined) throw new Error('no samples')
    // the first step is nearly straight along +v, the out handle's direction
    expect(Math.abs(q[0] - p[0])).toBeLessThan(0.25 * (q[1] - p[1]))
  })

  it('passes through every control point, whatever the handles', () => {
    const handles: HairlineHandle[] = POINTS.map((_, i) => ({ in: [i, -2 * i], out: [-3, 5 + i] }))
    const c = splineWithHandles(POINTS, handles, PER)
    POINTS.forEach((p, i) => {
      expect(c[i * PER]).toEqual(p)
    })
  })

  it('never gives NaN or infinity for random points and handles (coincident points and zero handles too)', () => {
    const coord = fc.double({ min: -200, max: 200, noNaN: true })
    const offset = fc.double({ min: -56, max: 56, noNaN: true })
    const point = fc.tuple(coord, coord)
    const handle = fc.option(fc.record({ in: fc.tuple(offset, offset), out: fc.tuple(offset, offset) }), {
      freq: 2,
    })
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 2, maxLength: 12 }).chain((points) =>
          fc.tuple(
            // some runs repeat a point, where the knot spans vanish
            fc.constant(points.length > 2 ? [...points.slice(0, 2), points[1], ...points.slice(2)] : points),
            fc.array(handle, { minLength: points.length + 1, maxLength: points.length + 1 })
          )
        ),
        fc.integer({ min: 1, max: 24 }),
        ([points, handles], per) => {
          const c = splineWithHandles(points, handles, per)
          expect(c).toHaveLength((points.length - 1) * per + 1)
          for (const p of c) if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return false
          for (const h of automaticHandles(points))
            for (const v of [...h.in, ...h.out]) if (!Number.isFinite(v)) return false
          return true
        }
      ),
      { numRuns: 300 }
    )
  })
})
