// A quick placement while the artist drags the hairline: the dots of the last placement stay where the new design's
// density field is unchanged (within the tolerances below), and only the cells whose field the move changed are
// sampled again, keeping clear of the dots and hairs around them. It is a preview of the drag, not the design's placement: the result depends on the
// placement it started from, so a change that settles is placed again by placeDots (which alone decides the dots a
// design has, the same in Node and the browser). Every random choice still comes from the design's seed.
//
// Why only the field's changed cells: the field is cell-local (every value at a cell depends only on that cell's
// centre, the design and the head), so the field of a sub-lattice aligned with the full one equals the full field's
// values there bit for bit (hairline-drag.test.ts checks it), and a hairline move changes cells within the line's
// influence band only.

import { segmentDistance2 } from '../geometry/polygon.ts'
import { createRng, deriveSeed } from '../math/rng.ts'
import type { ChartPoint, Design } from '../model/design.ts'
import { allocateDots } from '../model/dots.ts'
import {
  buildBaseField,
  type DensityField,
  designLattice,
  finishDensityField,
  HAIR_CLEARANCE_MM,
  type Lattice,
  METRIC_STRIDE,
  SAMPLER_CANDIDATES,
  SAMPLER_JITTER,
  SAMPLER_RADIUS_JITTER,
  SENTINEL_REACH_MM,
  sliceBaseField,
} from './density-field.ts'
import { hairlinePath } from './hairline.ts'
import { type ChartBox, type HairBuffer, hairRadius, type Placement } from './place-dots.ts'
import { type Obstacles, poissonDisk } from './poisson-disk.ts'

/**
 * Whether two designs differ in their hairline's points and handles alone (and both have one). Softness, irregularity
 * and the rest change the field without moving the line, which this does not follow.
 */
function hairlineOnlyChange(before: Design, after: Design): boolean {
  if (before.hairline === null || after.hairline === null) return false
  const rest = (h: NonNullable<Design['hairline']>) => JSON.stringify({ ...h, controlPoints: null, handles: null })
  if (rest(before.hairline) !== rest(after.hairline)) return false
  return JSON.stringify({ ...before, hairline: null }) === JSON.stringify({ ...after, hairline: null })
}

/**
 * A hairline point that moved less than this since the last step counts as still, mm: the macro undulation follows
 * the line's arc length, so a move shifts it a little all along the rest of the line, and a point resampled along an
 * unchanged curve sits a sagitta off its old chords. Over a hundred steps that adds up to a tenth of a millimetre.
 */
const LINE_TOLERANCE_MM = 0.001
/**
 * How much a cell's field may differ from the field its dots were placed with before they are placed again: 1 % of
 * the spacing, the dot size or the hair density, half a shade step. A line moved by a tenth of a millimetre changes
 * the density ramp by under 1 % (about 85 % over the 10 mm of softness). The cell keeps the values its dots follow,
 * so small changes add up until they are placed again, and the placement that settles the drag is exact.
 */
const FIELD_TOLERANCE = 0.01
const SHADE_TOLERANCE = 0.5

/** Grid cell for finding a polyline's segments near a point, mm. */
const SEGMENT_CELL_MM = 2

/** Whether two field values differ by more than a share `tol` of the larger (any difference from or to zero does). */
function differs(a: number, b: number, tol: number): boolean {
  if (a === b) return false
  if (a === 0 || b === 0) return true
  return Math.abs(a - b) > tol * Math.max(Math.abs(a), Math.abs(b))
}

/** The points of `a` farther than `tol` from the polyline `b` (segments bucketed on a grid: linear time). */
function farPoints(a: readonly ChartPoint[], b: readonly ChartPoint[], tol: number): ChartPoint[] {
  const buckets = new Map<number, number[]>()
  const key = (cx: number, cy: number) => (cx + 32768) * 65536 + (cy + 32768)
  for (let j = 0; j + 1 < b.length; j++) {
    const p = b[j] as ChartPoint
    const q = b[j + 1] as ChartPoint
    const x0 = Math.floor((Math.min(p[0], q[0]) - tol) / SEGMENT_CELL_MM)
    const x1 = Math.floor((Math.max(p[0], q[0]) + tol) / SEGMENT_CELL_MM)
    const y0 = Math.floor((Math.min(p[1], q[1]) - tol) / SEGMENT_CELL_MM)
    const y1 = Math.floor((Math.max(p[1], q[1]) + tol) / SEGMENT_CELL_MM)
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const k = key(cx, cy)
        const list = buckets.get(k)
        if (list === undefined) buckets.set(k, [j])
        else list.push(j)
      }
    }
  }
  const far: ChartPoint[] = []
  for (const p of a) {
    const list = buckets.get(key(Math.floor(p[0] / SEGMENT_CELL_MM), Math.floor(p[1] / SEGMENT_CELL_MM))) ?? []
    const near = list.some((j) => {
      const s = b[j] as ChartPoint
      const t = b[j + 1] as ChartPoint
      return segmentDistance2(p[0], p[1], s[0], s[1], t[0], t[1]) <= tol * tol
    })
    if (!near) far.push(p)
  }
  return far
}

/** Side of the tiles the new field is built in, cells (a multiple of the metric's stride). */
const TILE = 4 * METRIC_STRIDE

/** Tiles per row and per column of a lattice. */
function tileGrid(lat: Lattice) {
  return { tc: Math.ceil(lat.cols / TILE), tr: Math.ceil(lat.rows / TILE) }
}

/** Marks every tile within `padAt(point)` chart mm of a point. */
function markTiles(lat: Lattice, points: readonly ChartPoint[], padAt: (p: ChartPoint) => number, marked: Uint8Array) {
  const { tc, tr } = tileGrid(lat)
  const span = TILE * lat.cell
  for (const p of points) {
    const pad = padAt(p)
    const t0 = Math.max(0, Math.floor((p[0] - pad - lat.x0) / span))
    const t1 = Math.min(tc - 1, Math.floor((p[0] + pad - lat.x0) / span))
    const s0 = Math.max(0, Math.floor((p[1] - pad - lat.y0) / span))
    const s1 = Math.min(tr - 1, Math.floor((p[1] + pad - lat.y0) / span))
    for (let r = s0; r <= s1; r++) marked.fill(1, r * tc + t0, r * tc + t1 + 1)
  }
}

/**
 * Cell rectangles covering the marked tiles: per row of tiles, one rectangle per run, so the field is built near the
 * line only and not over the whole box the line spans.
 */
function tileRects(lat: Lattice, marked: Uint8Array) {
  const { tc, tr } = tileGrid(lat)
  const rects: { c0: number; r0: number; c1: number; r1: number }[] = []
  for (let r = 0; r < tr; r++) {
    let c = 0
    while (c < tc) {
      if (marked[r * tc + c] === 0) {
        c++
        continue
      }
      const first = c
      while (c < tc && marked[r * tc + c] === 1) c++
      rects.push({
        c0: first * TILE,
        r0: r * TILE,
        c1: Math.min(lat.cols, c * TILE),
        r1: Math.min(lat.rows, (r + 1) * TILE),
      })
    }
  }
  return rects
}

/** The field's per-cell values a design change can alter (the lattice and its metric stay). */
const CELL_VALUES = ['radius', 'density', 'size', 'shade', 'zone', 'hair', 'front'] as const

function copyField(f: DensityField): DensityField {
  const copy = { ...f }
  for (const key of CELL_VALUES) (copy[key] as DensityField[typeof key]) = f[key].slice()
  return copy
}

/** A sub-rectangle of a field's radius (zero outside `keep`) and metric, for sampling just there. */
function radiusWindow(
  f: DensityField,
  rect: { c0: number; r0: number; c1: number; r1: number },
  radiusOf: (i: number) => number
) {
  const cols = rect.c1 - rect.c0
  const rows = rect.r1 - rect.r0
  const n = cols * rows
  const radius = new Float32Array(n)
  const g11 = new Float32Array(n)
  const g12 = new Float32Array(n)
  const g22 = new Float32Array(n)
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const i = (rect.r0 + row) * f.cols + rect.c0 + col
      const o = row * cols + col
      radius[o] = radiusOf(i)
      g11[o] = f.metric.g11[i]
      g12[o] = f.metric.g12[i]
      g22[o] = f.metric.g22[i]
    }
  }
  return {
    x0: f.x0 + rect.c0 * f.cell,
    y0: f.y0 + rect.r0 * f.cell,
    cell: f.cell,
    cols,
    rows,
    radius,
    metric: { g11, g12, g22 },
  }
}

const stretches = new WeakMap<object, number>()

/** The largest chart length of a unit surface length over the field (how far a surface radius reaches on the chart). */
function maxStretch(f: DensityField): number {
  // a drag keeps the field's metric (the head does not change), so each metric is measured once
  const known = stretches.get(f.metric)
  if (known !== undefined) return known
  const s = measureStretch(f)
  stretches.set(f.metric, s)
  return s
}

function measureStretch(f: DensityField): number {
  let s = 1
  for (let i = 0; i < f.metric.g11.length; i++) {
    const a = f.metric.g11[i]
    const c = f.metric.g22[i]
    const b = f.metric.g12[i]
    const mean = (a + c) / 2
    const half = (a - c) / 2
    const lmin = mean - Math.sqrt(half * half + b * b)
    if (lmin > 0) s = Math.max(s, 1 / Math.sqrt(lmin))
  }
  return s
}

/** Cells of `mask` as a cell rectangle widened by `padCells`, or null when the mask is empty. */
function maskRect(f: DensityField, mask: Uint8Array, padCells: number) {
  let c0 = f.cols
  let r0 = f.rows
  let c1 = -1
  let r1 = -1
  for (let row = 0; row < f.rows; row++) {
    for (let col = 0; col < f.cols; col++) {
      if (mask[row * f.cols + col] === 0) continue
      if (col < c0) c0 = col
      if (col > c1) c1 = col
      if (row < r0) r0 = row
      if (row > r1) r1 = row
    }
  }
  if (c1 < 0) return null
  return {
    c0: Math.max(0, c0 - padCells),
    r0: Math.max(0, r0 - padCells),
    c1: Math.min(f.cols, c1 + 1 + padCells),
    r1: Math.min(f.rows, r1 + 1 + padCells),
  }
}

/**
 * Chart boxes holding every cell of a mask: per row of 16-cell tiles, one tight box per run of tiles with such cells.
 * A thin band along the line stays a chain of small boxes, not the box of the whole line.
 */
function boxesOf(f: DensityField, mask: Uint8Array): ChartBox[] {
  const boxes: ChartBox[] = []
  for (let r0 = 0; r0 < f.rows; r0 += TILE) {
    const r1 = Math.min(f.rows, r0 + TILE)
    let open: { c0: number; c1: number; rMin: number; rMax: number; lastTile: number } | null = null
    const close = () => {
      if (open === null) return
      boxes.push({
        minX: f.x0 + open.c0 * f.cell,
        minY: f.y0 + open.rMin * f.cell,
        maxX: f.x0 + (open.c1 + 1) * f.cell,
        maxY: f.y0 + (open.rMax + 1) * f.cell,
      })
      open = null
    }
    for (let c0 = 0; c0 < f.cols; c0 += TILE) {
      const tile = c0 / TILE
      let cMin = -1
      let cMax = -1
      let rMin = -1
      let rMax = -1
      for (let row = r0; row < r1; row++) {
        for (let col = c0; col < Math.min(f.cols, c0 + TILE); col++) {
          if (mask[row * f.cols + col] === 0) continue
          if (cMin < 0 || col < cMin) cMin = col
          if (col > cMax) cMax = col
          if (rMin < 0) rMin = row
          rMax = row
        }
      }
      if (cMin < 0) continue
      if (open !== null && open.lastTile === tile - 1) {
        open.c1 = cMax
        open.rMin = Math.min(open.rMin, rMin)
        open.rMax = Math.max(open.rMax, rMax)
        open.lastTile = tile
      } else {
        close()
        open = { c0: cMin, c1: cMax, rMin, rMax, lastTile: tile }
      }
    }
    close()
  }
  return boxes
}

function cellIndex(f: DensityField, x: number, y: number): number {
  const col = Math.min(f.cols - 1, Math.max(0, Math.floor((x - f.x0) / f.cell)))
  const row = Math.min(f.rows - 1, Math.max(0, Math.floor((y - f.y0) / f.cell)))
  return row * f.cols + col
}

interface PointSet {
  /** Dots (keep the smaller of the two radii from a new dot) rather than hairs or punches (keep their clearance). */
  mutual: boolean
  x: ArrayLike<number>
  y: ArrayLike<number>
  /** Which of the points (all when absent). */
  only?: Int32Array
  /** Each point's clearance, by its index in x and y. */
  clearance: (i: number) => number
}

/** The points of `parts` inside a sampling window (the window's padding holds every one that can matter). */
function obstaclesIn(window: { x0: number; y0: number; cell: number; cols: number; rows: number }, parts: PointSet[]) {
  const x1 = window.x0 + window.cols * window.cell
  const y1 = window.y0 + window.rows * window.cell
  const xs: number[] = []
  const ys: number[] = []
  const cs: number[] = []
  const ms: number[] = []
  for (const p of parts) {
    const n = p.only?.length ?? p.x.length
    for (let k = 0; k < n; k++) {
      const i = p.only === undefined ? k : (p.only[k] as number)
      const x = p.x[i] as number
      const y = p.y[i] as number
      if (x < window.x0 || y < window.y0 || x >= x1 || y >= y1) continue
      xs.push(x)
      ys.push(y)
      cs.push(p.clearance(i))
      ms.push(p.mutual ? 1 : 0)
    }
  }
  const o: Obstacles = {
    count: xs.length,
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    clearance: Float32Array.from(cs),
    mutual: Uint8Array.from(ms),
  }
  return o
}

/** Indices below `count` of the points whose cell is not in `mask`. */
function keptOutside(f: DensityField, mask: Uint8Array, x: Float32Array, y: Float32Array, count: number): Int32Array {
  const keep = new Int32Array(count)
  let n = 0
  for (let i = 0; i < count; i++) if (mask[cellIndex(f, x[i] as number, y[i] as number)] === 0) keep[n++] = i
  return keep.subarray(0, n)
}

/**
 * The placement of `design` during a hairline drag, from `previous` (the placement of `previous.design`); null when the
 * change is not a hairline move this can follow (anything but the hairline's points and handles changed, or its first
 * or last point moved, which swings the forehead region far beyond the line): place the design in full then.
 */
export function placeDotsAfterHairlineMove(previous: Placement, design: Design): Placement | null {
  const previousDesign = previous.design
  if (!hairlineOnlyChange(previousDesign, design)) return null
  const hlBefore = previousDesign.hairline
  const hlAfter = design.hairline
  if (hlBefore === null || hlAfter === null) return null
  const lattice = designLattice(design, previous.field.cell)
  const f0 = previous.field
  if (lattice === null || lattice.x0 !== f0.x0 || lattice.y0 !== f0.y0) return null
  if (lattice.cols !== f0.cols || lattice.rows !== f0.rows) return null
  const head = previous.head
  // the line the last step placed dots for
  const { tc, tr } = tileGrid(f0)
  const start = previous.drag?.line ?? hairlinePath(hlBefore, head, previousDesign.head.sex, previousDesign.seed).line
  const after = hairlinePath(hlAfter, head, design.head.sex, design.seed).line
  const ends = (l: readonly ChartPoint[]) => [l[0], l[l.length - 1]]
  const [b0, b1] = ends(start)
  const [a0, a1] = ends(after)
  if (b0 === undefined || b1 === undefined || a0 === undefined || a1 === undefined) return null
  if (b0[0] !== a0[0] || b0[1] !== a0[1] || b1[0] !== a1[0] || b1[1] !== a1[1]) return null
  // the field before the hairline, built once per drag (everything but the hairline stays as it was)
  const base = previous.drag?.base ?? buildBaseField(design, head, lattice)
  const drag = { line: after, base }
  // where the line moved, either way
  const moved = [...farPoints(after, start, LINE_TOLERANCE_MM), ...farPoints(start, after, LINE_TOLERANCE_MM)]

  // the new field where the move can reach: buildDensityField measures the distance to the line for the cells within
  // 1.25 band / scale + 1 cell of each edge (distanceBand, with the scale at the edge); every cell beyond is "far
  // behind" or "far ahead" for the old line and the new alike. A tenth more, and two cells, for the scale's drift.
  const band = (h: NonNullable<Design['hairline']>) => h.softnessMm + SENTINEL_REACH_MM + 2 * h.microIrregularityMm + 4
  const widest = Math.max(band(hlBefore), band(hlAfter))
  const padAt = (p: ChartPoint) =>
    (1.1 * 1.25 * widest) / Math.sqrt(f0.area[cellIndex(f0, p[0], p[1])] ?? 1) + 2 * f0.cell
  const tiles = new Uint8Array(tc * tr)
  markTiles(f0, moved, padAt, tiles)
  if (!tiles.includes(1)) return { ...previous, design, field: f0, changed: [], drag }
  const stretch = maxStretch(f0)
  const field = copyField(f0)
  const dotCells = new Uint8Array(f0.cols * f0.rows)
  const hairCells = new Uint8Array(f0.cols * f0.rows)
  let anyDots = false
  let anyHair = false
  for (const rect of tileRects(f0, tiles)) {
    const subLat: Lattice = {
      x0: f0.x0 + rect.c0 * f0.cell,
      y0: f0.y0 + rect.r0 * f0.cell,
      cell: f0.cell,
      cols: rect.c1 - rect.c0,
      rows: rect.r1 - rect.r0,
    }
    // the zones, hair and scars do not move: only the hairline's part of the field is built again
    const sub = finishDensityField(design, head, subLat, sliceBaseField(base, f0, rect))
    for (let row = 0; row < subLat.rows; row++) {
      for (let col = 0; col < subLat.cols; col++) {
        const s = row * subLat.cols + col
        const i = (rect.r0 + row) * f0.cols + rect.c0 + col
        const hairMoved = differs(sub.hair[s] as number, f0.hair[i] as number, FIELD_TOLERANCE * 2)
        const dotsMoved =
          hairMoved ||
          differs(sub.radius[s] as number, f0.radius[i] as number, FIELD_TOLERANCE) ||
          differs(sub.size[s] as number, f0.size[i] as number, FIELD_TOLERANCE) ||
          Math.abs((sub.shade[s] as number) - (f0.shade[i] as number)) > SHADE_TOLERANCE ||
          sub.zone[s] !== f0.zone[i]
        // a cell whose dots stay keeps the values they follow (front, which places nothing, is always the new one)
        field.front[i] = sub.front[s] as number
        if (!dotsMoved) continue
        if (hairMoved) {
          hairCells[i] = 1
          anyHair = true
        }
        dotCells[i] = 1
        anyDots = true
        // the cell's hairs stay unless their density moved: then so does the value they follow
        for (const key of CELL_VALUES) if (key !== 'hair' || hairMoved) field[key][i] = sub[key][s] as number
      }
    }
  }
  if (!anyDots) return { ...previous, design, field, changed: [], drag }

  // hair: follicles in changed cells go, and the changed cells are sampled again between the ones that stay
  let hair: HairBuffer = previous.hair
  if (anyHair) {
    const keep = keptOutside(f0, hairCells, previous.hair.x, previous.hair.y, previous.hair.count)
    let maxR = 0
    for (let i = 0; i < hairCells.length; i++) if (hairCells[i] === 1) maxR = Math.max(maxR, hairRadius(field.hair[i]))
    const win = maskRect(field, hairCells, Math.ceil((maxR * stretch) / field.cell) + 2)
    const fresh = (() => {
      if (win === null) return { count: 0, x: new Float64Array(0), y: new Float64Array(0) }
      const window = radiusWindow(field, win, (i) => (hairCells[i] === 1 ? hairRadius(field.hair[i]) : 0))
      const kept: PointSet = {
        mutual: true,
        x: previous.hair.x,
        y: previous.hair.y,
        only: keep,
        clearance: (i) =>
          hairRadius(
            field.hair[cellIndex(field, previous.hair.x[i] as number, previous.hair.y[i] as number)] as number
          ),
      }
      return poissonDisk(window, createRng(deriveSeed(design.seed, 'hair-drag')), {
        maxPoints: 2_000_000,
        candidates: SAMPLER_CANDIDATES,
        jitter: SAMPLER_JITTER,
        radiusJitter: SAMPLER_RADIUS_JITTER,
        obstacles: obstaclesIn(window, [kept]),
      })
    })()
    const count = keep.length + fresh.count
    hair = { count, x: new Float32Array(count), y: new Float32Array(count) }
    for (let k = 0; k < keep.length; k++) {
      hair.x[k] = previous.hair.x[keep[k] as number] as number
      hair.y[k] = previous.hair.y[keep[k] as number] as number
    }
    for (let i = 0; i < fresh.count; i++) {
      hair.x[keep.length + i] = fresh.x[i]
      hair.y[keep.length + i] = fresh.y[i]
    }
  }

  // dots: those in changed cells go (punch dots always stay), and the changed cells are sampled again
  const prev = previous.dots
  const firstPunch = prev.count - previous.punches
  const keep = keptOutside(f0, dotCells, prev.x, prev.y, firstPunch)
  let maxR = 0
  for (let i = 0; i < dotCells.length; i++) if (dotCells[i] === 1) maxR = Math.max(maxR, field.radius[i])
  let maxKept = 0
  for (const i of keep) maxKept = Math.max(maxKept, previous.radius[i])
  const win = maskRect(
    field,
    dotCells,
    Math.ceil((Math.max(maxR, maxKept, HAIR_CLEARANCE_MM) * stretch) / field.cell) + 2
  )
  const punchIdx = Int32Array.from({ length: previous.punches }, (_, k) => firstPunch + k)
  const fresh = (() => {
    if (win === null) return { count: 0, x: new Float64Array(0), y: new Float64Array(0), r: new Float32Array(0) }
    const window = radiusWindow(field, win, (i) => (dotCells[i] === 1 ? field.radius[i] : 0))
    return poissonDisk(window, createRng(deriveSeed(design.seed, 'dots-drag')), {
      maxPoints: 2_000_000,
      candidates: SAMPLER_CANDIDATES,
      jitter: SAMPLER_JITTER,
      radiusJitter: SAMPLER_RADIUS_JITTER,
      obstacles: obstaclesIn(window, [
        { mutual: true, x: prev.x, y: prev.y, only: keep, clearance: (i) => previous.radius[i] as number },
        { mutual: false, x: hair.x, y: hair.y, clearance: () => HAIR_CLEARANCE_MM },
        { mutual: false, x: prev.x, y: prev.y, only: punchIdx, clearance: (i) => previous.radius[i] as number },
      ]),
    })
  })()

  const total = keep.length + fresh.count + previous.punches
  const dots = allocateDots(total)
  const radius = new Float32Array(total)
  const copy = (from: number, to: number) => {
    dots.x[to] = prev.x[from]
    dots.y[to] = prev.y[from]
    dots.diameter[to] = prev.diameter[from]
    dots.shade[to] = prev.shade[from]
    dots.session[to] = prev.session[from]
    dots.zone[to] = prev.zone[from]
    radius[to] = previous.radius[from]
  }
  for (let k = 0; k < keep.length; k++) copy(keep[k] as number, k)
  const shares = design.sessions.length > 0 ? design.sessions.map((s) => s.share) : [1]
  const rng = createRng(deriveSeed(design.seed, 'dot-attributes-drag'))
  for (let k = 0; k < fresh.count; k++) {
    const o = keep.length + k
    const x = fresh.x[k] as number
    const y = fresh.y[k] as number
    const li = cellIndex(field, x, y)
    dots.x[o] = x
    dots.y[o] = y
    // as placeDots: ±8 % size and ±1 shade step
    dots.diameter[o] = field.size[li] * (0.92 + 0.16 * rng.next())
    dots.shade[o] = Math.max(0, Math.min(255, Math.round(field.shade[li] + (rng.next() * 2 - 1))))
    dots.zone[o] = field.zone[li]
    // each new dot joins a session in proportion to the shares (placeDots spreads sessions evenly instead)
    let u = rng.next()
    let session = shares.length - 1
    for (let s = 0; s < shares.length; s++) {
      u -= shares[s] as number
      if (u < 0) {
        session = s
        break
      }
    }
    dots.session[o] = session
    radius[o] = fresh.r[k] as number
  }
  for (let k = 0; k < punchIdx.length; k++) copy(punchIdx[k] as number, keep.length + fresh.count + k)
  const sessionCounts = shares.map(() => 0)
  for (let i = 0; i < total; i++)
    sessionCounts[dots.session[i] as number] = (sessionCounts[dots.session[i] as number] ?? 0) + 1
  return {
    ok: true,
    design,
    dots,
    radius,
    hair,
    field,
    head,
    sessionCounts,
    punches: previous.punches,
    changed: boxesOf(field, dotCells),
    drag,
  }
}
