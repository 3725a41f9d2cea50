// What the studio knows about each kind of outline it edits (a zone, an FUT strip scar, an FUE donor area): its names,
// how its points are stored, a new one's defaults, and its hit test. Shared code looks the kind's util up here and
// never branches on the kind itself.
import type { ChartPoint, Design, Scar, Zone } from '@stipple/engine'

/** The kinds of outline the studio edits. */
export type ShapeKind = 'zone' | 'fut' | 'fue' | 'polygon'

/** The kinds the studio's drawing tools make. */
export type DrawKind = Exclude<ShapeKind, 'polygon'>

/** Which list of the design an outline lives in. */
export type ShapeList = 'zones' | 'scars'

export type ShapeItem = Zone | Scar

/** The fields of a shape that its panel sets: a zone's look, an FUT scar's width, an FUE area's punches. */
export interface ShapeFieldsPatch {
  densityPerCm2?: number
  dotSizeMm?: number
  shade?: number
  widthMm?: number
  count?: number
  diameterMm?: number
}

export interface ShapeUtil {
  kind: ShapeKind
  list: ShapeList
  /** What one is called in messages ("FUT scar"). */
  name: string
  /** Its drawing tool's button. */
  drawLabel: string
  /** How to draw one on the preview. */
  drawHint: string
  /** An outline (closed) or a line along a strip (open). */
  closed: boolean
  /** The fewest points it keeps (drawing needs as many; Delete refuses below). */
  minPoints: number
  /** What its points are called. */
  noun: 'corner' | 'point'
  /** What the list it is in calls it, before its id ("Zone zone-1", "Scar scar-1"). */
  title: 'Zone' | 'Scar'
  /** Its outline's points (chart mm). */
  pointsOf(item: ShapeItem): readonly ChartPoint[]
  withPoints(item: ShapeItem, points: ChartPoint[]): ShapeItem
  /** A new one with these points and the kind's defaults, under a free id. */
  create(design: Design, points: ChartPoint[]): ShapeItem
  /** Why the design cannot take another of this kind, beyond the list's own limit; null when it can. */
  refusal(design: Design): string | null
  setFields(item: ShapeItem, patch: ShapeFieldsPatch): ShapeItem
  /** Whether chart point p is on the shape (inside an outline, within `toleranceMm` of a line). */
  hitTest(item: ShapeItem, p: ChartPoint, toleranceMm: number): boolean
}

/** The first `${prefix}-n` no item has. */
export function freeId(taken: readonly { id: string }[], prefix: string): string {
  const ids = new Set(taken.map((t) => t.id))
  for (let n = 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`
}

/** Even-odd point in polygon (the ray-crossing test, as in Franklin's PNPOLY). */
export function insidePolygon(points: readonly ChartPoint[], p: ChartPoint): boolean {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i] as ChartPoint
    const b = points[j] as ChartPoint
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** The distance from p to the nearest segment of an open polyline, mm. */
export function distanceToPolyline(points: readonly ChartPoint[], p: ChartPoint): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as ChartPoint
    const b = points[i + 1] as ChartPoint
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len2 = dx * dx + dy * dy
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2))
    best = Math.min(best, Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)))
  }
  return best
}
