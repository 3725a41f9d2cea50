// The rest of the head around the scalp: brows, eyes, nose, mouth, chin, jaw, ears and neck as a triangle mesh, at
// DOMAIN §12.1 adult proportions by sex, sized with the cranium ellipsoid of head.ts (itself solved from the tapes).
//
// The face, jaw and neck are one implicit solid (approximate signed distances joined by smooth unions): the cranium
// ellipsoid with its front-lower part cut away below the brows, a face shell with nose, sockets, eyeballs, cheeks, lips
// and chin, and an elliptic neck. The mesh samples that solid's outer surface on horizontal slices (one ray per
// azimuth from the slice's centre, the outermost crossing), so above the cut it lies on the ellipsoid: the renderer
// keeps drawing the scalp from the exact ellipsoid there and the forehead and sides continue without a seam. Ears are
// separate thin shells. Geometry only (deterministic Math.*): nothing here decides where a dot goes.

import type { HeadModel, Sex } from './head.ts'

/** DOMAIN §12.1 means (mm) [ANSUR2], [NIOSH03]. */
const NORMS: Readonly<
  Record<
    Sex,
    {
      circumference: number
      faceHeight: number
      bizygomatic: number
      bigonial: number
      ipd: number
      iris: number
      earLength: number
      earBreadth: number
      earProtrusion: number
      neckCircumference: number
    }
  >
> = {
  male: {
    circumference: 574.4,
    faceHeight: 122.6,
    bizygomatic: 142.6,
    bigonial: 120.7,
    ipd: 64.0,
    iris: 11.77,
    earLength: 64.2,
    earBreadth: 36.1,
    earProtrusion: 20, // DOMAIN §12.1: 23.2 mean [ANSUR2], 15–20 mm by [TOLL78]; the lower reads truer on a mannequin
    neckCircumference: 397.6,
  },
  female: {
    circumference: 561.1,
    faceHeight: 113.1,
    bizygomatic: 133.8,
    bigonial: 111.6,
    ipd: 61.7,
    iris: 11.64,
    earLength: 59.4,
    earBreadth: 33.2,
    earProtrusion: 18,
    neckCircumference: 329.8,
  },
}

/** Landmarks and sizes of the face (head frame, mm: +x client's right, +y up, +z forward, brow plane y = 0). */
export interface FaceGeometry {
  readonly sex: Sex
  /** Glabella's z (the ellipsoid's front). */
  readonly glabellaZ: number
  readonly sellionY: number
  readonly mentonY: number
  /** Pupil centre: |x|, y and the cornea's apex z. */
  readonly eyeX: number
  readonly eyeY: number
  readonly corneaZ: number
  readonly irisRadius: number
  /** Half-size of the eye opening, mm. */
  readonly eyeHalfWidth: number
  readonly eyeHalfHeight: number
  readonly noseTipY: number
  readonly subnasaleY: number
  readonly stomionY: number
  readonly mouthHalfWidth: number
  readonly zygionX: number
  readonly gonionX: number
  readonly gonionY: number
  /** Neck: half-width, half-depth, centre z. */
  readonly neckA: number
  readonly neckB: number
  readonly neckZ: number
  /** Ear: top y, length, breadth, protrusion, the front edge's z and the head's half-width there. */
  readonly earTopY: number
  readonly earLength: number
  readonly earBreadth: number
  readonly earProtrusion: number
  readonly earFrontZ: number
  /** The lowest point drawn (the neck is cut here), mm. */
  readonly bottomY: number
  /** Brow-ridge strength, mm. */
  readonly browRidge: number
}

/** A triangle mesh: positions and smooth normals per vertex, three vertex indices per triangle, a part per vertex. */
export interface HeadMesh {
  readonly face: FaceGeometry
  readonly vertexCount: number
  readonly triangleCount: number
  readonly position: Float32Array
  readonly normal: Float32Array
  readonly index: Uint32Array
  /** 0: face, jaw and neck; 1: ear. */
  readonly part: Uint8Array
}

/** Ellipse perimeter (Ramanujan II). */
function perimeter(p: number, q: number): number {
  const h = ((p - q) * (p - q)) / ((p + q) * (p + q))
  return Math.PI * (p + q) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)))
}

/** The face's landmarks for a head: DOMAIN §12.1 norms by sex, scaled by the head's circumference against the norm. */
export function faceGeometry(head: HeadModel, sex: Sex): FaceGeometry {
  const n = NORMS[sex]
  const s = Math.min(1.15, Math.max(0.87, head.measurements.circumferenceMm / n.circumference))
  const faceHeight = n.faceHeight * s
  const sellionY = -8 * s // [assumption] sellion sits ~8 mm below glabella
  const mentonY = sellionY - faceHeight // DOMAIN §12.1 sellion–menton
  // DOMAIN §12.2 thirds: glabella–subnasale ≈ subnasale–menton [HRN-HL], so subnasale halfway glabella–menton
  const subnasaleY = mentonY / 2
  // neck: an ellipse of the norm's circumference, 1.17× deeper than wide [assumption]
  const neckC = n.neckCircumference * s
  let neckA = neckC / (2 * Math.PI)
  for (let i = 0; i < 20; i++) neckA *= neckC / perimeter(neckA, neckA * 1.17)
  return {
    sex,
    glabellaZ: head.b,
    sellionY,
    mentonY,
    eyeX: (n.ipd * s) / 2, // DOMAIN §12.1 interpupillary distance
    eyeY: sellionY - 9 * s, // [assumption] pupils ~9 mm below sellion
    corneaZ: head.b - 15 * s, // [assumption] cornea ~15 mm behind glabella
    irisRadius: n.iris / 2, // DOMAIN §12.1 corneal white-to-white
    eyeHalfWidth: 14.5 * s,
    eyeHalfHeight: 5.2 * s,
    noseTipY: subnasaleY + 8 * s,
    subnasaleY,
    stomionY: subnasaleY + 0.34 * (mentonY - subnasaleY), // [assumption] upper lip one third of the lower face
    mouthHalfWidth: 25 * s,
    zygionX: (n.bizygomatic * s) / 2, // DOMAIN §12.1 bizygomatic breadth
    gonionX: (n.bigonial * s) / 2, // DOMAIN §12.1 bigonial breadth
    gonionY: mentonY + 0.22 * faceHeight,
    neckA,
    neckB: neckA * 1.17,
    neckZ: -0.16 * head.b,
    earTopY: 2, // DOMAIN §12.1: the ear's top level with the brow
    earLength: n.earLength * s,
    earBreadth: n.earBreadth * s,
    earProtrusion: n.earProtrusion * s,
    // DOMAIN §12.1: one ear length behind the lateral orbital rim (which sits ~30 mm behind glabella) [TOLL78]
    earFrontZ: head.b - 30 * s - n.earLength * s,
    bottomY: mentonY - 95 * s,
    browRidge: sex === 'male' ? 2.2 : 1,
  }
}

/** Polynomial smooth minimum (union) of two distances, blend width k. */
function smin(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k
  return Math.min(a, b) - (h * h * k) / 4
}
function smax(a: number, b: number, k: number): number {
  return -smin(-a, -b, k)
}
/** Values of the face that depend on the slice height y only (the field is evaluated row by row). */
interface Row {
  y: number
  // cranium
  craniumY2: number
  cutY: number
  // face front
  zMid: number
  hw: number
  drop: number
  jawPow: number
  blend: number
  faceBack: number
  // y factors of the bumps
  brow: number
  socket: number
  cheek: number
  upperLip: number
  lowerLip: number
  mouthLine: number
  chin: number
  ala: number
  // nose: profile z (−∞ where absent) and half-width
  noseZ: number
  noseW: number
  // eyeballs: squared radius of the slice through them (≤ 0: none)
  eyeR2: number
  eyeZ: number
  neckTop: number
  neckBlend: number
}

/** Smooth interpolation through knots [y, value] sorted by descending y (smoothstep between neighbours). */
function knots(k: readonly (readonly [number, number])[], y: number): number {
  if (y >= k[0][0]) return k[0][1]
  for (let i = 1; i < k.length; i++) {
    if (y >= k[i][0]) {
      const t = (k[i - 1][0] - y) / (k[i - 1][0] - k[i][0])
      const u = t * t * (3 - 2 * t)
      return k[i - 1][1] + (k[i][1] - k[i - 1][1]) * u
    }
  }
  return k[k.length - 1][1]
}

/** The head's field: profiles of the face in y, built once per head. */
interface Field {
  head: HeadModel
  f: FaceGeometry
  zMid: [number, number][]
  hw: [number, number][]
  nose: [number, number][]
  noseW: [number, number][]
  /** The cut through the cranium: a plane in (y, z) through (y1, z1) with unit normal (ny, nz). */
  y1: number
  z1: number
  ny: number
  nz: number
}

function createField(head: HeadModel, f: FaceGeometry): Field {
  const b = head.b
  const s = (f.sellionY - f.mentonY) / NORMS[f.sex].faceHeight
  const zFore = (y: number) => b * Math.sqrt(Math.max(0, 1 - (y * y) / (head.c * head.c)))
  // midline of the face without the nose [assumption: a mannequin's profile]
  const zMid: [number, number][] = [
    [26, zFore(26) - 7],
    [12, zFore(12) - 2.5],
    [3, zFore(3) + 0.5],
    [f.sellionY, b - 4 * s],
    [f.eyeY, b - 13 * s],
    [f.subnasaleY, b - 12 * s],
    [f.stomionY, b - 11 * s],
    [f.mentonY + 14 * s, b - 17 * s],
    [f.mentonY, b - 26 * s],
    [f.mentonY - 20 * s, b - 60 * s],
  ]
  const hw: [number, number][] = [
    [26, head.a * 0.92],
    [14, head.a * 0.9],
    [0, 0.47 * f.zygionX * 2 * 0.93],
    [f.eyeY - 10 * s, f.zygionX],
    [f.subnasaleY, f.zygionX * 0.95],
    [f.gonionY, f.gonionX],
    [f.mentonY + 10 * s, f.gonionX * 0.72],
    [f.mentonY, f.gonionX * 0.6],
  ]
  const nose: [number, number][] = [
    [f.sellionY + 3, b - 9 * s],
    [f.sellionY - 2, b - 4.5 * s],
    [f.eyeY, b - 3 * s],
    [f.noseTipY + 8 * s, b + 11 * s],
    [f.noseTipY, b + 17 * s],
    [f.noseTipY - 5 * s, b + 11 * s],
    [f.subnasaleY, b - 10 * s],
    [f.subnasaleY - 3, b - 20 * s],
  ]
  const noseW: [number, number][] = [
    [f.sellionY, 7 * s],
    [f.eyeY, 8 * s],
    [f.noseTipY + 6 * s, 11 * s],
    [f.noseTipY, 10 * s],
    [f.subnasaleY, 9 * s],
  ]
  // the cranium's front-lower part is cut away below the brows, along a plane from the brow to behind the jaw
  const y1 = 6
  const z1 = b - 1
  const y2 = f.gonionY + 5
  const z2 = f.earFrontZ - 5
  const len = Math.hypot(y2 - y1, z2 - z1)
  const ny = -(z2 - z1) / len
  const nz = (y2 - y1) / len
  // orient the normal so that the face side (low and forward) is positive
  const flip = ny * (-50 - y1) + nz * (b - z1) > 0 ? 1 : -1
  return { head, f, zMid, hw, nose, noseW, y1, z1, ny: ny * flip, nz: nz * flip }
}

function fillRow(F: Field, y: number, r: Row): void {
  const { head, f } = F
  const s = (f.sellionY - f.mentonY) / NORMS[f.sex].faceHeight
  r.y = y
  r.craniumY2 = (y * y) / (head.c * head.c)
  r.cutY = F.ny * (y - F.y1) - F.nz * F.z1
  r.zMid = knots(F.zMid, y)
  r.hw = knots(F.hw, y)
  r.drop = r.zMid - 22
  r.jawPow = 2.6
  r.blend = y > -4 ? 3 : y > -24 ? 3 + (11 * (-4 - y)) / 20 : 14
  r.faceBack = y > -60 ? -5 : y > f.gonionY ? -5 + (25 * (-60 - y)) / (-60 - f.gonionY) : 20
  r.brow = f.browRidge * Math.exp(-((y + 1) * (y + 1)) / 30)
  const dyEye = y - f.eyeY
  r.socket = 7 * s * Math.exp(-(dyEye * dyEye) / (11 * 11 * s * s))
  const dyCheek = y - (f.eyeY - 26 * s)
  r.cheek = 5 * s * Math.exp(-(dyCheek * dyCheek) / (14 * 14 * s * s))
  const dyU = y - (f.stomionY + 5 * s)
  r.upperLip = 4.5 * s * Math.exp(-(dyU * dyU) / (5 * 5 * s * s))
  const dyL = y - (f.stomionY - 6 * s)
  r.lowerLip = 4 * s * Math.exp(-(dyL * dyL) / (5 * 5 * s * s))
  const dyM = y - f.stomionY
  r.mouthLine = 2.5 * s * Math.exp(-(dyM * dyM) / (1.3 * 1.3))
  const dyC = y - (f.mentonY + 13 * s)
  r.chin = 5 * s * Math.exp(-(dyC * dyC) / (9 * 9 * s * s))
  const dyA = y - (f.subnasaleY + 4 * s)
  r.ala = 6 * s * Math.exp(-(dyA * dyA) / (5 * 5 * s * s))
  r.noseZ = y > F.nose[0][0] || y < F.nose[F.nose.length - 1][0] ? -1e9 : knots(F.nose, y)
  r.noseW = knots(F.noseW, y)
  const eyeRadius = 12 * s
  r.eyeR2 = eyeRadius * eyeRadius - dyEye * dyEye
  r.eyeZ = f.corneaZ - eyeRadius
  r.neckTop = y + 30
  // the neck blends in broadly under the jaw, but hardly where the scalp's hair comes down behind the ears
  r.neckBlend = y > -55 ? 6 : y > -85 ? 6 + (16 * (-55 - y)) / 30 : 22
}

/** The solid's approximate signed distance at (x, row y, z), mm: negative inside. */
function field(F: Field, r: Row, x: number, z: number): number {
  const { head, f } = F
  const ax = Math.abs(x)
  // cranium, cut below the brows at the front
  const q = Math.sqrt((x * x) / (head.a * head.a) + r.craniumY2 + (z * z) / (head.b * head.b))
  const cranium = (q - 1) * 85
  // the cut's edge: crisp under the brows (the face covers it), soft down the sides where it shows
  const skull = smax(cranium, r.cutY + F.nz * z, 1 + 1.1 * r.blend)
  // the face: its front surface z = front(x), wrapping back at the sides
  const t = ax / r.hw
  // past the face's half-width the surface turns back faster, with no kink (the slope carries on at t = 1)
  const u1 = t - 1
  let front = r.zMid - r.drop * (t <= 1 ? t ** r.jawPow : 1 + r.jawPow * u1 + 8 * u1 * u1)
  // the ridge sits over each orbit, fading at the glabella (no frown between the brows)
  front += r.brow * Math.exp(-(x * x) / (40 * 40)) * (1 - 0.7 * Math.exp(-(x * x) / 120))
  const ex = ax - f.eyeX
  front -= r.socket * Math.exp(-(ex * ex) / 230)
  const cx = ax - 0.6 * f.zygionX
  front += r.cheek * Math.exp(-(cx * cx) / 300)
  const mw = f.mouthHalfWidth
  front += r.upperLip * Math.exp(-(x * x) / (0.7 * mw * mw * 0.7))
  front += r.lowerLip * Math.exp(-(x * x) / (0.5 * mw * mw))
  front -= r.mouthLine * Math.exp(-(x * x) / (mw * mw * 0.8))
  front += r.chin * Math.exp(-(x * x) / 420)
  const ax13 = ax - 12
  front += r.ala * Math.exp(-(ax13 * ax13) / 30)
  if (r.noseZ > -1e8) {
    const u = x / r.noseW
    front = smax(front, r.noseZ - u * u * Math.max(r.noseZ - r.zMid + 6, 8), 4)
  }
  // the jaw's lower border rises from menton to gonion
  const jt = Math.min(1, ax / f.gonionX)
  const border = f.mentonY + (f.gonionY - f.mentonY) * jt ** 1.7
  let face = smax(z - front, r.faceBack - z, 8)
  face = smax(face, border - r.y, 12)
  // the face's top: above the brows at the front, lower towards the temples, where the cranium is the surface
  face = smax(face, r.y - 24 + 0.6 * Math.max(0, ax - 35), 4)
  let d = smin(skull, face, r.blend)
  // eyeballs
  if (r.eyeR2 > 0) {
    const dz = z - r.eyeZ
    const e = Math.sqrt(ex * ex + dz * dz + (12 * 12 - r.eyeR2)) - 12
    d = smin(d, e, 2)
  }
  // neck
  const nx = x / f.neckA
  const nz = (z - f.neckZ) / f.neckB
  const neck = smax((Math.sqrt(nx * nx + nz * nz) - 1) * f.neckA, r.neckTop, 10)
  return smin(d, neck, r.neckBlend)
}

/** Angular and vertical resolution of the face mesh. */
const COLUMNS = 256
const ROW_MM = 1.5
const TOP_Y = 24

const _cache = new Map<string, HeadMesh>()

/** The mesh of the face, jaw, neck and ears for a head; cached per head and sex. */
export function headMesh(head: HeadModel, sex: Sex): HeadMesh {
  const key = `${sex}:${head.a}:${head.b}:${head.c}:${head.measurements.circumferenceMm}`
  const hit = _cache.get(key)
  if (hit !== undefined) return hit
  const mesh = buildMesh(head, faceGeometry(head, sex))
  if (_cache.size > 8) _cache.clear()
  _cache.set(key, mesh)
  return mesh
}

function buildMesh(head: HeadModel, f: FaceGeometry): HeadMesh {
  const F = createField(head, f)
  const rows = Math.ceil((TOP_Y - f.bottomY) / ROW_MM) + 1
  const earRings = 16
  const earSpokes = 40
  const earVerts = 2 * earRings * earSpokes
  const vertexCount = rows * COLUMNS + 2 * earVerts
  const triCount = 2 * (rows - 1) * COLUMNS + 2 * (2 * 2 * (earRings - 1) * earSpokes)
  const position = new Float32Array(vertexCount * 3)
  const part = new Uint8Array(vertexCount)
  const index = new Uint32Array(triCount * 3)
  const row: Row = {} as Row
  const radius = new Float64Array(COLUMNS).fill(130)
  for (let j = 0; j < rows; j++) {
    const y = TOP_Y - j * ROW_MM
    fillRow(F, y, row)
    const zc = y > f.gonionY ? 0 : f.neckZ * 0.5
    for (let i = 0; i < COLUMNS; i++) {
      const phi = (2 * Math.PI * i) / COLUMNS
      const sp = Math.sin(phi)
      const cp = Math.cos(phi)
      // the outermost crossing: from just outside the last row's radius, step in, then bisect
      let hi = radius[i] + 14
      while (hi < 400 && field(F, row, hi * sp, zc + hi * cp) < 0) hi += 10
      let lo = hi
      while (lo > 0 && field(F, row, lo * sp, zc + lo * cp) >= 0) {
        hi = lo
        lo -= 1.5
      }
      if (lo < 0) lo = 0
      for (let k = 0; k < 8; k++) {
        const mid = (lo + hi) / 2
        if (field(F, row, mid * sp, zc + mid * cp) < 0) lo = mid
        else hi = mid
      }
      const r = (lo + hi) / 2
      radius[i] = r
      const v = j * COLUMNS + i
      position[v * 3] = r * sp
      position[v * 3 + 1] = y
      position[v * 3 + 2] = zc + r * cp
    }
  }
  let t = 0
  for (let j = 0; j < rows - 1; j++) {
    for (let i = 0; i < COLUMNS; i++) {
      const i1 = (i + 1) % COLUMNS
      const a = j * COLUMNS + i
      const b = j * COLUMNS + i1
      const c = (j + 1) * COLUMNS + i
      const d = (j + 1) * COLUMNS + i1
      index[t++] = a
      index[t++] = c
      index[t++] = b
      index[t++] = b
      index[t++] = c
      index[t++] = d
    }
  }
  let v0 = rows * COLUMNS
  for (const side of [1, -1]) {
    t = buildEar(head, f, F, side, position, part, index, v0, t, earRings, earSpokes)
    v0 += earVerts
  }
  const normal = new Float32Array(vertexCount * 3)
  vertexNormals(position, index, t / 3, normal)
  return { face: f, vertexCount, triangleCount: t / 3, position, normal, index: index.subarray(0, t), part }
}

/** The side of the head (|x| of the outermost surface) at height y and depth z. */
function sideAt(F: Field, y: number, z: number): number {
  const row = {} as Row
  fillRow(F, y, row)
  let hi = 130
  let lo = 0
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2
    if (field(F, row, mid, z) < 0) lo = mid
    else hi = mid
  }
  return lo
}

/**
 * An ear (DOMAIN §12.1: top level with the brow, its length and breadth, inclined back ~20°, protruding): a thin
 * shell over an egg-shaped outline, the lateral sheet with a raised helix rim and a hollow concha.
 */
function buildEar(
  head: HeadModel,
  f: FaceGeometry,
  F: Field,
  side: number,
  position: Float32Array,
  part: Uint8Array,
  index: Uint32Array,
  v0: number,
  t0: number,
  rings: number,
  spokes: number
): number {
  void head
  const L = f.earLength
  const B = f.earBreadth
  const tilt = (15 * Math.PI) / 180 // [assumption] inclination of the ear's long axis back from vertical (DOMAIN §12.1 ~20°)
  const alpha = Math.asin(Math.min(0.9, f.earProtrusion / B))
  const cy = f.earTopY - L / 2
  const czFront = f.earFrontZ
  const rootX = sideAt(F, cy, czFront - 4) - 3
  // axes: U up the ear (tilted back), V from its front edge backwards and outwards, W outwards
  const U = [0, Math.cos(tilt), -Math.sin(tilt)]
  let V = [side * Math.sin(alpha), 0, -Math.cos(alpha)]
  const vu = V[0] * U[0] + V[1] * U[1] + V[2] * U[2]
  V = [V[0] - vu * U[0], V[1] - vu * U[1], V[2] - vu * U[2]]
  const vl = Math.hypot(V[0], V[1], V[2])
  V = [V[0] / vl, V[1] / vl, V[2] / vl]
  let W = [U[1] * V[2] - U[2] * V[1], U[2] * V[0] - U[0] * V[2], U[0] * V[1] - U[1] * V[0]]
  if (W[0] * side < 0) W = [-W[0], -W[1], -W[2]]
  // the outline's centre: half a breadth behind the front edge, which sits on the head
  const ox = side * rootX + (B / 2) * V[0]
  const oy = cy + (B / 2) * V[1]
  const oz = czFront + (B / 2) * V[2]
  for (let sheet = 0; sheet < 2; sheet++) {
    for (let ri = 0; ri < rings; ri++) {
      const rho = ri / (rings - 1)
      for (let si = 0; si < spokes; si++) {
        const psi = (2 * Math.PI * si) / spokes
        const su = rho * Math.cos(psi)
        const sv = rho * Math.sin(psi)
        // egg: wider at the top, the lobe narrower
        const wv = (B / 2) * (1 + 0.12 * su)
        const pu = (L / 2) * su
        const pv = wv * sv
        const edge = 1 - rho ** 6
        let h: number
        if (sheet === 0) {
          const rim = Math.exp(-(((rho - 0.8) / 0.13) ** 2)) * (su > -0.55 ? 1 : 0.3)
          const concha = Math.exp(-(((su + 0.05) / 0.38) ** 2) - ((sv + 0.2) / 0.35) ** 2)
          h = edge * (2.5 + 3.2 * rim - 5 * concha)
        } else h = -edge * 2.5
        const v = v0 + (sheet * rings + ri) * spokes + si
        position[v * 3] = ox + pu * U[0] + pv * V[0] + h * W[0]
        position[v * 3 + 1] = oy + pu * U[1] + pv * V[1] + h * W[1]
        position[v * 3 + 2] = oz + pu * U[2] + pv * V[2] + h * W[2]
        part[v] = 1
      }
    }
  }
  let t = t0
  // winding so that the lateral sheet faces outwards (W) and the medial sheet inwards
  for (let sheet = 0; sheet < 2; sheet++) {
    const base = v0 + sheet * rings * spokes
    const flip = (sheet === 0) === side > 0
    for (let ri = 0; ri < rings - 1; ri++) {
      for (let si = 0; si < spokes; si++) {
        const s1 = (si + 1) % spokes
        const a = base + ri * spokes + si
        const b = base + ri * spokes + s1
        const c = base + (ri + 1) * spokes + si
        const d = base + (ri + 1) * spokes + s1
        if (flip) {
          index[t++] = a
          index[t++] = b
          index[t++] = c
          index[t++] = b
          index[t++] = d
          index[t++] = c
        } else {
          index[t++] = a
          index[t++] = c
          index[t++] = b
          index[t++] = b
          index[t++] = c
          index[t++] = d
        }
      }
    }
  }
  return t
}

/** Area-weighted vertex normals from the triangles' windings. */
function vertexNormals(p: Float32Array, index: Uint32Array, triangles: number, out: Float32Array): void {
  out.fill(0)
  for (let k = 0; k < triangles; k++) {
    const a = index[k * 3] * 3
    const b = index[k * 3 + 1] * 3
    const c = index[k * 3 + 2] * 3
    const ux = p[b] - p[a]
    const uy = p[b + 1] - p[a + 1]
    const uz = p[b + 2] - p[a + 2]
    const vx = p[c] - p[a]
    const vy = p[c + 1] - p[a + 1]
    const vz = p[c + 2] - p[a + 2]
    const nx = uy * vz - uz * vy
    const ny = uz * vx - ux * vz
    const nz = ux * vy - uy * vx
    for (const o of [a, b, c]) {
      out[o] += nx
      out[o + 1] += ny
      out[o + 2] += nz
    }
  }
  for (let i = 0; i < out.length; i += 3) {
    const l = Math.hypot(out[i], out[i + 1], out[i + 2]) || 1
    out[i] /= l
    out[i + 1] /= l
    out[i + 2] /= l
  }
}
