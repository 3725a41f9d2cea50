// The studio's edits to a design, as pure functions from design to design (chart mm throughout).
import {
  type ChartPoint,
  type CurveHandle,
  createHead,
  type Design,
  HANDLE_LIMIT_MM,
  type Hairline,
  type HairlineHandle,
  hairlineControlPoints,
  hairlineCurve,
  hairlineHandles,
  type Scar,
  type Zone,
  type ZoneKind,
} from '@stipple/engine'

/** The hairline's control points as the engine uses them (its own, or those its parameters give). */
export function controlPointsOf(design: Design): ChartPoint[] {
  if (design.hairline === null) return []
  return hairlineControlPoints(design.hairline, createHead(design.head), design.head.sex)
}

/** Each control point's tangent handles as the curve uses them (its own, or the automatic ones), offsets in mm. */
export function handlesOf(design: Design): CurveHandle[] {
  if (design.hairline === null) return []
  return hairlineHandles(design.hairline, createHead(design.head), design.head.sex)
}

/** The designed hairline as the engine draws it (before its undulation), sampled for the overlay. */
export function hairlineCurveOf(design: Design, perSegment = 16): ChartPoint[] {
  if (design.hairline === null) return []
  return hairlineCurve(design.hairline, createHead(design.head), design.head.sex, perSegment)
}

export type HandleSide = 'in' | 'out'

/** A handle offset rounded like the points, and no longer than the design allows. */
function clampHandle(offset: readonly [number, number]): [number, number] {
  const length = Math.hypot(offset[0], offset[1])
  // a hair inside the limit, so rounding cannot push it over
  const f = length > HANDLE_LIMIT_MM - 0.01 ? (HANDLE_LIMIT_MM - 0.01) / length : 1
  return [round(offset[0] * f), round(offset[1] * f)]
}

/**
 * Moves one tangent handle of control point i to `offset` (from the point, chart mm). A smooth point turns its other
 * handle to the opposite direction, keeping that handle's length, so the line stays smooth through the point (the
 * automatic handles of a point differ in length with the chords beside it, and keeping it leaves the far span as
 * still as it can be); a corner (`corner`, Alt in the studio) moves the dragged handle alone. The hairline keeps its
 * hand-placed points from then on, as when a point moves.
 */
export function moveHandle(
  design: Design,
  i: number,
  side: HandleSide,
  offset: readonly [number, number],
  corner: boolean
): Design {
  if (design.hairline === null) return design
  const points = controlPointsOf(design)
  const current = handlesOf(design)[i]
  if (current === undefined) return design
  const moved = clampHandle(offset)
  const other: HandleSide = side === 'in' ? 'out' : 'in'
  let otherOffset: readonly [number, number] = current[other]
  const length = Math.hypot(moved[0], moved[1])
  if (!corner && length > 0) {
    // opposite the dragged handle; a handle of no length takes the dragged one's
    const keep = Math.hypot(otherOffset[0], otherOffset[1]) || length
    otherOffset = clampHandle([(-moved[0] * keep) / length, (-moved[1] * keep) / length])
  }
  const handle: HairlineHandle = side === 'in' ? { in: moved, out: otherOffset } : { in: otherOffset, out: moved }
  const handles: (HairlineHandle | null)[] = points.map((_, k) => design.hairline?.handles?.[k] ?? null)
  handles[i] = handle
  return {
    ...design,
    hairline: { ...design.hairline, controlPoints: design.hairline.controlPoints ?? points, handles },
  }
}

/** Gives control point i its automatic handles back; a hairline with no handle left has none at all. */
export function resetHandles(design: Design, i: number): Design {
  const hl = design.hairline
  if (hl === null || hl.handles === undefined || (hl.handles[i] ?? null) === null) return design
  const handles = hl.handles.map((h, k) => (k === i ? null : h))
  if (handles.some((h) => h !== null)) return { ...design, hairline: { ...hl, handles } }
  const { handles: _dropped, ...rest } = hl
  return { ...design, hairline: rest }
}

/** Moves control point i to p; the hairline keeps its hand-placed points from then on. */
export function moveControlPoint(design: Design, i: number, p: ChartPoint): Design {
  if (design.hairline === null) return design
  const points = controlPointsOf(design)
  if (i < 0 || i >= points.length) return design
  points[i] = [round(p[0]), round(p[1])]
  return { ...design, hairline: { ...design.hairline, controlPoints: points } }
}

/**
 * Sets hairline parameters. Height and shape shape the line only when it has no hand-placed points, so changing them
 * goes back to the parametric line.
 */
export function setHairline(design: Design, patch: Partial<Omit<Hairline, 'controlPoints' | 'handles'>>): Design {
  if (design.hairline === null) return design
  const next: Hairline = { ...design.hairline, ...patch }
  if (('heightMm' in patch || 'shape' in patch || 'templeRecessionMm' in patch) && next.controlPoints !== undefined) {
    // the handles belong to the hand-placed points and go with them
    const { controlPoints: _dropped, handles: _handles, ...rest } = next
    return { ...design, hairline: rest }
  }
  return { ...design, hairline: next }
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}

function centroid(points: readonly ChartPoint[]): ChartPoint {
  let x = 0
  let y = 0
  for (const p of points) {
    x += p[0]
    y += p[1]
  }
  return points.length === 0 ? [0, 0] : [x / points.length, y / points.length]
}

export function translate(points: readonly ChartPoint[], dx: number, dy: number): ChartPoint[] {
  return points.map(([x, y]): ChartPoint => [round(x + dx), round(y + dy)])
}

/** Scales points about their centroid. */
export function scale(points: readonly ChartPoint[], factor: number): ChartPoint[] {
  const [cx, cy] = centroid(points)
  return points.map(([x, y]): ChartPoint => [round(cx + (x - cx) * factor), round(cy + (y - cy) * factor)])
}

/** A regular polygon (for new zones and scars). */
function circle(center: ChartPoint, radiusMm: number, sides = 12): ChartPoint[] {
  const out: ChartPoint[] = []
  for (let k = 0; k < sides; k++) {
    const a = (2 * Math.PI * k) / sides
    out.push([round(center[0] + radiusMm * Math.cos(a)), round(center[1] + radiusMm * Math.sin(a))])
  }
  return out
}

function freeId(taken: readonly { id: string }[], prefix: string): string {
  const ids = new Set(taken.map((t) => t.id))
  for (let n = 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`
}

/** Adds a zone (density 85/cm², 0.15 mm dots, shade 35: DOMAIN's defaults) as a disc at `center`. */
export function addZone(design: Design, center: ChartPoint, kind: ZoneKind = 'density'): Design {
  const zone: Zone = {
    id: freeId(design.zones, 'zone'),
    kind,
    polygon: circle(center, 20),
    densityPerCm2: 85,
    dotSizeMm: 0.15,
    shade: 35,
    featherMm: 6,
  }
  return { ...design, zones: [...design.zones, zone] }
}

export function updateZone(design: Design, id: string, patch: Partial<Omit<Zone, 'id'>>): Design {
  return { ...design, zones: design.zones.map((z) => (z.id === id ? { ...z, ...patch } : z)) }
}

export function removeZone(design: Design, id: string): Design {
  return { ...design, zones: design.zones.filter((z) => z.id !== id) }
}

/** Adds a linear (FUT) scar across the back of the head, 4 mm wide. */
export function addScar(design: Design, center: ChartPoint): Design {
  const scar: Scar = {
    id: freeId(design.scars, 'scar'),
    kind: 'fut',
    polyline: [
      [round(center[0] - 40), center[1]],
      [center[0], round(center[1] - 4)],
      [round(center[0] + 40), center[1]],
    ],
    widthMm: 4,
  }
  return { ...design, scars: [...design.scars, scar] }
}

/** A scar's outline points (polyline or polygon), for moving and resizing. */
export function scarPoints(scar: Scar): readonly ChartPoint[] {
  return scar.kind === 'fut' ? scar.polyline : scar.polygon
}

export function withScarPoints(scar: Scar, points: ChartPoint[]): Scar {
  return scar.kind === 'fut' ? { ...scar, polyline: points } : { ...scar, polygon: points }
}

export function updateScar(design: Design, id: string, f: (s: Scar) => Scar): Design {
  return { ...design, scars: design.scars.map((s) => (s.id === id ? f(s) : s)) }
}

export function removeScar(design: Design, id: string): Design {
  return { ...design, scars: design.scars.filter((s) => s.id !== id) }
}
