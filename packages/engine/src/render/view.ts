// Views of the head: perspective cameras around the 3D head (seven named ones and a free orbit) and the flat chart, with
// exact projection of chart points to pixels and back. The scalp is the ellipsoid of scalp/head.ts above a clip height
// that runs from just above the brows at the front, down past the temples to the nape (`scalpClipY`); below it the
// face, ears and neck of scalp/head-model.ts take over. On the ellipsoid a point is visible when it faces the camera;
// the head's other parts (an ear, the nose) can still hide it, which the head pass records in `occlusion`.

import { dacos, dcos, dsin } from '../math/det-math.ts'
import { chartToSurface, type HeadModel, surfaceToChart } from '../scalp/head.ts'

export type ViewName =
  | 'top'
  | 'front'
  | 'three-quarter-left'
  | 'three-quarter-right'
  | 'left'
  | 'right'
  | 'back'
  | 'chart'

export const VIEW_NAMES: readonly ViewName[] = [
  'top',
  'front',
  'three-quarter-left',
  'three-quarter-right',
  'left',
  'right',
  'back',
  'chart',
]

/** Camera azimuth (degrees; 0 faces the client, 90 at the client's right side) of each named side view. */
const AZIMUTH: Readonly<Record<string, number>> = {
  front: 0,
  'three-quarter-right': 45,
  right: 90,
  back: 180,
  left: -90,
  'three-quarter-left': -45,
}

/** The scalp's clip height (mm): just above the brows at the front, at the temples on the sides, the nape at the back. */
const CLIP_FRONT_MM = 16
const CLIP_SIDE_MM = -30
const CLIP_BACK_MM = -72
/** The lowest clip height anywhere (mm). */
const CLIP_LOWEST_MM = CLIP_BACK_MM
/** Camera distance from the head centre [assumption: a portrait at ~70 cm]. */
const CAMERA_DISTANCE_MM = 700
/** Camera elevation above the horizon for the front, side and back views [assumption: shows the hairline and the face]. */
const CAMERA_ELEVATION_DEG = 12
/** Share of the image's shorter side the head spans. */
const FILL = 0.92

function smooth01(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/**
 * The height (mm, head frame) below which the ellipsoid is not scalp at the point (x, z) of the head: a function of
 * the azimuth only, smooth, so the GL preview can repeat it. Rendering only; dot positions do not depend on it.
 */
export function scalpClipY(head: HeadModel, x: number, z: number): number {
  const nx = x / head.a
  const nz = z / head.b
  const l = Math.sqrt(nx * nx + nz * nz)
  const c = l > 1e-9 ? nz / l : 1
  if (c >= 0.45) return CLIP_SIDE_MM + (CLIP_FRONT_MM - CLIP_SIDE_MM) * smooth01(0.45, 0.8, c)
  // behind the ears the hair runs down to the nape
  return CLIP_BACK_MM + (CLIP_SIDE_MM - CLIP_BACK_MM) * smooth01(-0.25, 0.05, c)
}

export interface View {
  readonly name: ViewName
  readonly width: number
  readonly height: number
  readonly head: HeadModel
  /** The lowest scalp clip height anywhere (mm, head frame); the clip itself is `scalpClipY`. */
  readonly clipY: number
  /** Camera azimuth and elevation, degrees (180, 90 for the top view; 0, 0 for the chart). */
  readonly azimuth: number
  readonly elevation: number
  /**
   * Pixels (row-major, width × height) where the head's face, ears or neck hide the scalp: 1 hidden. Null until the
   * head pass runs for this view (render/head-shading.ts); then projections and unprojections honour it.
   */
  occlusion: Uint8Array | null
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
  const clipY = CLIP_LOWEST_MM
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
      azimuth: 0,
      elevation: 0,
      occlusion: null,
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
  // from above, seen from behind the client: the face at the top of the image, the client's right on the right
  if (name === 'top') return orbit(head, name, 180, 90, width, height)
  return orbit(head, name, AZIMUTH[name] ?? 0, CAMERA_ELEVATION_DEG, width, height)
}

/**
 * A free camera around the head: `azimuthDeg` turns it about the vertical axis (0 faces the client, 90 at the client's
 * right, −90 the left), `elevationDeg` raises it (90 looks straight down).
 */
export function createOrbitView(
  head: HeadModel,
  azimuthDeg: number,
  elevationDeg: number,
  width: number,
  height: number
): View {
  const el = Math.max(-60, Math.min(90, elevationDeg))
  return orbit(head, 'front', azimuthDeg, el, width, height)
}

/** Points that bound what a view frames: the cranium, and the face, ears and neck down to a little below the chin. */
function framePoints(head: HeadModel): Vec3[] {
  const pts: Vec3[] = []
  for (let i = 0; i <= 16; i++) {
    const theta = (Math.PI * 0.55 * i) / 16
    for (let j = 0; j < 32; j++) {
      const phi = (2 * Math.PI * j) / 32
      pts.push([
        head.a * Math.sin(theta) * Math.sin(phi),
        head.c * Math.cos(theta),
        head.b * Math.sin(theta) * Math.cos(phi),
      ])
    }
  }
  // [assumption] chin ≈ 1.3·b below the brow plane, and 30 mm of neck under it; ears stand ~25 mm off the side
  const chin = -1.3 * head.b
  const neck = chin - 30
  for (let j = 0; j < 16; j++) {
    const phi = (2 * Math.PI * j) / 16
    pts.push([0.72 * head.a * Math.sin(phi), neck, -12 + 0.68 * head.b * Math.cos(phi)])
  }
  pts.push([0, chin, 0.8 * head.b], [0, -0.55 * head.b, 1.15 * head.b])
  for (const s of [-1, 1])
    pts.push([s * (head.a + 24), -30, -20], [s * (head.a + 10), 5, -5], [s * (head.a + 8), -65, -5])
  return pts
}

function orbit(
  head: HeadModel,
  name: ViewName,
  azimuthDeg: number,
  elevationDeg: number,
  width: number,
  height: number
): View {
  const cx = width / 2
  const cy = height / 2
  const az = (azimuthDeg * Math.PI) / 180
  const el = (elevationDeg * Math.PI) / 180
  const ce = Math.cos(el)
  const se = Math.sin(el)
  // the head frame is +x client's right, +y up, +z face; azimuth 0 looks at the face
  const dir: Vec3 = [ce * Math.sin(az), se, ce * Math.cos(az)]
  // screen right: the camera's right, level with the horizon
  const right: Vec3 = normalize([-Math.cos(az), 0, Math.sin(az)])
  const pts = framePoints(head)
  // aim at the middle of what is framed, then fit it
  let target: Vec3 = [0, 0, 0]
  for (let pass = 0; pass < 2; pass++) {
    const eye: Vec3 = [
      target[0] + CAMERA_DISTANCE_MM * dir[0],
      target[1] + CAMERA_DISTANCE_MM * dir[1],
      target[2] + CAMERA_DISTANCE_MM * dir[2],
    ]
    const forward: Vec3 = [-dir[0], -dir[1], -dir[2]]
    const up = cross(forward, right)
    let minX = Infinity
    let maxX = -Infinity
    let minY = Infinity
    let maxY = -Infinity
    for (const p of pts) {
      const rx = p[0] - eye[0]
      const ry = p[1] - eye[1]
      const rz = p[2] - eye[2]
      const depth = rx * forward[0] + ry * forward[1] + rz * forward[2]
      const sx = (rx * right[0] + ry * right[1] + rz * right[2]) / depth
      const sy = (rx * up[0] + ry * up[1] + rz * up[2]) / depth
      if (sx < minX) minX = sx
      if (sx > maxX) maxX = sx
      if (sy < minY) minY = sy
      if (sy > maxY) maxY = sy
    }
    if (pass === 0) {
      // move the target to the middle of the framed box, at the head's depth
      const mx = ((minX + maxX) / 2) * CAMERA_DISTANCE_MM
      const my = ((minY + maxY) / 2) * CAMERA_DISTANCE_MM
      target = [
        target[0] + mx * right[0] + my * up[0],
        target[1] + mx * right[1] + my * up[1],
        target[2] + mx * right[2] + my * up[2],
      ]
      continue
    }
    const focal = FILL / Math.max((maxX - minX) / width, (maxY - minY) / height)
    return {
      name,
      width,
      height,
      head,
      clipY: CLIP_LOWEST_MM,
      azimuth: azimuthDeg,
      elevation: elevationDeg,
      occlusion: null,
      eye,
      right,
      up,
      forward,
      focal,
      cx,
      cy,
      chartScale: 0,
      chartRadius: head.k * dacos(Math.max(-1, Math.min(1, CLIP_LOWEST_MM / head.c))),
      pxPerMm: focal / CAMERA_DISTANCE_MM,
    }
  }
  throw new Error('unreachable')
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return normalize([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])
}

function hidden(view: View, x: number, y: number): boolean {
  const o = view.occlusion
  if (o === null) return false
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  if (ix < 0 || iy < 0 || ix >= view.width || iy >= view.height) return false
  return o[iy * view.width + ix] === 1
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
  if (_p[1] < scalpClipY(head, _p[0], _p[2])) return null
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
  const x = view.cx + (view.focal * (rx * r[0] + ry * r[1] + rz * r[2])) / depth
  const y = view.cy - (view.focal * (rx * up[0] + ry * up[1] + rz * up[2])) / depth
  return hidden(view, x, y) ? null : { x, y }
}

/** The chart point seen at pixel (px, py), or null when the pixel shows no drawn scalp. */
export function unprojectPixel(view: View, px: number, py: number): { u: number; v: number } | null {
  if (view.name === 'chart') {
    const u = (px - view.cx) / view.chartScale
    const v = (view.cy - py) / view.chartScale
    return u * u + v * v > view.chartRadius * view.chartRadius ? null : { u, v }
  }
  const t = rayHit(view, px, py, _p)
  if (t < 0 || hidden(view, px, py)) return null
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
  const x = eye[0] + t * dx
  const y = eye[1] + t * dy
  const z = eye[2] + t * dz
  if (y < view.clipY || y < scalpClipY(head, x, z)) return -1
  out[0] = x
  out[1] = y
  out[2] = z
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
  if (sy < scalpClipY(head, sx, sz)) return false
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
  return !hidden(view, out[0], out[1])
}
