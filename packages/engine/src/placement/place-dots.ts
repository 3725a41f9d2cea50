// From a design to the dots an artist would place: density field → hairs and scar punches → variable-density
// Poisson-disk dots on the curved scalp → per-dot size and shade → sessions.

import { containsPoint } from '../geometry/polygon.ts'
import { createRng, deriveSeed } from '../math/rng.ts'
import type { ChartPoint, Design } from '../model/design.ts'
import { allocateDots, type DotBuffer } from '../model/dots.ts'
import { createHead, type HeadModel } from '../scalp/head.ts'
import {
  type BaseField,
  buildDensityField,
  type DensityField,
  designLattice,
  HAIR_CLEARANCE_MM,
  PACKING_ETA,
  SAMPLER_CANDIDATES,
  SAMPLER_JITTER,
  SAMPLER_RADIUS_JITTER,
} from './density-field.ts'
import { type Obstacles, poissonDisk } from './poisson-disk.ts'
import { assignSessions } from './sessions.ts'
import { type Issue, validateDesign } from './validate.ts'

/** The most dots one design may ask for; larger requests are refused before any memory is committed. */
export const DEFAULT_DOT_CAP = 2_000_000
/** Lattice cell of the density field, chart mm. */
const FIELD_CELL_MM = 1

/** A box on the chart, mm. */
export interface ChartBox {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** Positions of the client's remaining hair follicles, chart mm (drawn as stubble or short hair). */
export interface HairBuffer {
  count: number
  x: Float32Array
  y: Float32Array
}

/**
 * A design placed: the design itself and everything a preview (renderPreview, previewLayers), a plan (the domain's
 * planDesign) or an inspection (inspect/) needs of it, computed once per change and taken as it is. `design` is the
 * design these dots were placed for; a copy whose `design` differs only in what does not place dots (skin, pigment,
 * dilutions, shade offsets) is the placement of that design too.
 */
export interface Placement {
  ok: true
  design: Design
  dots: DotBuffer
  /** Each dot's exclusion radius on the surface, mm: any two dots lie at least the smaller of theirs apart. */
  radius: Float32Array
  hair: HairBuffer
  field: DensityField
  head: HeadModel
  sessionCounts: number[]
  /** How many of the dots, at the end of the buffer, are FUE punch dots (one per punch scar). */
  punches: number
  /**
   * Set by a quick drag placement (hairline-drag.ts): chart boxes holding every dot and hair that differs from the
   * placement it started from (none: nothing differs); absent from a full placement, where anything may differ.
   */
  changed?: ChartBox[]
  /**
   * A quick drag placement's memory: the hairline its dots follow (within the drag's tolerances), and the design's
   * field before the hairline (which a hairline drag leaves as it is).
   */
  drag?: { line: ChartPoint[]; base: BaseField }
}

/** A placement, or why the design cannot be placed (its problems, with paths). */
export type PlacementResult = Placement | { ok: false; issues: Issue[] }

export interface PlacementOptions {
  maxDots?: number
}

function expectedDots(field: DensityField): number {
  let total = 0
  const cellArea = field.cell * field.cell
  for (let i = 0; i < field.density.length; i++) total += (field.density[i] / 100) * field.area[i] * cellArea
  return total
}

/**
 * Places the dots of a design.
 * @example
 * const result = placeDots(design)
 * if (result.ok) console.log(result.dots.count, result.sessionCounts)
 */
export function placeDots(design: Design, options: PlacementOptions = {}): PlacementResult {
  const cap = options.maxDots ?? DEFAULT_DOT_CAP
  const head = createHead(design.head)
  const issues = validateDesign(design, head)
  if (issues.length > 0) return { ok: false, issues }
  const lattice = designLattice(design, FIELD_CELL_MM)
  const emptyHair: HairBuffer = { count: 0, x: new Float32Array(0), y: new Float32Array(0) }
  if (lattice === null || lattice.cols * lattice.rows > 16_000_000) {
    if (lattice !== null)
      return { ok: false, issues: [{ path: 'zones', message: 'the zones span more than the head' }] }
    const empty = buildDensityField(design, head, { x0: 0, y0: 0, cell: 1, cols: 1, rows: 1 })
    return {
      ok: true,
      design,
      dots: allocateDots(0),
      radius: new Float32Array(0),
      hair: emptyHair,
      field: empty,
      head,
      sessionCounts: design.sessions.map(() => 0),
      punches: 0,
    }
  }
  const field = buildDensityField(design, head, lattice)
  const expected = expectedDots(field)
  if (expected > cap) {
    return {
      ok: false,
      issues: [
        {
          path: 'zones',
          message: `the design asks for about ${Math.round(expected).toLocaleString('en-US')} dots, more than the limit of ${cap.toLocaleString('en-US')}; lower the densities or the areas`,
        },
      ],
    }
  }

  const hair = placeHair(design, field)
  const punches = placePunches(design, field)
  const nObs = hair.count + punches.count
  const obstacles: Obstacles = {
    count: nObs,
    x: new Float64Array(nObs),
    y: new Float64Array(nObs),
    clearance: new Float32Array(nObs),
  }
  for (let i = 0; i < hair.count; i++) {
    obstacles.x[i] = hair.x[i]
    obstacles.y[i] = hair.y[i]
    obstacles.clearance[i] = HAIR_CLEARANCE_MM
  }
  for (let i = 0; i < punches.count; i++) {
    obstacles.x[hair.count + i] = punches.x[i]
    obstacles.y[hair.count + i] = punches.y[i]
    // dots fill between punches as they fill between hairs; each punch gets its own dot below
    obstacles.clearance[hair.count + i] = punches.clearance
  }
  const sample = poissonDisk(field, createRng(deriveSeed(design.seed, 'dots')), {
    maxPoints: cap,
    candidates: SAMPLER_CANDIDATES,
    jitter: SAMPLER_JITTER,
    radiusJitter: SAMPLER_RADIUS_JITTER,
    obstacles,
  })
  if (sample.capped) {
    return {
      ok: false,
      issues: [{ path: 'zones', message: `the design needs more than ${cap.toLocaleString('en-US')} dots` }],
    }
  }

  const total = sample.count + punches.count
  const dots = allocateDots(total)
  const rng = createRng(deriveSeed(design.seed, 'dot-attributes'))
  const r = new Float32Array(total)
  for (let i = 0; i < total; i++) {
    const fromSample = i < sample.count
    const x = fromSample ? sample.x[i] : punches.x[i - sample.count]
    const y = fromSample ? sample.y[i] : punches.y[i - sample.count]
    const li = Math.floor((y - field.y0) / field.cell) * field.cols + Math.floor((x - field.x0) / field.cell)
    dots.x[i] = x
    dots.y[i] = y
    // ±8 % size and ±1 shade step: hand-placed impressions are never identical [assumption]
    dots.diameter[i] = field.size[li] * (0.92 + 0.16 * rng.next())
    dots.shade[i] = Math.max(0, Math.min(255, Math.round(field.shade[li] + (rng.next() * 2 - 1))))
    dots.zone[i] = field.zone[li]
    r[i] = fromSample ? sample.r[i] : punches.clearance
  }
  const shares = design.sessions.length > 0 ? design.sessions.map((s) => s.share) : [1]
  const sessionCounts = assignSessions(
    dots.x,
    dots.y,
    r,
    dots.count,
    shares,
    deriveSeed(design.seed, 'sessions'),
    dots.session
  )
  return { ok: true, design, dots, radius: r, hair, field, head, sessionCounts, punches: punches.count }
}

/** Minimum spacing of hair follicles at a cell holding `h` follicular units per cm² (0: none there). */
export function hairRadius(h: number): number {
  return h > 2 ? Math.sqrt((PACKING_ETA * 100) / h) : 0
}

/** Follicle positions of the remaining hair: blue noise at the hair density (follicular units are evenly spread). */
function placeHair(design: Design, field: DensityField): HairBuffer {
  if (design.existingHair.length === 0) return { count: 0, x: new Float32Array(0), y: new Float32Array(0) }
  const radius = new Float32Array(field.hair.length)
  for (let i = 0; i < radius.length; i++) radius[i] = hairRadius(field.hair[i])
  const res = poissonDisk({ ...field, radius }, createRng(deriveSeed(design.seed, 'hair')), {
    maxPoints: DEFAULT_DOT_CAP,
    candidates: SAMPLER_CANDIDATES,
    jitter: SAMPLER_JITTER,
    radiusJitter: SAMPLER_RADIUS_JITTER,
  })
  return { count: res.count, x: Float32Array.from(res.x), y: Float32Array.from(res.y) }
}

/** FUE punch scars: one small round scar per extracted graft, spread evenly over the donor polygon; each gets a dot. */
function placePunches(
  design: Design,
  field: DensityField
): { count: number; x: Float64Array; y: Float64Array; clearance: number } {
  const none = { count: 0, x: new Float64Array(0), y: new Float64Array(0), clearance: 0 }
  const scar = design.scars.find((s) => s.kind === 'fue')
  if (scar?.kind !== 'fue' || scar.count <= 0) return none
  const radius = new Float32Array(field.radius.length)
  const inside = new Uint8Array(field.radius.length)
  let area = 0
  for (let row = 0; row < field.rows; row++) {
    for (let col = 0; col < field.cols; col++) {
      const i = row * field.cols + col
      const x = field.x0 + (col + 0.5) * field.cell
      const y = field.y0 + (row + 0.5) * field.cell
      if (containsPoint(scar.polygon, x, y)) {
        inside[i] = 1
        area += field.area[i] * field.cell * field.cell
      }
    }
  }
  if (area <= 0) return none
  const spacing = Math.sqrt((PACKING_ETA * area) / scar.count)
  for (let i = 0; i < radius.length; i++) radius[i] = inside[i] === 1 ? spacing : 0
  const res = poissonDisk({ ...field, radius }, createRng(deriveSeed(design.seed, 'fue')), {
    maxPoints: scar.count,
    candidates: SAMPLER_CANDIDATES,
    jitter: SAMPLER_JITTER,
    radiusJitter: SAMPLER_RADIUS_JITTER,
  })
  return { count: res.count, x: res.x, y: res.y, clearance: Math.max(scar.diameterMm, HAIR_CLEARANCE_MM) }
}
