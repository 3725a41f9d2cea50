import { describe, expect, it } from 'vitest'
import { createRng } from '../math/rng.ts'
import { nearestNeighbours } from '../test/point-stats.ts'
import { PACKING_ETA, SAMPLER_CANDIDATES, SAMPLER_JITTER, SAMPLER_RADIUS_JITTER } from './density-field.ts'
import { poissonDisk, type RadiusField } from './poisson-disk.ts'

function field(cols: number, rows: number, cell: number, r: (x: number, y: number) => number): RadiusField {
  const radius = new Float32Array(cols * rows)
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < cols; i++) radius[j * cols + i] = r((i + 0.5) * cell, (j + 0.5) * cell)
  return { x0: 0, y0: 0, cell, cols, rows, radius }
}

const opts = {
  maxPoints: 1_000_000,
  candidates: SAMPLER_CANDIDATES,
  jitter: SAMPLER_JITTER,
  radiusJitter: SAMPLER_RADIUS_JITTER,
}
const HARD_MIN = 1 - SAMPLER_RADIUS_JITTER

describe('poissonDisk', () => {
  it('keeps the minimum distance and fills the plane at the calibrated packing', () => {
    const f = field(200, 150, 1, () => 1)
    const res = poissonDisk(f, createRng(3), opts)
    const stats = nearestNeighbours(res.x, res.y, res.count, 3)
    expect(stats.min).toBeGreaterThanOrEqual(HARD_MIN - 1e-9)
    // η = points per r²: the constant the density field uses to turn a target density into a radius
    const eta = res.count / (200 * 150)
    expect(Math.abs(eta - PACKING_ETA) / PACKING_ETA).toBeLessThan(0.03)
  })

  it('is blue noise: nearest-neighbour spacing varies like real follicle spacing, not a grid and not random', () => {
    const res = poissonDisk(
      field(150, 150, 1, () => 1),
      createRng(11),
      opts
    )
    const { cv, mean } = nearestNeighbours(res.x, res.y, res.count, 3)
    // a lattice has CV 0 and a Poisson process 0.52; follicular units sit in between [assumption, DOMAIN §1.5]
    expect(cv).toBeGreaterThan(0.09)
    expect(cv).toBeLessThan(0.3)
    expect(mean).toBeGreaterThan(0.7)
    expect(mean).toBeLessThan(1)
  })

  it('covers the domain: every probe point lies within its local radius of a sample', () => {
    const res = poissonDisk(
      field(120, 120, 1, (x) => 0.8 + x / 100),
      createRng(5),
      opts
    )
    const rng = createRng(99)
    let uncovered = 0
    for (let t = 0; t < 4000; t++) {
      const px = rng.range(2, 118)
      const py = rng.range(2, 118)
      const r = 0.8 + (Math.floor(px) + 0.5) / 100
      let best = Number.POSITIVE_INFINITY
      for (let i = 0; i < res.count; i++) {
        const dx = res.x[i] - px
        const dy = res.y[i] - py
        best = Math.min(best, dx * dx + dy * dy)
      }
      if (Math.sqrt(best) > r * (1 + SAMPLER_JITTER)) uncovered++ // farther than the farthest ring candidate
    }
    expect(uncovered / 4000).toBeLessThan(0.005)
  })

  it('follows a variable radius: pairs keep the smaller local radius and density tracks 1/r²', () => {
    const rOf = (x: number) => 0.6 + (1.8 * x) / 200
    const f = field(200, 100, 1, (x) => rOf(x))
    const res = poissonDisk(f, createRng(8), opts)
    const stats = nearestNeighbours(res.x, res.y, res.count, 3)
    for (let i = 0; i < res.count; i++) {
      const local = rOf(Math.floor(res.x[i]) + 0.5)
      expect(res.r[i]).toBeLessThanOrEqual(local * (1 + 1e-6))
      expect(res.r[i]).toBeGreaterThanOrEqual(local * HARD_MIN * (1 - 1e-6))
      // a neighbour on the denser side may sit at its own, smaller radius: at most one cell (1 mm) of gradient away
      expect(stats.nn[i]).toBeGreaterThanOrEqual(rOf(Math.floor(res.x[i]) - 2.5) * HARD_MIN * (1 - 1e-6))
    }
    const strip = (x0: number, x1: number) => {
      let n = 0
      for (let i = 0; i < res.count; i++) if (res.x[i] >= x0 && res.x[i] < x1) n++
      return n / ((x1 - x0) * 100)
    }
    const left = strip(10, 30)
    const right = strip(170, 190)
    const expected = (rOf(20) / rOf(180)) ** 2
    expect(right / left).toBeGreaterThan(expected * 0.85)
    expect(right / left).toBeLessThan(expected * 1.15)
  })

  it('measures distance in the metric it is given', () => {
    // a chart whose x axis is stretched 2× on the surface: chart x-distances count double
    const f = {
      ...field(100, 100, 1, () => 1),
      metric: {
        g11: new Float32Array(10_000).fill(4),
        g12: new Float32Array(10_000),
        g22: new Float32Array(10_000).fill(1),
      },
    }
    const res = poissonDisk(f, createRng(4), opts)
    const stats = nearestNeighbours(res.x, res.y, res.count, 2, () => [4, 0, 1])
    expect(stats.min).toBeGreaterThanOrEqual(HARD_MIN - 1e-6)
    // the surface is twice the chart's area (√det g = 2), so twice as many points fit per chart mm²
    expect(res.count / (100 * 100)).toBeGreaterThan(PACKING_ETA * 2 * 0.95)
    expect(res.count / (100 * 100)).toBeLessThan(PACKING_ETA * 2 * 1.05)
  })

  it('keeps clear of obstacles and leaves excluded cells empty', () => {
    const f = field(60, 60, 1, (x) => (x < 30 ? 1 : 0))
    const obstacles = {
      count: 2,
      x: Float64Array.of(10, 20),
      y: Float64Array.of(10, 20),
      clearance: Float32Array.of(3, 3),
    }
    const res = poissonDisk(f, createRng(2), { ...opts, obstacles })
    for (let i = 0; i < res.count; i++) {
      expect(res.x[i]).toBeLessThan(30)
      expect(Math.hypot(res.x[i] - 10, res.y[i] - 10)).toBeGreaterThanOrEqual(3)
      expect(Math.hypot(res.x[i] - 20, res.y[i] - 20)).toBeGreaterThanOrEqual(3)
    }
  })

  it('is deterministic per seed and stops at the cap', () => {
    const f = field(50, 50, 1, () => 1)
    const a = poissonDisk(f, createRng(1), opts)
    const b = poissonDisk(f, createRng(1), opts)
    const c = poissonDisk(f, createRng(2), opts)
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true)
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false)
    const capped = poissonDisk(f, createRng(1), { ...opts, maxPoints: 100 })
    expect(capped.capped).toBe(true)
    expect(capped.count).toBeLessThanOrEqual(100)
  })

  it('returns an empty set for an empty field', () => {
    const res = poissonDisk(
      field(10, 10, 1, () => 0),
      createRng(1),
      opts
    )
    expect(res.count).toBe(0)
  })
})
