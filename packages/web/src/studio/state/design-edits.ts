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
  type Scar,
  validateDesign,
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

/** A new zone's settings: density 85/cm², 0.15 mm dots, shade 35 (DOMAIN's defaults). */
function newZone(design: Design, polygon: ChartPoint[], kind: ZoneKind): Zone {
  return {
    id: freeId(design.zones, 'zone'),
    kind,
    polygon,
    densityPerCm2: 85,
    dotSizeMm: 0.15,
    shade: 35,
    featherMm: 6,
  }
}

/** Adds a zone with DOMAIN's defaults as a disc at `center`. */
export function addZone(design: Design, center: ChartPoint, kind: ZoneKind = 'density'): Design {
  return { ...design, zones: [...design.zones, newZone(design, circle(center, 20), kind)] }
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

/** A zone or a scar, as the studio selects it. */
export interface ShapeRef {
  kind: 'zone' | 'scar'
  id: string
}

/** The outline of a zone or scar (a scar's polyline or polygon), or null when there is none with that id. */
export function shapePointsOf(design: Design, ref: ShapeRef): readonly ChartPoint[] | null {
  if (ref.kind === 'zone') return design.zones.find((z) => z.id === ref.id)?.polygon ?? null
  const scar = design.scars.find((s) => s.id === ref.id)
  return scar === undefined ? null : scarPoints(scar)
}

/** The fewest points a shape keeps: an FUT scar is a line (2), every other outline a polygon (3). */
export function minCornersOf(design: Design, ref: ShapeRef): number {
  return ref.kind === 'scar' && design.scars.find((s) => s.id === ref.id)?.kind === 'fut' ? 2 : 3
}

function withShapePoints(design: Design, ref: ShapeRef, points: ChartPoint[]): Design {
  return ref.kind === 'zone'
    ? updateZone(design, ref.id, { polygon: points })
    : updateScar(design, ref.id, (s) => withScarPoints(s, points))
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

/** What can be drawn on the preview: a zone's outline, an FUT strip scar's centre line, an FUE donor area. */
export type DrawTool = 'zone' | 'fut' | 'fue'

/** The design schema's cap on the points of one outline. */
export const MAX_POINTS = 512

/** The fewest points each drawing needs: a line takes 2, an outline 3. */
export const MIN_DRAW_POINTS: Readonly<Record<DrawTool, number>> = { zone: 3, fut: 2, fue: 3 }

/** What a new drawing is called in messages. */
export const DRAW_NAMES: Readonly<Record<DrawTool, string>> = {
  zone: 'zone',
  fut: 'FUT scar',
  fue: 'FUE donor area',
}

/** A new FUT scar's width (DESIGN's intake example), mm. */
const NEW_FUT_WIDTH_MM = 4
/** A new FUE area's punches and punch diameter (DESIGN's intake example, the FUE preset), mm. */
const NEW_FUE = { count: 1500, diameterMm: 0.9 } as const

export type DrawResult =
  | { ok: true; design: Design; selection: ShapeRef }
  | { ok: false; message: string; issues: readonly Issue[] }

/** Why a drawing tool cannot start on this design, or null when it can. */
export function drawRefusal(design: Design, tool: DrawTool): string | null {
  if (tool === 'zone') {
    return design.zones.length >= DESIGN_LIMITS.zones ? `A design has at most ${DESIGN_LIMITS.zones} zones.` : null
  }
  if (design.scars.length >= DESIGN_LIMITS.scars) return `A design has at most ${DESIGN_LIMITS.scars} scars.`
  if (tool === 'fue') {
    const fue = design.scars.find((s) => s.kind === 'fue')
    // placement spreads the punches of the design's first FUE area only
    if (fue !== undefined) return `This design already has an FUE donor area (scar ${fue.id}): edit that one instead.`
  }
  return null
}

/**
 * Turns drawn points into a zone (DOMAIN's defaults, as `addZone` gives), an FUT scar (4 mm wide) or an FUE donor
 * area (1500 punches of 0.9 mm), checked by the engine's `validateDesign`: an outline that crosses itself, encloses
 * nothing or leaves the head is refused with the engine's reason, and the design stays as it was.
 */
export function finishDrawing(design: Design, tool: DrawTool, points: readonly ChartPoint[]): DrawResult {
  const refusal = drawRefusal(design, tool)
  if (refusal !== null) return { ok: false, message: refusal, issues: [] }
  const name = DRAW_NAMES[tool]
  const min = MIN_DRAW_POINTS[tool]
  if (points.length < min)
    return {
      ok: false,
      message: `A ${name} needs at least ${min} points; ${points.length === 1 ? '1 is' : `${points.length} are`} placed.`,
      issues: [],
    }
  if (points.length > MAX_POINTS)
    return { ok: false, message: `A ${name} has at most ${MAX_POINTS} points.`, issues: [] }
  const rounded = points.map(([x, y]): ChartPoint => [round(x), round(y)])
  let next: Design
  let selection: ShapeRef
  let path: string
  if (tool === 'zone') {
    const zone = newZone(design, rounded, 'density')
    next = { ...design, zones: [...design.zones, zone] }
    selection = { kind: 'zone', id: zone.id }
    path = `zones[${design.zones.length}]`
  } else {
    const id = freeId(design.scars, 'scar')
    const scar: Scar =
      tool === 'fut'
        ? { id, kind: 'fut', polyline: rounded, widthMm: NEW_FUT_WIDTH_MM }
        : { id, kind: 'fue', polygon: rounded, ...NEW_FUE }
    next = { ...design, scars: [...design.scars, scar] }
    selection = { kind: 'scar', id }
    path = `scars[${design.scars.length}]`
  }
  const issues = validateDesign(next, createHead(next.head)).filter(
    (i) => i.path === path || i.path.startsWith(`${path}.`)
  )
  if (issues.length > 0) {
    const noun = tool === 'fut' ? 'line' : 'outline'
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

/** The fields of a scar that the studio sets: an FUT scar's width, an FUE area's punches and their diameter. */
export interface ScarFieldsPatch {
  widthMm?: number
  count?: number
  diameterMm?: number
}

/** Sets the fields a scar of that kind has; the others are ignored. */
export function setScarFields(design: Design, id: string, patch: ScarFieldsPatch): Design {
  return updateScar(design, id, (s) => {
    if (s.kind === 'fut' && patch.widthMm !== undefined) return { ...s, widthMm: patch.widthMm }
    if (s.kind === 'fue') {
      const count = patch.count === undefined ? s.count : Math.round(patch.count)
      return { ...s, count, diameterMm: patch.diameterMm ?? s.diameterMm }
    }
    return s
  })
}

/**
 * Names the zone or scar (and the corner) an engine issue's path points at, as the studio labels them:
 * "zones[1].polygon[3]" is "Zone zone-2, corner 4". Other paths come back as they are.
 */
export function issuePlace(design: Design, path: string): string {
  const m = /^(zones|scars)\[(\d+)\]\.(polygon|polyline)(?:\[(\d+)\])?$/.exec(path)
  if (m === null) return path
  const [, list, index, field, corner] = m
  const item = list === 'zones' ? design.zones[Number(index)] : design.scars[Number(index)]
  if (item === undefined) return path
  const name = `${list === 'zones' ? 'Zone' : 'Scar'} ${item.id}`
  return corner === undefined ? name : `${name}, ${field === 'polyline' ? 'point' : 'corner'} ${Number(corner) + 1}`
}
