// The head in a perspective view: the mesh of scalp/head-model.ts rasterised with a depth buffer, band by band (so a
// large image needs only a band's buffers), then shaded like the scalp always was — wrapped Lambert, soft ambient,
// a faint sheen, the skin's mottling and fine texture — with ambient occlusion in the folds, and the face's own
// colours: eyes (sclera, iris, pupil, a catch-light), the lash line, lips, nostrils; brows as hairs on the skin.
// Speed, as in skin.ts: shading on an 8-px grid interpolated inside blocks that lie wholly on one smooth stretch of
// skin; blocks on a silhouette, a crease, an eye, the lips or an ear are shaded per pixel.

import { LIN_STEPS, LINEAR_TO_SRGB } from '../appearance/color.ts'
import { skinLinearRgb } from '../appearance/skin-palette.ts'
import type { Skin } from '../model/design.ts'
import type { Face } from '../scalp/face.ts'
import { eyeOpening, type HeadMesh, headMesh } from '../scalp/head-model.ts'
import { packRgba, stampSegment } from './raster.ts'
import { BACKGROUND_RGB, detailTile, type Light, lightFor, litSkin, renderSkin, TILE_MM } from './skin.ts'
import { applyTone, GRID, type ToneGrid } from './tone-grid.ts'
import { rayHit, type View } from './view.ts'

const Q = LIN_STEPS - 1
/** Rows per raster band (a multiple of GRID). */
const BAND = 64
const OPAQUE_WORD = 0xff000000 | 0

// what a shaded point is, for the block test and the texture
const SKIN = 0
const DETAIL = 1
const EYE = 2

/** Brow hair: shaft width, mm, and a dark brown in linear light [assumption: brows darker than most scalp hair]. */
const BROW_WIDTH_MM = 0.075
const BROW_RGB: readonly [number, number, number] = [0.022, 0.016, 0.012]
const BROW_ALPHA = 0.85

// scratch, grown as needed
let _sx = new Float64Array(0)
let _sy = new Float64Array(0)
let _iz = new Float64Array(0)
let _bandId = new Int32Array(0)
let _bandZ = new Float32Array(0)
let _binStart = new Int32Array(0)
let _binList = new Int32Array(0)
let _triY0 = new Int32Array(0)
let _triY1 = new Int32Array(0)
let _nodeR = new Float32Array(0)
let _nodeG = new Float32Array(0)
let _nodeB = new Float32Array(0)
let _nodeKind = new Int8Array(0)
let _nodeToned = new Int8Array(0)
let _nodeNx = new Float32Array(0)
let _nodeNy = new Float32Array(0)
let _nodeNz = new Float32Array(0)
const _rgb = new Float64Array(3)
const _hit = new Float64Array(8)

function ensure(n: number, a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  return a.length >= n ? a : new Float64Array(n)
}

/** Linear light → sRGB-encoded value in 0…255 (continuous, through the 14-bit table). */
function srgbUnits(c: number): number {
  if (c <= 0) return 0
  if (c >= 1) return 255
  return LINEAR_TO_SRGB[(c * Q + 0.5) | 0]
}

function pixelWord(r: number, g: number, b: number): number {
  const ir = r >= 1 ? 255 : r <= 0 ? 0 : LINEAR_TO_SRGB[(r * Q + 0.5) | 0]
  const ig = g >= 1 ? 255 : g <= 0 ? 0 : LINEAR_TO_SRGB[(g * Q + 0.5) | 0]
  const ib = b >= 1 ? 255 : b <= 0 ? 0 : LINEAR_TO_SRGB[(b * Q + 0.5) | 0]
  return OPAQUE_WORD | (ib << 16) | (ig << 8) | ir
}

/** Fills the whole buffer with the view's background and the lit skin: the chart's scalp, or the whole head. */
export function renderViewSkin(view: View, skin: Skin, seed: number, px32: Int32Array, tone: ToneGrid | null): void {
  if (view.name === 'chart') renderSkin(view, skin, seed, px32, tone)
  else renderHeadSkin(view, skin, seed, px32, tone)
}

/** Fills the whole buffer with the view's background and the lit head (scalp, face, ears, neck, brows). */
function renderHeadSkin(view: View, skin: Skin, seed: number, px32: Int32Array, tone: ToneGrid | null): void {
  const { width, height } = view
  const mesh = headMesh(view.head)
  skinLinearRgb(skin.fitzpatrick, _rgb)
  const base: [number, number, number] = [_rgb[0], _rgb[1], _rgb[2]]
  const light = lightFor(view, skin)
  const tile = detailTile(seed, Math.max(16, Math.min(512, Math.round(TILE_MM * view.pxPerMm))))
  const T = tile.size
  const tex = tile.data
  const texS = tile.srgb
  const cap = 255.5 / tile.maxSrgbFactor
  const background = packRgba(BACKGROUND_RGB[0], BACKGROUND_RGB[1], BACKGROUND_RGB[2], 255)
  projectVertices(view, mesh)
  const bands = Math.ceil(height / BAND)
  binTriangles(view, mesh, bands)
  const gx = Math.ceil(width / GRID) + 1
  const rows = BAND + 1
  if (_bandId.length < rows * width) {
    _bandId = new Int32Array(rows * width)
    _bandZ = new Float32Array(rows * width)
  }
  const nodesPerBand = (BAND / GRID + 1) * gx
  if (_nodeR.length < nodesPerBand) {
    _nodeR = new Float32Array(nodesPerBand)
    _nodeG = new Float32Array(nodesPerBand)
    _nodeB = new Float32Array(nodesPerBand)
    _nodeKind = new Int8Array(nodesPerBand)
    _nodeToned = new Int8Array(nodesPerBand)
    _nodeNx = new Float32Array(nodesPerBand)
    _nodeNy = new Float32Array(nodesPerBand)
    _nodeNz = new Float32Array(nodesPerBand)
  }
  const ids = _bandId
  const shade = new Shader(view, mesh, light, seed, base, tone)
  for (let band = 0; band < bands; band++) {
    const y0 = band * BAND
    const yEnd = Math.min(height, y0 + BAND + 1) // one row more: the node row under the band's last blocks
    rasterBand(view, mesh, band, y0, yEnd)
    // nodes of this band: rows y0, y0 + GRID, …, y0 + BAND
    const nodeRows = BAND / GRID + 1
    for (let r = 0; r < nodeRows; r++) {
      const y = y0 + r * GRID
      for (let i = 0; i < gx; i++) {
        const k = r * gx + i
        const x = i * GRID
        const id = y < yEnd && x < width ? ids[(y - y0) * width + x] : -1
        if (id < 0) {
          _nodeKind[k] = -1
          continue
        }
        const kind = shade.at(id, x + 0.5, y + 0.5, _rgb, true)
        _nodeKind[k] = kind
        _nodeToned[k] = shade.toned ? 1 : 0
        _nodeR[k] = Math.min(cap, srgbUnits(_rgb[0]))
        _nodeG[k] = Math.min(cap, srgbUnits(_rgb[1]))
        _nodeB[k] = Math.min(cap, srgbUnits(_rgb[2]))
        _nodeNx[k] = _hit[3]
        _nodeNy[k] = _hit[4]
        _nodeNz[k] = _hit[5]
      }
    }
    // blocks of this band
    for (let r = 0; r < BAND / GRID; r++) {
      const by0 = y0 + r * GRID
      if (by0 >= height) break
      const by1 = Math.min(height, by0 + GRID)
      for (let i = 0; i < gx - 1; i++) {
        const bx0 = i * GRID
        const bx1 = Math.min(width, bx0 + GRID)
        const k = r * gx + i
        const k1 = k + 1
        const k2 = k + gx
        const k3 = k + gx + 1
        // plain skin at all four corners, and the pigment's tone on all four or none (as the studio's GPU tones)
        const toned = _nodeToned[k] + _nodeToned[k1] + _nodeToned[k2] + _nodeToned[k3]
        let smooth =
          _nodeKind[k] === SKIN &&
          _nodeKind[k1] === SKIN &&
          _nodeKind[k2] === SKIN &&
          _nodeKind[k3] === SKIN &&
          (toned === 0 || toned === 4)
        if (smooth) {
          // one smooth stretch: the corners' normals agree (no crease or overlap between them)
          const nx = _nodeNx[k]
          const ny = _nodeNy[k]
          const nz = _nodeNz[k]
          smooth =
            nx * _nodeNx[k1] + ny * _nodeNy[k1] + nz * _nodeNz[k1] > 0.97 &&
            nx * _nodeNx[k2] + ny * _nodeNy[k2] + nz * _nodeNz[k2] > 0.97 &&
            nx * _nodeNx[k3] + ny * _nodeNy[k3] + nz * _nodeNz[k3] > 0.97
        }
        if (smooth) {
          // and every pixel of the block is on the head
          for (let y = by0; y < by1 && smooth; y++) {
            const o = (y - y0) * width
            for (let x = bx0; x < bx1; x++)
              if (ids[o + x] < 0) {
                smooth = false
                break
              }
          }
        }
        if (smooth) {
          const r00 = _nodeR[k]
          const g00 = _nodeG[k]
          const b00 = _nodeB[k]
          const r10 = _nodeR[k1]
          const g10 = _nodeG[k1]
          const b10 = _nodeB[k1]
          const r01 = _nodeR[k2]
          const g01 = _nodeG[k2]
          const b01 = _nodeB[k2]
          const r11 = _nodeR[k3]
          const g11 = _nodeG[k3]
          const b11 = _nodeB[k3]
          for (let y = by0; y < by1; y++) {
            const fy = (y - by0) / GRID
            let lr = r00 + (r01 - r00) * fy
            let lg = g00 + (g01 - g00) * fy
            let lb = b00 + (b01 - b00) * fy
            const dr = (r10 + (r11 - r10) * fy - lr) / GRID
            const dg = (g10 + (g11 - g10) * fy - lg) / GRID
            const db = (b10 + (b11 - b10) * fy - lb) / GRID
            const trow = (y % T) * T
            let tx = bx0 % T
            let o = y * width + bx0
            for (let x = bx0; x < bx1; x++, o++) {
              const t = texS[trow + tx]
              if (++tx === T) tx = 0
              px32[o] = OPAQUE_WORD | ((lb * t) << 16) | ((lg * t) << 8) | (lr * t)
              lr += dr
              lg += dg
              lb += db
            }
          }
          continue
        }
        for (let y = by0; y < by1; y++) {
          const trow = (y % T) * T
          const o0 = (y - y0) * width
          let o = y * width + bx0
          for (let x = bx0; x < bx1; x++, o++) {
            const id = ids[o0 + x]
            if (id < 0) {
              px32[o] = background
              continue
            }
            const kind = shade.at(id, x + 0.5, y + 0.5, _rgb, false)
            const t = kind === EYE ? 1 : tex[trow + (x % T)]
            px32[o] = pixelWord(_rgb[0] * t, _rgb[1] * t, _rgb[2] * t)
          }
        }
      }
    }
  }
  drawBrows(view, mesh, px32)
}

/** Projects every vertex: screen position and inverse depth (0 behind the camera). */
function projectVertices(view: View, mesh: HeadMesh): void {
  const n = mesh.vertexCount
  _sx = ensure(n, _sx)
  _sy = ensure(n, _sy)
  _iz = ensure(n, _iz)
  const { eye, right, up, forward, focal, cx, cy } = view
  for (let k = 0; k < n; k++) {
    const x = mesh.px[k] - eye[0]
    const y = mesh.py[k] - eye[1]
    const z = mesh.pz[k] - eye[2]
    const depth = x * forward[0] + y * forward[1] + z * forward[2]
    if (depth < 1) {
      _iz[k] = 0
      continue
    }
    const inv = 1 / depth
    _iz[k] = inv
    _sx[k] = cx + focal * (x * right[0] + y * right[1] + z * right[2]) * inv
    _sy[k] = cy - focal * (x * up[0] + y * up[1] + z * up[2]) * inv
  }
}

/** Culls back faces (not the ears' sheets) and sorts the rest into bands by the rows they cover. */
function binTriangles(view: View, mesh: HeadMesh, bands: number): void {
  const nt = mesh.triangleCount
  if (_triY0.length < nt) {
    _triY0 = new Int32Array(nt)
    _triY1 = new Int32Array(nt)
  }
  if (_binStart.length < bands + 1) _binStart = new Int32Array(bands + 1)
  const counts = _binStart
  counts.fill(0, 0, bands + 1)
  const tris = mesh.tris
  const { height } = view
  let total = 0
  for (let t = 0; t < nt; t++) {
    const a = tris[3 * t]
    const b = tris[3 * t + 1]
    const c = tris[3 * t + 2]
    _triY0[t] = -1
    if (_iz[a] === 0 || _iz[b] === 0 || _iz[c] === 0) continue
    const ax = _sx[a]
    const ay = _sy[a]
    const bx = _sx[b]
    const by = _sy[b]
    const cx = _sx[c]
    const cy = _sy[c]
    // the views' screen axes (right, up, forward) are left-handed and screen y points down: a triangle wound
    // counter-clockwise seen from outside has a positive signed area here when it faces the camera
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    if (area === 0 || (t < mesh.earStart && area < 0)) continue
    const ymin = Math.max(0, Math.ceil(Math.min(ay, by, cy) - 0.5))
    const ymax = Math.min(height - 1, Math.floor(Math.max(ay, by, cy) - 0.5))
    if (ymax < ymin) continue
    const xmin = Math.min(ax, bx, cx)
    const xmax = Math.max(ax, bx, cx)
    if (xmax < 0 || xmin > view.width) continue
    _triY0[t] = ymin
    _triY1[t] = ymax
    // a band's rows are [y0, y0 + BAND]: the shared row belongs to two bands
    const b0 = Math.max(0, Math.floor((ymin - 1) / BAND))
    const b1 = Math.min(bands - 1, Math.floor(ymax / BAND))
    for (let k = b0; k <= b1; k++) counts[k + 1]++
    total += b1 - b0 + 1
  }
  for (let k = 0; k < bands; k++) counts[k + 1] += counts[k]
  if (_binList.length < total) _binList = new Int32Array(total)
  const fill = new Int32Array(bands)
  for (let t = 0; t < nt; t++) {
    if (_triY0[t] < 0) continue
    const b0 = Math.max(0, Math.floor((_triY0[t] - 1) / BAND))
    const b1 = Math.min(bands - 1, Math.floor(_triY1[t] / BAND))
    for (let k = b0; k <= b1; k++) _binList[counts[k] + fill[k]++] = t
  }
}

/** Rasterises the band's triangles into the id and inverse-depth buffers, rows y0 ≤ y < yEnd. */
function rasterBand(view: View, mesh: HeadMesh, band: number, y0: number, yEnd: number): void {
  const width = view.width
  const ids = _bandId
  const zb = _bandZ
  const n = (yEnd - y0) * width
  ids.fill(-1, 0, n)
  zb.fill(0, 0, n)
  const tris = mesh.tris
  for (let q = _binStart[band]; q < _binStart[band + 1]; q++) {
    const t = _binList[q]
    let a = tris[3 * t]
    let b = tris[3 * t + 1]
    const c = tris[3 * t + 2]
    let ax = _sx[a]
    let ay = _sy[a]
    let bx = _sx[b]
    let by = _sy[b]
    const cx = _sx[c]
    const cy = _sy[c]
    let area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    if (area > 0) {
      // make every triangle the same winding for the edge tests (the ears' back faces come this way)
      const tx = ax
      const ty = ay
      const ti = a
      ax = bx
      ay = by
      a = b
      bx = tx
      by = ty
      b = ti
      area = -area
    }
    const ia = _iz[a]
    const ib = _iz[b]
    const ic = _iz[c]
    const rowStart = Math.max(y0, _triY0[t])
    const rowEnd = Math.min(yEnd - 1, _triY1[t])
    const inv = 1 / area
    for (let y = rowStart; y <= rowEnd; y++) {
      const py = y + 0.5
      // the span of x where all three edge functions are ≤ 0 (this winding): solve each edge for x
      let xl = 0
      let xr = width - 1
      let empty = false
      for (let e = 0; e < 3; e++) {
        const px0 = e === 0 ? ax : e === 1 ? bx : cx
        const py0 = e === 0 ? ay : e === 1 ? by : cy
        const px1 = e === 0 ? bx : e === 1 ? cx : ax
        const py1 = e === 0 ? by : e === 1 ? cy : ay
        // edge function E(x) = (px1 − px0)(py − py0) − (py1 − py0)(x − px0); E at the opposite vertex is the signed
        // area, so inside is where E ≤ 0 (area < 0)
        const dy = py1 - py0
        const k0 = (px1 - px0) * (py - py0)
        if (dy === 0) {
          if (k0 > 0) empty = true
          continue
        }
        // E(x) ≤ 0 ⇔ dy·(x − px0) ≥ k0
        const xEdge = px0 + k0 / dy
        if (dy > 0) {
          const lim = Math.ceil(xEdge - 0.5)
          if (lim > xl) xl = lim
        } else {
          const lim = Math.floor(xEdge - 0.5)
          if (lim < xr) xr = lim
        }
      }
      if (empty || xl > xr) continue
      // barycentric weights of b and c along the row: inverse depth is linear on screen
      const row = (y - y0) * width
      const wb0 = ((ax - (xl + 0.5)) * (cy - ay) - (ay - py) * (cx - ax)) * -inv
      const wc0 = ((bx - ax) * (py - ay) - (by - ay) * (xl + 0.5 - ax)) * inv
      const dwb = (cy - ay) * inv
      const dwc = -(by - ay) * inv
      let wb = wb0
      let wc = wc0
      for (let x = xl; x <= xr; x++) {
        const z = ia + (ib - ia) * wb + (ic - ia) * wc
        const o = row + x
        if (z > zb[o]) {
          zb[o] = z
          ids[o] = t
        }
        wb += dwb
        wc += dwc
      }
    }
  }
}

/** Shades points of the head: the hit on a triangle, its normal, occlusion and the face's colours. */
class Shader {
  private readonly rgb = new Float64Array(3)
  private readonly scalp = new Float64Array(3)
  /** Whether the last point shaded took the pigment's tone. */
  toned = false
  constructor(
    private readonly view: View,
    private readonly mesh: HeadMesh,
    private readonly light: Light,
    private readonly seed: number,
    private readonly base: readonly [number, number, number],
    private readonly tone: ToneGrid | null
  ) {}

  /**
   * Linear colour at pixel (px, py) on triangle `id` into out (the tone applied per pixel, or per node when `node`);
   * the hit's normal into _hit[3..5]. Returns what the point is: plain skin, a detail (lips, nostrils, ear, crease), or
   * the eye.
   */
  at(id: number, px: number, py: number, out: Float64Array, node: boolean): number {
    const { view, mesh } = this
    const tris = mesh.tris
    const a = tris[3 * id]
    const b = tris[3 * id + 1]
    const c = tris[3 * id + 2]
    const { eye, right, up, forward, focal } = view
    const sx = (px - view.cx) / focal
    const sy = (view.cy - py) / focal
    const dx = forward[0] + sx * right[0] + sy * up[0]
    const dy = forward[1] + sx * right[1] + sy * up[1]
    const dz = forward[2] + sx * right[2] + sy * up[2]
    // Möller–Trumbore
    const ax = mesh.px[a]
    const ay = mesh.py[a]
    const az = mesh.pz[a]
    const e1x = mesh.px[b] - ax
    const e1y = mesh.py[b] - ay
    const e1z = mesh.pz[b] - az
    const e2x = mesh.px[c] - ax
    const e2y = mesh.py[c] - ay
    const e2z = mesh.pz[c] - az
    const pvx = dy * e2z - dz * e2y
    const pvy = dz * e2x - dx * e2z
    const pvz = dx * e2y - dy * e2x
    const det = e1x * pvx + e1y * pvy + e1z * pvz
    const tvx = eye[0] - ax
    const tvy = eye[1] - ay
    const tvz = eye[2] - az
    let u = 0
    let v = 0
    let t = 0
    if (Math.abs(det) > 1e-12) {
      const id2 = 1 / det
      u = (tvx * pvx + tvy * pvy + tvz * pvz) * id2
      const qx = tvy * e1z - tvz * e1y
      const qy = tvz * e1x - tvx * e1z
      const qz = tvx * e1y - tvy * e1x
      v = (dx * qx + dy * qy + dz * qz) * id2
      t = (e2x * qx + e2y * qy + e2z * qz) * id2
    }
    u = Math.min(1, Math.max(0, u))
    v = Math.min(1 - u, Math.max(0, v))
    const w = 1 - u - v
    const x = eye[0] + t * dx
    const y = eye[1] + t * dy
    const z = eye[2] + t * dz
    let nx = w * mesh.nx[a] + u * mesh.nx[b] + v * mesh.nx[c]
    let ny = w * mesh.ny[a] + u * mesh.ny[b] + v * mesh.ny[c]
    let nz = w * mesh.nz[a] + u * mesh.nz[b] + v * mesh.nz[c]
    const nl = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1
    nx /= nl
    ny /= nl
    nz /= nl
    const ear = id >= mesh.earStart
    if (ear && nx * (eye[0] - x) + ny * (eye[1] - y) + nz * (eye[2] - z) < 0) {
      nx = -nx
      ny = -ny
      nz = -nz
    }
    _hit[3] = nx
    _hit[4] = ny
    _hit[5] = nz
    const ao = w * mesh.ao[a] + u * mesh.ao[b] + v * mesh.ao[c]
    const f = mesh.face
    const kind = faceColour(f, x, y, z, ny, this.base, this.rgb)
    if (kind === EYE) {
      this.toned = false
      eyeShade(view, this.light, f, x, y, z, nx, ny, nz, ao, this.rgb, out)
      return EYE
    }
    litSkin(view, this.light, this.seed, x, y, z, nx, ny, nz, ao, this.rgb[0], this.rgb[1], this.rgb[2], out)
    const tone = this.tone
    // the pigment's diffuse tone lies in the scalp: on the pixels whose ray meets the cranium above the chart's lower
    // edge (the test the studio's GPU preview makes per pixel, so both tone the same pixels)
    this.toned = tone?.any === true && rayHit(view, px, py, this.scalp) > 0
    if (tone !== null && this.toned) {
      if (node) {
        // the node's own tone (nodes sit on the tone grid's nodes)
        const gi = Math.round((px - 0.5) / GRID)
        const gj = Math.round((py - 0.5) / GRID)
        const k = gj * tone.gx + gi
        if (gi >= 0 && gj >= 0 && gi < tone.gx && gj < tone.gy) {
          out[0] *= Math.exp(-tone.r[k])
          out[1] *= Math.exp(-tone.g[k])
          out[2] *= Math.exp(-tone.b[k])
        }
      } else applyTone(tone, px, py, out)
    }
    // the ears and the face's features are details: their blocks are shaded per pixel
    return ear || kind === DETAIL ? DETAIL : SKIN
  }
}

function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)))
  return t * t * (3 - 2 * t)
}

/** Lip colour over skin: redder and darker [assumption: a natural, unpainted lip]. */
const LIP_TINT: readonly [number, number, number] = [0.72, 0.47, 0.48]

/**
 * The face's colour at a skin point: the base skin, tinted on the lips, darkened in the nostrils and along the lash
 * line; returns EYE for a point on the eyeball (its colour is eyeShade's), DETAIL near a feature, SKIN elsewhere.
 */
function faceColour(
  f: Face,
  x: number,
  y: number,
  z: number,
  ny: number,
  base: readonly [number, number, number],
  out: Float64Array
): number {
  out[0] = base[0]
  out[1] = base[1]
  out[2] = base[2]
  if (y > 20 || z < f.gz - 70) return SKIN
  const s = f.scale
  const ax = Math.abs(x)
  // the eyes
  const ex = ax - f.eyeX
  const ey = y - f.eyeY
  if (ex > -24 && ex < 24 && ey > -18 && ey < 18) {
    const ez = z - f.eyeZ
    const r = Math.sqrt(ex * ex + ey * ey + ez * ez)
    if (r < f.eyeR + 0.35 * s) return EYE
    const open = eyeOpening(f, ex, ey)
    // the upper lid's fold: a soft shadow a few mm above the opening
    const fold = Math.exp(-(((open - 3.2 * s) / (1.6 * s)) ** 2)) * (ey > 0.6 + 0.05 * ex ? 0.22 : 0)
    out[0] *= 1 - fold
    out[1] *= 1 - fold
    out[2] *= 1 - fold
    if (r < f.eyeR + 2.5 * s && open < 1.4 * s) {
      // the lash line: dark along the upper lid's margin, fainter along the lower
      const upper = ey > 0.6 + 0.05 * ex
      const k = (1 - smoothstep(0.2 * s, 1.4 * s, open)) * (upper ? 0.85 : 0.4)
      out[0] *= 1 - k
      out[1] *= 1 - k
      out[2] *= 1 - k
    }
    return DETAIL
  }
  // the lips: a lens about the mouth's line, with a cupid's bow
  const half = 23 * s
  const dyM = y - f.stomionY
  if (ax < half + 3 && dyM > -14 * s && dyM < 12 * s && z > f.gz - 30 * s) {
    const t = Math.min(1, ax / half)
    const shape = Math.sqrt(Math.max(0, 1 - t * t))
    const full = f.sex === 'female' ? 1.2 : 1
    const top = (7.5 * shape ** 0.7 - 1.2 * Math.exp(-((ax / (4 * s)) ** 2)) + 0.6) * s * full
    const bottom = -9 * shape ** 0.8 * s * full
    const inside = Math.min(top - dyM, dyM - bottom)
    const k = smoothstep(-0.6, 0.6, inside) * smoothstep(half + 1, half - 2, ax)
    out[0] *= 1 + (LIP_TINT[0] - 1) * k
    out[1] *= 1 + (LIP_TINT[1] - 1) * k
    out[2] *= 1 + (LIP_TINT[2] - 1) * k
    // the mouth's line itself, shadowed
    const line = 1 - 0.4 * (1 - smoothstep(0.15, 0.9, Math.abs(dyM))) * smoothstep(half, half - 4, ax)
    out[0] *= line
    out[1] *= line
    out[2] *= line
    return DETAIL
  }
  // the nostrils, on the underside of the nose
  const nostrilY = f.subnasaleY + 3 * s
  if (ax < 16 * s && y < nostrilY + 6 * s && y > f.subnasaleY - 4 * s && ny < -0.2) {
    const nxm = (ax - 6.5 * s) / (4.2 * s)
    const nzm = (z - (f.gz + 1.5 * s)) / (6 * s)
    const d = nxm * nxm + nzm * nzm
    const k = (1 - smoothstep(0.55, 1.1, d)) * smoothstep(-0.2, -0.6, ny) * 0.8
    out[0] *= 1 - k
    out[1] *= 1 - k
    out[2] *= 1 - k
    return DETAIL
  }
  // a little more blood in the cheeks and the nose's tip
  const cheek = Math.exp(-(((ax - 40 * s) / (18 * s)) ** 2) - ((y - (f.eyeY - 28 * s)) / (16 * s)) ** 2)
  out[0] *= 1 + 0.04 * cheek
  out[2] *= 1 - 0.03 * cheek
  return SKIN
}

/** Sclera, iris and pupil in linear light [assumption: a brown iris, the commonest; an off-white sclera]. */
const SCLERA: readonly [number, number, number] = [0.6, 0.56, 0.52]
const IRIS: readonly [number, number, number] = [0.075, 0.04, 0.02]
const PUPIL: readonly [number, number, number] = [0.006, 0.005, 0.005]

/** The eyeball's colour, lit, with a glossy catch-light. */
function eyeShade(
  view: View,
  light: Light,
  f: Face,
  x: number,
  y: number,
  z: number,
  nx: number,
  ny: number,
  nz: number,
  ao: number,
  _rgb: Float64Array,
  out: Float64Array
): void {
  const ex = Math.abs(x) - f.eyeX
  const ey = y - f.eyeY
  const rho = Math.sqrt(ex * ex + ey * ey)
  const pupil = 2.1 * f.scale
  let r: number
  let g: number
  let b: number
  if (rho < f.irisR && z > f.eyeZ) {
    const p = smoothstep(pupil - 0.25, pupil + 0.25, rho)
    // the iris: lighter towards its middle, a dark limbal ring at its edge
    const limbal = 1 - 0.55 * smoothstep(f.irisR - 1.2, f.irisR - 0.1, rho)
    const radial = 1 + 0.5 * (1 - rho / f.irisR)
    r = PUPIL[0] + (IRIS[0] * radial * limbal - PUPIL[0]) * p
    g = PUPIL[1] + (IRIS[1] * radial * limbal - PUPIL[1]) * p
    b = PUPIL[2] + (IRIS[2] * radial * limbal - PUPIL[2]) * p
    const edge = smoothstep(f.irisR - 0.3, f.irisR + 0.3, rho)
    r += (SCLERA[0] - r) * edge
    g += (SCLERA[1] - g) * edge
    b += (SCLERA[2] - b) * edge
  } else {
    r = SCLERA[0]
    g = SCLERA[1]
    b = SCLERA[2]
  }
  // the upper lid's shadow over the eye
  const lidShadow = 0.55 + 0.45 * smoothstep(4 * f.scale, -1 * f.scale, ey)
  const ndl = nx * light.lx + ny * light.ly + nz * light.lz
  const shade = (0.45 + 0.55 * Math.max(0, ndl)) * lidShadow * (0.6 + 0.4 * ao)
  const e = view.eye
  let vx = e[0] - x
  let vy = e[1] - y
  let vz = e[2] - z
  const vl = Math.sqrt(vx * vx + vy * vy + vz * vz)
  vx /= vl
  vy /= vl
  vz /= vl
  const hx = vx + light.lx
  const hy = vy + light.ly
  const hz = vz + light.lz
  const hl = Math.sqrt(hx * hx + hy * hy + hz * hz)
  const ndh = Math.max(0, (nx * hx + ny * hy + nz * hz) / hl)
  const p2 = ndh * ndh
  const p8 = p2 * p2 * p2 * p2
  const spec = 0.9 * p8 * p8 * p8 * p8 * lidShadow
  out[0] = r * shade + spec
  out[1] = g * shade + spec
  out[2] = b * shade + spec
}

/** Brow hairs as thin segments, those on skin facing the camera. */
function drawBrows(view: View, mesh: HeadMesh, px32: Int32Array): void {
  const h = mesh.brows
  const { eye, right, up, forward, focal, cx, cy, width, height } = view
  for (let i = 0; i < h.count; i++) {
    const o = 3 * i
    const rx = h.root[o] - eye[0]
    const ry = h.root[o + 1] - eye[1]
    const rz = h.root[o + 2] - eye[2]
    if (rx * h.normal[o] + ry * h.normal[o + 1] + rz * h.normal[o + 2] > -0.05 * Math.sqrt(rx * rx + ry * ry + rz * rz))
      continue
    const tx = h.tip[o] - eye[0]
    const ty = h.tip[o + 1] - eye[1]
    const tz = h.tip[o + 2] - eye[2]
    const d0 = rx * forward[0] + ry * forward[1] + rz * forward[2]
    const d1 = tx * forward[0] + ty * forward[1] + tz * forward[2]
    const ax = cx + (focal * (rx * right[0] + ry * right[1] + rz * right[2])) / d0
    const ay = cy - (focal * (rx * up[0] + ry * up[1] + rz * up[2])) / d0
    const bx = cx + (focal * (tx * right[0] + ty * right[1] + tz * right[2])) / d1
    const by = cy - (focal * (tx * up[0] + ty * up[1] + tz * up[2])) / d1
    const hw = 0.5 * BROW_WIDTH_MM * (focal / d0)
    stampSegment(px32, width, height, ax, ay, bx, by, hw, BROW_ALPHA, BROW_RGB[0], BROW_RGB[1], BROW_RGB[2])
  }
}
