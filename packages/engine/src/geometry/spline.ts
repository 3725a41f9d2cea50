// Centripetal Catmull-Rom splines (Yuksel, Schaefer & Keyser, "Parameterization and applications of Catmull-Rom
// curves", CAD 2011): through every control point, without cusps or self-intersections inside a segment. A segment is
// a cubic in its knot parameter, so it is also a cubic Bézier; `splineWithHandles` lets an artist's tangent handles
// replace the automatic ones at chosen points while every other segment stays the Catmull-Rom one, bit for bit.

import type { ChartPoint, HairlineHandle } from '../model/design.ts'

function knot(t: number, a: ChartPoint, b: ChartPoint): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  // alpha = 0.5: the square root of the chord length
  return t + Math.sqrt(Math.sqrt(dx * dx + dy * dy)) + 1e-9
}

/** The points with a phantom point reflected beyond each end: the phantoms keep the ends natural. */
function extended(points: readonly ChartPoint[]): ChartPoint[] {
  const first = points[0]
  const last = points[points.length - 1]
  return [
    [2 * first[0] - points[1][0], 2 * first[1] - points[1][1]],
    ...points,
    [2 * last[0] - points[points.length - 2][0], 2 * last[1] - points[points.length - 2][1]],
  ]
}

/** Pushes `perSegment` samples of the Catmull-Rom span from p1 to p2 (p1 included, p2 not). */
function sampleSpan(
  out: ChartPoint[],
  p0: ChartPoint,
  p1: ChartPoint,
  p2: ChartPoint,
  p3: ChartPoint,
  perSegment: number
): void {
  const t0 = 0
  const t1 = knot(t0, p0, p1)
  const t2 = knot(t1, p1, p2)
  const t3 = knot(t2, p2, p3)
  for (let s = 0; s < perSegment; s++) {
    const t = t1 + ((t2 - t1) * s) / perSegment
    out.push(evaluate(p0, p1, p2, p3, t0, t1, t2, t3, t))
  }
}

/** Samples an open spline through `points` with `perSegment` samples per span (ends included once). */
export function catmullRom(points: readonly ChartPoint[], perSegment: number): ChartPoint[] {
  if (points.length < 2) return points.slice()
  const ext = extended(points)
  const out: ChartPoint[] = []
  for (let i = 1; i < ext.length - 2; i++) sampleSpan(out, ext[i - 1], ext[i], ext[i + 1], ext[i + 2], perSegment)
  out.push(points[points.length - 1])
  return out
}

/**
 * The automatic tangent handles of every point of the open spline through `points`, in Bézier form (offsets from the
 * point, chart mm): the Catmull-Rom segment from P_i to P_i+1 is the cubic Bézier P_i, P_i + out_i, P_i+1 + in_i+1,
 * P_i+1. A point's two handles lie on one line (the spline's tangent there); their lengths follow the knot spans on
 * either side, so they differ where the neighbouring chords do.
 */
export function automaticHandles(points: readonly ChartPoint[]): HairlineHandle[] {
  if (points.length < 2) return points.map(() => ({ in: [0, 0], out: [0, 0] }))
  const ext = extended(points)
  const handles: HairlineHandle[] = []
  for (let i = 1; i < ext.length - 1; i++) {
    const a = ext[i - 1]
    const p = ext[i]
    const b = ext[i + 1]
    const before = knot(0, a, p) // knot span from the previous point
    const after = knot(0, p, b) // and to the next
    // the derivative at p of the Barry-Goldman pyramid over the knots (−before, 0, after)
    const m = (k: 0 | 1) => (p[k] - a[k]) / before - (b[k] - a[k]) / (before + after) + (b[k] - p[k]) / after
    const mx = m(0)
    const my = m(1)
    handles.push({ in: [(-mx * before) / 3, (-my * before) / 3], out: [(mx * after) / 3, (my * after) / 3] })
  }
  return handles
}

function bezier(p0: ChartPoint, c0: ChartPoint, c1: ChartPoint, p1: ChartPoint, s: number): ChartPoint {
  const r = 1 - s
  const a = r * r * r
  const b = 3 * r * r * s
  const c = 3 * r * s * s
  const d = s * s * s
  return [a * p0[0] + b * c0[0] + c * c1[0] + d * p1[0], a * p0[1] + b * c0[1] + c * c1[1] + d * p1[1]]
}

/**
 * Samples an open spline through `points` where a point may carry its own tangent handles (offsets, chart mm; null
 * for automatic): a span with a handle at either end is the cubic Bézier P_i, P_i + out_i, P_i+1 + in_i+1, P_i+1 (an
 * automatic end taking the Catmull-Rom handle there), every other span the Catmull-Rom one, so with no handles this
 * is `catmullRom` exactly. A handle changes only the two spans beside its point.
 */
export function splineWithHandles(
  points: readonly ChartPoint[],
  handles: readonly (HairlineHandle | null)[] | undefined,
  perSegment: number
): ChartPoint[] {
  if (handles === undefined || handles.every((h) => h === null) || points.length < 2)
    return catmullRom(points, perSegment)
  const ext = extended(points)
  const auto = automaticHandles(points)
  const out: ChartPoint[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const own0 = handles[i] ?? null
    const own1 = handles[i + 1] ?? null
    if (own0 === null && own1 === null) {
      sampleSpan(out, ext[i], ext[i + 1], ext[i + 2], ext[i + 3], perSegment)
      continue
    }
    const p0 = points[i]
    const p1 = points[i + 1]
    const h0 = (own0 ?? auto[i]).out
    const h1 = (own1 ?? auto[i + 1]).in
    const c0: ChartPoint = [p0[0] + h0[0], p0[1] + h0[1]]
    const c1: ChartPoint = [p1[0] + h1[0], p1[1] + h1[1]]
    // the span starts exactly on its control point
    out.push(p0)
    for (let s = 1; s < perSegment; s++) out.push(bezier(p0, c0, c1, p1, s / perSegment))
  }
  out.push(points[points.length - 1])
  return out
}

function evaluate(
  p0: ChartPoint,
  p1: ChartPoint,
  p2: ChartPoint,
  p3: ChartPoint,
  t0: number,
  t1: number,
  t2: number,
  t3: number,
  t: number
): ChartPoint {
  const lerp = (a: ChartPoint, b: ChartPoint, ta: number, tb: number): ChartPoint => {
    const wa = (tb - t) / (tb - ta)
    const wb = (t - ta) / (tb - ta)
    return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1]]
  }
  const a1 = lerp(p0, p1, t0, t1)
  const a2 = lerp(p1, p2, t1, t2)
  const a3 = lerp(p2, p3, t2, t3)
  const b1 = lerp(a1, a2, t0, t2)
  const b2 = lerp(a2, a3, t1, t3)
  return lerp(b1, b2, t1, t2)
}

/** Samples a closed periodic spline through `points`. */
export function catmullRomClosed(points: readonly ChartPoint[], perSegment: number): ChartPoint[] {
  const n = points.length
  const out: ChartPoint[] = []
  for (let i = 0; i < n; i++) {
    const p0 = points[(i - 1 + n) % n]
    const p1 = points[i]
    const p2 = points[(i + 1) % n]
    const p3 = points[(i + 2) % n]
    const t1 = knot(0, p0, p1)
    const t2 = knot(t1, p1, p2)
    const t3 = knot(t2, p2, p3)
    for (let s = 0; s < perSegment; s++)
      out.push(evaluate(p0, p1, p2, p3, 0, t1, t2, t3, t1 + ((t2 - t1) * s) / perSegment))
  }
  return out
}
