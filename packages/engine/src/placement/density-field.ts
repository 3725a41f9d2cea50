// The density field on the chart: target healed dots per cm² of scalp at every lattice cell, from the design's zones
// (layered, feathered), the hairline's soft transition, existing hair and scars, the crown whorl and a little noise;
// plus the dot size and shade there, and the chart metric so that spacing and area are measured on the curved scalp.

import { bounds, bufferPolyline, segmentDistance2 } from '../geometry/polygon.ts'
import { datan2, dsin, smoothstep } from '../math/det-math.ts'
import { valueNoise2 } from '../math/noise.ts'
import { deriveSeed } from '../math/rng.ts'
import type { ChartPoint, Design } from '../model/design.ts'
import { type HeadModel, metricAt } from '../scalp/head.ts'
import { hairlinePath } from './hairline.ts'
import type { RadiusField } from './poisson-disk.ts'

/**
 * Points per r² that the sampler packs with the settings below (measured; poisson-disk.test.ts checks it), so a
 * target density D (per mm²) asks for nominal radius √(η/D). At 85 dots/cm² that is 1.04 mm nominal, 0.73 mm hard
 * minimum (DOMAIN §0: Poisson-disk minimum 0.8 mm, 0.6–1.2) and a mean nearest-neighbour spacing of about 0.9 mm.
 * Six ring candidates, each point sweeping its ring once: 0.75 µs a point here, every probe of the plane within r.
 */
export const PACKING_ETA = 0.94
export const SAMPLER_CANDIDATES = 6
export const SAMPLER_JITTER = 0.4
/**
 * Per-dot softening of the exclusion radius: a maximal Poisson-disk set has a nearest-neighbour CV near 0.05, which
 * reads as machine-made; 0.3 brings it to ≈ 0.10 while keeping a hard minimum of 0.7 r.
 */
export const SAMPLER_RADIUS_JITTER = 0.3
/** Below this target (dots/cm²) a cell gets no dots. */
const MIN_DENSITY = 0.5
/** Sentinel dots ahead of the line: share of the target density, and how far ahead they reach, mm (DOMAIN §3.3). */
const SENTINEL_SHARE = 0.05
export const SENTINEL_REACH_MM = 5
/** Density at the very front of the transition zone, as a share of the target (DOMAIN §3.3: ~15 % → 100 %). */
const RAMP_START = 0.15
/** Front band with finer, lighter dots, mm (DOMAIN §3.3: 1RL, smaller, lighter dots in the front 5 mm). */
const FINE_BAND_MM = 5
/** Spacing of the coarse lattice the metric is evaluated on, in lattice cells (the metric varies over centimetres). */
export const METRIC_STRIDE = 4
/** Clearance between a dot and a hair it falls between, mm [assumption: ~ one hair diameter plus a healed dot]. */
export const HAIR_CLEARANCE_MM = 0.25

export interface DensityField extends RadiusField {
  /** Target healed density, dots per cm² of scalp. */
  density: Float32Array
  /** Healed dot diameter, mm. */
  size: Float32Array
  /** Shade (HIS-like). */
  shade: Float32Array
  /** Index of the zone a cell belongs to, 255 outside every zone. */
  zone: Uint8Array
  /** Surface mm² per chart mm² (√det g). */
  area: Float32Array
  /** Existing hair, follicular units per cm². */
  hair: Float32Array
  /** Surface distance behind the hairline, mm (negative ahead of it); +∞ without a hairline. */
  front: Float32Array
  metric: { g11: Float32Array; g12: Float32Array; g22: Float32Array }
}

export interface Lattice {
  x0: number
  y0: number
  cell: number
  cols: number
  rows: number
}

/** Cell centres inside a polygon (even-odd), by scanline. */
function fillPolygon(poly: readonly ChartPoint[], lat: Lattice, out: Uint8Array): void {
  out.fill(0)
  const xs: number[] = []
  for (let row = 0; row < lat.rows; row++) {
    const y = lat.y0 + (row + 0.5) * lat.cell
    xs.length = 0
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const yi = poly[i][1]
      const yj = poly[j][1]
      if (yi > y !== yj > y) xs.push(poly[i][0] + ((y - yi) * (poly[j][0] - poly[i][0])) / (yj - yi))
    }
    xs.sort((a, b) => a - b)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k] - lat.x0) / lat.cell - 0.5))
      const c1 = Math.min(lat.cols - 1, Math.floor((xs[k + 1] - lat.x0) / lat.cell - 0.5))
      for (let c = c0; c <= c1; c++) out[row * lat.cols + c] = 1
    }
  }
}

/**
 * Chart distance from each cell centre to the polyline, for cells within `band` surface mm of it (cells farther keep
 * +∞). Each edge converts the band to chart units with the scale at its midpoint, plus a margin for the scale's drift.
 */
function distanceBand(
  line: readonly ChartPoint[],
  closed: boolean,
  band: number,
  lat: Lattice,
  scale: Float32Array,
  out: Float32Array
): void {
  out.fill(Number.POSITIVE_INFINITY)
  const n = line.length
  const edges = closed ? n : n - 1
  for (let e = 0; e < edges; e++) {
    const a = line[e]
    const b = line[(e + 1) % n]
    const mc = Math.min(lat.cols - 1, Math.max(0, Math.floor(((a[0] + b[0]) / 2 - lat.x0) / lat.cell)))
    const mr = Math.min(lat.rows - 1, Math.max(0, Math.floor(((a[1] + b[1]) / 2 - lat.y0) / lat.cell)))
    const reach = (band / scale[mr * lat.cols + mc]) * 1.25 + lat.cell
    const c0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - reach - lat.x0) / lat.cell))
    const c1 = Math.min(lat.cols - 1, Math.floor((Math.max(a[0], b[0]) + reach - lat.x0) / lat.cell))
    const r0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - reach - lat.y0) / lat.cell))
    const r1 = Math.min(lat.rows - 1, Math.floor((Math.max(a[1], b[1]) + reach - lat.y0) / lat.cell))
    for (let row = r0; row <= r1; row++) {
      const y = lat.y0 + (row + 0.5) * lat.cell
      for (let col = c0; col <= c1; col++) {
        const x = lat.x0 + (col + 0.5) * lat.cell
        const i = row * lat.cols + col
        const d2 = segmentDistance2(x, y, a[0], a[1], b[0], b[1])
        if (d2 < out[i] * out[i]) out[i] = Math.sqrt(d2)
      }
    }
  }
}

/** Smooth coverage in [0, 1] of a polygon with a feathered border of width `feather` (surface mm) centred on it. */
function coverage(
  poly: readonly ChartPoint[],
  feather: number,
  lat: Lattice,
  scale: Float32Array,
  inside: Uint8Array,
  dist: Float32Array,
  out: Float32Array
): void {
  fillPolygon(poly, lat, inside)
  const half = Math.max(feather / 2, 1e-3)
  distanceBand(poly, true, half, lat, scale, dist)
  for (let i = 0; i < out.length; i++) {
    const d = dist[i] * scale[i]
    const signed = inside[i] === 1 ? d : -d
    out[i] = smoothstep(-half, half, signed)
  }
}

/** The lattice over which a design needs its field: every zone and hair region, plus room for feathering. */
export function designLattice(design: Design, cell: number): Lattice | null {
  const pts: ChartPoint[] = []
  for (const z of design.zones) pts.push(...z.polygon)
  if (pts.length === 0) return null
  // the client's hair is drawn wherever it stands, beyond the treated zones too
  for (const h of design.existingHair) pts.push(...h.polygon)
  const b = bounds(pts)
  let margin = 4
  for (const z of design.zones) margin = Math.max(margin, z.featherMm)
  const x0 = Math.floor((b.minX - margin) / cell) * cell
  const y0 = Math.floor((b.minY - margin) / cell) * cell
  return {
    x0,
    y0,
    cell,
    cols: Math.ceil((b.maxX + margin - x0) / cell),
    rows: Math.ceil((b.maxY + margin - y0) / cell),
  }
}

function metricLattice(head: HeadModel, lat: Lattice) {
  const n = lat.cols * lat.rows
  const g11 = new Float32Array(n)
  const g12 = new Float32Array(n)
  const g22 = new Float32Array(n)
  const cc = Math.ceil(lat.cols / METRIC_STRIDE) + 1
  const cr = Math.ceil(lat.rows / METRIC_STRIDE) + 1
  const coarse = new Float64Array(cc * cr * 3)
  const g = new Float64Array(3)
  const step = lat.cell * METRIC_STRIDE
  for (let j = 0; j < cr; j++) {
    for (let i = 0; i < cc; i++) {
      metricAt(head, lat.x0 + i * step, lat.y0 + j * step, g)
      coarse.set(g, (j * cc + i) * 3)
    }
  }
  for (let row = 0; row < lat.rows; row++) {
    const fy = ((row + 0.5) * lat.cell) / step
    const j = Math.min(cr - 2, Math.floor(fy))
    const ty = fy - j
    for (let col = 0; col < lat.cols; col++) {
      const fx = ((col + 0.5) * lat.cell) / step
      const i = Math.min(cc - 2, Math.floor(fx))
      const tx = fx - i
      const o00 = (j * cc + i) * 3
      const o10 = o00 + 3
      const o01 = o00 + cc * 3
      const o11 = o01 + 3
      const idx = row * lat.cols + col
      const w00 = (1 - tx) * (1 - ty)
      const w10 = tx * (1 - ty)
      const w01 = (1 - tx) * ty
      const w11 = tx * ty
      g11[idx] = coarse[o00] * w00 + coarse[o10] * w10 + coarse[o01] * w01 + coarse[o11] * w11
      g12[idx] = coarse[o00 + 1] * w00 + coarse[o10 + 1] * w10 + coarse[o01 + 1] * w01 + coarse[o11 + 1] * w11
      g22[idx] = coarse[o00 + 2] * w00 + coarse[o10 + 2] * w10 + coarse[o01 + 2] * w01 + coarse[o11 + 2] * w11
    }
  }
  return { g11, g12, g22 }
}

/**
 * The field before the hairline: the metric, and the zones, the client's hair and the scars composited. Cell-local
 * like the rest, so the values of a stride-aligned sub-lattice are the full lattice's there (`sliceBaseField`).
 */
export interface BaseField {
  metric: { g11: Float32Array; g12: Float32Array; g22: Float32Array }
  area: Float32Array
  scale: Float32Array
  density: Float32Array
  size: Float32Array
  shade: Float32Array
  zone: Uint8Array
  hair: Float32Array
}

/** Builds the field for a design on a lattice of `cell` chart mm. */
export function buildDensityField(design: Design, head: HeadModel, lat: Lattice): DensityField {
  return finishDensityField(design, head, lat, buildBaseField(design, head, lat))
}

/** The cells [c0, c1) × [r0, r1) of a base field built on `lat`, as the base field of that sub-lattice (copied). */
export function sliceBaseField(
  base: BaseField,
  lat: Lattice,
  rect: { c0: number; r0: number; c1: number; r1: number }
): BaseField {
  const cols = rect.c1 - rect.c0
  const rows = rect.r1 - rect.r0
  const cut = <T extends Float32Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(cols * rows)
    for (let row = 0; row < rows; row++) {
      const from = (rect.r0 + row) * lat.cols + rect.c0
      out.set(a.subarray(from, from + cols), row * cols)
    }
    return out
  }
  return {
    metric: { g11: cut(base.metric.g11), g12: cut(base.metric.g12), g22: cut(base.metric.g22) },
    area: cut(base.area),
    scale: cut(base.scale),
    density: cut(base.density),
    size: cut(base.size),
    shade: cut(base.shade),
    zone: cut(base.zone),
    hair: cut(base.hair),
  }
}

/** The field before the hairline (see BaseField). */
export function buildBaseField(design: Design, head: HeadModel, lat: Lattice): BaseField {
  const n = lat.cols * lat.rows
  const metric = metricLattice(head, lat)
  const area = new Float32Array(n)
  const scale = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const a = metric.g11[i]
    const b = metric.g12[i]
    const c = metric.g22[i]
    area[i] = Math.sqrt(Math.max(a * c - b * b, 1e-12))
    scale[i] = Math.sqrt(area[i])
  }

  const density = new Float32Array(n)
  const size = new Float32Array(n)
  const shade = new Float32Array(n)
  const zone = new Uint8Array(n).fill(255)
  const zoneWeight = new Float32Array(n)
  const cover = new Float32Array(n)
  const inside = new Uint8Array(n)
  const dist = new Float32Array(n)

  // zones composite in order, each over the ones before it
  design.zones.forEach((z, zi) => {
    coverage(z.polygon, z.featherMm, lat, scale, inside, dist, cover)
    for (let i = 0; i < n; i++) {
      const w = cover[i]
      if (w <= 0) continue
      density[i] = density[i] * (1 - w) + z.densityPerCm2 * w
      size[i] = zoneWeight[i] > 0 ? size[i] * (1 - w) + z.dotSizeMm * w : z.dotSizeMm
      shade[i] = zoneWeight[i] > 0 ? shade[i] * (1 - w) + z.shade * w : z.shade
      if (w >= 0.5 || zone[i] === 255) zone[i] = zi
      zoneWeight[i] = zoneWeight[i] * (1 - w) + w
    }
  })

  // existing hair: the strongest region counts; scars hold no follicles
  const hair = new Float32Array(n)
  const region = new Float32Array(n)
  for (const h of design.existingHair) {
    coverage(h.polygon, h.featherMm, lat, scale, inside, dist, region)
    for (const hole of h.holes) {
      coverage(hole, h.featherMm, lat, scale, inside, dist, cover)
      for (let i = 0; i < n; i++) region[i] *= 1 - cover[i]
    }
    for (let i = 0; i < n; i++) {
      const v = region[i] * h.densityPerCm2
      if (v > hair[i]) hair[i] = v
    }
  }
  for (const s of design.scars) {
    const outline = s.kind === 'fut' ? bufferPolyline(s.polyline, s.widthMm) : s.polygon
    if (s.kind === 'fue') continue // FUE scars are single punches, handled one by one in placement
    coverage(outline, 1, lat, scale, inside, dist, cover)
    for (let i = 0; i < n; i++) hair[i] *= 1 - cover[i]
  }

  return { metric, area, scale, density, size, shade, zone, hair }
}

/** The hairline, the crown's swirl and the spacing on top of a base field; `base` is left as it was. */
export function finishDensityField(design: Design, head: HeadModel, lat: Lattice, base: BaseField): DensityField {
  const n = lat.cols * lat.rows
  const { metric, area, scale, zone } = base
  const density = base.density.slice()
  const size = base.size.slice()
  const shade = base.shade.slice()
  const hair = base.hair.slice()
  const inside = new Uint8Array(n)
  const dist = new Float32Array(n)

  // the hairline: sentinels ahead, a soft ramp behind, finer and lighter dots at the very front
  const front = new Float32Array(n).fill(Number.POSITIVE_INFINITY)
  if (design.hairline) {
    const hl = design.hairline
    const path = hairlinePath(hl, head, design.head.sex, design.seed)
    const band = hl.softnessMm + SENTINEL_REACH_MM + 2 * hl.microIrregularityMm + 4
    fillPolygon(path.ahead, lat, inside)
    // every 4th point (2 mm chords): the chord's distance error is ~0.01 mm at the curve's radius
    const coarse = path.line.filter((_, i) => i % 4 === 0 || i === path.line.length - 1)
    distanceBand(coarse, false, band, lat, scale, dist)
    const microSeed = deriveSeed(design.seed, 'hairline-micro')
    const clumpSeed = deriveSeed(design.seed, 'hairline-clumps')
    const soft = Math.max(hl.softnessMm, 0.5)
    for (let row = 0; row < lat.rows; row++) {
      const y = lat.y0 + (row + 0.5) * lat.cell
      for (let col = 0; col < lat.cols; col++) {
        const i = row * lat.cols + col
        const d = Number.isFinite(dist[i]) ? dist[i] * scale[i] : band * 2
        const signed = inside[i] === 1 ? -d : d
        front[i] = signed
        // no hair stands ahead of the designed hairline: that is where the client's new hairline begins
        hair[i] *= smoothstep(-4, 2, signed)
        if (signed > band || density[i] <= 0) continue
        const x = lat.x0 + (col + 0.5) * lat.cell
        // micro-irregularity: a jagged, shoreline-like border with clumps and gaps [RGH], [LAM-SH]
        const jag = hl.microIrregularityMm * 1.5 * (2 * valueNoise2(x, y, 2.5, microSeed) - 1)
        const dd = signed + jag
        let f: number
        if (dd < -SENTINEL_REACH_MM) f = 0
        else if (dd < 0) f = SENTINEL_SHARE
        else if (dd < soft) {
          const ramp = RAMP_START + (1 - RAMP_START) * (dd / soft)
          const clump = 1 + 0.6 * (2 * valueNoise2(x, y, 4, clumpSeed) - 1) * (1 - dd / soft)
          f = ramp * clump
        } else f = 1
        density[i] *= f
        const fine = Math.min(1, Math.max(0, dd / FINE_BAND_MM))
        size[i] *= 0.75 + 0.25 * fine
        shade[i] += 4 * (1 - fine)
      }
    }
  }

  // dots fill what the hair does not; a whorl-shaped swirl at the crown and a little low-frequency variation
  const noiseSeed = deriveSeed(design.seed, 'density-noise')
  const [wx, wy] = design.crown.center
  const turn = design.crown.clockwise ? 1 : -1
  const radius = new Float32Array(n)
  for (let row = 0; row < lat.rows; row++) {
    const y = lat.y0 + (row + 0.5) * lat.cell
    for (let col = 0; col < lat.cols; col++) {
      const i = row * lat.cols + col
      let d = density[i] - hair[i]
      if (d <= MIN_DENSITY) {
        density[i] = 0
        continue
      }
      const x = lat.x0 + (col + 0.5) * lat.cell
      d *= 1 + 0.06 * (2 * valueNoise2(x, y, 25, noiseSeed) - 1)
      const cx = x - wx
      const cy = y - wy
      const r2 = cx * cx + cy * cy
      if (r2 < 40 * 40) {
        // two spiral arms, ±4 %, fading out by 40 mm: density radiating from an offset centre (DOMAIN §1.6)
        const r = Math.sqrt(r2)
        const arm = dsin(2 * datan2(cy, cx) + turn * r * 0.12)
        d *= 1 + 0.04 * arm * (1 - r / 40)
      }
      density[i] = d
      radius[i] = Math.sqrt((PACKING_ETA * 100) / d)
    }
  }

  return { ...lat, radius, metric, density, size, shade, zone, area, hair, front }
}
