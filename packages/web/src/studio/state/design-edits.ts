// The studio's edits to a design, as pure functions from design to design (chart mm throughout).
import { DESIGN_LIMITS } from '@stipple/domain'
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
  type Issue,
  validateDesign,
  type Zone,
  type ZoneKind,
} from '@stipple/engine'
import { futUtil } from '../editor/kinds/fut-util.ts'
import type { DrawKind, ShapeFieldsPatch, ShapeList } from '../editor/kinds/shape-util.ts'
import {
  refOf,
  resolveShape,
  SHAPE_UTILS,
  type ShapeRef,
  withItem,
  withNewItem,
  withoutItem,
} from '../editor/kinds/shape-utils.ts'
import { zoneUtil } from '../editor/kinds/zone-util.ts'

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

export function centroid(points: readonly ChartPoint[]): ChartPoint {
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

/** Adds a zone with DOMAIN's defaults as a disc at `center`. */
export function addZone(design: Design, center: ChartPoint, kind: ZoneKind = 'density'): Design {
  const zone = { ...(zoneUtil.create(design, circle(center, 20)) as Zone), kind }
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
  const polyline: ChartPoint[] = [
    [round(center[0] - 40), center[1]],
    [center[0], round(center[1] - 4)],
    [round(center[0] + 40), center[1]],
  ]
  return withNewItem(design, 'scars', futUtil.create(design, polyline))
}

/** Removes a zone or a scar. */
export function removeShape(design: Design, ref: ShapeRef): Design {
  const shape = resolveShape(design, ref)
  if (shape === null) return design
  return withoutItem(design, shape.util.list, ref.id)
}

/** The outline of a zone or scar (a scar's polyline or polygon), or null when there is none with that id. */
export function shapePointsOf(design: Design, ref: ShapeRef): readonly ChartPoint[] | null {
  const shape = resolveShape(design, ref)
  return shape === null ? null : shape.util.pointsOf(shape.item)
}

/** The fewest points a shape keeps: an FUT scar is a line (2), every other outline a polygon (3). */
export function minCornersOf(design: Design, ref: ShapeRef): number {
  return resolveShape(design, ref)?.util.minPoints ?? 3
}

/** The design with a zone's or scar's outline replaced. */
export function withShapePoints(design: Design, ref: ShapeRef, points: ChartPoint[]): Design {
  const shape = resolveShape(design, ref)
  if (shape === null) return design
  return withItem(design, shape.util.list, ref.id, (item) => shape.util.withPoints(item, points))
}

/** Moves corner i of a zone's outline (or point i of a scar) to p. */
export function moveCorner(design: Design, ref: ShapeRef, i: number, p: ChartPoint): Design {
  const points = shapePointsOf(design, ref)
  if (points === null || i < 0 || i >= points.length) return design
  const next = [...points]
  next[i] = [round(p[0]), round(p[1])]
  return withShapePoints(design, ref, next)
}

/** Inserts a corner at p after corner i (so it becomes corner i + 1). */
export function insertCorner(design: Design, ref: ShapeRef, i: number, p: ChartPoint): Design {
  const points = shapePointsOf(design, ref)
  if (points === null || i < 0 || i >= points.length || points.length >= MAX_POINTS) return design
  const next = [...points]
  next.splice(i + 1, 0, [round(p[0]), round(p[1])])
  return withShapePoints(design, ref, next)
}

/** Removes corner i, never leaving fewer than the shape needs (then the design comes back unchanged). */
export function removeCorner(design: Design, ref: ShapeRef, i: number): Design {
  const points = shapePointsOf(design, ref)
  if (points === null || i < 0 || i >= points.length || points.length <= minCornersOf(design, ref)) return design
  return withShapePoints(
    design,
    ref,
    points.filter((_, k) => k !== i)
  )
}

/** The middle of each edge (a closed outline has one from its last corner back to its first), to insert a corner. */
export function edgeMidpoints(points: readonly ChartPoint[], closed: boolean): ChartPoint[] {
  const n = closed ? points.length : points.length - 1
  const out: ChartPoint[] = []
  for (let i = 0; i < n; i++) {
    const a = points[i] as ChartPoint
    const b = points[(i + 1) % points.length] as ChartPoint
    out.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])
  }
  return out
}

/** The edge nearest to p (its first corner's index) and the nearest point on it, for a double-click on an outline. */
export function nearestEdge(
  points: readonly ChartPoint[],
  closed: boolean,
  p: ChartPoint
): { index: number; at: ChartPoint } | null {
  const n = closed ? points.length : points.length - 1
  let best: { index: number; at: ChartPoint; d: number } | null = null
  for (let i = 0; i < n; i++) {
    const a = points[i] as ChartPoint
    const b = points[(i + 1) % points.length] as ChartPoint
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len2 = dx * dx + dy * dy
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2))
    const at: ChartPoint = [a[0] + t * dx, a[1] + t * dy]
    const d = Math.hypot(p[0] - at[0], p[1] - at[1])
    if (best === null || d < best.d) best = { index: i, at, d }
  }
  return best === null ? null : { index: best.index, at: best.at }
}

/** The design schema's cap on the points of one outline. */
export const MAX_POINTS = 512

export type DrawResult =
  | { ok: true; design: Design; selection: ShapeRef }
  | { ok: false; message: string; issues: readonly Issue[] }

/** Why a drawing tool cannot start on this design, or null when it can. */
export function drawRefusal(design: Design, tool: DrawKind): string | null {
  const util = SHAPE_UTILS[tool]
  const limit = DESIGN_LIMITS[util.list]
  if (design[util.list].length >= limit) return `A design has at most ${limit} ${util.list}.`
  return util.refusal(design)
}

/**
 * Turns drawn points into a zone (DOMAIN's defaults, as `addZone` gives), an FUT scar (4 mm wide) or an FUE donor
 * area (1500 punches of 0.9 mm), checked by the engine's `validateDesign`: an outline that crosses itself, encloses
 * nothing or leaves the head is refused with the engine's reason, and the design stays as it was.
 */
export function finishDrawing(design: Design, tool: DrawKind, points: readonly ChartPoint[]): DrawResult {
  const refusal = drawRefusal(design, tool)
  if (refusal !== null) return { ok: false, message: refusal, issues: [] }
  const util = SHAPE_UTILS[tool]
  const { name, minPoints: min } = util
  if (points.length < min)
    return {
      ok: false,
      message: `A ${name} needs at least ${min} points; ${points.length === 1 ? '1 is' : `${points.length} are`} placed.`,
      issues: [],
    }
  if (points.length > MAX_POINTS)
    return { ok: false, message: `A ${name} has at most ${MAX_POINTS} points.`, issues: [] }
  const rounded = points.map(([x, y]): ChartPoint => [round(x), round(y)])
  const item = util.create(design, rounded)
  const next = withNewItem(design, util.list, item)
  const selection = refOf(util.list, item.id)
  const path = `${util.list}[${design[util.list].length}]`
  const issues = validateDesign(next, createHead(next.head)).filter(
    (i) => i.path === path || i.path.startsWith(`${path}.`)
  )
  if (issues.length > 0) {
    const noun = util.closed ? 'outline' : 'line'
    const reasons = issues.map((i) => {
      const corner = /\[(\d+)\]$/.exec(i.path)
      return corner === null ? `the ${noun} ${i.message}` : `point ${Number(corner[1]) + 1}: ${i.message}`
    })
    const text = reasons.join('; ')
    return {
      ok: false,
      message: `This ${name} cannot be used: ${text}. Move or remove points (Backspace removes the last), or cancel.`,
      issues,
    }
  }
  return { ok: true, design: next, selection }
}

/** Sets the fields a shape of that kind has; the others are ignored. */
export function setShapeFields(design: Design, ref: ShapeRef, patch: ShapeFieldsPatch): Design {
  const shape = resolveShape(design, ref)
  if (shape === null) return design
  return withItem(design, shape.util.list, ref.id, (item) => shape.util.setFields(item, patch))
}

/** Sets the fields a scar of that kind has; the others are ignored. */
export function setScarFields(design: Design, id: string, patch: ShapeFieldsPatch): Design {
  return setShapeFields(design, { kind: 'scar', id }, patch)
}

/**
 * Names the zone or scar (and the corner) an engine issue's path points at, as the studio labels them:
 * "zones[1].polygon[3]" is "Zone zone-2, corner 4". Other paths come back as they are.
 */
export function issuePlace(design: Design, path: string): string {
  const m = /^(zones|scars)\[(\d+)\]\.(polygon|polyline)(?:\[(\d+)\])?$/.exec(path)
  if (m === null) return path
  const [, list, index, field, corner] = m
  const item = design[list as ShapeList][Number(index)]
  const shape = item === undefined ? null : resolveShape(design, refOf(list as ShapeList, item.id))
  if (shape === null) return path
  const name = `${shape.util.title} ${shape.item.id}`
  return corner === undefined ? name : `${name}, ${field === 'polyline' ? 'point' : 'corner'} ${Number(corner) + 1}`
}
