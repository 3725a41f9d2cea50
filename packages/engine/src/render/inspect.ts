// What a preview promises, in numbers: does the treated area match the client's fringe at arm's length, is it as even
// as skin with hair, how many dots, how big they heal, and how much of each zone their ink covers.
//
// The colour measures come from the engine's own render of the chart (flat, even light) at 2 px/mm: about what an eye
// resolves at arm's length (1 arc-minute ≈ 0.29 mm at 1 m, DOMAIN §13), so the ~1 mm grain is there but single healed
// dots are not. Bands are decided on the placement's 1 mm density field: a cell is treated when it holds dots and no
// hair, fringe when it holds hair and no dots (the feathered overlap belongs to neither).

import { linearRgbToLab, SRGB_TO_LINEAR } from '../appearance/color.ts'
import { deltaE2000 } from '../appearance/delta-e.ts'
import { dotStateAt, fadeTimeConstant, previewDay, sessionDay } from '../appearance/time.ts'
import type { Design } from '../model/design.ts'
import type { DensityField } from '../placement/density-field.ts'
import { markLayout } from './mark.ts'
import { checkRenderOptions, type PreviewPlacement, type RenderIssue, type Stage } from './options.ts'
import { renderPreview } from './render-preview.ts'
import { createView } from './view.ts'

/** The view the colour measures are taken at, px per chart mm (arm's length, DOMAIN §13). */
export const INSPECT_PX_PER_MM = 2
/** Width of the bands either side of the border whose mean colours are compared, mm. */
export const FRINGE_BAND_MM = 10
/** Side of the cells whose lightness spread measures evenness, mm. */
export const EVENNESS_CELL_MM = 5
/** A cell is treated above this many dots/cm² with hair below HAIR_NONE; fringe above HAIR_MIN FU/cm² with no dots. */
const DOTS_MIN = 20
/** The smallest band, cm², whose mean colour is worth comparing. */
const MIN_BAND_CM2 = 2
const DOTS_NONE = 2
const HAIR_MIN = 20
const HAIR_NONE = 2
/** Past the hairline's soft zone, mm: where its finer, lighter front dots end. */
const HAIRLINE_MARGIN_MM = 4

export interface InspectOptions {
  /** After this session (1-based); default the last. */
  session?: number
  /** Default 'healed'. */
  stage?: Stage
  /** Years after healing (healed only). */
  years?: number
}

export interface Percentiles {
  p5: number
  p25: number
  p50: number
  p75: number
  p95: number
}

export interface ZoneReport {
  id: string
  kind: string
  /** Surface area where the zone places dots, cm². */
  areaCm2: number
  dots: number
  dotsPerCm2: number
  /** Share of the zone's surface the dots' visible discs cover, %. */
  coveragePercent: number
}

export interface InspectReport {
  session: number
  stage: Stage
  years: number
  /**
   * Mean CIELAB of the treated band within FRINGE_BAND_MM of the border with the client's hair, of the fringe within
   * the same distance past it, and their ΔE2000 (DOMAIN §13.1 row 4: "the same color … similar appearance of
   * density"); null when the design has no such border (no hair left, or dots only between hairs), or when either band
   * is smaller than MIN_BAND_CM2 (a few sentinel dots ahead of a full head of hair are no area to match).
   */
  fringeMatch: {
    deltaE2000: number
    treatedLab: [number, number, number]
    fringeLab: [number, number, number]
    /** Chart area of each band, cm². */
    treatedBandCm2: number
    fringeBandCm2: number
  } | null
  /**
   * Evenness at the 5 mm scale (DOMAIN §13.1 row 9): the spread of L* over 5 mm cells within each zone (or hair
   * region), pooled, as a coefficient of variation of L*, %; for the treated area and for the fringe (null without one).
   */
  evenness: {
    treatedCvPercent: number | null
    fringeCvPercent: number | null
    cells: { treated: number; fringe: number }
  }
  dots: { total: number; shown: number; perSession: number[] }
  /** Visible diameter of the dots shown at this stage, mm (DOMAIN §2.2, §13: healed ~0.10–0.15 mm). */
  dotDiameterMm: Percentiles | null
  zones: ZoneReport[]
}

export type InspectResult = { ok: true; report: InspectReport } | { ok: false; issues: RenderIssue[] }

const _state = new Float64Array(4)
const _lab = new Float64Array(3)

/**
 * Measures a design's preview (see InspectReport).
 * @example
 *   const placed = placeDots(design)
 *   if (placed.ok) inspectDesign(design, placed, { years: 5 })
 */
export function inspectDesign(
  design: Design,
  placement: PreviewPlacement & { field: DensityField },
  options: InspectOptions = {}
): InspectResult {
  const sessions = design.sessions.length
  const session = options.session ?? sessions
  const stage = options.stage ?? 'healed'
  const years = options.years ?? 0
  const probe = { view: 'chart' as const, session, stage, years, width: 16, height: 16 }
  const issues = checkRenderOptions(design, probe)
  if (issues.length > 0) return { ok: false, issues }

  const field = placement.field
  const radius = createView(placement.head, 'chart', 16, 16).chartRadius
  const size = Math.ceil(2 * radius * INSPECT_PX_PER_MM)
  const widthMm = size / INSPECT_PX_PER_MM
  const target = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  const rendered = renderPreview(
    design,
    placement,
    { ...probe, width: size, height: size, closeUp: { u: 0, v: 0, widthMm } },
    target
  )
  if (!rendered.ok) return rendered

  // per-cell class on the field's lattice: 1 treated, 2 fringe, 0 neither
  const { cols, rows } = field
  // the hairline's soft front is designed lighter and finer and is judged against the face (DOMAIN §13.1 row 8)
  const soft = design.hairline === null ? 0 : design.hairline.softnessMm + HAIRLINE_MARGIN_MM
  const cls = new Uint8Array(cols * rows)
  for (let i = 0; i < cls.length; i++) {
    const d = field.density[i]
    const h = field.hair[i]
    if (d >= DOTS_MIN && h < HAIR_NONE && field.front[i] >= soft) cls[i] = 1
    else if (h >= HAIR_MIN && d < DOTS_NONE) cls[i] = 2
  }
  // the border is the feathered overlap where dots thin out as hair starts: each band runs from its own edge of it
  const hairy = new Uint8Array(cols * rows)
  const dotted = new Uint8Array(cols * rows)
  for (let i = 0; i < hairy.length; i++) {
    hairy[i] = field.hair[i] >= HAIR_NONE ? 1 : 0
    dotted[i] = field.density[i] >= DOTS_NONE ? 1 : 0
  }
  const toFringe = distanceTo(hairy, cols, rows, 1, field.cell)
  const toTreated = distanceTo(dotted, cols, rows, 1, field.cell)

  // mean linear colour of each band, and per-5-mm-cell lightness
  const sums = new Float64Array(8) // treated r g b n, fringe r g b n
  const cellPx = EVENNESS_CELL_MM * INSPECT_PX_PER_MM
  const ecols = Math.floor(size / cellPx)
  const cellSum = new Float64Array(ecols * ecols * 3)
  const cellN = new Int32Array(ecols * ecols)
  const cellKey = new Int32Array(ecols * ecols).fill(-2) // group (zone or hair class), -1 mixed
  const plate = markLayout(size, size) // the mark's plate is no skin: keep clear of it
  const half = size / 2
  for (let y = 0; y < size; y++) {
    const v = (half - (y + 0.5)) / INSPECT_PX_PER_MM
    const row = Math.floor((v - field.y0) / field.cell)
    if (row < 0 || row >= rows) continue
    for (let x = 0; x < size; x++) {
      if (y >= plate.y && x >= plate.x) continue
      const u = (x + 0.5 - half) / INSPECT_PX_PER_MM
      if (u * u + v * v > radius * radius) continue
      const col = Math.floor((u - field.x0) / field.cell)
      if (col < 0 || col >= cols) continue
      const li = row * cols + col
      const c = cls[li]
      if (c === 0) continue
      const o = (y * size + x) * 4
      const r = SRGB_TO_LINEAR[target.data[o]]
      const g = SRGB_TO_LINEAR[target.data[o + 1]]
      const b = SRGB_TO_LINEAR[target.data[o + 2]]
      const near = c === 1 ? toFringe[li] <= FRINGE_BAND_MM : toTreated[li] <= FRINGE_BAND_MM
      if (near) {
        const s = c === 1 ? 0 : 4
        sums[s] += r
        sums[s + 1] += g
        sums[s + 2] += b
        sums[s + 3]++
      }
      const ex = Math.floor(x / cellPx)
      const ey = Math.floor(y / cellPx)
      if (ex >= ecols || ey >= ecols) continue
      const k = ey * ecols + ex
      const group = c === 1 ? field.zone[li] : 1000
      if (cellKey[k] === -2) cellKey[k] = group
      else if (cellKey[k] !== group) cellKey[k] = -1
      cellSum[k * 3] += r
      cellSum[k * 3 + 1] += g
      cellSum[k * 3 + 2] += b
      cellN[k]++
    }
  }
  let fringeMatch: InspectReport['fringeMatch'] = null
  const pxPerCm2 = 100 * INSPECT_PX_PER_MM * INSPECT_PX_PER_MM
  const treatedBandCm2 = round(sums[3] / pxPerCm2, 1)
  const fringeBandCm2 = round(sums[7] / pxPerCm2, 1)
  if (treatedBandCm2 >= MIN_BAND_CM2 && fringeBandCm2 >= MIN_BAND_CM2) {
    const treatedLab = labOf(sums[0] / sums[3], sums[1] / sums[3], sums[2] / sums[3])
    const fringeLab = labOf(sums[4] / sums[7], sums[5] / sums[7], sums[6] / sums[7])
    fringeMatch = {
      deltaE2000: round(deltaE2000(treatedLab, fringeLab), 2),
      treatedLab,
      fringeLab,
      treatedBandCm2,
      fringeBandCm2,
    }
  }

  // evenness: cells wholly inside one zone (or the fringe), L* pooled within each group
  const full = cellPx * cellPx
  const groups = new Map<number, number[]>()
  for (let k = 0; k < cellN.length; k++) {
    if (cellN[k] < full || cellKey[k] < 0) continue
    linearRgbToLab(cellSum[k * 3] / full, cellSum[k * 3 + 1] / full, cellSum[k * 3 + 2] / full, _lab)
    const list = groups.get(cellKey[k]) ?? []
    list.push(_lab[0])
    groups.set(cellKey[k], list)
  }
  const pooled = (fringe: boolean): { cv: number | null; cells: number } => {
    let ss = 0
    let sum = 0
    let n = 0
    let dof = 0
    for (const [key, list] of groups) {
      if ((key === 1000) !== fringe || list.length < 2) continue
      const m = list.reduce((a, b) => a + b, 0) / list.length
      for (const l of list) ss += (l - m) * (l - m)
      sum += m * list.length
      n += list.length
      dof += list.length - 1
    }
    return { cv: dof > 0 ? round((100 * Math.sqrt(ss / dof)) / (sum / n), 2) : null, cells: n }
  }
  const treatedEven = pooled(false)
  const fringeEven = pooled(true)

  // dots: counts, visible diameters at the stage shown, and coverage per zone
  const dots = placement.dots
  const perSession = design.sessions.map(() => 0)
  const k = session - 1
  const day = previewDay(k, stage, years, undefined)
  const tau = fadeTimeConstant(design.skin, design.pigment)
  const scale = design.sessions.map((_, j) => {
    if (j > k) return 0
    dotStateAt(day - sessionDay(j, undefined), tau, design.skin, design.pigment.depthMm, _state)
    return _state[0]
  })
  const diam: number[] = []
  const zoneDots = new Float64Array(design.zones.length)
  const zoneInk = new Float64Array(design.zones.length)
  for (let i = 0; i < dots.count; i++) {
    const j = dots.session[i]
    if (j < perSession.length) perSession[j]++
    if (j > k) continue
    const d = dots.diameter[i] * scale[j]
    diam.push(d)
    const z = dots.zone[i]
    if (z < zoneDots.length) {
      zoneDots[z]++
      zoneInk[z] += (Math.PI / 4) * d * d
    }
  }
  diam.sort((a, b) => a - b)
  const zoneArea = new Float64Array(design.zones.length)
  const cellArea = field.cell * field.cell
  for (let i = 0; i < field.density.length; i++) {
    const z = field.zone[i]
    if (z < zoneArea.length && field.density[i] >= DOTS_NONE) zoneArea[z] += field.area[i] * cellArea
  }
  const zones: ZoneReport[] = design.zones.map((zone, z) => {
    const areaCm2 = zoneArea[z] / 100
    return {
      id: zone.id,
      kind: zone.kind,
      areaCm2: round(areaCm2, 1),
      dots: zoneDots[z],
      dotsPerCm2: areaCm2 > 0 ? round(zoneDots[z] / areaCm2, 1) : 0,
      coveragePercent: zoneArea[z] > 0 ? round((100 * zoneInk[z]) / zoneArea[z], 2) : 0,
    }
  })
  return {
    ok: true,
    report: {
      session,
      stage,
      years,
      fringeMatch,
      evenness: {
        treatedCvPercent: treatedEven.cv,
        fringeCvPercent: fringeEven.cv,
        cells: { treated: treatedEven.cells, fringe: fringeEven.cells },
      },
      dots: { total: dots.count, shown: diam.length, perSession },
      dotDiameterMm:
        diam.length === 0
          ? null
          : {
              p5: quantile(diam, 0.05),
              p25: quantile(diam, 0.25),
              p50: quantile(diam, 0.5),
              p75: quantile(diam, 0.75),
              p95: quantile(diam, 0.95),
            },
      zones,
    },
  }
}

function labOf(r: number, g: number, b: number): [number, number, number] {
  linearRgbToLab(r, g, b, _lab)
  return [round(_lab[0], 2), round(_lab[1], 2), round(_lab[2], 2)]
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))
  return round(sorted[i], 3)
}

/** Chamfer distance (mm) from every cell to the nearest cell of class `c` (two passes, 3-4 weights). */
function distanceTo(cls: Uint8Array, cols: number, rows: number, c: number, cell: number): Float32Array {
  const INF = 1e9
  const d = new Float32Array(cols * rows)
  for (let i = 0; i < d.length; i++) d[i] = cls[i] === c ? 0 : INF
  const a = cell
  const b = cell * Math.SQRT2
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const i = y * cols + x
      let v = d[i]
      if (x > 0) v = Math.min(v, d[i - 1] + a)
      if (y > 0) {
        v = Math.min(v, d[i - cols] + a)
        if (x > 0) v = Math.min(v, d[i - cols - 1] + b)
        if (x < cols - 1) v = Math.min(v, d[i - cols + 1] + b)
      }
      d[i] = v
    }
  }
  for (let y = rows - 1; y >= 0; y--) {
    for (let x = cols - 1; x >= 0; x--) {
      const i = y * cols + x
      let v = d[i]
      if (x < cols - 1) v = Math.min(v, d[i + 1] + a)
      if (y < rows - 1) {
        v = Math.min(v, d[i + cols] + a)
        if (x < cols - 1) v = Math.min(v, d[i + cols + 1] + b)
        if (x > 0) v = Math.min(v, d[i + cols - 1] + b)
      }
      d[i] = v
    }
  }
  return d
}
