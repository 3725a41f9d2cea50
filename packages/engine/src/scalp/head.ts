// The parametric head: an ellipsoid sized from three tape measurements, and the scalp chart that maps it to a plane.
//
// Head frame (mm): origin at the head's centre on the brow plane; +x towards the client's right ear, +y up, +z forward.
// Surface: P(θ, φ) = (a·sinθ·sinφ, c·cosθ, b·sinθ·cosφ), θ the polar angle from the vertex, φ the azimuth from the front.
// The brow plane y = 0 holds glabella (θ = 90°, φ = 0) and inion (θ = 90°, φ = 180°): the tape circumference runs there.
// Chart (mm): an azimuthal map about the vertex, (u, v) = k·θ·(sinφ, cosφ): u towards the client's right, v forward.
// k is chosen so that chart distance equals surface distance along the front midline, where hairlines are designed.
// The chart is not isometric elsewhere; every length and area is therefore measured through the metric `metricAt`.

import { dacos, datan2, dcos, dsin, HALF_PI, PI } from '../math/det-math.ts'

export type Sex = 'male' | 'female'

/** Largest polar angle the chart covers, radians (135°): beyond it lie the face and neck. */
export const THETA_LIMIT = 0.75 * Math.PI

/** Tape measurements of a head, mm. */
export interface HeadMeasurements {
  /** Around the head just above the brows and over the occipital prominence. */
  circumferenceMm: number
  /** From one ear canal (tragion) to the other over the vertex. */
  earToEarMm: number
  /** From glabella over the vertex to inion. */
  glabellaInionMm: number
}

/** Typical adult measurements [assumption; anthropometric surveys put adult male head circumference near 570 mm]. */
export const DEFAULT_HEAD: Readonly<Record<Sex, HeadMeasurements>> = {
  male: { circumferenceMm: 570, earToEarMm: 340, glabellaInionMm: 330 },
  female: { circumferenceMm: 550, earToEarMm: 330, glabellaInionMm: 320 },
}

/** Tragion lies this far below the brow plane [assumption from head anthropometry: ear canal ≈ 2 cm below the brows]. */
const TRAGION_DROP_MM = 20

export interface HeadModel {
  readonly measurements: HeadMeasurements
  /** Semi-axes: a half-width (x), b half-length (z), c height above the brow plane (y), mm. */
  readonly a: number
  readonly b: number
  readonly c: number
  /** Chart scale: chart mm per radian of θ. */
  readonly k: number
}

/** Perimeter of an ellipse with semi-axes p and q (Ramanujan's second approximation; error below 1e-4 %). */
export function ellipsePerimeter(p: number, q: number): number {
  const h = ((p - q) * (p - q)) / ((p + q) * (p + q))
  return PI * (p + q) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)))
}

/** Arc length along the ellipse (p cos t, q sin t) from t0 to t1, by Simpson's rule. */
function ellipseArc(p: number, q: number, t0: number, t1: number, steps = 64): number {
  const f = (t: number) => {
    const s = dsin(t)
    const c = dcos(t)
    return Math.sqrt(p * p * s * s + q * q * c * c)
  }
  const n = steps % 2 === 0 ? steps : steps + 1
  const h = (t1 - t0) / n
  let sum = f(t0) + f(t1)
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(t0 + i * h)
  return (sum * h) / 3
}

function measure(a: number, b: number, c: number): [number, number, number] {
  const circumference = ellipsePerimeter(a, b)
  // over the top from brow-plane level on each side, plus the stretch down to tragion on both sides
  const t = Math.min(1, TRAGION_DROP_MM / c)
  const drop = datan2(t, Math.sqrt(1 - t * t))
  const earToEar = ellipsePerimeter(a, c) / 2 + 2 * ellipseArc(a, c, 0, drop, 16)
  const sagittal = ellipsePerimeter(b, c) / 2
  return [circumference, earToEar, sagittal]
}

/** Solves the semi-axes that reproduce the three tapes (Newton's method on a numeric Jacobian). */
export function createHead(m: HeadMeasurements): HeadModel {
  const target = [m.circumferenceMm, m.earToEarMm, m.glabellaInionMm]
  let x = [m.circumferenceMm / (2 * PI) / 1.12, m.circumferenceMm / (2 * PI) / 0.9, m.earToEarMm / PI]
  for (let iter = 0; iter < 30; iter++) {
    const f = measure(x[0], x[1], x[2]).map((v, i) => v - target[i])
    if (Math.abs(f[0]) + Math.abs(f[1]) + Math.abs(f[2]) < 1e-9) break
    const J: number[][] = [[], [], []]
    for (let j = 0; j < 3; j++) {
      const h = 1e-4 * x[j]
      const xp = x.slice()
      xp[j] += h
      const fp = measure(xp[0], xp[1], xp[2])
      for (let i = 0; i < 3; i++) J[i][j] = (fp[i] - target[i] - f[i]) / h
    }
    const step = solve3(J, f)
    x = x.map((v, i) => Math.max(v - step[i], v * 0.5))
  }
  const [a, b, c] = x
  const k = ellipseArc(b, c, 0, HALF_PI, 64) / HALF_PI
  return { measurements: m, a, b, c, k }
}

function solve3(A: number[][], y: number[]): number[] {
  const det = (M: number[][]) =>
    M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
    M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
    M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0])
  const d = det(A)
  return [0, 1, 2].map((col) => det(A.map((row, i) => row.map((v, j) => (j === col ? y[i] : v)))) / d)
}

/** Angles → chart point. */
export function anglesToChart(head: HeadModel, theta: number, phi: number): { u: number; v: number } {
  const rho = head.k * theta
  return { u: rho * dsin(phi), v: rho * dcos(phi) }
}

/** Writes the surface point of chart (u, v) into out[0..2] (head frame, mm). */
export function chartToSurface(head: HeadModel, u: number, v: number, out: Float64Array | number[]): void {
  const theta = Math.sqrt(u * u + v * v) / head.k
  const phi = datan2(u, v)
  const st = dsin(theta)
  out[0] = head.a * st * dsin(phi)
  out[1] = head.c * dcos(theta)
  out[2] = head.b * st * dcos(phi)
}

/** Surface point (on or near the ellipsoid) → chart point; the exact inverse of `chartToSurface`. */
export function surfaceToChart(head: HeadModel, x: number, y: number, z: number): { u: number; v: number } {
  const nx = x / head.a
  const ny = y / head.c
  const nz = z / head.b
  const len = Math.sqrt(nx * nx + ny * ny + nz * nz)
  const theta = dacos(ny / len)
  const phi = datan2(nx, nz)
  return anglesToChart(head, theta, phi)
}

/** Writes the outward unit normal at chart (u, v) into out[0..2]. */
export function normalAt(head: HeadModel, u: number, v: number, out: Float64Array | number[]): void {
  chartToSurface(head, u, v, out)
  const nx = out[0] / (head.a * head.a)
  const ny = out[1] / (head.c * head.c)
  const nz = out[2] / (head.b * head.b)
  const len = Math.sqrt(nx * nx + ny * ny + nz * nz)
  out[0] = nx / len
  out[1] = ny / len
  out[2] = nz / len
}

/**
 * The first fundamental form of the chart at (u, v): surface length² = g11·du² + 2·g12·du·dv + g22·dv².
 * Writes [g11, g12, g22] into out.
 */
export function metricAt(head: HeadModel, u: number, v: number, out: Float64Array | number[]): void {
  const { a, b, c, k } = head
  let rho = Math.sqrt(u * u + v * v)
  let uu = u
  let vv = v
  if (rho < 1e-6) {
    // the chart is smooth at the vertex; evaluate a hair's breadth away to avoid 0/0
    uu = 1e-6
    vv = 0
    rho = 1e-6
  }
  const theta = rho / k
  const phi = datan2(uu, vv)
  const st = dsin(theta)
  const ct = dcos(theta)
  const sp = dsin(phi)
  const cp = dcos(phi)
  // ∂P/∂θ and ∂P/∂φ
  const tx = a * ct * sp
  const ty = -c * st
  const tz = b * ct * cp
  const fx = a * st * cp
  const fz = -b * st * sp
  // ∂θ/∂(u,v) = (u, v)/(kρ); ∂φ/∂(u,v) = (v, −u)/ρ²
  const thu = uu / (k * rho)
  const thv = vv / (k * rho)
  const phu = vv / (rho * rho)
  const phv = -uu / (rho * rho)
  const pux = tx * thu + fx * phu
  const puy = ty * thu
  const puz = tz * thu + fz * phu
  const pvx = tx * thv + fx * phv
  const pvy = ty * thv
  const pvz = tz * thv + fz * phv
  out[0] = pux * pux + puy * puy + puz * puz
  out[1] = pux * pvx + puy * pvy + puz * pvz
  out[2] = pvx * pvx + pvy * pvy + pvz * pvz
}

const _g = new Float64Array(3)

/** Surface area per chart area at (u, v): √det g. */
export function areaElementAt(head: HeadModel, u: number, v: number): number {
  metricAt(head, u, v, _g)
  return Math.sqrt(Math.max(_g[0] * _g[2] - _g[1] * _g[1], 0))
}

/**
 * The chart point at a lateral arc `s` (mm along the brow plane from the midline, + to the client's right) and a
 * height `h` (mm up the surface from the brow plane along the meridian): the frame hairlines are designed in.
 */
export function frontalToChart(head: HeadModel, s: number, h: number): { u: number; v: number } {
  const phi = azimuthForBrowArc(head, s)
  const theta = polarForHeight(head, phi, h)
  return anglesToChart(head, theta, phi)
}

/** Azimuth φ whose brow-plane arc from the front midline is s (mm); s < 0 goes to the client's left. */
export function azimuthForBrowArc(head: HeadModel, s: number): number {
  const target = Math.abs(s)
  // the brow plane ellipse: (a sinφ, b cosφ), arc from φ = 0
  let lo = 0
  let hi = PI
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2
    if (ellipseArc(head.b, head.a, 0, mid, 32) < target) lo = mid
    else hi = mid
  }
  const phi = (lo + hi) / 2
  return s < 0 ? -phi : phi
}

/** Polar angle θ of the point `h` mm up the meridian at azimuth φ from the brow plane (negative h goes below). */
export function polarForHeight(head: HeadModel, phi: number, h: number): number {
  const sp = dsin(phi)
  const cp = dcos(phi)
  const r = Math.sqrt(head.a * head.a * sp * sp + head.b * head.b * cp * cp)
  // the meridian is the ellipse (r sinθ, c cosθ); arc from θ = π/2
  const arc = (theta: number) => ellipseArc(head.c, r, theta, HALF_PI, 32)
  let lo = 0
  let hi = PI
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2
    const signed = mid <= HALF_PI ? arc(mid) : -ellipseArc(head.c, r, HALF_PI, mid, 32)
    if (signed > h) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
