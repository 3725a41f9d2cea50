// The designed hairline on the chart: control points from the design's parameters (or the artist's own points),
// a smooth centripetal spline through them, and the macro undulation that keeps the front edge from looking ruled.
// Rules from DOMAIN §3: MFP height above glabella [GARG17]; frontotemporal angle kept open, never filled [SHAP13];
// temporal peaks below the FTA towards the lateral canthus [GARG17]; female hairlines rounded at the temples with a
// widow's peak in most women [NUSB]; macro undulation 1–6 mm over 15–40 mm [RGH]. The artist's tangent handles, where
// the hand-placed points carry them, bend the spans beside their point (cubic Bézier, geometry/spline.ts).

import { automaticHandles, splineWithHandles } from '../geometry/spline.ts'
import { valueNoise1 } from '../math/noise.ts'
import { deriveSeed } from '../math/rng.ts'
import type { ChartPoint, Hairline, HairlineHandle } from '../model/design.ts'
import { frontalToChart, type HeadModel, type Sex } from '../scalp/head.ts'

/** Lateral brow-arc distance of the frontotemporal point, mm [GARG17: 8 cm for men]; narrower for women [KOR-F]. */
export const FTA_LATERAL_MM: Readonly<Record<Sex, number>> = { male: 80, female: 72 }

/** Frontal-frame control points (brow arc s, height h) for the client's right side, from the midline outwards. */
function rightSideFrontal(hairline: Hairline, sex: Sex): [number, number][] {
  const H = hairline.heightMm
  const R = hairline.templeRecessionMm
  const lat = FTA_LATERAL_MM[sex]
  // how the line rises from the midline towards the FTA, per shape [LAM-LAP], [HSITE], [NUSB]
  const rise = { straight: 0, rounded: 4, 'widows-peak': 7, mature: 6 }[hairline.shape]
  const midRise = { straight: 0.5, rounded: 1.5, 'widows-peak': 5, mature: 2 }[hairline.shape]
  const ftaExtra = hairline.shape === 'mature' ? 6 : 0
  if (sex === 'female') {
    // rounded temple mounds instead of male temporal points [THER], [LAM-F]
    return [
      [0, H],
      [lat * 0.4, H + midRise],
      [lat * 0.78, H + rise + R * 0.5],
      [lat + 4, H + rise * 0.5 + R * 0.6 - 10],
      [lat + 8, H - 28],
      [lat + 14, H - 52],
    ]
  }
  return [
    [0, H],
    [lat * 0.4, H + midRise],
    [lat * 0.75, H + rise + R * 0.45],
    [lat, H + rise + R + ftaExtra],
    [lat + 10 + R * 0.25, H + R * 0.5 - 22],
    [lat + 6, H - 48],
    [lat + 16, H - 70],
  ]
}

/** The hairline's control points on the chart, from the client's right to left. */
export function hairlineControlPoints(hairline: Hairline, head: HeadModel, sex: Sex): ChartPoint[] {
  if (hairline.controlPoints && hairline.controlPoints.length >= 2) return hairline.controlPoints.slice()
  const right = rightSideFrontal(hairline, sex)
  const ordered = [...right.slice(1).reverse(), right[0], ...right.slice(1).map(([s, h]): [number, number] => [-s, h])]
  return ordered.map(([s, h]): ChartPoint => {
    const p = frontalToChart(head, s, h)
    return [p.u, p.v]
  })
}

/** Longest tangent handle a design may carry, chart mm. */
export const HANDLE_LIMIT_MM = 80

/** The handles the curve uses: the design's own, which belong to its hand-placed points only. */
function ownHandles(hairline: Hairline): readonly (HairlineHandle | null)[] | undefined {
  return hairline.controlPoints && hairline.controlPoints.length >= 2 ? hairline.handles : undefined
}

/** A control point's handles as the curve uses them, and whether they are the automatic ones. */
export interface CurveHandle extends HairlineHandle {
  automatic: boolean
}

/**
 * Each control point's tangent handles as the curve uses them: the design's own where it has them, else the
 * automatic ones (the Catmull-Rom spline's tangent in Bézier form), so an editor can show them before they are moved.
 */
export function hairlineHandles(hairline: Hairline, head: HeadModel, sex: Sex): CurveHandle[] {
  const auto = automaticHandles(hairlineControlPoints(hairline, head, sex))
  const own = ownHandles(hairline)
  return auto.map((a, i) => {
    const h = own?.[i] ?? null
    return h === null ? { ...a, automatic: true } : { in: h.in, out: h.out, automatic: false }
  })
}

/** Samples the smooth designed hairline (no undulation) with `perSegment` samples per span, client's right to left. */
export function hairlineCurve(hairline: Hairline, head: HeadModel, sex: Sex, perSegment: number): ChartPoint[] {
  return splineWithHandles(hairlineControlPoints(hairline, head, sex), ownHandles(hairline), perSegment)
}

/** Sample spacing of the hairline polyline, chart mm. */
const STEP_MM = 0.5

export interface HairlinePath {
  /** The smooth designed line (no undulation), client's right to left. */
  base: ChartPoint[]
  /** The line with its macro undulation: where the density ramp starts. */
  line: ChartPoint[]
  /** Closed region ahead of the line (the forehead), for inside tests. */
  ahead: ChartPoint[]
}

/** Resamples a polyline to points about `step` apart. */
function resample(points: readonly ChartPoint[], step: number): ChartPoint[] {
  const out: ChartPoint[] = [points[0]]
  let carry = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]
    const b = points[i]
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len = Math.sqrt(dx * dx + dy * dy)
    let t = step - carry
    while (t <= len) {
      out.push([a[0] + (dx * t) / len, a[1] + (dy * t) / len])
      t += step
    }
    carry = len - (t - step)
  }
  const last = points[points.length - 1]
  const tail = out[out.length - 1]
  if (tail[0] !== last[0] || tail[1] !== last[1]) out.push(last)
  return out
}

/** Builds the hairline path for a design; `seed` drives the undulation. */
export function hairlinePath(hairline: Hairline, head: HeadModel, sex: Sex, seed: number): HairlinePath {
  const base = resample(hairlineCurve(hairline, head, sex, 24), STEP_MM)
  const noiseSeed = deriveSeed(seed, 'hairline-macro')
  const amp = hairline.macroIrregularityMm
  const wavelength = Math.max(hairline.macroWavelengthMm, 1)
  const n = base.length
  const line: ChartPoint[] = []
  for (let i = 0; i < n; i++) {
    const a = base[Math.max(0, i - 1)]
    const b = base[Math.min(n - 1, i + 1)]
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len = Math.sqrt(dx * dx + dy * dy) || 1
    // walking from the client's right to left (u falling), the right-hand normal points forward (towards the face)
    const nx = dy / len
    const ny = -dx / len
    const s = i * STEP_MM
    // two octaves: the wavelength the artist asked for, plus a finer ripple at a third of it
    const wave =
      0.75 * (2 * valueNoise1(s, wavelength, noiseSeed) - 1) +
      0.25 * (2 * valueNoise1(s, wavelength / 3, noiseSeed ^ 0x9e37) - 1)
    // fade the undulation in over the first and last 10 mm so the ends stay where the artist put them
    const taper = Math.min(1, s / 10, ((n - 1 - i) * STEP_MM) / 10)
    const off = amp * wave * taper
    line.push([base[i][0] + nx * off, base[i][1] + ny * off])
  }
  // the forehead: the line closed by a fan to a point far ahead of the face; everything else (the top, sides and back)
  // lies behind the hairline, so hair below the sideburns stays where it is
  const ahead: ChartPoint[] = [...line, [0, 4 * head.k]]
  return { base, line, ahead }
}
