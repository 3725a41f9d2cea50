// Where the treatment meets the client's remaining hair (the fringe), on the density field's lattice.
//
// Definitions (every cell of the placement's density field, 1 mm of chart):
// - A cell is *treated* when the field asks for at least TREATED_MIN_PER_CM2 dots there, whether on bare scalp or
//   between thinning hair (density work). Treated cells in the hairline's transition (less than the hairline's
//   softness behind it) are left out: that band is lighter on purpose (DOMAIN §3.3), and it borders bare forehead.
// - A cell is *fringe* when it holds at least FRINGE_MIN_PER_CM2 follicles of remaining hair and the field asks for
//   no dots there (below FRINGE_MAX_DOTS_PER_CM2; the field gives none below 0.5): the client's own hair alone.
// - Cells that are neither (bare skin, a zone's thin feathered edge) belong to no band.
// - The *border* is where treated cells and fringe cells meet: the contour where dots and follicles are equal. A cell's
//   distance to the border is its surface distance (mm, the chart's metric at the cell, chamfer steps) to the nearest
//   cell of the other kind. The *treated band* is the treated cells within BAND_MM of a fringe cell; the *fringe band*
//   the fringe cells within BAND_MM of a treated cell. A gap that carries nothing (bare skin between a zone's feather
//   and the hair) belongs to neither.
// - The *interior* of the treated area (or of the fringe) is its cells at least INTERIOR_MM from any cell of another
//   kind: where evenness is measured, clear of designed gradients at its edges (feathers, the hairline's ramp).
// - A design without fringe cells (alopecia totalis or universalis, or no treated cells) has no border.

import type { Placement } from '../placement/place-dots.ts'

/** How far each band reaches from the border, mm of scalp (the issue: "within 10 mm of the border"). */
export const BAND_MM = 10
/** Dots per cm² that make a cell treated [assumption: an eighth of a full 85/cm² shaved look (DOMAIN §0)]. */
export const TREATED_MIN_PER_CM2 = 10
/**
 * Follicles per cm² that make a dot-free cell fringe [assumption: a quarter of 85 FU/cm² (DOMAIN §0), below which a
 * shaved area reads as bare skin from a metre].
 */
export const FRINGE_MIN_PER_CM2 = 20
/** A fringe cell has fewer dots per cm² than this: in practice none. */
export const FRINGE_MAX_DOTS_PER_CM2 = 1

/** How far inside its own area a cell must lie to count for evenness, mm (one 5 mm evenness cell). */
export const INTERIOR_MM = 5

export const CELL_NONE = 0
export const CELL_TREATED = 1
export const CELL_FRINGE = 2

export interface BorderBands {
  /** Per field cell: CELL_NONE, CELL_TREATED or CELL_FRINGE. */
  kind: Uint8Array
  /** Per field cell: surface distance to the nearest cell of the other kind, mm (+∞ when there is none). */
  distance: Float32Array
  /** Per field cell: surface distance to the nearest cell of another kind (its depth inside its own area), mm. */
  inset: Float32Array
  /** Cells of each kind, and of each within BAND_MM of the border. */
  treated: number
  fringe: number
  treatedBand: number
  fringeBand: number
}

/** Chamfer distance transform (two passes, 8 neighbours) on the field lattice, steps weighted by the surface scale. */
function distanceTo(placement: Placement, target: (i: number) => boolean): Float32Array {
  const f = placement.field
  const { cols, rows, cell } = f
  const d = new Float32Array(cols * rows).fill(Number.POSITIVE_INFINITY)
  for (let i = 0; i < d.length; i++) if (target(i)) d[i] = 0
  // a step's length on the scalp: the cell times the local scale (√ of the area element), diagonals √2 of that
  const step = (i: number) => cell * Math.sqrt(f.area[i] > 0 ? f.area[i] : 1)
  const relax = (i: number, j: number, w: number) => {
    const c = d[j] + w * step(i)
    if (c < d[i]) d[i] = c
  }
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const i = row * cols + col
      if (col > 0) relax(i, i - 1, 1)
      if (row > 0) {
        relax(i, i - cols, 1)
        if (col > 0) relax(i, i - cols - 1, Math.SQRT2)
        if (col < cols - 1) relax(i, i - cols + 1, Math.SQRT2)
      }
    }
  }
  for (let row = rows - 1; row >= 0; row--) {
    for (let col = cols - 1; col >= 0; col--) {
      const i = row * cols + col
      if (col < cols - 1) relax(i, i + 1, 1)
      if (row < rows - 1) {
        relax(i, i + cols, 1)
        if (col < cols - 1) relax(i, i + cols + 1, Math.SQRT2)
        if (col > 0) relax(i, i + cols - 1, Math.SQRT2)
      }
    }
  }
  return d
}

/** The treated and fringe cells of a placement and their distance to the border (see the definitions above). */
export function borderBands(placement: Placement): BorderBands {
  const f = placement.field
  const n = f.cols * f.rows
  const hl = placement.design.hairline
  const transition = hl === null ? Number.NEGATIVE_INFINITY : hl.softnessMm
  const kind = new Uint8Array(n)
  let treated = 0
  let fringe = 0
  for (let i = 0; i < n; i++) {
    const dots = f.density[i]
    if (dots < FRINGE_MAX_DOTS_PER_CM2 && f.hair[i] >= FRINGE_MIN_PER_CM2) {
      kind[i] = CELL_FRINGE
      fringe++
    } else if (dots >= TREATED_MIN_PER_CM2 && f.front[i] >= transition) {
      kind[i] = CELL_TREATED
      treated++
    }
  }
  const distance = new Float32Array(n).fill(Number.POSITIVE_INFINITY)
  const notTreated = distanceTo(placement, (i) => kind[i] !== CELL_TREATED)
  const notFringe = distanceTo(placement, (i) => kind[i] !== CELL_FRINGE)
  const inset = new Float32Array(n)
  for (let i = 0; i < n; i++)
    inset[i] = kind[i] === CELL_TREATED ? notTreated[i] : kind[i] === CELL_FRINGE ? notFringe[i] : 0
  let treatedBand = 0
  let fringeBand = 0
  if (treated > 0 && fringe > 0) {
    const toFringe = distanceTo(placement, (i) => kind[i] === CELL_FRINGE)
    const toTreated = distanceTo(placement, (i) => kind[i] === CELL_TREATED)
    for (let i = 0; i < n; i++) {
      if (kind[i] === CELL_TREATED) {
        distance[i] = toFringe[i]
        if (distance[i] <= BAND_MM) treatedBand++
      } else if (kind[i] === CELL_FRINGE) {
        distance[i] = toTreated[i]
        if (distance[i] <= BAND_MM) fringeBand++
      }
    }
  }
  return { kind, distance, inset, treated, fringe, treatedBand, fringeBand }
}
