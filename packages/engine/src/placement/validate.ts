// Geometric checks of a design that a schema cannot express. Problems come back as values with a path, never throws.

import { containsPoint, findSelfIntersection, segmentDistance2, signedArea } from '../geometry/polygon.ts'
import type { ChartPoint, Design, Hairline } from '../model/design.ts'
import { type HeadModel, THETA_LIMIT } from '../scalp/head.ts'
import { scalpOutline } from '../scalp/landmarks.ts'
import { HANDLE_LIMIT_MM, hairlineCurve } from './hairline.ts'

export interface Issue {
  /** Where in the design, e.g. "zones[2].polygon[4]". */
  path: string
  message: string
}

/** How far outside the hair-bearing outline a zone point may lie (feathered edges, a low hairline), mm. */
const OUTSIDE_TOLERANCE_MM = 25

function distanceToOutline(outline: readonly ChartPoint[], x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const d = segmentDistance2(x, y, outline[j][0], outline[j][1], outline[i][0], outline[i][1])
    if (d < best) best = d
  }
  return Math.sqrt(best)
}

function checkPolygon(
  poly: readonly ChartPoint[],
  path: string,
  outline: readonly ChartPoint[] | null,
  head: HeadModel
): Issue[] {
  const issues: Issue[] = []
  if (poly.length < 3) return [{ path, message: `needs at least 3 points, has ${poly.length}` }]
  const limit = head.k * THETA_LIMIT
  for (let i = 0; i < poly.length; i++) {
    const [x, y] = poly[i]
    if (Math.sqrt(x * x + y * y) > limit) {
      issues.push({ path: `${path}[${i}]`, message: `point (${x.toFixed(1)}, ${y.toFixed(1)}) mm is off the head` })
    } else if (
      outline !== null &&
      !containsPoint(outline, x, y) &&
      distanceToOutline(outline, x, y) > OUTSIDE_TOLERANCE_MM
    ) {
      issues.push({
        path: `${path}[${i}]`,
        message: `point (${x.toFixed(1)}, ${y.toFixed(1)}) mm lies outside the scalp by more than ${OUTSIDE_TOLERANCE_MM} mm`,
      })
    }
  }
  if (Math.abs(signedArea(poly)) < 1) issues.push({ path, message: 'encloses no area' })
  const cross = findSelfIntersection(poly, true)
  if (cross) issues.push({ path, message: `crosses itself (edges ${cross[0]} and ${cross[1]})` })
  return issues
}

/** Tangent handles: one entry per hand-placed point, each offset finite and at most `HANDLE_LIMIT_MM` long. */
function checkHandles(hl: Hairline): Issue[] {
  const handles = hl.handles
  if (handles === undefined) return []
  if (hl.controlPoints === undefined)
    return [{ path: 'hairline.handles', message: 'needs hairline.controlPoints: handles belong to hand-placed points' }]
  if (handles.length !== hl.controlPoints.length)
    return [
      {
        path: 'hairline.handles',
        message: `has ${handles.length} entries for ${hl.controlPoints.length} control points (one each, null for automatic)`,
      },
    ]
  const issues: Issue[] = []
  handles.forEach((h, i) => {
    if (h === null) return
    for (const side of ['in', 'out'] as const) {
      const [du, dv] = h[side]
      const path = `hairline.handles[${i}].${side}`
      const length = Math.sqrt(du * du + dv * dv)
      if (!Number.isFinite(du) || !Number.isFinite(dv)) issues.push({ path, message: 'must be finite numbers' })
      else if (!(length <= HANDLE_LIMIT_MM))
        issues.push({ path, message: `is ${length.toFixed(1)} mm long; a handle is at most ${HANDLE_LIMIT_MM} mm` })
    }
  })
  return issues
}

/** Checks a design against the head it is drawn on. */
export function validateDesign(design: Design, head: HeadModel): Issue[] {
  const issues: Issue[] = []
  const outline = scalpOutline(head, design.head.sex)
  if (design.hairline) {
    const hl = design.hairline
    const path = hl.controlPoints ? 'hairline.controlPoints' : 'hairline'
    const handleIssues = checkHandles(hl)
    issues.push(...handleIssues)
    if (hl.controlPoints && hl.controlPoints.length < 2) {
      issues.push({ path, message: 'needs at least 2 control points' })
    } else if (handleIssues.length === 0) {
      const curve = hairlineCurve(hl, head, design.head.sex, 12)
      const cross = findSelfIntersection(curve, false)
      if (cross) {
        const at = Math.floor(cross[0] / 12)
        // a span bent by a handle points at that handle, since moving it is the likely fix
        const other = Math.floor(cross[1] / 12)
        const bent = [at, at + 1, other, other + 1].find((k) => (hl.handles?.[k] ?? null) !== null)
        issues.push({
          path: bent === undefined ? path : `hairline.handles[${bent}]`,
          message: `the hairline crosses itself (near control point ${at})`,
        })
      }
    }
  }
  design.zones.forEach((z, i) => {
    issues.push(...checkPolygon(z.polygon, `zones[${i}].polygon`, outline, head))
  })
  design.existingHair.forEach((h, i) => {
    issues.push(...checkPolygon(h.polygon, `existingHair[${i}].polygon`, null, head))
    h.holes.forEach((hole, j) => {
      issues.push(...checkPolygon(hole, `existingHair[${i}].holes[${j}]`, null, head))
    })
  })
  design.scars.forEach((s, i) => {
    if (s.kind === 'fut') {
      if (s.polyline.length < 2) issues.push({ path: `scars[${i}].polyline`, message: 'needs at least 2 points' })
    } else issues.push(...checkPolygon(s.polygon, `scars[${i}].polygon`, outline, head))
  })
  if (design.zones.length > 250) issues.push({ path: 'zones', message: 'at most 250 zones' })
  const total = design.sessions.reduce((a, s) => a + s.share, 0)
  if (design.sessions.length > 0 && Math.abs(total - 1) > 1e-6) {
    issues.push({ path: 'sessions', message: `session shares add up to ${(total * 100).toFixed(1)} %, not 100 %` })
  }
  return issues
}
