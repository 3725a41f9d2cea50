// What a preview promises, in numbers: the fringe match (does the treated area's tone match the client's own shaved
// hair just past the border?), the evenness at the 5 mm scale, dot counts, the visible dot diameter distribution and
// the coverage per zone. Measured on the engine's own render of the chart view at 2 px/mm (the scalp flattened, so
// every millimetre counts alike), healed after the last session unless asked otherwise.

import { linearRgbToLab, SRGB_TO_LINEAR } from '../appearance/color.ts'
import { dotStateAt, fadeTimeConstant, previewDay, sessionDay } from '../appearance/time.ts'
import type { Placement } from '../placement/place-dots.ts'
import { markLayout } from '../render/mark.ts'
import { checkRenderOptions, type RenderIssue, renderPreview, type Stage } from '../render/render-preview.ts'
import { createView } from '../render/view.ts'
import { BAND_MM, borderBands, CELL_FRINGE, CELL_NONE, CELL_TREATED, INTERIOR_MM } from './border.ts'
import { deltaE2000 } from './delta-e.ts'

/** The measuring render's scale, px per chart mm (the issue: "at a 2 px/mm view"). */
export const MEASURE_PX_PER_MM = 2
/** Side of the evenness cells, mm (the issue: "at the 5 mm scale"). */
const EVENNESS_CELL_MM = 5
/** A cell counts for an area when at least this share of its pixels lie in its interior [assumption]. */
const CELL_FILL = 0.9
/** Fewer 5 mm cells than this (2 cm²) are too few to speak of evenness: none is reported [assumption]. */
const MIN_EVENNESS_CELLS = 8
/** The issue's bar: treated band and fringe band differ by at most this ΔE00. */
export const FRINGE_MATCH_LIMIT = 3
/**
 * How much rougher than the fringe the treated area may be at the 5 mm scale, in L* units of the neighbour measure
 * [assumption: half of ΔE00 ≈ 1, the just-noticeable difference side by side, so no extra mottle a client could point at].
 */
export const EVENNESS_MARGIN = 0.5
/** Zone key of dots placed in a scar's fill outside every zone (DotBuffer zone 255). */
const SCAR_FILL = 'scar-fill'

export interface InspectOptions {
  /** After this session (1-based); default the last. */
  session?: number
  /** 'healed' (default) or 'fresh' (the day after that session). */
  stage?: Stage
  /** Years after healing (healed only); default 0. */
  years?: number
  /** Days from the first session to each session; default every 14 days. */
  sessionDays?: readonly number[]
}

export interface BandColour {
  /** Mean colour, CIELAB (D65) of the band's mean linear light: what the eye averages from afar. */
  lab: [number, number, number]
  /** Scalp (chart) area measured, cm². */
  areaCm2: number
}

export type FringeMatch =
  | {
      kind: 'measured'
      deltaE2000: number
      treated: BandColour
      fringe: BandColour
      /** L* of the treated band minus the fringe's: negative when the treated area is darker. */
      lightnessDifference: number
      /** Plain words for an artist. */
      reading: string
    }
  /** No remaining hair borders the treatment (alopecia totalis or universalis): nothing to match. */
  | { kind: 'no-fringe'; reading: string }
  /** Hair remains, but no treated area meets it (dots only among the hair, as FUE scar camouflage): no border. */
  | { kind: 'no-border'; reading: string }

export interface AreaEvenness {
  /** 5 mm cells measured. */
  cells: number
  meanL: number
  /** Standard deviation of the cells' L* (includes designed gradients, such as a lighter crown). */
  sdL: number
  /**
   * Root mean square difference of L* between side-by-side cells, over √2: the 5 mm roughness, blind to gradients
   * slower than a few centimetres (a cloudy mottle shows here; a designed density ramp hardly does).
   */
  neighbourL: number
  /** Coefficient of variation of the cells' luminance Y. */
  cvY: number
}

export interface Evenness {
  treated: AreaEvenness | null
  fringe: AreaEvenness | null
}

export interface ZoneFigures {
  /** The zone's id, or 'scar-fill' for scar fill outside every zone. */
  zone: string
  /** Dots of the sessions shown. */
  dots: number
  /** Scalp area where the zone asks for dots, cm². */
  areaCm2: number
  /** Share of that area covered by the visible dots (their discs, at this stage). */
  coverage: number
}

export interface InspectionReport {
  session: number
  stage: Stage
  years: number
  fringeMatch: FringeMatch
  /**
   * True when the design's hair is long and the measures were taken with it clipped to buzz length: long locks lying
   * over the scalp are the client's own hair, not the treatment, and the pigment is matched to the hair at its roots.
   */
  hairClipped: boolean
  evenness: Evenness
  dots: {
    /** All dots of the design, every session. */
    total: number
    /** Dots per session (1-based order). */
    bySession: number[]
    /** Dots of the sessions shown. */
    shown: number
  }
  /** Visible diameter of the shown dots at this stage, mm; null without dots. */
  diameterMm: { p10: number; median: number; p90: number } | null
  zones: ZoneFigures[]
}

export type InspectionResult = { ok: true; report: InspectionReport } | { ok: false; issues: RenderIssue[] }

/** Plain words for a fringe match: how an artist would say it. */
export function fringeMatchReading(deltaE: number, lightnessDifference: number): string {
  if (deltaE <= 1) return 'matches the fringe: no visible difference'
  if (deltaE <= FRINGE_MATCH_LIMIT) return 'matches the fringe: a slight difference side by side'
  if (Math.abs(lightnessDifference) >= 0.5 * deltaE)
    return lightnessDifference < 0 ? 'darker than the fringe' : 'lighter than the fringe'
  return 'a different hue from the fringe'
}

function quantile(sorted: Float32Array, q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))
  return sorted[i]
}

const _lab = new Float64Array(3)

function evennessOf(
  sumR: Float64Array,
  sumG: Float64Array,
  sumB: Float64Array,
  ok: Uint8Array,
  bx: number,
  by: number
) {
  const L = new Float64Array(bx * by)
  const Y = new Float64Array(bx * by)
  let n = 0
  let sL = 0
  let sY = 0
  for (let i = 0; i < bx * by; i++) {
    if (ok[i] === 0) continue
    linearRgbToLab(sumR[i], sumG[i], sumB[i], _lab)
    L[i] = _lab[0]
    Y[i] = 0.2126729 * sumR[i] + 0.7151522 * sumG[i] + 0.072175 * sumB[i]
    n++
    sL += L[i]
    sY += Y[i]
  }
  if (n < MIN_EVENNESS_CELLS) return null
  const meanL = sL / n
  const meanY = sY / n
  let vL = 0
  let vY = 0
  let pairs = 0
  let sq = 0
  for (let y = 0; y < by; y++) {
    for (let x = 0; x < bx; x++) {
      const i = y * bx + x
      if (ok[i] === 0) continue
      vL += (L[i] - meanL) ** 2
      vY += (Y[i] - meanY) ** 2
      if (x + 1 < bx && ok[i + 1] === 1) {
        sq += (L[i] - L[i + 1]) ** 2
        pairs++
      }
      if (y + 1 < by && ok[i + bx] === 1) {
        sq += (L[i] - L[i + bx]) ** 2
        pairs++
      }
    }
  }
  return {
    cells: n,
    meanL,
    sdL: Math.sqrt(vL / (n - 1)),
    neighbourL: pairs > 0 ? Math.sqrt(sq / pairs / 2) : 0,
    cvY: meanY > 0 ? Math.sqrt(vY / (n - 1)) / meanY : 0,
  }
}

/**
 * Inspects a placed design: renders its chart at 2 px/mm (always with the "Simulated" mark, whose plate is left out of
 * every measure) and measures it. Invalid options come back as issues with the option's name as path.
 * @example
 *   const placed = placeDots(design)
 *   if (placed.ok) console.log(inspectPlacement(placed))  // healed after the last session
 */
export function inspectPlacement(placement: Placement, options: InspectOptions = {}): InspectionResult {
  const { design, dots, field: f } = placement
  const sessions = design.sessions.length
  const session = options.session ?? sessions
  const stage = options.stage ?? 'healed'
  const years = options.years ?? 0
  // the chart window over the whole field lattice, at 2 px per chart mm
  const widthMm = f.cols * f.cell
  const heightMm = f.rows * f.cell
  const width = Math.max(16, Math.min(8192, Math.round(widthMm * MEASURE_PX_PER_MM)))
  const height = Math.max(16, Math.min(8192, Math.round(heightMm * MEASURE_PX_PER_MM)))
  const closeUp = { u: f.x0 + widthMm / 2, v: f.y0 + heightMm / 2, widthMm: width / MEASURE_PX_PER_MM }
  const renderOptions = {
    view: 'chart' as const,
    stage,
    years,
    width,
    height,
    closeUp,
    ...(options.session === undefined ? {} : { session }),
    ...(options.sessionDays === undefined ? {} : { sessionDays: options.sessionDays }),
  }
  const issues = checkRenderOptions(design, renderOptions)
  if (issues.length > 0) return { ok: false, issues }

  const k = Math.max(0, session - 1)
  // dots, their visible size and the coverage
  const bySession = design.sessions.map(() => 0)
  for (let i = 0; i < dots.count; i++) bySession[dots.session[i]] = (bySession[dots.session[i]] ?? 0) + 1
  const day = previewDay(k, stage, years, options.sessionDays)
  const tau = fadeTimeConstant(design.skin, design.pigment)
  const scale = new Float64Array(Math.max(1, sessions))
  const state = new Float64Array(4)
  for (let j = 0; j < sessions && j <= k; j++) {
    dotStateAt(day - sessionDay(j, options.sessionDays), tau, design.skin, design.pigment.depthMm, state)
    scale[j] = state[0]
  }
  const zoneKey = (z: number) => (z === 255 ? SCAR_FILL : (design.zones[z]?.id ?? SCAR_FILL))
  const zoneDots = new Map<string, number>()
  const zoneDisc = new Map<string, number>()
  const zoneArea = new Map<string, number>()
  const diam = new Float32Array(dots.count)
  let shown = 0
  for (let i = 0; i < dots.count; i++) {
    const j = dots.session[i]
    if (j > k) continue
    const d = dots.diameter[i] * scale[j]
    diam[shown++] = d
    const key = zoneKey(dots.zone[i])
    zoneDots.set(key, (zoneDots.get(key) ?? 0) + 1)
    zoneDisc.set(key, (zoneDisc.get(key) ?? 0) + (Math.PI * d * d) / 4)
  }
  for (let i = 0; i < f.density.length; i++) {
    if (!(f.density[i] > 0)) continue
    const key = zoneKey(f.zone[i])
    zoneArea.set(key, (zoneArea.get(key) ?? 0) + f.area[i] * f.cell * f.cell)
  }
  const sorted = diam.subarray(0, shown).sort()
  const keys = [...design.zones.map((z) => z.id), SCAR_FILL].filter(
    (key, i, all) => all.indexOf(key) === i && ((zoneArea.get(key) ?? 0) > 0 || (zoneDots.get(key) ?? 0) > 0)
  )
  const zones = keys.map((zone) => {
    const area = zoneArea.get(zone) ?? 0
    return {
      zone,
      dots: zoneDots.get(zone) ?? 0,
      areaCm2: area / 100,
      coverage: area > 0 ? (zoneDisc.get(zone) ?? 0) / area : 0,
    }
  })

  // the render, and each pixel's cell
  const target = { width, height, data: new Uint8ClampedArray(width * height * 4) }
  const hairClipped = design.hair?.length === 'long'
  const measured: Placement = hairClipped
    ? { ...placement, design: { ...design, hair: { ...(design.hair ?? { color: 'brown' }), length: 'buzz' } } }
    : placement
  const rendered = renderPreview(measured, renderOptions, target)
  if (!rendered.ok) return { ok: false, issues: rendered.issues }
  const view = createView(placement.head, 'chart', width, height, closeUp)
  const bands = borderBands(placement)
  const plate = markLayout(width, height)
  const cellPx = EVENNESS_CELL_MM * MEASURE_PX_PER_MM
  const bx = Math.floor(width / cellPx)
  const by = Math.floor(height / cellPx)
  const acc = {
    treated: { r: 0, g: 0, b: 0, n: 0 },
    fringe: { r: 0, g: 0, b: 0, n: 0 },
  }
  const blocks = bx * by
  const sumR = new Float64Array(blocks)
  const sumG = new Float64Array(blocks)
  const sumB = new Float64Array(blocks)
  const countT = new Uint16Array(blocks)
  const countF = new Uint16Array(blocks)
  const countAll = new Uint16Array(blocks)
  const r2 = view.chartRadius * view.chartRadius
  const data = target.data
  for (let y = 0; y < height; y++) {
    const v = (view.cy - (y + 0.5)) / view.chartScale
    const row = Math.floor((v - f.y0) / f.cell)
    if (row < 0 || row >= f.rows) continue
    for (let x = 0; x < width; x++) {
      if (x >= plate.x && x < plate.x + plate.w && y >= plate.y && y < plate.y + plate.h) continue
      const u = (x + 0.5 - view.cx) / view.chartScale
      if (u * u + v * v > r2) continue
      const col = Math.floor((u - f.x0) / f.cell)
      if (col < 0 || col >= f.cols) continue
      const c = row * f.cols + col
      const kind = bands.kind[c]
      if (kind === CELL_NONE) continue
      const o = (y * width + x) * 4
      const lr = SRGB_TO_LINEAR[data[o]]
      const lg = SRGB_TO_LINEAR[data[o + 1]]
      const lb = SRGB_TO_LINEAR[data[o + 2]]
      if (bands.distance[c] <= BAND_MM) {
        const a = kind === CELL_TREATED ? acc.treated : acc.fringe
        a.r += lr
        a.g += lg
        a.b += lb
        a.n++
      }
      const ix = Math.floor(x / cellPx)
      const iy = Math.floor(y / cellPx)
      if (ix >= bx || iy >= by) continue
      const bi = iy * bx + ix
      sumR[bi] += lr
      sumG[bi] += lg
      sumB[bi] += lb
      countAll[bi]++
      if (bands.inset[c] < INTERIOR_MM) continue
      if (kind === CELL_TREATED) countT[bi]++
      else if (kind === CELL_FRINGE) countF[bi]++
    }
  }
  // a cell's colour is its mean over all the pixels it holds; it counts for an area when nearly all lie in it
  const full = cellPx * cellPx
  const okT = new Uint8Array(blocks)
  const okF = new Uint8Array(blocks)
  for (let i = 0; i < blocks; i++) {
    const m = countAll[i]
    if (m > 0) {
      sumR[i] /= m
      sumG[i] /= m
      sumB[i] /= m
    }
    if (countT[i] >= CELL_FILL * full) okT[i] = 1
    if (countF[i] >= CELL_FILL * full) okF[i] = 1
  }
  const evenness = {
    treated: evennessOf(sumR, sumG, sumB, okT, bx, by),
    fringe: evennessOf(sumR, sumG, sumB, okF, bx, by),
  }

  const pxArea = 1 / (MEASURE_PX_PER_MM * MEASURE_PX_PER_MM) / 100
  let fringeMatch: FringeMatch
  if (bands.fringe === 0) fringeMatch = { kind: 'no-fringe', reading: 'no fringe: no hair remains to match' }
  else if (acc.treated.n === 0 || acc.fringe.n === 0)
    fringeMatch = {
      kind: 'no-border',
      reading: 'no border to match: the dots lie among the remaining hair, not beside it',
    }
  else {
    const labOf = (a: { r: number; g: number; b: number; n: number }): [number, number, number] => {
      linearRgbToLab(a.r / a.n, a.g / a.n, a.b / a.n, _lab)
      return [_lab[0], _lab[1], _lab[2]]
    }
    const t = labOf(acc.treated)
    const h = labOf(acc.fringe)
    const dE = deltaE2000(t, h)
    fringeMatch = {
      kind: 'measured',
      deltaE2000: dE,
      treated: { lab: t, areaCm2: acc.treated.n * pxArea },
      fringe: { lab: h, areaCm2: acc.fringe.n * pxArea },
      lightnessDifference: t[0] - h[0],
      reading: fringeMatchReading(dE, t[0] - h[0]),
    }
  }
  return {
    ok: true,
    report: {
      session,
      stage,
      years,
      fringeMatch,
      hairClipped,
      evenness,
      dots: { total: dots.count, bySession, shown },
      diameterMm:
        shown === 0 ? null : { p10: quantile(sorted, 0.1), median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) },
      zones,
    },
  }
}
