// Views of the head: seven perspective cameras around the 3D head (and any yaw and pitch between them, for the
// studio's orbit) and the flat chart, with exact projection of chart points to pixels and back. The scalp is the
// ellipsoid of scalp/head.ts; around and below it lie the face, ears and neck (scalp/head-model.ts). A scalp point is
// visible when it faces the camera, is not under the face's skin and no ear stands between it and the camera: the
// cameras look from level or above, so nothing else can hide the scalp.

import { dacos, dcos, dsin } from '../math/det-math.ts'
import type { Ear, Face } from '../scalp/face.ts'
import { chartToSurface, type HeadModel, surfaceToChart } from '../scalp/head.ts'
import { FACE_TOP_MM, headField, headMesh } from '../scalp/head-model.ts'

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

/**
 * Yaw and pitch of each named camera, degrees: yaw 0 faces the client, +90 looks at their right side; pitch is the
 * camera's height above the horizon [assumption: the front and three-quarter views a little above eye level, as a
 * consultation photo is taken, so the hairline reads against the brows; the sides and back higher, to show the
 * temples and crown].
 */
const VIEW_CAMERA: Readonly<Record<string, readonly [number, number]>> = {
  front: [0, 12],
  'three-quarter-right': [45, 12],
  right: [90, 20],
  back: [180, 20],
  left: [-90, 20],
  'three-quarter-left': [-45, 12],
}

/** Dots and the chart are drawn down to this height below the brow plane (mm): the hair-bearing scalp ends above. */
const CLIP_BELOW_BROW_MM = 40
/** Each view frames the head from the vertex down to this far below the chin, mm [assumption: a head-and-neck portrait]. */
const FRAME_BELOW_CHIN_MM = 22
/** Camera distance from the head centre [assumption: a portrait at ~70 cm]. */
const CAMERA_DISTANCE_MM = 700
/** Share of the image's shorter side the head spans. */
const FILL = 0.92

export interface View {
  readonly name: ViewName
  readonly width: number
  readonly height: number
  readonly head: HeadModel
  /** The face, ears and neck around the scalp. */
  readonly face: Face
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
  if (name === 'chart') return chartView(head, width, height, window)
  if (name === 'top') return camera(head, 'top', 0, 90, width, height)
  const [yaw, pitch] = VIEW_CAMERA[name] ?? [0, CAMERA_ELEVATION_DEG]
  return camera(head, name, yaw, pitch, width, height)
}

/** Pitch of the front camera, degrees above the horizon: where the studio's free orbit starts. */
export const CAMERA_ELEVATION_DEG = 12
/** The free orbit's pitch range, degrees (level to nearly straight down: no camera looks up under the chin). */
export const ORBIT_PITCH_RANGE: readonly [number, number] = [0, 85]

/**
 * A camera anywhere on the orbit round the head: `yawDeg` 0 faces the client, +90 looks at their right side, 180 at
 * the back; `pitchDeg` from level (0) to nearly straight down (85). The studio's free orbit.
 */
export function orbitView(head: HeadModel, yawDeg: number, pitchDeg: number, width: number, height: number): View {
  const pitch = Math.min(ORBIT_PITCH_RANGE[1], Math.max(ORBIT_PITCH_RANGE[0], pitchDeg))
  return camera(head, 'front', yawDeg, pitch, width, height)
}

function chartView(head: HeadModel, width: number, height: number, window: ChartWindow | null): View {
  const clipY = -CLIP_BELOW_BROW_MM
  const thetaMax = dacos(Math.max(-1, Math.min(1, clipY / head.c)))
  const chartRadius = head.k * thetaMax
  const cx = width / 2
  const cy = height / 2
  const short = Math.min(width, height)
  const chartScale = window === null ? (FILL * short) / (2 * chartRadius) : width / window.widthMm
  return {
    name: 'chart',
    width,
    height,
    head,
    face: headMesh(head).face,
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

function camera(
  head: HeadModel,
  name: ViewName,
  yawDeg: number,
  pitchDeg: number,
  width: number,
  height: number
): View {
  const mesh = headMesh(head)
  const face = mesh.face
  const clipY = -CLIP_BELOW_BROW_MM
  const thetaMax = dacos(Math.max(-1, Math.min(1, clipY / head.c)))
  const chartRadius = head.k * thetaMax
  // the head frame is +x client's right, +y up, +z face; screen axes are chosen per view, not by a cross product
  const bottom = face.mentonY - FRAME_BELOW_CHIN_MM
  const top = name === 'top'
  const target: Vec3 = [0, top ? head.c * 0.3 : 0.5 * (head.c + bottom), 0]
  const yaw = (yawDeg * Math.PI) / 180
  const pitch = (pitchDeg * Math.PI) / 180
  const ce = Math.cos(pitch)
  const se = Math.sin(pitch)
  let dir: Vec3
  let right: Vec3
  if (top) {
    dir = [0, 1, 0]
    right = [1, 0, 0] // from above with the face at the top of the image, the client's right is on the right
  } else {
    dir = [Math.sin(yaw) * ce, se, Math.cos(yaw) * ce]
    // facing the client, their right is on the viewer's left; at their right side, the face points to the right
    right = [-Math.cos(yaw), 0, Math.sin(yaw)]
  }
  const eye: Vec3 = [
    target[0] + CAMERA_DISTANCE_MM * dir[0],
    target[1] + CAMERA_DISTANCE_MM * dir[1],
    target[2] + CAMERA_DISTANCE_MM * dir[2],
  ]
  const forward = normalize([target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]])
  let up: Vec3
  if (top) up = [0, 0, 1]
  else {
    // world up made orthogonal to the viewing direction
    const d = forward[1]
    up = normalize([-d * forward[0], 1 - d * forward[1], -d * forward[2]])
  }
  // fit: the projected extent of the head down to just below the chin fills FILL of the image, centred
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (let k = 0; k < mesh.vertexCount; k += k < mesh.gridVertexCount ? 5 : 1) {
    if (mesh.py[k] < bottom) continue
    const px = mesh.px[k] - eye[0]
    const py = mesh.py[k] - eye[1]
    const pz = mesh.pz[k] - eye[2]
    const depth = px * forward[0] + py * forward[1] + pz * forward[2]
    const sx = (px * right[0] + py * right[1] + pz * right[2]) / depth
    const sy = (px * up[0] + py * up[1] + pz * up[2]) / depth
    if (sx < x0) x0 = sx
    if (sx > x1) x1 = sx
    if (sy < y0) y0 = sy
    if (sy > y1) y1 = sy
  }
  const focal = FILL * Math.min(width / (x1 - x0), height / (y1 - y0))
  return {
    name,
    width,
    height,
    head,
    face,
    clipY,
    eye,
    right,
    up,
    forward,
    focal,
    cx: width / 2 - (focal * (x0 + x1)) / 2,
    cy: height / 2 + (focal * (y0 + y1)) / 2,
    chartScale: 0,
    chartRadius,
    pxPerMm: focal / CAMERA_DISTANCE_MM,
  }
}

/** Whether the segment from the eye to surface point (x, y, z) passes through an ear (a bounding ellipsoid of it). */
function behindEar(view: View, x: number, y: number, z: number): boolean {
  const e = view.eye
  for (const ear of view.face.ears) if (segmentHitsEar(ear, e[0], e[1], e[2], x, y, z)) return true
  return false
}

function segmentHitsEar(ear: Ear, ex: number, ey: number, ez: number, x: number, y: number, z: number): boolean {
  const c = ear.center
  const ra = ear.length / 2 + 1
  const rb = ear.width / 2 + 1
  const rc = 4.5
  // both ends in the ear's unit-sphere frame
  const ox = ex - c[0]
  const oy = ey - c[1]
  const oz = ez - c[2]
  const px = x - c[0]
  const py = y - c[1]
  const pz = z - c[2]
  const o0 = (ox * ear.long[0] + oy * ear.long[1] + oz * ear.long[2]) / ra
  const o1 = (ox * ear.breadth[0] + oy * ear.breadth[1] + oz * ear.breadth[2]) / rb
  const o2 = (ox * ear.out[0] + oy * ear.out[1] + oz * ear.out[2]) / rc
  const p0 = (px * ear.long[0] + py * ear.long[1] + pz * ear.long[2]) / ra
  const p1 = (px * ear.breadth[0] + py * ear.breadth[1] + pz * ear.breadth[2]) / rb
  const p2 = (px * ear.out[0] + py * ear.out[1] + pz * ear.out[2]) / rc
  const d0 = p0 - o0
  const d1 = p1 - o1
  const d2 = p2 - o2
  const A = d0 * d0 + d1 * d1 + d2 * d2
  const B = o0 * d0 + o1 * d1 + o2 * d2
  const C = o0 * o0 + o1 * o1 + o2 * o2 - 1
  const disc = B * B - A * C
  if (disc <= 0) return false
  const t = (-B - Math.sqrt(disc)) / A
  return t > 0 && t < 1
}

/** Whether the ellipsoid's surface point lies under the face's skin (the forehead's brow ridge, the cheeks and below). */
function underFace(view: View, x: number, y: number, z: number): boolean {
  return y < FACE_TOP_MM && z > -35 && headField(view.head, view.face, x, y, z) < -1
}

/** Whether a surface point of the scalp that faces the camera is hidden by the face or an ear. */
function hidden(view: View, x: number, y: number, z: number): boolean {
  return underFace(view, x, y, z) || behindEar(view, x, y, z)
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
  if (facing >= 0 || hidden(view, _p[0], _p[1], _p[2])) return null
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
  if (t < 0 || hidden(view, _p[0], _p[1], _p[2])) return null
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
  if (cosi <= 0 || hidden(view, sx, sy, sz)) return false
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
