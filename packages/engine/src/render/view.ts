// Views of the head: five perspective cameras around the 3D head and the flat chart, with exact projection of chart
// points to pixels and back. The head is the convex ellipsoid of scalp/head.ts cut below by a horizontal plane, seen
// from above that plane, so a surface point is visible exactly when it faces the camera (no other part can hide it).

import { dacos, dcos, dsin } from '../math/det-math.ts'
import { chartToSurface, type HeadModel, surfaceToChart } from '../scalp/head.ts'

export type ViewName = 'top' | 'front' | 'left' | 'right' | 'back' | 'chart'

export const VIEW_NAMES: readonly ViewName[] = ['top', 'front', 'left', 'right', 'back', 'chart']

/** The head is drawn down to this height below the brow plane (mm); the face and neck are not modelled. */
const CLIP_BELOW_BROW_MM = 40
/** Camera distance from the head centre [assumption: a portrait at ~70 cm]. */
const CAMERA_DISTANCE_MM = 700
/** Camera elevation above the horizon for the front, side and back views [assumption: shows the top and the hairline]. */
const CAMERA_ELEVATION = (25 * Math.PI) / 180
/** Share of the image's shorter side the head spans. */
const FILL = 0.92

export interface View {
  readonly name: ViewName
  readonly width: number
  readonly height: number
  readonly head: HeadModel
  /** Surface points below this height (mm, head frame) are not drawn. */
  readonly clipY: number
  /** Perspective: eye position, orthonormal basis (right, up, forward) in the head frame, focal length and centre, px. */
  readonly eye: readonly [number, number, number]
  readonly right: readonly [number, number, number]
  readonly up: readonly [number, number, number]
  readonly forward: readonly [number, number, number]
  readonly focal: number
  readonly cx: number
  readonly cy: number
  /** Chart view: px per chart mm and the largest chart radius drawn, mm. */
  readonly chartScale: number
  readonly chartRadius: number
  /** Approximate px per surface mm at the head (for sizing textures and hair). */
  readonly pxPerMm: number
}

type Vec3 = [number, number, number]

function normalize(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2])
  return [v[0] / l, v[1] / l, v[2] / l]
}

/** A close-up window on the chart: its centre (chart mm) and the width it shows, mm. */
export interface ChartWindow {
  u: number
  v: number
  widthMm: number
}

/** Creates a view of `head` rendered at width × height px; the chart view may show a close-up window instead. */
export function createView(
  head: HeadModel,
  name: ViewName,
  width: number,
  height: number,
  window: ChartWindow | null = null
): View {
  const clipY = -CLIP_BELOW_BROW_MM
  const thetaMax = dacos(Math.max(-1, Math.min(1, clipY / head.c)))
  const chartRadius = head.k * thetaMax
  const cx = width / 2
  const cy = height / 2
  const short = Math.min(width, height)
  if (name === 'chart') {
    const chartScale = window === null ? (FILL * short) / (2 * chartRadius) : width / window.widthMm
    return {
      name,
      width,
      height,
      head,
      clipY,
      eye: [0, 0, 0],
      right: [1, 0, 0],
      up: [0, 0, 1],
      forward: [0, -1, 0],
      focal: 1,
      cx: window === null ? cx : cx - window.u * chartScale,
      cy: window === null ? cy : cy + window.v * chartScale,
      chartScale,
      chartRadius,
      pxPerMm: chartScale,
    }
  }
  // the head frame is +x client's right, +y up, +z face; screen axes are chosen per view, not by a cross product
  const target: Vec3 = [0, head.c * 0.3, 0]
  const ce = Math.cos(CAMERA_ELEVATION)
  const se = Math.sin(CAMERA_ELEVATION)
  let dir: Vec3
  let right: Vec3
  if (name === 'top') {
    dir = [0, 1, 0]
    right = [1, 0, 0] // from above with the face at the top of the image, the client's right is on the right
  } else if (name === 'front') {
    dir = [0, se, ce]
    right = [-1, 0, 0] // facing the client, their right is on the viewer's left
  } else if (name === 'back') {
    dir = [0, se, -ce]
    right = [1, 0, 0]
  } else if (name === 'right') {
    dir = [ce, se, 0]
    right = [0, 0, 1] // at the client's right side, the face points to the viewer's right
  } else {
    dir = [-ce, se, 0]
    right = [0, 0, -1]
  }
  const eye: Vec3 = [
    target[0] + CAMERA_DISTANCE_MM * dir[0],
    target[1] + CAMERA_DISTANCE_MM * dir[1],
    target[2] + CAMERA_DISTANCE_MM * dir[2],
  ]
  const forward = normalize([target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]])
  let up: Vec3
  if (name === 'top') up = [0, 0, 1]
  else {
    // world up made orthogonal to the viewing direction
    const d = forward[1]
    up = normalize([-d * forward[0], 1 - d * forward[1], -d * forward[2]])
  }
  // fit: the largest projected extent of the drawn surface, from a sample of surface points, fills FILL of the image
  let extent = 0
  const p: Vec3 = [0, 0, 0]
  for (let i = 0; i <= 48; i++) {
    const theta = (thetaMax * i) / 48
    for (let j = 0; j < 64; j++) {
      const phi = (2 * Math.PI * j) / 64
      p[0] = head.a * Math.sin(theta) * Math.sin(phi) - eye[0]
      p[1] = head.c * Math.cos(theta) - eye[1]
      p[2] = head.b * Math.sin(theta) * Math.cos(phi) - eye[2]
      const depth = p[0] * forward[0] + p[1] * forward[1] + p[2] * forward[2]
      const sx = Math.abs((p[0] * right[0] + p[1] * right[1] + p[2] * right[2]) / depth) / width
      const sy = Math.abs((p[0] * up[0] + p[1] * up[1] + p[2] * up[2]) / depth) / height
      if (sx > extent) extent = sx
      if (sy > extent) extent = sy
    }
  }
  const focal = FILL / (2 * extent)
  return {
    name,
    width,
    height,
    head,
    clipY,
    eye,
    right,
    up,
    forward,
    focal,
    cx,
    cy,
    chartScale: 0,
    chartRadius,
    pxPerMm: focal / CAMERA_DISTANCE_MM,
  }
}

export interface PixelPoint {
  x: number
  y: number
}

const _p = new Float64Array(3)

/** The pixel where chart point (u, v) appears in the view (pixel centres at +0.5), or null when hidden or not drawn. */
export function projectChartPoint(view: View, u: number, v: number): PixelPoint | null {
  if (view.name === 'chart') {
    if (u * u + v * v > view.chartRadius * view.chartRadius) return null
    return { x: view.cx + u * view.chartScale, y: view.cy - v * view.chartScale }
  }
  const head = view.head
  chartToSurface(head, u, v, _p)
  if (_p[1] < view.clipY) return null
  const e = view.eye
  const rx = _p[0] - e[0]
  const ry = _p[1] - e[1]
  const rz = _p[2] - e[2]
  // facing test with the ellipsoid's outward normal ∝ (x/a², y/c², z/b²)
  const facing = (rx * _p[0]) / (head.a * head.a) + (ry * _p[1]) / (head.c * head.c) + (rz * _p[2]) / (head.b * head.b)
  if (facing >= 0) return null
  const f = view.forward
  const depth = rx * f[0] + ry * f[1] + rz * f[2]
  const r = view.right
  const up = view.up
  return {
    x: view.cx + (view.focal * (rx * r[0] + ry * r[1] + rz * r[2])) / depth,
    y: view.cy - (view.focal * (rx * up[0] + ry * up[1] + rz * up[2])) / depth,
  }
}

/** The chart point seen at pixel (px, py), or null when the pixel shows no drawn scalp. */
export function unprojectPixel(view: View, px: number, py: number): { u: number; v: number } | null {
  if (view.name === 'chart') {
    const u = (px - view.cx) / view.chartScale
    const v = (view.cy - py) / view.chartScale
    return u * u + v * v > view.chartRadius * view.chartRadius ? null : { u, v }
  }
  const t = rayHit(view, px, py, _p)
  if (t < 0) return null
  return surfaceToChart(view.head, _p[0], _p[1], _p[2])
}

/**
 * Casts the ray through pixel (px, py); writes the hit point into out and returns the ray parameter, or −1 for a miss
 * (or a hit below the clip plane).
 */
export function rayHit(view: View, px: number, py: number, out: Float64Array | number[]): number {
  const { head, eye, right, up, forward, focal } = view
  const sx = (px - view.cx) / focal
  const sy = (view.cy - py) / focal
  const dx = forward[0] + sx * right[0] + sy * up[0]
  const dy = forward[1] + sx * right[1] + sy * up[1]
  const dz = forward[2] + sx * right[2] + sy * up[2]
  // in the unit-sphere frame of the ellipsoid
  const ia = 1 / head.a
  const ic = 1 / head.c
  const ib = 1 / head.b
  const ox = eye[0] * ia
  const oy = eye[1] * ic
  const oz = eye[2] * ib
  const qx = dx * ia
  const qy = dy * ic
  const qz = dz * ib
  const A = qx * qx + qy * qy + qz * qz
  const B = ox * qx + oy * qy + oz * qz
  const C = ox * ox + oy * oy + oz * oz - 1
  const disc = B * B - A * C
  if (disc < 0) return -1
  const t = (-B - Math.sqrt(disc)) / A
  if (t <= 0) return -1
  const y = eye[1] + t * dy
  if (y < view.clipY) return -1
  out[0] = eye[0] + t * dx
  out[1] = y
  out[2] = eye[2] + t * dz
  return t
}

/**
 * Projects chart point (u, v) into out: [x, y, px per surface mm there, cosine of the viewing angle, screen x and y of
 * the surface normal]. Returns false when the point is hidden or not drawn. For hot loops: no allocation.
 */
export function projectInto(view: View, u: number, v: number, out: Float64Array): boolean {
  if (view.name === 'chart') {
    if (u * u + v * v > view.chartRadius * view.chartRadius) return false
    out[0] = view.cx + u * view.chartScale
    out[1] = view.cy - v * view.chartScale
    out[2] = view.chartScale
    out[3] = 1
    out[4] = 0
    out[5] = 0
    return true
  }
  const head = view.head
  const rho = Math.sqrt(u * u + v * v)
  const theta = rho / head.k
  const sp = rho > 0 ? u / rho : 0
  const cp = rho > 0 ? v / rho : 1
  const st = dsin(theta)
  const sx = head.a * st * sp
  const sy = head.c * dcos(theta)
  const sz = head.b * st * cp
  if (sy < view.clipY) return false
  const e = view.eye
  const rx = sx - e[0]
  const ry = sy - e[1]
  const rz = sz - e[2]
  let nx = sx / (head.a * head.a)
  let ny = sy / (head.c * head.c)
  let nz = sz / (head.b * head.b)
  const nl = Math.sqrt(nx * nx + ny * ny + nz * nz)
  nx /= nl
  ny /= nl
  nz /= nl
  const dist = Math.sqrt(rx * rx + ry * ry + rz * rz)
  const cosi = -(rx * nx + ry * ny + rz * nz) / dist
  if (cosi <= 0) return false
  const f = view.forward
  const r = view.right
  const up = view.up
  const depth = rx * f[0] + ry * f[1] + rz * f[2]
  out[0] = view.cx + (view.focal * (rx * r[0] + ry * r[1] + rz * r[2])) / depth
  out[1] = view.cy - (view.focal * (rx * up[0] + ry * up[1] + rz * up[2])) / depth
  out[2] = view.focal / depth
  out[3] = cosi
  out[4] = nx * r[0] + ny * r[1] + nz * r[2]
  out[5] = -(nx * up[0] + ny * up[1] + nz * up[2])
  return true
}
