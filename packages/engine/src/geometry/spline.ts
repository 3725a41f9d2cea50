// Centripetal Catmull-Rom splines (Yuksel, Schaefer & Keyser, "Parameterization and applications of Catmull-Rom
// curves", CAD 2011): through every control point, without cusps or self-intersections inside a segment.

import type { ChartPoint } from '../model/design.ts'

function knot(t: number, a: ChartPoint, b: ChartPoint): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  // alpha = 0.5: the square root of the chord length
  return t + Math.sqrt(Math.sqrt(dx * dx + dy * dy)) + 1e-9
}

/** Samples an open spline through `points` with `perSegment` samples per span (ends included once). */
export function catmullRom(points: readonly ChartPoint[], perSegment: number): ChartPoint[] {
  if (points.length < 2) return points.slice()
  const first = points[0]
  const last = points[points.length - 1]
  // phantom end points by reflection keep the ends natural
  const ext: ChartPoint[] = [
    [2 * first[0] - points[1][0], 2 * first[1] - points[1][1]],
    ...points,
    [2 * last[0] - points[points.length - 2][0], 2 * last[1] - points[points.length - 2][1]],
  ]
  const out: ChartPoint[] = []
  for (let i = 1; i < ext.length - 2; i++) {
    const p0 = ext[i - 1]
    const p1 = ext[i]
    const p2 = ext[i + 1]
    const p3 = ext[i + 2]
    const t0 = 0
    const t1 = knot(t0, p0, p1)
    const t2 = knot(t1, p1, p2)
    const t3 = knot(t2, p2, p3)
    for (let s = 0; s < perSegment; s++) {
      const t = t1 + ((t2 - t1) * s) / perSegment
      out.push(evaluate(p0, p1, p2, p3, t0, t1, t2, t3, t))
    }
  }
  out.push(last)
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
