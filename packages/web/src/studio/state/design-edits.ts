// The studio's edits to a design, as pure functions from design to design (chart mm throughout).
import {
  type ChartPoint,
  createHead,
  type Design,
  type Hairline,
  hairlineControlPoints,
  type Scar,
  type Zone,
  type ZoneKind,
} from '@stipple/engine'

/** The hairline's control points as the engine uses them (its own, or those its parameters give). */
export function controlPointsOf(design: Design): ChartPoint[] {
  if (design.hairline === null) return []
  return hairlineControlPoints(design.hairline, createHead(design.head), design.head.sex)
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
export function setHairline(design: Design, patch: Partial<Omit<Hairline, 'controlPoints'>>): Design {
  if (design.hairline === null) return design
  const next: Hairline = { ...design.hairline, ...patch }
  if (('heightMm' in patch || 'shape' in patch || 'templeRecessionMm' in patch) && next.controlPoints !== undefined) {
    const { controlPoints: _dropped, ...rest } = next
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
