// Planar polygon and polyline kernels on chart points. Scalar arguments inside loops; no allocation per call.

import type { ChartPoint } from '../model/design.ts'

/** Signed planar area (positive counter-clockwise), chart units². */
export function signedArea(poly: readonly ChartPoint[]): number {
  let s = 0
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    s += (poly[j][0] - poly[i][0]) * (poly[j][1] + poly[i][1])
  }
  return s / 2
}

/** Even-odd point-in-polygon test. */
export function containsPoint(poly: readonly ChartPoint[], x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const xi = poly[i][0]
    const yi = poly[i][1]
    const xj = poly[j][0]
    const yj = poly[j][1]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
  t = t < 0 ? 0 : Math.min(t, 1)
  const ex = ax + t * dx - px
  const ey = ay + t * dy - py
  return ex * ex + ey * ey
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

/** Whether segments p1–p2 and p3–p4 cross (touching at shared endpoints does not count). */
function segmentsCross(p1: ChartPoint, p2: ChartPoint, p3: ChartPoint, p4: ChartPoint): boolean {
  const d1 = orient(p3[0], p3[1], p4[0], p4[1], p1[0], p1[1])
  const d2 = orient(p3[0], p3[1], p4[0], p4[1], p2[0], p2[1])
  const d3 = orient(p1[0], p1[1], p2[0], p2[1], p3[0], p3[1])
  const d4 = orient(p1[0], p1[1], p2[0], p2[1], p4[0], p4[1])
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

/** The first pair of crossing edges of a polyline (closed when `closed`), as vertex indices, or null. */
export function findSelfIntersection(points: readonly ChartPoint[], closed: boolean): [number, number] | null {
  const n = points.length
  const edges = closed ? n : n - 1
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (closed && i === 0 && j === n - 1) continue // adjacent through the closing edge
      if (segmentsCross(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n])) return [i, j]
    }
  }
  return null
}

/** A closed outline of a polyline thickened to `width` (flat ends), for FUT strip scars. */
export function bufferPolyline(line: readonly ChartPoint[], width: number): ChartPoint[] {
  const half = width / 2
  const left: ChartPoint[] = []
  const right: ChartPoint[] = []
  for (let i = 0; i < line.length; i++) {
    const a = line[Math.max(0, i - 1)]
    const b = line[Math.min(line.length - 1, i + 1)]
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len = Math.sqrt(dx * dx + dy * dy) || 1
    const nx = -dy / len
    const ny = dx / len
    left.push([line[i][0] + nx * half, line[i][1] + ny * half])
    right.push([line[i][0] - nx * half, line[i][1] - ny * half])
  }
  return [...left, ...right.reverse()]
}

export function bounds(points: readonly ChartPoint[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const p of points) {
    if (p[0] < minX) minX = p[0]
    if (p[1] < minY) minY = p[1]
    if (p[0] > maxX) maxX = p[0]
    if (p[1] > maxY) maxY = p[1]
  }
  return { minX, minY, maxX, maxY }
}
