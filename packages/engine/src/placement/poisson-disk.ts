// Variable-density Poisson-disk sampling on a plane with an optional Riemannian metric.
// The growth step is Bridson's (R. Bridson, "Fast Poisson disk sampling in arbitrary dimensions", SIGGRAPH 2007 sketches),
// with candidates on a jittered ring around the active point in the manner of M. Roberts, "An improved version of
// Bridson's algorithm for Poisson disc sampling" (extremelearning.com.au, 2019): each point sweeps its ring once, keeping
// every candidate that fits, so the work is k checks per point.
// Variable radius follows Dwork et al., "Fast variable density Poisson-disc sample generation with directional variation"
// (2021): a candidate c is accepted when every point q lies at least r(c) away, so any pair keeps min(r(p), r(q)).
// Distances are measured in the metric g (chart → surface), which makes the spacing right on the curved scalp.
// Speed comes from flat loops over typed arrays and module-level kernels (closures over mutable state run ~3× slower in V8):
// a padded grid with at most one point per cell (no bounds checks), neighbour cells visited nearest first (most candidates
// fail, and fail on their nearest neighbour), and sfc32 kept in a Uint32Array.

import { assert } from '../assert.ts'
import { dcos, dsin, TAU } from '../math/det-math.ts'
import type { Rng } from '../math/rng.ts'

/** A lattice over the chart that gives the local minimum distance (surface mm) and, optionally, the metric. */
export interface RadiusField {
  x0: number
  y0: number
  /** Lattice cell size, chart units. */
  cell: number
  cols: number
  rows: number
  /** Minimum distance between dots at each lattice cell, surface mm; 0 where no dot may go. */
  radius: Float32Array
  /** Chart-to-surface metric per lattice cell (first fundamental form); identity when absent. */
  metric?: { g11: Float32Array; g12: Float32Array; g22: Float32Array }
}

/** Points placed before sampling that every dot keeps clear of, each by its own clearance (surface mm). */
export interface Obstacles {
  count: number
  x: Float64Array
  y: Float64Array
  clearance: Float32Array
  /**
   * Obstacles that are dots themselves (set to 1): a candidate keeps the smaller of its own radius and their
   * clearance from them, the rule between any two dots. Others keep their full clearance.
   */
  mutual?: Uint8Array
}

export interface PoissonOptions {
  /** Candidates tried around an active point (all of them, once) before it retires. */
  candidates?: number
  /** Extra ring width as a fraction of the radius: candidates fall at r·(1 + ε + jitter·u). */
  jitter?: number
  /** Each point's own radius is its local radius times (1 − radiusJitter·u), u uniform: softer, more organic spacing. */
  radiusJitter?: number
  /** Refuse to produce more than this many points. */
  maxPoints: number
  obstacles?: Obstacles
}

export interface PoissonResult {
  count: number
  x: Float64Array
  y: Float64Array
  /** Each point's own exclusion radius (its local radius, softened by radiusJitter), surface mm. */
  r: Float32Array
  /** Whether `maxPoints` stopped sampling early. */
  capped: boolean
}

const EPS = 1e-7
const EMPTY = -1

interface Neighbourhood {
  dx: Int32Array
  dy: Int32Array
}
const neighbourhoods = new Map<number, Neighbourhood>()

/** Grid offsets within `reach` cells, nearest first, without cells that cannot hold a point closer than reach·g. */
function neighbourhood(reach: number): Neighbourhood {
  const cached = neighbourhoods.get(reach)
  if (cached) return cached
  const cells: [number, number, number][] = []
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      // nearest distance between a point in cell (0,0) and one in (dx,dy), in cells
      const ex = Math.max(0, Math.abs(dx) - 1)
      const ey = Math.max(0, Math.abs(dy) - 1)
      if (ex * ex + ey * ey >= reach * reach) continue
      cells.push([dx, dy, dx * dx + dy * dy])
    }
  }
  cells.sort((a, b) => a[2] - b[2] || a[1] - b[1] || a[0] - b[0])
  const hood = { dx: Int32Array.from(cells, (c) => c[0]), dy: Int32Array.from(cells, (c) => c[1]) }
  neighbourhoods.set(reach, hood)
  return hood
}

/** sfc32 step on a 4-word state; uniform in [0, 1). */
function nextFloat(s: Uint32Array): number {
  const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0
  s[3] = s[3] + 1
  s[0] = s[1] ^ (s[1] >>> 9)
  s[1] = s[2] + (s[2] << 3)
  s[2] = (s[2] << 21) | (s[2] >>> 11)
  s[2] = s[2] + t
  return t / 4294967296
}

/** Whether a point at (x, y), in grid cell `center`, keeps radius r (metric a, b, c) from every stored dot. */
function isClear(
  grid: Int32Array,
  px: Float64Array,
  py: Float64Array,
  hood: Int32Array,
  center: number,
  x: number,
  y: number,
  r: number,
  a: number,
  b: number,
  c: number
): boolean {
  const r2 = r * r
  for (let i = 0; i < hood.length; i++) {
    const q = grid[center + hood[i]]
    if (q === EMPTY) continue
    const ex = px[q] - x
    const ey = py[q] - y
    if (a * ex * ex + 2 * b * ex * ey + c * ey * ey < r2) return false
  }
  return true
}

/** Obstacles bucketed by grid cell (compressed rows): cell i holds items[start[i] … start[i+1]). */
interface ObstacleGrid {
  cell: number
  cols: number
  rows: number
  x0: number
  y0: number
  start: Int32Array
  items: Int32Array
  x: Float64Array
  y: Float64Array
  clearance: Float32Array
  mutual: Uint8Array | null
}

function bucketObstacles(
  o: Obstacles,
  x0: number,
  y0: number,
  width: number,
  height: number,
  cell: number
): ObstacleGrid {
  const cols = Math.max(1, Math.ceil(width / cell))
  const rows = Math.max(1, Math.ceil(height / cell))
  const cellOf = new Int32Array(o.count)
  const start = new Int32Array(cols * rows + 1)
  for (let i = 0; i < o.count; i++) {
    const cx = Math.floor((o.x[i] - x0) / cell)
    const cy = Math.floor((o.y[i] - y0) / cell)
    cellOf[i] = cx < 0 || cy < 0 || cx >= cols || cy >= rows ? -1 : cy * cols + cx
    if (cellOf[i] >= 0) start[cellOf[i] + 1]++
  }
  for (let i = 0; i < cols * rows; i++) start[i + 1] += start[i]
  const fill = start.slice(0, cols * rows)
  const items = new Int32Array(start[cols * rows])
  for (let i = 0; i < o.count; i++) if (cellOf[i] >= 0) items[fill[cellOf[i]]++] = i
  return { cell, cols, rows, x0, y0, start, items, x: o.x, y: o.y, clearance: o.clearance, mutual: o.mutual ?? null }
}

/** Whether (x, y), a candidate of radius r, keeps every obstacle's clearance, measured in the metric (a, b, c). */
function clearOfObstacles(og: ObstacleGrid, x: number, y: number, r: number, a: number, b: number, c: number): boolean {
  const gx = Math.floor((x - og.x0) / og.cell)
  const gy = Math.floor((y - og.y0) / og.cell)
  for (let cy = gy - 1; cy <= gy + 1; cy++) {
    if (cy < 0 || cy >= og.rows) continue
    for (let cx = gx - 1; cx <= gx + 1; cx++) {
      if (cx < 0 || cx >= og.cols) continue
      const cell = cy * og.cols + cx
      for (let k = og.start[cell]; k < og.start[cell + 1]; k++) {
        const i = og.items[k]
        const ex = og.x[i] - x
        const ey = og.y[i] - y
        const cl = og.mutual !== null && og.mutual[i] === 1 ? Math.min(og.clearance[i], r) : og.clearance[i]
        if (a * ex * ex + 2 * b * ex * ey + c * ey * ey < cl * cl) return false
      }
    }
  }
  return true
}

/**
 * Samples points whose pairwise surface distance is at least the smaller of their local radii.
 * @example
 * const field = { x0: 0, y0: 0, cell: 1, cols: 100, rows: 100, radius: new Float32Array(10_000).fill(0.9) }
 * const dots = poissonDisk(field, createRng(1), { maxPoints: 1_000_000 })
 */
export function poissonDisk(field: RadiusField, rng: Rng, options: PoissonOptions): PoissonResult {
  const { x0, y0, cell, cols, rows, radius, metric } = field
  assert(radius.length === cols * rows, 'radius lattice has the wrong size')
  const k = options.candidates ?? 8
  const jitter = options.jitter ?? 0.25
  const soften = options.radiusJitter ?? 0
  const obstacles = options.obstacles
  const nObs = obstacles?.count ?? 0
  const hasMetric = metric !== undefined
  const g11 = metric?.g11 ?? new Float32Array(0)
  const g12 = metric?.g12 ?? new Float32Array(0)
  const g22 = metric?.g22 ?? new Float32Array(0)

  // the smallest chart distance two points can have sets the grid cell, so a cell holds one point at most;
  // the largest chart length of a unit surface length sets how far a check reaches
  let minChart = Number.POSITIVE_INFINITY
  let maxStretch = 1
  let expected = 0
  let maxR = 0
  for (let i = 0; i < radius.length; i++) {
    const r = radius[i]
    if (r <= 0) continue
    if (r > maxR) maxR = r
    let lmax = 1
    let lmin = 1
    let area = 1
    if (hasMetric) {
      const a = g11[i]
      const b = g12[i]
      const c = g22[i]
      const mean = (a + c) / 2
      const half = (a - c) / 2
      const dev = Math.sqrt(half * half + b * b)
      lmax = mean + dev
      lmin = mean - dev
      area = Math.sqrt(Math.max(a * c - b * b, 0))
    }
    const chart = r / Math.sqrt(lmax)
    if (chart * (1 - soften) < minChart) minChart = chart * (1 - soften)
    const stretch = 1 / Math.sqrt(lmin)
    if (stretch > maxStretch) maxStretch = stretch
    expected += (cell * cell * area) / (r * r)
  }
  if (!Number.isFinite(minChart)) {
    return { count: 0, x: new Float64Array(0), y: new Float64Array(0), r: new Float32Array(0), capped: false }
  }
  const g = (minChart * (1 - 1e-9)) / Math.SQRT2
  const invG = 1 / g
  const invCell = 1 / cell
  const maxReach = Math.ceil((maxR * maxStretch) / g)
  const pad = maxReach + 1
  const gw = Math.ceil((cols * cell) / g) + 2 * pad
  const gh = Math.ceil((rows * cell) / g) + 2 * pad
  assert(gw * gh < 2 ** 30, 'point grid too large for this radius field')
  const grid = new Int32Array(gw * gh).fill(EMPTY)
  const hoods: Int32Array[] = []
  for (let reach = 0; reach <= maxReach; reach++) {
    const h = neighbourhood(reach)
    hoods.push(Int32Array.from(h.dx, (dx, i) => h.dy[i] * gw + dx).subarray(1)) // the centre cell is checked first
  }

  // no set with minimum distance r packs denser than the hexagonal lattice, 2/(√3·r²) points per unit area
  const capacity = Math.min(options.maxPoints, Math.ceil((expected * 1.1548) / ((1 - soften) * (1 - soften))) + 64)
  const px = new Float64Array(capacity)
  const py = new Float64Array(capacity)
  const pr = new Float32Array(capacity)
  let n = 0
  const limit = capacity
  let og: ObstacleGrid | null = null
  if (obstacles && nObs > 0) {
    let maxClear = 0
    for (let i = 0; i < nObs; i++) if (obstacles.clearance[i] > maxClear) maxClear = obstacles.clearance[i]
    og = bucketObstacles(obstacles, x0, y0, cols * cell, rows * cell, Math.max(maxClear * maxStretch, 1e-3))
  }
  const active = new Int32Array(capacity)
  let nActive = 0
  let capped = false

  const ringC = new Float64Array(k)
  const ringS = new Float64Array(k)
  for (let j = 0; j < k; j++) {
    ringC[j] = dcos((TAU * j) / k)
    ringS[j] = dsin((TAU * j) / k)
  }
  const state = new Uint32Array([rng.nextU32(), rng.nextU32(), rng.nextU32(), rng.nextU32()])
  const width = cols * cell
  const height = rows * cell

  /** Stores a dot at (x, y) and grows the set from it until no active dot can place another. */
  const growFrom = (x: number, y: number, r: number, center: number) => {
    px[n] = x
    py[n] = y
    pr[n] = r
    grid[center] = n
    active[nActive++] = n
    n++
    while (nActive > 0) {
      if (n >= limit) {
        capped = true
        return
      }
      const ai = (nextFloat(state) * nActive) | 0
      const p = active[ai]
      const ax = px[p]
      const ay = py[p]
      const ar = pr[p]
      let ux: number
      let uy: number
      let s: number
      do {
        ux = nextFloat(state) * 2 - 1
        uy = nextFloat(state) * 2 - 1
        s = ux * ux + uy * uy
      } while (s > 1 || s < 1e-4)
      const inv = 1 / Math.sqrt(s)
      ux *= inv
      uy *= inv
      // chart offset for a surface step v: δ = L⁻ᵀ·v, with g = L·Lᵀ (Cholesky) at the active dot
      let l11 = 1
      let l21 = 0
      let l22 = 1
      if (hasMetric) {
        const li = (((ay - y0) * invCell) | 0) * cols + (((ax - x0) * invCell) | 0)
        l11 = Math.sqrt(g11[li])
        l21 = g12[li] / l11
        l22 = Math.sqrt(Math.max(g22[li] - l21 * l21, EPS))
      }
      // one sweep round the ring: every candidate that fits is kept, then the point retires (Roberts' variant)
      for (let j = 0; j < k; j++) {
        const rho = ar * (1 + EPS + jitter * nextFloat(state))
        const sx = (ux * ringC[j] - uy * ringS[j]) * rho
        const vy = ((ux * ringS[j] + uy * ringC[j]) * rho) / l22
        const cx = ax + (sx - l21 * vy) / l11
        const cy = ay + vy
        if (cx < x0 || cy < y0 || cx >= x0 + width || cy >= y0 + height) continue
        const li = (((cy - y0) * invCell) | 0) * cols + (((cx - x0) * invCell) | 0)
        const local = radius[li]
        if (local <= 0) continue
        const rc = local * (1 - soften * nextFloat(state))
        const c = (((cy - y0) * invG + pad) | 0) * gw + (((cx - x0) * invG + pad) | 0)
        if (grid[c] !== EMPTY) continue
        const reach = Math.ceil((rc * maxStretch) / g)
        const hood = hoods[Math.min(reach, maxReach)]
        const ma = hasMetric ? g11[li] : 1
        const mb = hasMetric ? g12[li] : 0
        const mc = hasMetric ? g22[li] : 1
        if (!isClear(grid, px, py, hood, c, cx, cy, rc, ma, mb, mc)) continue
        if (og !== null && !clearOfObstacles(og, cx, cy, rc, ma, mb, mc)) continue
        px[n] = cx
        py[n] = cy
        pr[n] = rc
        grid[c] = n
        active[nActive++] = n
        n++
        if (n >= limit) break
      }
      active[ai] = active[--nActive]
    }
  }

  // seed every region the growth has not reached: a dart per lattice cell, kept where it fits
  for (let ly = 0; ly < rows && !capped; ly++) {
    for (let lx = 0; lx < cols && !capped; lx++) {
      const li = ly * cols + lx
      const r = radius[li]
      if (r <= 0) continue
      const x = x0 + (lx + nextFloat(state)) * cell
      const y = y0 + (ly + nextFloat(state)) * cell
      const c = (((y - y0) * invG + pad) | 0) * gw + (((x - x0) * invG + pad) | 0)
      if (grid[c] !== EMPTY) continue
      const reach = Math.ceil((r * maxStretch) / g)
      const hood = hoods[Math.min(reach, maxReach)]
      const a = hasMetric ? g11[li] : 1
      const b = hasMetric ? g12[li] : 0
      const cc = hasMetric ? g22[li] : 1
      if (!isClear(grid, px, py, hood, c, x, y, r, a, b, cc)) continue
      if (og !== null && !clearOfObstacles(og, x, y, r, a, b, cc)) continue
      if (n >= limit) {
        capped = true
        break
      }
      growFrom(x, y, r, c)
    }
  }

  return { count: n, x: px.slice(0, n), y: py.slice(0, n), r: pr.slice(0, n), capped }
}
