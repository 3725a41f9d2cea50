// The synthetic scalp: base colour per Fitzpatrick type (DOMAIN §4.2), low-frequency mottling on the surface, a fine
// texture with pores, and soft light on the 3D head (wrapped Lambert + ambient + a faint sheen that oily skin raises).
// Speed: shading is evaluated on the tone grid's 8-px grid (tone-grid.ts) and interpolated inside blocks that lie wholly on the head (the drawn
// head is convex on screen, so four corners inside mean the whole block is); blocks on the silhouette are exact per pixel.

import { LIN_STEPS, LINEAR_TO_SRGB } from '../appearance/color.ts'
import { skinLinearRgb } from '../appearance/skin-palette.ts'
import { periodicNoise2, valueNoise3 } from '../math/noise.ts'
import { createRng } from '../math/rng.ts'
import type { Skin } from '../model/design.ts'
import { chartToSurface } from '../scalp/head.ts'
import { packRgba } from './raster.ts'
import { applyTone, GRID, type ToneGrid } from './tone-grid.ts'
import { rayHit, type View } from './view.ts'

const Q = LIN_STEPS - 1
/** Background behind the head, sRGB [assumption: a neutral dark studio grey that suits light and dark skin]. */
const BACKGROUND_RGB: readonly [number, number, number] = [58, 60, 64]
/** Side of the repeating fine-texture tile, mm. */
const TILE_MM = 12.8
/** Pores per mm² and their radius, mm [assumption: follicle openings on a shaved scalp, ~1 per 2 mm²]. */
const PORES_PER_MM2 = 0.5
const PORE_RADIUS_MM = 0.05
const SHEEN = { normal: 0.03, oily: 0.08, dry: 0.012 } as const

interface Light {
  lx: number
  ly: number
  lz: number
  ambient: number
  diffuse: number
  sheen: number
}

const _hit = new Float64Array(3)
// shading-grid scratch, grown as needed and reused across renders
let _nr = new Float32Array(0)
let _ng = new Float32Array(0)
let _nb = new Float32Array(0)
let _hitNodes = new Uint8Array(0)
let _sr = new Float32Array(0)
let _sg = new Float32Array(0)
let _sb = new Float32Array(0)
const OPAQUE_WORD = 0xff000000 | 0
/** Largest spacing of the nodes where the mottle is evaluated, mm (its finest cells are ~6 mm). */
const MOTTLE_STEP_MM = 1.5
let _mB = new Float32Array(0)
let _mR = new Float32Array(0)
let _mHas = new Uint8Array(0)

/** Linear light → sRGB-encoded value in 0…255 (continuous, through the 14-bit table). */
function srgbUnits(c: number): number {
  if (c <= 0) return 0
  if (c >= 1) return 255
  return LINEAR_TO_SRGB[(c * Q + 0.5) | 0]
}
const _rgb = new Float64Array(3)

/** Fills the whole buffer with the view's background and the lit scalp. */
export function renderSkin(view: View, skin: Skin, seed: number, px32: Int32Array, tone: ToneGrid | null = null): void {
  const { width, height } = view
  skinLinearRgb(skin.fitzpatrick, _rgb)
  const br = _rgb[0]
  const bg = _rgb[1]
  const bb = _rgb[2]
  const light = lightFor(view, skin)
  const tile = detailTile(seed, Math.max(16, Math.min(512, Math.round(TILE_MM * view.pxPerMm))))
  const T = tile.size
  const tex = tile.data
  const background = packRgba(BACKGROUND_RGB[0], BACKGROUND_RGB[1], BACKGROUND_RGB[2], 255)
  const gx = Math.ceil(width / GRID) + 1
  const gy = Math.ceil(height / GRID) + 1
  const nodes = gx * gy
  if (_nr.length < nodes) {
    _nr = new Float32Array(nodes)
    _ng = new Float32Array(nodes)
    _nb = new Float32Array(nodes)
    _hitNodes = new Uint8Array(nodes)
  }
  const nr = _nr
  const ng = _ng
  const nb = _nb
  const hit = _hitNodes
  hit.fill(0, 0, nodes)
  if (_mB.length < nodes) {
    _mB = new Float32Array(nodes)
    _mR = new Float32Array(nodes)
    _mHas = new Uint8Array(nodes)
  }
  const mB = _mB
  const mR = _mR
  const has = _mHas
  has.fill(0, 0, nodes)
  // the mottle varies over millimetres: evaluated on every S-th node (S nodes ≤ MOTTLE_STEP_MM) and interpolated
  const S = Math.max(1, Math.min(8, Math.floor((MOTTLE_STEP_MM * view.pxPerMm) / GRID)))
  for (let j = 0; j < gy; j++) {
    const onJ = j % S === 0 || j === gy - 1
    for (let i = 0; i < gx; i++) {
      const k = j * gx + i
      if (!shadeAt(view, light, seed, i * GRID + 0.5, j * GRID + 0.5, br, bg, bb, _rgb, false)) continue
      hit[k] = 1
      nr[k] = _rgb[0] // shade
      ng[k] = _rgb[1] // sheen
      if (onJ && (i % S === 0 || i === gx - 1)) {
        mottleAt(_hit[0], _hit[1], _hit[2], seed, _mottle)
        mB[k] = _mottle[0]
        mR[k] = _mottle[1]
        has[k] = 1
      }
    }
  }
  for (let j = 0; j < gy; j++) {
    const j0 = j - (j % S)
    const j1 = Math.min(j0 + S, gy - 1)
    const fy = j1 > j0 ? (j - j0) / (j1 - j0) : 0
    for (let i = 0; i < gx; i++) {
      const k = j * gx + i
      if (hit[k] === 0) continue
      let b: number
      let r: number
      if (has[k] === 1) {
        b = mB[k]
        r = mR[k]
      } else {
        const i0 = i - (i % S)
        const i1 = Math.min(i0 + S, gx - 1)
        const k00 = j0 * gx + i0
        const k10 = j0 * gx + i1
        const k01 = j1 * gx + i0
        const k11 = j1 * gx + i1
        if (has[k00] + has[k10] + has[k01] + has[k11] === 4) {
          const fx = i1 > i0 ? (i - i0) / (i1 - i0) : 0
          const w00 = (1 - fx) * (1 - fy)
          const w10 = fx * (1 - fy)
          const w01 = (1 - fx) * fy
          const w11 = fx * fy
          b = mB[k00] * w00 + mB[k10] * w10 + mB[k01] * w01 + mB[k11] * w11
          r = mR[k00] * w00 + mR[k10] * w10 + mR[k01] * w01 + mR[k11] * w11
        } else {
          // near the silhouette a lattice corner misses the head: this node's own mottle
          rayOrChartPoint(view, i * GRID + 0.5, j * GRID + 0.5)
          mottleAt(_hit[0], _hit[1], _hit[2], seed, _mottle)
          b = _mottle[0]
          r = _mottle[1]
        }
      }
      const shade = nr[k] * b
      const spec = ng[k]
      nr[k] = br * shade * r + spec
      ng[k] = bg * shade + spec
      nb[k] = bb * shade + spec
      if (tone?.any) {
        nr[k] *= Math.exp(-tone.r[k])
        ng[k] *= Math.exp(-tone.g[k])
        nb[k] *= Math.exp(-tone.b[k])
      }
    }
  }
  // node colours in sRGB units, capped so that × the texture's largest factor stays below 256
  if (_sr.length < nodes) {
    _sr = new Float32Array(nodes)
    _sg = new Float32Array(nodes)
    _sb = new Float32Array(nodes)
  }
  const sr = _sr
  const sg = _sg
  const sb = _sb
  const cap = 255.5 / tile.maxSrgbFactor
  for (let k = 0; k < nodes; k++) {
    if (hit[k] === 0) continue
    sr[k] = Math.min(cap, srgbUnits(nr[k]))
    sg[k] = Math.min(cap, srgbUnits(ng[k]))
    sb[k] = Math.min(cap, srgbUnits(nb[k]))
  }
  const texS = tile.srgb
  const bx = gx - 1
  const by = gy - 1
  if (_cls.length < bx) {
    _cls = new Uint8Array(bx)
    _rowR = new Float64Array(gx)
    _rowG = new Float64Array(gx)
    _rowB = new Float64Array(gx)
  }
  const cls = _cls
  if (_edgeB.length < bx) {
    _edgeB = new Float64Array(bx)
    _edgeR = new Float64Array(bx)
    _edgeMottle = new Uint8Array(bx)
  }
  const edgeB = _edgeB
  const edgeR = _edgeR
  const edgeMottle = _edgeMottle
  const rowR = _rowR
  const rowG = _rowG
  const rowB = _rowB
  // row by row (long sequential writes), block by block along the row
  for (let j = 0; j < by; j++) {
    const y0 = j * GRID
    const y1 = Math.min(height, y0 + GRID)
    const kj = j * gx
    for (let i = 0; i < bx; i++) {
      const k = kj + i
      const corners = hit[k] + hit[k + 1] + hit[k + gx] + hit[k + gx + 1]
      cls[i] = corners === 4 ? FULL : corners === 0 && outsideNeighbourhood(hit, gx, gy, i, j) ? OUTSIDE : EDGE
    }
    // the span of full blocks in this band: only their nodes are interpolated down each row
    let first = bx
    let last = -1
    for (let i = 0; i < bx; i++)
      if (cls[i] === FULL) {
        if (first === bx) first = i
        last = i
      }
    edgeMottle.fill(0, 0, bx)
    for (let y = y0; y < y1; y++) {
      // the node colours interpolated down to this row; a block then interpolates across (bilinear in sRGB-encoded
      // units: the shading is smooth over 8 px), times the texture's sRGB-space factor: no transfer-curve lookups
      const fy = (y - y0) / GRID
      for (let i = first; i <= last + 1; i++) {
        const k = kj + i
        rowR[i] = sr[k] + (sr[k + gx] - sr[k]) * fy
        rowG[i] = sg[k] + (sg[k + gx] - sg[k]) * fy
        rowB[i] = sb[k] + (sb[k + gx] - sb[k]) * fy
      }
      const trow = (y % T) * T
      const row = y * width
      let fillFrom = -1
      for (let i = 0; i < bx; i++) {
        const x0 = i * GRID
        const x1 = Math.min(width, x0 + GRID)
        const c = cls[i]
        if (c === OUTSIDE) {
          if (fillFrom < 0) fillFrom = x0
          continue
        }
        if (fillFrom >= 0) {
          px32.fill(background, row + fillFrom, row + x0)
          fillFrom = -1
        }
        if (c === FULL) {
          let lr = rowR[i]
          let lg = rowG[i]
          let lb = rowB[i]
          const dr = (rowR[i + 1] - lr) / GRID
          const dg = (rowG[i + 1] - lg) / GRID
          const db = (rowB[i + 1] - lb) / GRID
          let tx = x0 % T
          let o = row + x0
          for (let x = x0; x < x1; x++, o++) {
            const t = texS[trow + tx]
            if (++tx === T) tx = 0
            px32[o] = OPAQUE_WORD | ((lb * t) << 16) | ((lg * t) << 8) | (lr * t)
            lr += dr
            lg += dg
            lb += db
          }
        } else {
          // on the silhouette: light per pixel; the mottle (millimetres across) once per block
          let o = row + x0
          for (let x = x0; x < x1; x++, o++) {
            if (shadeAt(view, light, seed, x + 0.5, y + 0.5, br, bg, bb, _rgb, false)) {
              if (edgeMottle[i] === 0) {
                mottleAt(_hit[0], _hit[1], _hit[2], seed, _mottle)
                edgeB[i] = _mottle[0]
                edgeR[i] = _mottle[1]
                edgeMottle[i] = 1
              }
              const shade = _rgb[0] * edgeB[i]
              const spec = _rgb[1]
              _rgb[0] = br * shade * edgeR[i] + spec
              _rgb[1] = bg * shade + spec
              _rgb[2] = bb * shade + spec
              const t = tex[trow + (x % T)]
              if (tone?.any) applyTone(tone, x + 0.5, y + 0.5, _rgb)
              px32[o] = pixelWord(_rgb[0] * t, _rgb[1] * t, _rgb[2] * t)
            } else px32[o] = background
          }
        }
      }
      if (fillFrom >= 0) px32.fill(background, row + fillFrom, row + width)
    }
  }
}

const FULL = 1
const OUTSIDE = 0
const EDGE = 2
let _cls = new Uint8Array(0)
let _edgeB = new Float64Array(0)
let _edgeR = new Float64Array(0)
let _edgeMottle = new Uint8Array(0)
let _rowR = new Float64Array(0)
let _rowG = new Float64Array(0)
let _rowB = new Float64Array(0)

function pixelWord(r: number, g: number, b: number): number {
  const ir = r >= 1 ? 255 : LINEAR_TO_SRGB[(r * Q + 0.5) | 0]
  const ig = g >= 1 ? 255 : LINEAR_TO_SRGB[(g * Q + 0.5) | 0]
  const ib = b >= 1 ? 255 : LINEAR_TO_SRGB[(b * Q + 0.5) | 0]
  return 0xff000000 | (ib << 16) | (ig << 8) | ir
}

/** Whether every grid node around block (i, j), one block out, misses the head. */
/** The surface point seen at pixel (px, py) into _hit (the caller knows the pixel shows the scalp). */
function rayOrChartPoint(view: View, px: number, py: number): void {
  if (view.name === 'chart')
    chartToSurface(view.head, (px - view.cx) / view.chartScale, (view.cy - py) / view.chartScale, _hit)
  else rayHit(view, px, py, _hit)
}

function outsideNeighbourhood(hit: Uint8Array, gx: number, gy: number, i: number, j: number): boolean {
  for (let y = Math.max(0, j - 1); y <= Math.min(gy - 1, j + 2); y++) {
    for (let x = Math.max(0, i - 1); x <= Math.min(gx - 1, i + 2); x++) if (hit[y * gx + x] === 1) return false
  }
  return true
}

function lightFor(view: View, skin: Skin): Light {
  if (view.name === 'chart') return { lx: 0, ly: 0, lz: 0, ambient: 0.95, diffuse: 0, sheen: 0 }
  // soft key light from the upper left, a little behind the camera [assumption]
  const { right, up, forward } = view
  let lx = -0.4 * right[0] + 0.6 * up[0] - 0.7 * forward[0]
  let ly = -0.4 * right[1] + 0.6 * up[1] - 0.7 * forward[1]
  let lz = -0.4 * right[2] + 0.6 * up[2] - 0.7 * forward[2]
  const l = Math.hypot(lx, ly, lz)
  lx /= l
  ly /= l
  lz /= l
  return { lx, ly, lz, ambient: 0.3, diffuse: 0.8, sheen: SHEEN[skin.kind] }
}

/** Linear colour of the scalp (without the fine texture) seen at pixel (px, py) into out; false when it shows none. */
function shadeAt(
  view: View,
  light: Light,
  seed: number,
  px: number,
  py: number,
  br: number,
  bg: number,
  bb: number,
  out: Float64Array,
  mottle = true
): boolean {
  let sx: number
  let sy: number
  let sz: number
  let shade: number
  let spec = 0
  if (view.name === 'chart') {
    const u = (px - view.cx) / view.chartScale
    const v = (view.cy - py) / view.chartScale
    if (u * u + v * v > view.chartRadius * view.chartRadius) return false
    chartToSurface(view.head, u, v, _hit)
    sx = _hit[0]
    sy = _hit[1]
    sz = _hit[2]
    shade = light.ambient
  } else {
    if (rayHit(view, px, py, _hit) < 0) return false
    sx = _hit[0]
    sy = _hit[1]
    sz = _hit[2]
    const { a, b, c } = view.head
    let nx = sx / (a * a)
    let ny = sy / (c * c)
    let nz = sz / (b * b)
    const nl = Math.hypot(nx, ny, nz)
    nx /= nl
    ny /= nl
    nz /= nl
    const ndl = nx * light.lx + ny * light.ly + nz * light.lz
    const wrap = (ndl + 0.35) / 1.35
    shade = light.ambient + light.diffuse * Math.max(wrap, 0)
    // Blinn sheen: half vector between the light and the direction to the eye
    const e = view.eye
    let vx = e[0] - sx
    let vy = e[1] - sy
    let vz = e[2] - sz
    const vl = Math.hypot(vx, vy, vz)
    vx /= vl
    vy /= vl
    vz /= vl
    let hx = vx + light.lx
    let hy = vy + light.ly
    let hz = vz + light.lz
    const hl = Math.hypot(hx, hy, hz)
    hx /= hl
    hy /= hl
    hz /= hl
    const ndh = nx * hx + ny * hy + nz * hz
    if (ndh > 0) {
      const p2 = ndh * ndh
      const p4 = p2 * p2
      const p8 = p4 * p4
      spec = light.sheen * p8 * p8 * p4
    }
  }
  if (!mottle) {
    // the caller adds the mottle: [shade, sheen], the surface point in _hit
    _hit[0] = sx
    _hit[1] = sy
    _hit[2] = sz
    out[0] = shade
    out[1] = spec
    return true
  }
  mottleAt(sx, sy, sz, seed, _mottle)
  const bright = shade * _mottle[0]
  out[0] = br * bright * _mottle[1] + spec
  out[1] = bg * bright + spec
  out[2] = bb * bright + spec
  return true
}

const _mottle = new Float64Array(2)

/**
 * The skin's mottling at surface point (sx, sy, sz): two octaves of value noise (cells ~18 and ~6 mm), ±5 %
 * brightness and a touch of redness; out = [brightness factor, red factor].
 */
function mottleAt(sx: number, sy: number, sz: number, seed: number, out: Float64Array | Float32Array): void {
  const m1 = valueNoise3(sx / 18, sy / 18, sz / 18, seed) - 0.5
  const m2 = valueNoise3(sx / 6, sy / 6, sz / 6, seed ^ 0x5bd1e995) - 0.5
  out[0] = 1 + 0.07 * m1 + 0.04 * m2
  out[1] = 1 + 0.05 * m1
}

interface Tile {
  seed: number
  size: number
  /** Multiplicative factor on linear light. */
  data: Float32Array
  /** The same factor on sRGB-encoded values (≈ data^(1/2.4)), and its maximum. */
  srgb: Float32Array
  maxSrgbFactor: number
}

let _tile: Tile | null = null

/**
 * A seamless square of fine skin texture (multiplicative, around 1): two octaves of periodic value noise and soft dark
 * pores, `size` px for TILE_MM mm. The last tile is kept, since consecutive renders usually share seed and scale.
 */
function detailTile(seed: number, size: number): Tile {
  if (_tile !== null && _tile.seed === seed && _tile.size === size) return _tile
  const data = new Float32Array(size * size)
  const pxPerMm = size / TILE_MM
  const n1 = 32 // cells across the tile: 0.4 mm grain
  const n2 = 8 // 1.6 mm
  const s1 = seed ^ 0x1b873593
  const s2 = seed ^ 0x68e31da4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const g1 = periodicNoise2((x * n1) / size, (y * n1) / size, n1, s1) - 0.5
      const g2 = periodicNoise2((x * n2) / size, (y * n2) / size, n2, s2) - 0.5
      data[y * size + x] = 1 + 0.06 * g1 + 0.05 * g2
    }
  }
  const rng = createRng(seed ^ 0x2f6b3c1d)
  const pores = Math.round(TILE_MM * TILE_MM * PORES_PER_MM2)
  const rp = Math.max(0.6, PORE_RADIUS_MM * pxPerMm)
  // a pore narrower than a pixel keeps its ink by fading: depth × area conserved
  const depth = 0.14 * Math.min(1, (PORE_RADIUS_MM * pxPerMm) / rp) ** 2
  const reach = Math.ceil(rp + 1)
  for (let p = 0; p < pores; p++) {
    const cx = rng.next() * size
    const cy = rng.next() * size
    const d0 = depth * (0.6 + 0.8 * rng.next())
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const x = Math.floor(cx) + dx
        const y = Math.floor(cy) + dy
        const ex = x + 0.5 - cx
        const ey = y + 0.5 - cy
        let cov = rp + 0.5 - Math.sqrt(ex * ex + ey * ey)
        if (cov <= 0) continue
        if (cov > 1) cov = 1
        const k = (((y % size) + size) % size) * size + (((x % size) + size) % size)
        data[k] *= 1 - d0 * cov
      }
    }
  }
  const srgb = new Float32Array(size * size)
  let maxSrgbFactor = 1
  for (let i = 0; i < data.length; i++) {
    srgb[i] = data[i] ** (1 / 2.4)
    if (srgb[i] > maxSrgbFactor) maxSrgbFactor = srgb[i]
  }
  _tile = { seed, size, data, srgb, maxSrgbFactor }
  return _tile
}
