// Placement speed and quality against the npm Poisson-disk samplers, on the same flat domain and point count.
import FastPoisson from 'fast-2d-poisson-disk-sampling'
import PoissonDiskSampling from 'poisson-disk-sampling'
import type { Bench, BenchRow } from '../../../scripts/bench-types.ts'
import { createRng } from '../src/math/rng.ts'
import { DOT_BYTES } from '../src/model/dots.ts'
import { SAMPLER_CANDIDATES, SAMPLER_JITTER } from '../src/placement/density-field.ts'
import { placeDots } from '../src/placement/place-dots.ts'
import { poissonDisk, type RadiusField } from '../src/placement/poisson-disk.ts'
import { presetDesign } from '../src/presets/presets.ts'

const W = 4000
const H = 3000
const CELL = 10

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b)
  return s[s.length >> 1]
}

function time<T>(runs: number, f: (i: number) => T): { ms: number; last: T } {
  let last = f(0) // warm-up
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    last = f(i + 1)
    t.push(performance.now() - t0)
  }
  return { ms: median(t), last }
}

function field(r: (x: number) => number): RadiusField {
  const cols = W / CELL
  const rows = H / CELL
  const radius = new Float32Array(cols * rows)
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) radius[j * cols + i] = r((i + 0.5) * CELL)
  return { x0: 0, y0: 0, cell: CELL, cols, rows, radius }
}

/** Minimum pair distance over the requested local radius, and the share of probes within r of a point. */
function quality(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, r: (x: number) => number) {
  const G = 20
  const gw = Math.ceil(W / G)
  const gh = Math.ceil(H / G)
  const buckets: number[][] = Array.from({ length: gw * gh }, () => [])
  for (let i = 0; i < n; i++) buckets[Math.floor(ys[i] / G) * gw + Math.floor(xs[i] / G)].push(i)
  let minRatio = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const gx = Math.floor(xs[i] / G)
    const gy = Math.floor(ys[i] / G)
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (gx + dx < 0 || gy + dy < 0 || gx + dx >= gw || gy + dy >= gh) continue
        for (const j of buckets[(gy + dy) * gw + gx + dx]) {
          if (j <= i) continue
          const d = Math.hypot(xs[i] - xs[j], ys[i] - ys[j])
          minRatio = Math.min(minRatio, d / Math.min(r(xs[i]), r(xs[j])))
        }
      }
    }
  }
  const rng = createRng(1)
  let covered = 0
  const probes = 20_000
  for (let t = 0; t < probes; t++) {
    const x = rng.range(20, W - 20)
    const y = rng.range(20, H - 20)
    const rr = r(x)
    let ok = false
    const gx = Math.floor(x / G)
    const gy = Math.floor(y / G)
    for (let dy = -1; dy <= 1 && !ok; dy++) {
      for (let dx = -1; dx <= 1 && !ok; dx++) {
        for (const j of buckets[(gy + dy) * gw + gx + dx] ?? []) {
          if (Math.hypot(xs[j] - x, ys[j] - y) <= rr) {
            ok = true
            break
          }
        }
      }
    }
    if (ok) covered++
  }
  return `min distance/r ${minRatio.toFixed(3)}, coverage ${((100 * covered) / probes).toFixed(2)} %`
}

const bench: Bench = {
  name: 'placement',
  async run({ quick }) {
    const runs = quick ? 1 : 5
    const peerRuns = quick ? 1 : 3
    const rows: BenchRow[] = []
    // pure spacing (no per-dot softening), so the quality columns compare like with like
    const opts = { maxPoints: 2_000_000, candidates: SAMPLER_CANDIDATES, jitter: SAMPLER_JITTER, radiusJitter: 0 }

    // variable density: radius 6 → 16 px across the domain, as the peer's distanceFunction
    const peerVar = time(peerRuns, (i) => {
      const rng = createRng(100 + i)
      const p = new PoissonDiskSampling(
        {
          shape: [W, H],
          minDistance: 6,
          maxDistance: 16,
          tries: 30,
          distanceFunction: (pt: number[]) => (pt[0] ?? 0) / W,
        },
        () => rng.next()
      )
      return p.fill()
    })
    const gradient = (x: number) => 6 + (10 * x) / W
    // our sampler packs a little looser; scale the radius so both produce the same number of points
    const probe = poissonDisk(field(gradient), createRng(1), opts)
    const s = Math.sqrt(probe.count / peerVar.last.length)
    const ourGradient = (x: number) => gradient(x) * s
    const oursVar = time(runs, (i) => poissonDisk(field(ourGradient), createRng(i + 1), opts))
    rows.push({
      id: 'placement.variable',
      unit: 'ms',
      ours: oursVar.ms,
      peer: 'poisson-disk-sampling',
      peerValue: peerVar.ms,
      note: `${oursVar.last.count} vs ${peerVar.last.length} points; ours ${quality(oursVar.last.x, oursVar.last.y, oursVar.last.count, (x) => ourGradient((Math.floor(x / CELL) + 0.5) * CELL))}; peer ${quality(
        peerVar.last.map((p: number[]) => p[0] ?? 0),
        peerVar.last.map((p: number[]) => p[1] ?? 0),
        peerVar.last.length,
        gradient
      )}`,
    })

    // fixed spacing
    const peerFix = time(peerRuns, () => new FastPoisson({ shape: [W, H], radius: 10, tries: 30 }).fill())
    const probeFix = poissonDisk(
      field(() => 10),
      createRng(1),
      opts
    )
    const rFix = 10 * Math.sqrt(probeFix.count / peerFix.last.length)
    const oursFix = time(runs, (i) =>
      poissonDisk(
        field(() => rFix),
        createRng(i + 1),
        opts
      )
    )
    rows.push({
      id: 'placement.fixed',
      unit: 'ms',
      ours: oursFix.ms,
      peer: 'fast-2d-poisson-disk-sampling',
      peerValue: peerFix.ms,
      note: `${oursFix.last.count} vs ${peerFix.last.length} points; ours ${quality(oursFix.last.x, oursFix.last.y, oursFix.last.count, () => rFix)}; peer ${quality(
        peerFix.last.map((p: number[]) => p[0] ?? 0),
        peerFix.last.map((p: number[]) => p[1] ?? 0),
        peerFix.last.length,
        () => 10
      )}`,
    })

    // a full-head design, all sessions, as the product runs it (density field, hair, softened spacing, sessions)
    const design = presetDesign('norwood-7', { seed: 1 })
    const head = time(runs, () => placeDots(design))
    const dots = head.last.ok ? head.last.dots.count : 0
    rows.push({
      id: 'placement.full-head',
      unit: 'ms',
      ours: head.ms,
      peer: null,
      peerValue: null,
      note: `Norwood VII, ${dots} dots, 3 sessions`,
    })
    rows.push({
      id: 'placement.full-head-rate',
      unit: 'dots/s',
      ours: Math.round(dots / (head.ms / 1000)),
      peer: null,
      peerValue: null,
    })

    // memory: bytes per dot in the output, and the peak while placing a million
    // pure spacing packs ≈ 0.70 points per r²
    const million = field(() => Math.sqrt((0.7 * W * H) / 1_000_000))
    const before = process.memoryUsage().arrayBuffers
    const big = poissonDisk(million, createRng(3), opts)
    const peak = process.memoryUsage().arrayBuffers - before
    rows.push({
      id: 'placement.bytes-per-dot',
      unit: 'B',
      ours: DOT_BYTES + 4,
      peer: null,
      peerValue: null,
      note: `DotBuffer ${DOT_BYTES} B + radius 4 B; placing ${big.count} points held ${(peak / 1e6).toFixed(1)} MB of typed arrays`,
    })
    return rows
  },
}

export default bench
