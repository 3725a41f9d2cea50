// The head around the scalp, drawn: the face, ears and neck of scalp/head-model.ts rasterised with a depth buffer,
// tested against the exact scalp ellipsoid (the nearer wins, so an ear hides the scalp behind it and the scalp hides
// the face from above), then lit like the scalp (skin.ts's key light: wrapped Lambert + ambient + a faint sheen, in
// linear light, the design's Fitzpatrick colour) with a mannequin's features painted on: brows, eyes, lips, nostrils.
//
// Two calls, so the dots and hair know what is hidden before they are drawn:
//   const head = rasterizeHead(view, design)   // before the dots are projected: sets view.occlusion
//   shadeHead(head, design, px32)              // after the scalp pass: paints the face, ears and neck over it

import { LIN_STEPS, LINEAR_TO_SRGB } from '../appearance/color.ts'
import { skinLinearRgb } from '../appearance/skin-palette.ts'
import type { Design } from '../model/design.ts'
import { type FaceGeometry, type HeadMesh, headMesh } from '../scalp/head-model.ts'
import { rayHit, type View } from './view.ts'

const Q = LIN_STEPS - 1

/** What the head pass found for a view: per pixel the nearest triangle of the mesh and where on it, and the mask. */
export interface HeadRaster {
  readonly view: View
  readonly mesh: HeadMesh
  /** 1 where the face, ears or neck show (and hide the scalp); the same array as view.occlusion. */
  readonly mask: Uint8Array
  /** The head is rasterised and shaded `sub` times coarser than the image (1 up to ~1100 px, 2 at 2048²) … */
  readonly sub: number
  /** … on this camera (the view at 1/sub), whose pixels hold the nearest triangle and where on it, and its mask. */
  readonly low: View
  readonly lowMask: Uint8Array
  readonly tri: Int32Array
  readonly b1: Float32Array
  readonly b2: Float32Array
  /** Bounding box of the drawn pixels in `low` (x1, y1 exclusive). */
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

/** Largest side the head is shaded at per pixel; past it, at half (or a third…) the resolution, then interpolated. */
const FULL_RES_MAX = 1100

let _depth = new Float32Array(0)
let _tri = new Int32Array(0)
let _b1 = new Float32Array(0)
let _b2 = new Float32Array(0)
let _vs = new Float32Array(0)
let _scalpWins = new Uint8Array(0)
let _triClass = new Uint8Array(0)
const _hit = new Float64Array(3)

/**
 * Rasterises the head's face, ears and neck for `view` and records where they hide the scalp in `view.occlusion`
 * (so dots and hair there are not drawn). Null for the chart, which shows the scalp alone.
 */
export function rasterizeHead(full: View, design: Design): HeadRaster | null {
  if (full.name === 'chart') return null
  const mesh = headMesh(full.head, design.head.sex)
  // the face is smooth: at large sizes it is drawn at a fraction of the resolution and interpolated up (speed)
  const subRes = Math.max(1, Math.floor(Math.min(full.width, full.height) / FULL_RES_MAX) + 1)
  const sub = Math.min(full.width, full.height) <= FULL_RES_MAX ? 1 : subRes
  const view: View =
    sub === 1
      ? full
      : {
          ...full,
          width: Math.ceil(full.width / sub),
          height: Math.ceil(full.height / sub),
          focal: full.focal / sub,
          cx: full.cx / sub,
          cy: full.cy / sub,
          pxPerMm: full.pxPerMm / sub,
          occlusion: null,
        }
  const { width, height } = view
  const n = width * height
  if (_depth.length < n) {
    _depth = new Float32Array(n)
    _tri = new Int32Array(n)
    _b1 = new Float32Array(n)
    _b2 = new Float32Array(n)
  }
  const depth = _depth
  const tri = _tri
  const b1 = _b1
  const b2 = _b2
  // project the vertices: screen x, y and depth along the view direction
  const vc = mesh.vertexCount
  if (_vs.length < vc * 3) _vs = new Float32Array(vc * 3)
  const vs = _vs
  const { eye, right, up, forward, focal, cx, cy } = view
  const p = mesh.position
  for (let i = 0; i < vc; i++) {
    const rx = p[i * 3] - eye[0]
    const ry = p[i * 3 + 1] - eye[1]
    const rz = p[i * 3 + 2] - eye[2]
    const d = rx * forward[0] + ry * forward[1] + rz * forward[2]
    vs[i * 3] = cx + (focal * (rx * right[0] + ry * right[1] + rz * right[2])) / d
    vs[i * 3 + 1] = cy - (focal * (rx * up[0] + ry * up[1] + rz * up[2])) / d
    vs[i * 3 + 2] = d
  }
  // per vertex: does the scalp (the ellipsoid above its clip) win there, as the per-pixel test below decides?
  if (_scalpWins.length < vc) _scalpWins = new Uint8Array(vc)
  const scalpWins = _scalpWins
  for (let i = 0; i < vc; i++) scalpWins[i] = scalpInFront(view, p[i * 3], p[i * 3 + 1], p[i * 3 + 2]) ? 1 : 0
  // bounding box of the projected mesh, cleared
  let bx0 = width
  let by0 = height
  let bx1 = 0
  let by1 = 0
  for (let i = 0; i < vc; i++) {
    const x = vs[i * 3]
    const y = vs[i * 3 + 1]
    if (x < bx0) bx0 = x
    if (x > bx1) bx1 = x
    if (y < by0) by0 = y
    if (y > by1) by1 = y
  }
  const x0 = Math.max(0, Math.floor(bx0))
  const y0 = Math.max(0, Math.floor(by0))
  const x1 = Math.min(width, Math.ceil(bx1) + 1)
  const y1 = Math.min(height, Math.ceil(by1) + 1)
  for (let y = y0; y < y1; y++) {
    depth.fill(Infinity, y * width + x0, y * width + x1)
    tri.fill(-1, y * width + x0, y * width + x1)
  }
  const idx = mesh.index
  const tc = mesh.triangleCount
  // per triangle: 0 the scalp wins at all three corners (not drawn), 1 the mesh wins at all three, 2 mixed (per pixel)
  if (_triClass.length < tc) _triClass = new Uint8Array(tc)
  const triClass = _triClass
  for (let t = 0; t < tc; t++) {
    const wins = scalpWins[idx[t * 3]] + scalpWins[idx[t * 3 + 1]] + scalpWins[idx[t * 3 + 2]]
    triClass[t] = wins === 3 ? 0 : wins === 0 ? 1 : 2
    if (wins === 3) continue
    const ia = idx[t * 3] * 3
    const ib = idx[t * 3 + 1] * 3
    const ic = idx[t * 3 + 2] * 3
    const ax = vs[ia]
    const ay = vs[ia + 1]
    const bxv = vs[ib]
    const byv = vs[ib + 1]
    const cxv = vs[ic]
    const cyv = vs[ic + 1]
    // the mesh is wound outwards; on this screen (y down) a triangle facing the camera has a positive area
    const area = (bxv - ax) * (cyv - ay) - (cxv - ax) * (byv - ay)
    if (area <= 0) continue
    let minX = Math.floor(Math.min(ax, bxv, cxv))
    let maxX = Math.ceil(Math.max(ax, bxv, cxv))
    let minY = Math.floor(Math.min(ay, byv, cyv))
    let maxY = Math.ceil(Math.max(ay, byv, cyv))
    if (minX < 0) minX = 0
    if (minY < 0) minY = 0
    if (maxX > width - 1) maxX = width - 1
    if (maxY > height - 1) maxY = height - 1
    if (minX > maxX || minY > maxY) continue
    const inv = 1 / area
    const da = vs[ia + 2]
    const db = vs[ib + 2]
    const dc = vs[ic + 2]
    // barycentric weights of b and c as affine functions of the pixel centre
    const wbx = (cyv - ay) * inv
    const wcx = (ay - byv) * inv
    for (let y = minY; y <= maxY; y++) {
      const py = y + 0.5
      // barycentric weights of b and c: cross(p − a, c − a) / area and cross(b − a, p − a) / area
      let wb = ((minX + 0.5 - ax) * (cyv - ay) - (py - ay) * (cxv - ax)) * inv
      let wc = ((bxv - ax) * (py - ay) - (byv - ay) * (minX + 0.5 - ax)) * inv
      let o = y * width + minX
      for (let x = minX; x <= maxX; x++, o++) {
        const wa = 1 - wb - wc
        if (wa >= -1e-6 && wb >= -1e-6 && wc >= -1e-6) {
          const z = wa * da + wb * db + wc * dc
          if (z < depth[o]) {
            depth[o] = z
            tri[o] = t
            b1[o] = wb
            b2[o] = wc
          }
        }
        wb += wbx
        wc += wcx
      }
    }
  }
  // the nearer of the mesh and the scalp (the ellipsoid above its clip) wins each pixel
  const mask = new Uint8Array(n)
  for (let y = y0; y < y1; y++) {
    let o = y * width + x0
    for (let x = x0; x < x1; x++, o++) {
      const k = tri[o]
      if (k < 0) continue
      if (triClass[k] === 1) {
        mask[o] = 1
        continue
      }
      const t = rayHit(view, x + 0.5, y + 0.5, _hit)
      // the mesh lies on the ellipsoid wherever both are drawn: the scalp keeps those pixels
      if (t > 0 && t < depth[o] + 1) continue
      mask[o] = 1
    }
  }
  let fullMask = mask
  if (sub > 1) {
    fullMask = new Uint8Array(full.width * full.height)
    const fw = full.width
    for (let j = y0; j < y1; j++) {
      // one full-resolution row from the coarse row, then copied to the block's other rows
      const first = j * sub * fw
      if (first >= fullMask.length) break
      const end = first + fw
      for (let i = x0; i < x1; i++) {
        if (mask[j * width + i] === 0) continue
        const a = first + i * sub
        for (let q = a; q < a + sub && q < end; q++) fullMask[q] = 1
      }
      for (let r = 1; r < sub && j * sub + r < full.height; r++)
        fullMask.copyWithin(first + r * fw + x0 * sub, first + x0 * sub, first + Math.min(fw, x1 * sub))
    }
    // where the head meets the scalp, decide each full-resolution pixel by itself (the scalp's clip is exact there)
    for (let j = Math.max(1, y0); j < Math.min(height - 1, y1); j++) {
      for (let i = Math.max(1, x0); i < Math.min(width - 1, x1); i++) {
        const k = j * width + i
        if (tri[k] < 0) continue
        const m = mask[k]
        if (m === mask[k + 1] && m === mask[k - 1] && m === mask[k + width] && m === mask[k - width]) continue
        const d = depth[k]
        for (let y = j * sub; y < Math.min(full.height, (j + 1) * sub); y++) {
          for (let x = i * sub; x < Math.min(fw, (i + 1) * sub); x++) {
            const t = rayHit(full, x + 0.5, y + 0.5, _hit)
            fullMask[y * fw + x] = t > 0 && t < d + 1 ? 0 : 1
          }
        }
      }
    }
  }
  full.occlusion = fullMask
  return { view: full, mesh, mask: fullMask, sub, low: view, lowMask: mask, tri, b1, b2, x0, y0, x1, y1 }
}

/** Whether the scalp hides (or coincides with, within 1 mm) the head point (x, y, z) seen from the view's eye. */
function scalpInFront(view: View, x: number, y: number, z: number): boolean {
  const { eye, forward, right, up, focal } = view
  const rx = x - eye[0]
  const ry = y - eye[1]
  const rz = z - eye[2]
  const d = rx * forward[0] + ry * forward[1] + rz * forward[2]
  const px = view.cx + (focal * (rx * right[0] + ry * right[1] + rz * right[2])) / d
  const py = view.cy - (focal * (rx * up[0] + ry * up[1] + rz * up[2])) / d
  const t = rayHit(view, px, py, _hit)
  return t > 0 && t < d + 1
}

/** Sheen of the skin by kind, as skin.ts. */
const SHEEN = { normal: 0.03, oily: 0.08, dry: 0.012 } as const
/** Brow hair, linear RGB [assumption: dark brown]. */
const BROW: readonly [number, number, number] = [0.028, 0.02, 0.016]
/** Iris (brown), sclera and pupil, linear RGB [assumption]. */
const IRIS: readonly [number, number, number] = [0.075, 0.04, 0.022]
const SCLERA: readonly [number, number, number] = [0.62, 0.58, 0.55]
const _skin = new Float64Array(3)
const _col = new Float64Array(3)

let _vShade = new Float32Array(0)
let _vSpec = new Float32Array(0)
const _features = new WeakMap<HeadMesh, Uint8Array>()

/** Per triangle: 1 where a painted feature (brows, eyes, nostrils, lips) may fall, so its colour is found per pixel. */
function featureTriangles(mesh: HeadMesh): Uint8Array {
  const hit = _features.get(mesh)
  if (hit !== undefined) return hit
  const f = mesh.face
  const P = mesh.position
  const out = new Uint8Array(mesh.triangleCount)
  const s = (f.sellionY - f.mentonY) / 120
  for (let t = 0; t < mesh.triangleCount; t++) {
    for (let k = 0; k < 3; k++) {
      const v = mesh.index[t * 3 + k]
      if (mesh.part[v] !== 0) continue
      const x = Math.abs(P[v * 3])
      const y = P[v * 3 + 1]
      const z = P[v * 3 + 2]
      if (z < f.glabellaZ - 48) continue
      const brows = x < 62 * s && y > f.eyeY - 14 * s && y < f.eyeY + 30 * s
      const nose = x < 16 * s && Math.abs(y - f.subnasaleY - 2.5 * s) < 7 * s
      const lips = x < f.mouthHalfWidth + 2 && Math.abs(y - f.stomionY) < 14 * s
      if (brows || nose || lips) {
        out[t] = 1
        break
      }
    }
  }
  _features.set(mesh, out)
  return out
}

/** Paints the face, ears and neck found by `rasterizeHead` into the image (after the scalp pass), lit like the scalp. */
export function shadeHead(raster: HeadRaster | null, design: Design, px32: Int32Array): void {
  if (raster === null) return
  const { low, mesh, lowMask, tri, b1, b2, sub } = raster
  const width = low.width
  const toSrgb = LINEAR_TO_SRGB
  if (sub > 1 && _low.length < low.width * low.height) _low = new Int32Array(low.width * low.height)
  const out = sub === 1 ? px32 : _low
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  const { right, up, forward, eye } = low
  // skin.ts's key light: soft, from the upper left, a little behind the camera
  let lx = -0.4 * right[0] + 0.6 * up[0] - 0.7 * forward[0]
  let ly = -0.4 * right[1] + 0.6 * up[1] - 0.7 * forward[1]
  let lz = -0.4 * right[2] + 0.6 * up[2] - 0.7 * forward[2]
  const ll = Math.sqrt(lx * lx + ly * ly + lz * lz)
  lx /= ll
  ly /= ll
  lz /= ll
  const sheen = SHEEN[design.skin.kind]
  const P = mesh.position
  const N = mesh.normal
  const I = mesh.index
  const face = mesh.face
  // light per vertex (wrapped Lambert + ambient, Blinn sheen), interpolated across the ~1.5 mm triangles
  const vc = mesh.vertexCount
  if (_vShade.length < vc) {
    _vShade = new Float32Array(vc)
    _vSpec = new Float32Array(vc)
  }
  const vShade = _vShade
  const vSpec = _vSpec
  for (let i = 0; i < vc; i++) {
    const nx = N[i * 3]
    const ny = N[i * 3 + 1]
    const nz = N[i * 3 + 2]
    const ndl = nx * lx + ny * ly + nz * lz
    vShade[i] = 0.3 + 0.8 * Math.max((ndl + 0.35) / 1.35, 0)
    let vx = eye[0] - P[i * 3]
    let vy = eye[1] - P[i * 3 + 1]
    let vz = eye[2] - P[i * 3 + 2]
    const vl = Math.sqrt(vx * vx + vy * vy + vz * vz)
    vx = vx / vl + lx
    vy = vy / vl + ly
    vz = vz / vl + lz
    const ndh = (nx * vx + ny * vy + nz * vz) / Math.sqrt(vx * vx + vy * vy + vz * vz)
    if (ndh > 0) {
      const p2 = ndh * ndh
      const p4 = p2 * p2
      const p8 = p4 * p4
      vSpec[i] = sheen * p8 * p8 * p4
    } else vSpec[i] = 0
  }
  const feature = featureTriangles(mesh)
  const sr = _skin[0]
  const sg = _skin[1]
  const sb = _skin[2]
  for (let y = raster.y0; y < raster.y1; y++) {
    let o: number = y * width + raster.x0
    for (let x = raster.x0; x < raster.x1; x++, o++) {
      if (sub === 1 ? lowMask[o] === 0 : tri[o] < 0) continue
      const t = tri[o]
      const wb = b1[o]
      const wc = b2[o]
      const wa = 1 - wb - wc
      const ia = I[t * 3]
      const ib = I[t * 3 + 1]
      const ic = I[t * 3 + 2]
      const shade = wa * vShade[ia] + wb * vShade[ib] + wc * vShade[ic]
      let spec = wa * vSpec[ia] + wb * vSpec[ib] + wc * vSpec[ic]
      let r: number
      let g: number
      let b: number
      if (feature[t] === 1) {
        const sx = wa * P[ia * 3] + wb * P[ib * 3] + wc * P[ic * 3]
        const sy = wa * P[ia * 3 + 1] + wb * P[ib * 3 + 1] + wc * P[ic * 3 + 1]
        const sz = wa * P[ia * 3 + 2] + wb * P[ib * 3 + 2] + wc * P[ic * 3 + 2]
        const ny = wa * N[ia * 3 + 1] + wb * N[ib * 3 + 1] + wc * N[ic * 3 + 1]
        const glossy = albedo(face, sx, sy, sz, ny, _col)
        spec *= 1 + glossy * 6
        r = _col[0] * shade + spec
        g = _col[1] * shade + spec
        b = _col[2] * shade + spec
      } else if (mesh.part[ia] === 1) {
        // ears are a little redder than the face
        r = sr * 1.02 * shade + spec
        g = sg * 0.94 * shade + spec
        b = sb * 0.93 * shade + spec
      } else {
        r = sr * shade + spec
        g = sg * shade + spec
        b = sb * shade + spec
      }
      const ir = r >= 1 ? 255 : toSrgb[(r * Q + 0.5) | 0]
      const ig = g >= 1 ? 255 : toSrgb[(g * Q + 0.5) | 0]
      const ibb = b >= 1 ? 255 : toSrgb[(b * Q + 0.5) | 0]
      out[o] = 0xff000000 | (ibb << 16) | (ig << 8) | ir
    }
  }
  if (sub > 1) upsample(raster, _low, px32)
  softenEdges(raster, px32)
}

let _low = new Int32Array(0)

/** Writes the coarse shading into the image where the head shows, each coarse pixel over its sub × sub block. */
function upsample(raster: HeadRaster, lowPx: Int32Array, px32: Int32Array): void {
  const { view, low, sub, tri, mask } = raster
  const lw = low.width
  const fw = view.width
  for (let j = raster.y0; j < raster.y1; j++) {
    const yEnd = Math.min(view.height, (j + 1) * sub)
    for (let i = raster.x0; i < raster.x1; i++) {
      const k = j * lw + i
      if (tri[k] < 0) continue
      const w = lowPx[k]
      const xEnd = Math.min(fw, (i + 1) * sub)
      for (let y = j * sub; y < yEnd; y++) {
        const row = y * fw
        for (let x = i * sub; x < xEnd; x++) if (mask[row + x] === 1) px32[row + x] = w
      }
    }
  }
}

function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/**
 * The surface colour (linear RGB, before light) at a point of the face into out; returns how glossy it is (0–1, the
 * eyes). A mannequin's features: even skin of the design's type, brows, eyes, lips and nostrils [assumption].
 */
function albedo(f: FaceGeometry, x: number, y: number, z: number, ny: number, out: Float64Array): number {
  let r = _skin[0]
  let g = _skin[1]
  let b = _skin[2]
  const s = (f.sellionY - f.mentonY) / 120
  const ax = Math.abs(x)
  let glossy = 0
  if (z > f.glabellaZ - 45 && y > f.mentonY - 5 && y < 25) {
    // brows: an arched band over each orbit, dense at the head, thinning to the tail [assumption]
    const bx = (ax - 9 * s) / (48 * s)
    if (bx > -0.1 && bx < 1.08 && y > f.eyeY) {
      const mid = f.eyeY + 17 * s + 5 * s * Math.sin(Math.PI * Math.min(1, Math.max(0, bx * 0.95)))
      const half = (4.2 - 2.4 * Math.max(0, bx)) * s
      const d = Math.abs(y - mid) / half
      const density = smoothstep(1.25, 0.55, d) * smoothstep(-0.1, 0.12, bx) * smoothstep(1.08, 0.85, bx) * 0.82
      r += (BROW[0] - r) * density
      g += (BROW[1] - g) * density
      b += (BROW[2] - b) * density
    }
    // eyes: the opening is an almond; inside it the eyeball (sclera, iris, pupil), around it the lid margins
    const ex = ax - f.eyeX
    const ey = y - f.eyeY - 0.05 * ex
    const hw = f.eyeHalfWidth
    if (Math.abs(ex) < hw + 3 && Math.abs(ey) < 12 * s) {
      const q = Math.max(0, 1 - (ex / hw) * (ex / hw))
      const upper = f.eyeHalfHeight * 1.15 * q ** 0.8
      const lower = -f.eyeHalfHeight * 0.85 * q ** 0.9
      if (q > 0 && ey < upper && ey > lower) {
        const rr = Math.sqrt((ex + 0.4) * (ex + 0.4) + (ey - 0.3) * (ey - 0.3))
        if (rr < 1.9 * s) {
          r = 0.008
          g = 0.007
          b = 0.007
        } else if (rr < f.irisRadius) {
          const ring = smoothstep(f.irisRadius - 1.2, f.irisRadius, rr)
          r = IRIS[0] * (1 - 0.6 * ring)
          g = IRIS[1] * (1 - 0.6 * ring)
          b = IRIS[2] * (1 - 0.6 * ring)
        } else {
          r = SCLERA[0]
          g = SCLERA[1]
          b = SCLERA[2]
        }
        // the upper lid and lashes shade the top of the eye
        const shadow = 1 - 0.55 * smoothstep(upper - 3, upper, ey)
        r *= shadow
        g *= shadow
        b *= shadow
        glossy = 1
      } else if (q > 0) {
        // lash line above, a lighter margin below, and the lid crease
        const lash = smoothstep(upper + 1.4, upper, ey) * (ey > 0 ? 1 : 0)
        const margin = smoothstep(lower - 0.8, lower, ey) * (ey < 0 ? 0.35 : 0)
        const crease = Math.exp(-(((ey - upper - 4.5 * s) / 1.2) ** 2)) * 0.12 * q
        const k = (1 - 0.78 * lash) * (1 - margin) * (1 - crease)
        r *= k
        g *= k
        b *= k
      }
    }
    // lips: redder, with the mouth line between them
    const mw = f.mouthHalfWidth
    const mq = 1 - (x / mw) * (x / mw)
    if (mq > 0 && Math.abs(y - f.stomionY) < 12 * s) {
      const top = 7.5 * s * mq ** 0.6 - 1.4 * s * Math.exp(-(x * x) / 16)
      const bottom = -9 * s * mq ** 0.6
      const dy = y - f.stomionY
      const lip = smoothstep(top + 0.8, top - 0.6, dy) * smoothstep(bottom - 0.8, bottom + 0.6, dy)
      r *= 1 + 0.06 * lip
      g *= 1 - 0.3 * lip
      b *= 1 - 0.26 * lip
      const line = Math.exp(-((dy / (0.9 * mq ** 0.5 + 0.2)) ** 2)) * smoothstep(0, 0.15, mq)
      r *= 1 - 0.6 * line
      g *= 1 - 0.65 * line
      b *= 1 - 0.65 * line
    }
    // nostrils: dark openings on the underside of the nose
    if (ny < -0.2 && Math.abs(y - f.subnasaleY - 2.5 * s) < 5 * s) {
      const nxl = (ax - 7 * s) / (3.8 * s)
      const nyl = (y - f.subnasaleY - 2.5 * s) / (2.4 * s)
      const d = nxl * nxl + nyl * nyl
      const k = 1 - 0.75 * smoothstep(1.2, 0.6, d) * smoothstep(-0.2, -0.5, ny)
      r *= k
      g *= k
      b *= k
    }
  }
  out[0] = r
  out[1] = g
  out[2] = b
  return glossy
}

let _edge = new Int32Array(0)

/** Softens the head's outline: pixels where the mask changes take the mean of their 3 × 3 neighbourhood. */
function softenEdges(raster: HeadRaster, px32: Int32Array): void {
  const { view, mask, lowMask, low, sub } = raster
  const { width, height } = view
  const lw = low.width
  let count = 0
  if (_edge.length === 0) _edge = new Int32Array(1 << 16)
  // only the coarse pixels on the outline (or next to it) can hold full-resolution outline pixels
  for (let j = Math.max(1, raster.y0); j < Math.min(low.height - 1, raster.y1); j++) {
    for (let i = Math.max(1, raster.x0); i < Math.min(lw - 1, raster.x1); i++) {
      const k = j * lw + i
      const m = lowMask[k]
      if (m === lowMask[k + 1] && m === lowMask[k - 1] && m === lowMask[k + lw] && m === lowMask[k - lw]) continue
      for (let y = Math.max(1, j * sub); y < Math.min(height - 1, (j + 1) * sub); y++) {
        for (let x = Math.max(1, i * sub); x < Math.min(width - 1, (i + 1) * sub); x++) {
          const o = y * width + x
          const mm = mask[o]
          if (mm === mask[o + 1] && mm === mask[o - 1] && mm === mask[o + width] && mm === mask[o - width]) continue
          let r = 0
          let g = 0
          let b = 0
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const w = px32[o + dy * width + dx]
              r += w & 0xff
              g += (w >>> 8) & 0xff
              b += (w >>> 16) & 0xff
            }
          }
          if (count >= _edge.length >> 1) {
            const grown = new Int32Array(_edge.length * 2)
            grown.set(_edge)
            _edge = grown
          }
          _edge[count * 2] = o
          _edge[count * 2 + 1] =
            0xff000000 | (((b / 9 + 0.5) | 0) << 16) | (((g / 9 + 0.5) | 0) << 8) | ((r / 9 + 0.5) | 0)
          count++
        }
      }
    }
  }
  for (let i = 0; i < count; i++) px32[_edge[i * 2]] = _edge[i * 2 + 1]
}

/**
 * Sets alpha to 254 where the head's face, ears or neck show (for a rasteriser that tones the scalp alone, like the
 * studio's WebGL2 preview, which reads it from the skin texture); everything else stays opaque.
 */
export function markHeadPixels(raster: HeadRaster | null, data: Uint8ClampedArray): void {
  if (raster === null) return
  const { mask, view } = raster
  const y1 = Math.min(view.height, raster.y1 * raster.sub)
  const x1 = Math.min(view.width, raster.x1 * raster.sub)
  for (let y = raster.y0 * raster.sub; y < y1; y++) {
    let o = y * view.width + raster.x0 * raster.sub
    for (let x = raster.x0 * raster.sub; x < x1; x++, o++) if (mask[o] === 1) data[o * 4 + 3] = 254
  }
}
