// The whole head as geometry: the tape-sized cranium (the ellipsoid of head.ts, unchanged wherever the scalp is)
// blended with a sculpted, mannequin-like face (brow ridge, eye sockets and eyes with lids, nose, lips, cheeks, jaw,
// chin), the neck, and the two ears. The face, cranium and neck are one implicit surface (negative inside), built as
// smooth unions of ellipsoids and cones (Quílez's polynomial smooth minimum) and meshed once per head by casting rays
// from a point inside it (the shape is star-shaped about that point); the ears are parametric sheets of their own.
// Everything is deterministic: Math.sqrt and arithmetic only, no trigonometry that decides a vertex.

import { createRng } from '../math/rng.ts'
import { FACE_NORMS, type Face, faceFor } from './face.ts'
import type { HeadModel, Sex } from './head.ts'

function ellipsoid(x: number, y: number, z: number, rx: number, ry: number, rz: number): number {
  const k0 = Math.sqrt((x * x) / (rx * rx) + (y * y) / (ry * ry) + (z * z) / (rz * rz))
  const k1 = Math.sqrt((x * x) / (rx * rx * rx * rx) + (y * y) / (ry * ry * ry * ry) + (z * z) / (rz * rz * rz * rz))
  return k1 < 1e-12 ? -Math.min(rx, ry, rz) : (k0 * (k0 - 1)) / k1
}

function smin(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k
  return Math.min(a, b) - h * h * k * 0.25
}

function smax(a: number, b: number, k: number): number {
  return -smin(-a, -b, k)
}

/** Distance to a cone with round ends from (ax, ay, az) radius r1 to (bx, by, bz) radius r2 (Quílez's round cone). */
function roundCone(
  x: number,
  y: number,
  z: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  r1: number,
  r2: number
): number {
  const bax = bx - ax
  const bay = by - ay
  const baz = bz - az
  const l2 = bax * bax + bay * bay + baz * baz
  const rr = r1 - r2
  const a2 = l2 - rr * rr
  const il2 = 1 / l2
  const pax = x - ax
  const pay = y - ay
  const paz = z - az
  const yy = pax * bax + pay * bay + paz * baz
  const zz = yy - l2
  const cx = pax * l2 - bax * yy
  const cy = pay * l2 - bay * yy
  const cz = paz * l2 - baz * yy
  const x2 = cx * cx + cy * cy + cz * cz
  const y2 = yy * yy * l2
  const z2 = zz * zz * l2
  const k = Math.sign(rr) * rr * rr * x2
  if (Math.sign(zz) * a2 * z2 > k) return Math.sqrt(x2 + z2) * il2 - r2
  if (Math.sign(yy) * a2 * y2 < k) return Math.sqrt(x2 + y2) * il2 - r1
  return (Math.sqrt(x2 * a2 * il2) + yy * rr) * il2 - r1
}

/** The eye's almond opening in its own frame (lateral dx, vertical dy from the pupil), mm: negative inside. */
export function eyeOpening(f: Face, dx: number, dy: number): number {
  const half = 14.5 * f.scale
  const t = dx / half
  const hh = (f.sex === 'female' ? 4.8 : 4.4) * f.scale * Math.sqrt(Math.max(0, 1 - t * t))
  // the lateral canthus sits a little higher than the medial; the upper lid covers the top of the iris
  const yc = 0.6 + 0.05 * dx
  return Math.max(Math.abs(dy - yc) - hh, Math.abs(dx) - half)
}

/**
 * The face's horizontal sections, male, mm [assumption, sculpted to DOMAIN §12.1's breadths: bizygomatic 142.6 at the
 * cheekbones, bigonial 120.7 at the jaw's angles]: height (y, on a face whose menton is −131.6), half-width, front
 * (forward of glabella, negative behind it), back (z), and how much the section narrows towards its front (the jaw's
 * V in the lower face). Female faces take the same shape at their own height and breadths.
 */
const LOFT: readonly (readonly [number, number, number, number, number])[] = [
  [14, 58, -18, -10, 0],
  [-11, 68, -14, -12, 0],
  [-25, 71, -12, -12, 0.05],
  [-45, 67, -10, -12, 0.12],
  [-61, 61, -8, -10, 0.2],
  [-84.5, 56, -10, -8, 0.3],
  [-100, 53, -13, -4, 0.42],
  [-112, 46, -14, 14, 0.55],
  [-124, 36, -16, 38, 0.55],
  [-131.6, 24, -20, 60, 0.45],
]

const _loft = new Float64Array(4)
/** Each LOFT row's slopes (Catmull–Rom: the secant through its neighbours), per column. */
const LOFT_SLOPES: readonly (readonly number[])[] = LOFT.map((_, k) => {
  const a = LOFT[Math.max(0, k - 1)]
  const b = LOFT[Math.min(LOFT.length - 1, k + 1)]
  return [0, 1, 2, 3, 4].map((c) => (c === 0 ? 0 : (b[c] - a[c]) / (b[0] - a[0])))
})

/** The LOFT row values at height y (male units), by cubic Hermite interpolation (Catmull–Rom slopes) into _loft. */
function loftAt(y: number): boolean {
  const n = LOFT.length
  if (y > LOFT[0][0] || y < LOFT[n - 1][0]) return false
  let i = 0
  while (i < n - 2 && y < LOFT[i + 1][0]) i++
  const y0 = LOFT[i][0]
  const y1 = LOFT[i + 1][0]
  const h = y1 - y0
  const t = (y - y0) / h
  const t2 = t * t
  const t3 = t2 * t
  const h00 = 2 * t3 - 3 * t2 + 1
  const h10 = t3 - 2 * t2 + t
  const h01 = -2 * t3 + 3 * t2
  const h11 = t3 - t2
  const r0 = LOFT[i]
  const r1 = LOFT[i + 1]
  const s0 = LOFT_SLOPES[i]
  const s1 = LOFT_SLOPES[i + 1]
  for (let c = 1; c <= 4; c++) _loft[c - 1] = h00 * r0[c] + h10 * h * s0[c] + h01 * r1[c] + h11 * h * s1[c]
  return true
}

/** The lofted face mass: negative inside, ≈ distance near its sides. */
function loft(f: Face, x: number, y: number, z: number): number {
  const male = FACE_NORMS.male
  const n = FACE_NORMS[f.sex]
  const ky = (f.mentonY / -131.6) * 1
  const yy = y / ky
  const top = LOFT[0][0] * ky
  const bottom = f.mentonY
  if (!loftAt(Math.min(LOFT[0][0], Math.max(LOFT[LOFT.length - 1][0], yy)))) return 100
  // breadths: the cheekbones' ratio above the mouth, the jaw's below
  const lower = Math.min(1, Math.max(0, (f.subnasaleY - y) / (f.subnasaleY - f.mentonY)))
  const kx =
    f.scale *
    ((1 - lower) * (n.bizygomatic / male.bizygomatic) + lower * (n.bigonial / male.bigonial)) *
    (f.sex === 'male' ? 1 : 1.0)
  const W = _loft[0] * kx
  const front = f.gz + _loft[1] * f.scale
  const back = _loft[2] * f.scale
  const taper = _loft[3]
  const zc = 0.5 * (front + back)
  const D = 0.5 * (front - back)
  const tz = Math.min(1, Math.max(0, (z - zc) / D))
  const hw = W * (1 - taper * tz * tz)
  // a rounded-box section (superellipse, exponent 2.6): the cheeks and jaw stay full back to the ears
  const qx = Math.abs(x) / hw
  const qz = Math.abs(z - zc) / D
  const q = (qx ** 2.6 + qz ** 2.6) ** (1 / 2.6)
  const side = (q - 1) * Math.min(hw, D)
  return Math.max(side, y - top, bottom - y)
}

/**
 * The head's implicit surface at (x, y, z), head frame, mm: negative inside, ≈ the distance near the surface.
 * The cranium term is the ellipsoid exactly, and no other term reaches the scalp above the brows or behind the ears.
 */
export function headField(head: HeadModel, f: Face, x: number, y: number, z: number): number {
  const s = f.scale
  const gz = f.gz
  // the cranium, its lower half cut off under the skull's base (the neck and jaw take over there); the cut's blend
  // moves the surface less than 0.05 mm above the chart's lowest drawn height
  let d = ellipsoid(x, y, z, head.a, head.c, head.b)
  if (y < SKULL_BASE_MM + 20) d = smax(d, -(y - SKULL_BASE_MM), 20)
  // below the brows and in front: the face; keep every face term out of reach of the scalp
  if (y < FACE_TOP_MM && z > -35) {
    const ax = Math.abs(x)
    // the face's mass: lofted horizontal sections from above the brows to the chin; then the cheekbones and the chin
    let face = loft(f, x, y, z)
    face = smin(face, ellipsoid(ax - 47 * s, y - (f.eyeY - 17 * s), z - (gz - 33 * s), 17 * s, 11 * s, 14 * s), 10 * s)
    const chinW = (f.sex === 'male' ? 22 : 16) * s
    face = smin(face, ellipsoid(x, y - (f.mentonY + 13 * s), z - (gz - 22 * s), chinW, 12 * s, 12 * s), 9 * s)
    const ridge = f.sex === 'male' ? 16 : 13
    face = smin(face, ellipsoid(x, y - 1 * s, z - (gz - ridge * s), 54 * s, 9 * s, (ridge + 1) * s), 8 * s)
    // temples: the face mass meets the cranium over a wide blend
    d = smin(d, face, 22 * s)
    // eye sockets, then the eyes and their lids
    const ex = ax - f.eyeX
    const ey = y - f.eyeY
    if (ey < 30 && ey > -30 && ex > -28 && ex < 30) {
      d = smax(d, -ellipsoid(ex, ey + 1 * s, z - (gz - 5.5 * s), 17 * s, 11 * s, 10 * s), 6 * s)
      const ez = z - f.eyeZ
      const r = Math.sqrt(ex * ex + ey * ey + ez * ez)
      const ball = r - f.eyeR
      const lid = Math.max(r - f.eyeR - 1.3 * s, -eyeOpening(f, ex, ey))
      d = smin(d, Math.min(ball, lid), 2.5 * s)
    }
    // the nose: bridge, tip and wings
    if (ax < 30 && y < 10 && y > f.subnasaleY - 20) {
      const ns = f.sex === 'male' ? 1 : 0.88
      const tipY = f.subnasaleY + 7 * s
      const tipZ = gz + (f.sex === 'male' ? 9 : 6) * s
      const r1 = 6 * ns * s
      const r2 = 8.5 * ns * s
      let nose = roundCone(
        x,
        y,
        z,
        0,
        f.sellionY - 2 * s,
        gz - 7 * s - r1,
        0,
        tipY + 2 * s,
        tipZ + 7 * ns * s - r2,
        r1,
        r2
      )
      nose = smin(nose, Math.sqrt(x * x + (y - tipY) ** 2 + (z - tipZ) ** 2) - 8 * ns * s, 5 * s)
      const alaX = 10 * ns * s
      nose = smin(
        nose,
        ellipsoid(ax - alaX, y - (f.subnasaleY + 5 * s), z - (gz - 8 * s), 6.5 * ns * s, 6 * s, 8 * s),
        6 * s
      )
      d = smin(d, nose, 6 * s)
    }
    // lips and the mouth's line
    if (ax < 40 && y < f.subnasaleY + 5 && y > f.mentonY + 10) {
      const full = f.sex === 'female' ? 1.15 : 1
      let lips = ellipsoid(x, y - (f.stomionY + 8 * s), z - (gz - 22 * s), 24 * s, 12 * s, 15 * s * full)
      lips = smin(lips, ellipsoid(x, y - (f.stomionY - 6 * s), z - (gz - 24 * s), 21 * s, 8 * s, 14 * s * full), 3 * s)
      d = smin(d, lips, 5 * s)
    }
  }
  // the neck, leaning a little forward as it goes down, joined to the skull and jaw by a wide blend
  if (y < -20) {
    const lean = y < -60 ? 0.12 * (-60 - y) : 0
    const nz = z - (f.neckZ + lean)
    const nq = Math.sqrt((x * x) / (f.neckA * f.neckA) + (nz * nz) / (f.neckB * f.neckB))
    let neck = (nq - 1) * Math.min(f.neckA, f.neckB)
    neck = Math.max(neck, y, -NECK_BOTTOM_MM - y)
    // a wide blend into the nape, a tighter one under the jaw (so the jaw's line shows)
    const t = Math.min(1, Math.max(0, (z + 30) / 60))
    d = smin(d, neck, (24 - 14 * t * t * (3 - 2 * t)) * f.scale)
  }
  return d
}

/**
 * No face term reaches above this height (mm above the brow plane): the loft's top (14 mm) plus its blend into the
 * cranium (22 mm). The lowest designed hairline sits higher (DOMAIN §3.1: 55 mm above glabella at the least).
 */
export const FACE_TOP_MM = 40

/** The skull's base under the scalp, mm below the brow plane [assumption: just under the nape's hair, DOMAIN §3's
 * hair-bearing scalp ends about 34 mm below the brow plane at the back]. */
const SKULL_BASE_MM = -58

/** The neck is modelled down to this depth below the brow plane, mm (well out of every view's frame). */
const NECK_BOTTOM_MM = 320

/** A triangle mesh of the whole head, with per-vertex normals and ambient occlusion. */
export interface HeadMesh {
  readonly head: HeadModel
  readonly face: Face
  readonly vertexCount: number
  /** Vertices before this index form the radial grid of cranium, face and neck; the ears' follow. */
  readonly gridVertexCount: number
  readonly px: Float32Array
  readonly py: Float32Array
  readonly pz: Float32Array
  readonly nx: Float32Array
  readonly ny: Float32Array
  readonly nz: Float32Array
  /** Ambient occlusion in [0, 1] (1: open sky). */
  readonly ao: Float32Array
  readonly triangleCount: number
  readonly tris: Uint32Array
  /** Triangles from this index on are ears: thin sheets seen from both sides. */
  readonly earStart: number
  /** Brow hairs: root and tip on the skin (head frame, mm), and the skin's normal at the root. */
  readonly brows: BrowHairs
}

interface BrowHairs {
  count: number
  root: Float32Array
  tip: Float32Array
  normal: Float32Array
}

/** The mesh's rays start here (inside the head, behind the nose, above the neck). */
function meshOrigin(f: Face): [number, number, number] {
  return [0, -40 * f.scale, 10]
}

const N_PHI = 360
const N_THETA = 280

/** Samples of [0, 1) warped so that `density` (relative) governs their spacing: denser where density is larger. */
function warpedSamples(
  n: number,
  lo: number,
  hi: number,
  density: (t: number) => number,
  closed: boolean
): Float64Array {
  const steps = 4096
  const cum = new Float64Array(steps + 1)
  for (let i = 0; i < steps; i++) cum[i + 1] = cum[i] + density(lo + ((hi - lo) * (i + 0.5)) / steps)
  const out = new Float64Array(n)
  const total = cum[steps]
  let k = 0
  for (let i = 0; i < n; i++) {
    const target = (total * i) / (closed ? n : n - 1)
    while (k < steps - 1 && cum[k + 1] < target) k++
    const frac = (target - cum[k]) / Math.max(1e-12, cum[k + 1] - cum[k])
    out[i] = lo + ((hi - lo) * (k + Math.min(1, Math.max(0, frac)))) / steps
  }
  return out
}

/** Distance along the ray from o in unit direction d to the surface (the field's zero), searched from `guess`. */
function radialHit(
  head: HeadModel,
  f: Face,
  o: readonly number[],
  dx: number,
  dy: number,
  dz: number,
  guess: number
): number {
  const at = (r: number) => headField(head, f, o[0] + r * dx, o[1] + r * dy, o[2] + r * dz)
  // bracket the crossing by stepping from the guess, then the Illinois variant of regula falsi
  const step = 2
  let lo = Math.max(4, guess)
  let flo = at(lo)
  let hi: number
  let fhi: number
  if (flo < 0) {
    hi = lo + step
    fhi = at(hi)
    while (fhi < 0 && hi < 700) {
      lo = hi
      flo = fhi
      hi += step
      fhi = at(hi)
    }
  } else {
    hi = lo
    fhi = flo
    lo = hi - step
    flo = at(lo)
    while (flo >= 0 && lo > 4) {
      hi = lo
      fhi = flo
      lo = Math.max(4, lo - step)
      flo = at(lo)
    }
  }
  let side = 0
  for (let i = 0; i < 12 && hi - lo > 0.005; i++) {
    const r = hi - (fhi * (hi - lo)) / (fhi - flo)
    const fr = at(r)
    if (fr < 0) {
      lo = r
      flo = fr
      if (side === -1) fhi *= 0.5
      side = -1
    } else {
      hi = r
      fhi = fr
      if (side === 1) flo *= 0.5
      side = 1
    }
    if (Math.abs(fr) < 0.002) return r
  }
  return 0.5 * (lo + hi)
}

const cache: { key: string; mesh: HeadMesh }[] = []

function headKey(head: HeadModel, sex: Sex): string {
  return `${sex}:${head.a}:${head.b}:${head.c}`
}

/** The head's sex for its face: the model's own, male when the model was made from tapes alone. */
function headSex(head: HeadModel): Sex {
  return head.sex ?? 'male'
}

/** The head's mesh (built once per head and kept; the last four heads are cached). */
export function headMesh(head: HeadModel): HeadMesh {
  const sex = headSex(head)
  const key = headKey(head, sex)
  for (const c of cache) if (c.key === key) return c.mesh
  const mesh = buildMesh(head, faceFor(head, sex))
  cache.unshift({ key, mesh })
  if (cache.length > 4) cache.pop()
  return mesh
}

function buildMesh(head: HeadModel, f: Face): HeadMesh {
  const o = meshOrigin(f)
  // denser over the face (front, from the brows to the chin), coarser over the cranium
  const phis = warpedSamples(
    N_PHI,
    -Math.PI,
    Math.PI,
    (p) => 1 + 3 * Math.exp(-((p / 0.75) ** 2)) + 0.8 * Math.exp(-(((Math.abs(p) - 1.6) / 0.35) ** 2)),
    true
  )
  const thetas = warpedSamples(N_THETA, 0, Math.PI, (t) => 1 + 3 * Math.exp(-(((t - 1.72) / 0.55) ** 2)), false)
  const nv = N_PHI * N_THETA
  const ear = earSheets(f)
  const total = nv + ear.count
  const px = new Float32Array(total)
  const py = new Float32Array(total)
  const pz = new Float32Array(total)
  const sinT = thetas.map((t) => Math.sin(t))
  const cosT = thetas.map((t) => Math.cos(t))
  for (let j = 0; j < N_PHI; j++) {
    const sp = Math.sin(phis[j])
    const cp = Math.cos(phis[j])
    let guess = head.c + 40
    for (let i = 0; i < N_THETA; i++) {
      const dx = sinT[i] * sp
      const dy = cosT[i]
      const dz = sinT[i] * cp
      const r = radialHit(head, f, o, dx, dy, dz, guess)
      guess = r
      const k = i * N_PHI + j
      px[k] = o[0] + r * dx
      py[k] = o[1] + r * dy
      pz[k] = o[2] + r * dz
    }
  }
  // triangles of the radial grid (outward-facing, counter-clockwise seen from outside)
  const gridTris = (N_THETA - 1) * N_PHI * 2
  const tris = new Uint32Array((gridTris + ear.tris.length / 3) * 3)
  let t = 0
  for (let i = 0; i < N_THETA - 1; i++) {
    for (let j = 0; j < N_PHI; j++) {
      const j1 = (j + 1) % N_PHI
      const a = i * N_PHI + j
      const b = i * N_PHI + j1
      const c = (i + 1) * N_PHI + j
      const d = (i + 1) * N_PHI + j1
      tris[t++] = a
      tris[t++] = c
      tris[t++] = b
      tris[t++] = b
      tris[t++] = c
      tris[t++] = d
    }
  }
  const earStart = t / 3
  px.set(ear.px, nv)
  py.set(ear.py, nv)
  pz.set(ear.pz, nv)
  for (let i = 0; i < ear.tris.length; i++) tris[t++] = ear.tris[i] + nv
  const nx = new Float32Array(total)
  const ny = new Float32Array(total)
  const nz = new Float32Array(total)
  accumulateNormals(px, py, pz, tris, nx, ny, nz)
  const ao = new Float32Array(total)
  for (let k = 0; k < nv; k++) {
    // three samples of the field along the normal: how much nearby surface shades this point
    let occ = 0
    for (const [dist, w] of AO_SAMPLES) {
      const v = headField(head, f, px[k] + nx[k] * dist, py[k] + ny[k] * dist, pz[k] + nz[k] * dist)
      occ += (w * Math.max(0, dist - v)) / dist
    }
    ao[k] = Math.max(0.4, 1 - occ)
  }
  ao.set(ear.ao, nv)
  return {
    head,
    face: f,
    vertexCount: total,
    gridVertexCount: nv,
    px,
    py,
    pz,
    nx,
    ny,
    nz,
    ao,
    triangleCount: tris.length / 3,
    tris,
    earStart,
    brows: browHairs(head, f, o),
  }
}

const AO_SAMPLES: readonly [number, number][] = [
  [3, 0.4],
  [10, 0.45],
]

function accumulateNormals(
  px: Float32Array,
  py: Float32Array,
  pz: Float32Array,
  tris: Uint32Array,
  nx: Float32Array,
  ny: Float32Array,
  nz: Float32Array
): void {
  for (let t = 0; t < tris.length; t += 3) {
    const a = tris[t]
    const b = tris[t + 1]
    const c = tris[t + 2]
    const ux = px[b] - px[a]
    const uy = py[b] - py[a]
    const uz = pz[b] - pz[a]
    const vx = px[c] - px[a]
    const vy = py[c] - py[a]
    const vz = pz[c] - pz[a]
    // area-weighted face normal
    const fx = uy * vz - uz * vy
    const fy = uz * vx - ux * vz
    const fz = ux * vy - uy * vx
    nx[a] += fx
    ny[a] += fy
    nz[a] += fz
    nx[b] += fx
    ny[b] += fy
    nz[b] += fz
    nx[c] += fx
    ny[c] += fy
    nz[c] += fz
  }
  for (let k = 0; k < nx.length; k++) {
    const l = Math.hypot(nx[k], ny[k], nz[k])
    if (l > 0) {
      nx[k] /= l
      ny[k] /= l
      nz[k] /= l
    } else ny[k] = 1
  }
}

function bump(x: number, c: number, w: number): number {
  const t = (x - c) / w
  return Math.exp(-t * t)
}

function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)))
  return t * t * (3 - 2 * t)
}

/**
 * The ears as closed pillows: a sculpted front sheet (helix rim, antihelix, concha bowl, lobe) and a plain back
 * sheet, joined along the rim. Outline: an egg, broad at the top and narrowing to the lobe.
 */
function earSheets(f: Face): {
  count: number
  px: Float32Array
  py: Float32Array
  pz: Float32Array
  ao: Float32Array
  tris: Uint32Array
} {
  const NR = 16
  const NT = 64
  const perSheet = NR * NT + 1
  const perEar = 2 * perSheet
  const count = 2 * perEar
  const px = new Float32Array(count)
  const py = new Float32Array(count)
  const pz = new Float32Array(count)
  const ao = new Float32Array(count)
  const tris: number[] = []
  for (let e = 0; e < 2; e++) {
    const ear = f.ears[e]
    const base = e * perEar
    for (let sheet = 0; sheet < 2; sheet++) {
      const sb = base + sheet * perSheet
      for (let ri = 0; ri <= NR; ri++) {
        const r = ri / NR
        for (let ti = 0; ti < (ri === 0 ? 1 : NT); ti++) {
          const th = (2 * Math.PI * ti) / NT
          // l along the length (+ up), w along the breadth (+ back)
          const up = Math.sin(th)
          const halfW = (ear.width / 2) * (up >= 0 ? 1 : 1 - 0.35 * up * up)
          const l = r * (ear.length / 2) * up
          const w = r * halfW * Math.cos(th)
          const lobe = smoothstep(-0.2, -0.55, l / ear.length)
          let h = 0
          if (sheet === 0) {
            const back = smoothstep(-0.6, 0.2, Math.cos(th)) * smoothstep(-0.7, -0.2, up)
            h += 2.6 * bump(r, 0.93, 0.08) * (1 - lobe) * (0.4 + 0.6 * back)
            h += 1.6 * bump(r, 0.64, 0.1) * (1 - lobe)
            const cl = l / ear.length + 0.08
            const cw = w / ear.width + 0.12
            const cr = Math.sqrt(cl * cl * 2.2 + cw * cw * 3)
            h -= 5.5 * (1 - smoothstep(0.05, 0.38, cr)) * (1 - lobe)
            h += 1.2 * lobe * (1 - r * r)
          } else {
            h -= 2.6 * (1 - r * r) + 0.4
          }
          const k = sb + (ri === 0 ? 0 : 1 + (ri - 1) * NT + ti)
          px[k] = ear.center[0] + ear.long[0] * l + ear.breadth[0] * w + ear.out[0] * h
          py[k] = ear.center[1] + ear.long[1] * l + ear.breadth[1] * w + ear.out[1] * h
          pz[k] = ear.center[2] + ear.long[2] * l + ear.breadth[2] * w + ear.out[2] * h
          ao[k] = sheet === 1 ? 0.55 : 0.62 + 0.38 * smoothstep(0.2, 0.9, r + 0.4 * lobe)
        }
      }
      // triangles: centre fan, then rings; the back sheet winds the other way
      const idx = (ri: number, ti: number) => sb + (ri === 0 ? 0 : 1 + (ri - 1) * NT + (ti % NT))
      const flip = (sheet === 0) !== (e === 1)
      const push = (a: number, b: number, c: number) => {
        if (flip) tris.push(a, c, b)
        else tris.push(a, b, c)
      }
      for (let ti = 0; ti < NT; ti++) push(idx(0, 0), idx(1, ti), idx(1, ti + 1))
      for (let ri = 1; ri < NR; ri++)
        for (let ti = 0; ti < NT; ti++) {
          push(idx(ri, ti), idx(ri + 1, ti), idx(ri + 1, ti + 1))
          push(idx(ri, ti), idx(ri + 1, ti + 1), idx(ri, ti + 1))
        }
    }
    // the rim: join the two sheets' outer rings
    const front = (ti: number) => base + 1 + (NR - 1) * NT + (ti % NT)
    const back = (ti: number) => base + perSheet + 1 + (NR - 1) * NT + (ti % NT)
    for (let ti = 0; ti < NT; ti++) tris.push(front(ti), back(ti), back(ti + 1), front(ti), back(ti + 1), front(ti + 1))
  }
  return { count, px, py, pz, ao, tris: Uint32Array.from(tris) }
}

/** Where the skin is along the ray from o through (x, y, z) (a point near the face): writes the hit into out. */
function onSkin(head: HeadModel, f: Face, o: readonly number[], x: number, y: number, z: number, out: number[]): void {
  let dx = x - o[0]
  let dy = y - o[1]
  let dz = z - o[2]
  const l = Math.hypot(dx, dy, dz)
  dx /= l
  dy /= l
  dz /= l
  const r = radialHit(head, f, o, dx, dy, dz, l)
  out[0] = o[0] + r * dx
  out[1] = o[1] + r * dy
  out[2] = o[2] + r * dz
}

/**
 * Brow hairs: each brow from its head (above the inner corner of the eye) over its arch to its tail, thick at the
 * head and thin at the tail; hairs at the head stand up, the rest lie towards the tail, converging on the brow's
 * middle line [assumption: the common growth pattern of the eyebrow]. A fixed seed per sex: the brows are the head's.
 */
function browHairs(head: HeadModel, f: Face, o: readonly number[]): BrowHairs {
  const rng = createRng(f.sex === 'male' ? 0x6b72 : 0x6b73)
  const b = f.brow
  const s = f.scale
  const perBrow = f.sex === 'male' ? 420 : 300
  const count = 2 * perBrow
  const root = new Float32Array(count * 3)
  const tip = new Float32Array(count * 3)
  const normal = new Float32Array(count * 3)
  const p: number[] = [0, 0, 0]
  const q: number[] = [0, 0, 0]
  const lenMm = f.sex === 'male' ? 7 : 5.5
  // quadratic Bézier through head, peak and tail in (x, y); the control point makes the curve pass the peak
  const hx = b.headX * s
  const hy = b.headY * s
  const tx = b.tailX * s
  const ty = b.tailY * s
  const cx = 2 * b.peakX * s - 0.5 * (hx + tx)
  const cy = 2 * b.peakY * s - 0.5 * (hy + ty)
  let n = 0
  for (let side = 1; side >= -1; side -= 2) {
    for (let i = 0; i < perBrow; i++) {
      const t = rng.next() ** 0.85
      const mt = 1 - t
      const bx = mt * mt * hx + 2 * mt * t * cx + t * t * tx
      const by = mt * mt * hy + 2 * mt * t * cy + t * t * ty
      // tangent along the brow and the brow's thickness here
      let txd = 2 * mt * (cx - hx) + 2 * t * (tx - cx)
      let tyd = 2 * mt * (cy - hy) + 2 * t * (ty - cy)
      const tl = Math.hypot(txd, tyd)
      txd /= tl
      tyd /= tl
      const thick = b.thick * s * (1 - 0.55 * t) * (t < 0.08 ? 0.75 + 3 * t : 1)
      const across = (rng.next() - 0.5) * thick
      const x0 = bx - tyd * across
      const y0 = by + txd * across
      // direction: upwards at the brow's head, along the brow elsewhere, slanting in towards the middle line
      const head01 = 0.6 * smoothstep(0.14, 0.02, t)
      const conv = -across / (thick + 1e-6)
      let dx = txd * (1 - head01) + 0.15 * head01
      let dy = tyd * (1 - head01) + head01 + 0.5 * conv * (1 - head01)
      const jitter = (rng.next() - 0.5) * 0.5
      const dl = Math.hypot(dx, dy)
      dx = dx / dl + jitter * 0.2
      dy = dy / dl + jitter * 0.2
      const len = lenMm * s * (0.6 + 0.6 * rng.next()) * (1 - 0.3 * t)
      const x1 = x0 + dx * len
      const y1 = y0 + dy * len * 0.8
      onSkin(head, f, o, side * x0, y0, f.gz, p)
      onSkin(head, f, o, side * x1, y1, f.gz, q)
      // the normal from the field's gradient at the root
      const e = 0.3
      let gx = headField(head, f, p[0] + e, p[1], p[2]) - headField(head, f, p[0] - e, p[1], p[2])
      let gy = headField(head, f, p[0], p[1] + e, p[2]) - headField(head, f, p[0], p[1] - e, p[2])
      let gz = headField(head, f, p[0], p[1], p[2] + e) - headField(head, f, p[0], p[1], p[2] - e)
      const gl = Math.hypot(gx, gy, gz)
      gx /= gl
      gy /= gl
      gz /= gl
      // the hair lies close to the skin: its tip a little off it
      const lift = 0.35
      root.set([p[0] + gx * 0.05, p[1] + gy * 0.05, p[2] + gz * 0.05], n * 3)
      tip.set([q[0] + gx * lift, q[1] + gy * lift, q[2] + gz * lift], n * 3)
      normal.set([gx, gy, gz], n * 3)
      n++
    }
  }
  return { count: n, root, tip, normal }
}
