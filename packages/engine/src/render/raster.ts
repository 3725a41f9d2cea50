// Raster kernels over a caller-owned RGBA buffer (sRGB bytes, seen as little-endian 32-bit pixels: R in the low byte; the image is opaque),
// blending in linear light through lookup tables.
// Coverage is analytic, as in the classic distance-based disc: clamp(r + 0.5 − d, 0, 1) for a 1-px edge; a wider
// edge w (scattering blur) becomes the ramp clamp((r + w/2 − d)/w, 0, 1), scaled so the dot's total pigment stays π·r².

import { LINEAR_TO_SRGB, SRGB_TO_LINEAR } from '../appearance/color.ts'

/** Alpha 255 in a pixel word (as a signed 32-bit integer). */
const OPAQUE = 0xff000000 | 0

/** sRGB byte → linear light in 1/65535ths, rounded; ×32768 and >>> 17 lands on the 14-bit LINEAR_TO_SRGB index. */
const LIN16 = /*@__PURE__*/ buildLin16()

function buildLin16(): Uint16Array {
  const t = new Uint16Array(256)
  for (let i = 0; i < 256; i++) t[i] = Math.round(SRGB_TO_LINEAR[i] * 65535)
  return t
}

/** Integral over the plane of clamp((R − d)/w, 0, 1), R = r + w/2: the ink an unscaled soft disc would lay down. */
function softDiscIntegral(r: number, w: number): number {
  const R = r + w / 2
  if (R <= w) return (Math.PI * R * R * R) / (3 * w)
  const a = R - w
  return Math.PI * a * a + ((2 * Math.PI) / w) * ((R * R * R) / 6 - (R * a * a) / 2 + (a * a * a) / 3)
}

/**
 * Darkens the pixels under an anti-aliased ellipse: linear colour × (1 − α·coverage·absorb_c) per channel.
 * (cx, cy): centre, px (pixel centres at +0.5); rMinor: minor radius, px; ratio: major/minor ≥ 1; (ex, ey): unit
 * major-axis direction; edge: ramp width ≥ 1 px, in minor-axis px; alpha ∈ [0, 1]; absorb ∈ [0, 1] per channel.
 */
export function stampEllipse(
  px32: Int32Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  rMinor: number,
  ratio: number,
  ex: number,
  ey: number,
  edge: number,
  alpha: number,
  absorbR: number,
  absorbG: number,
  absorbB: number
): void {
  const w = Math.max(edge, 1)
  const R = rMinor + w / 2
  const gain = Math.min(1, (Math.PI * rMinor * rMinor) / softDiscIntegral(rMinor, w)) * alpha
  if (!(gain > 0) || !(R > 0)) return
  // quadratic form of the distance in the space where the ellipse is a circle of radius rMinor
  const s = 1 / (ratio * ratio)
  const A = s * ex * ex + ey * ey
  const B = (s - 1) * ex * ey
  const C = s * ey * ey + ex * ex
  const det = A * C - B * B
  const R2 = R * R
  const hy = R * Math.sqrt(A / det)
  let y0 = Math.floor(cy - hy - 0.5)
  let y1 = Math.ceil(cy + hy - 0.5)
  if (y0 < 0) y0 = 0
  if (y1 > height - 1) y1 = height - 1
  const invW = 1 / w
  // fixed point: coverage and absorption in 1/32768ths, linear light in 1/65535ths (all small integers)
  const kr = (gain * absorbR * 32768 + 0.5) | 0
  const kg = (gain * absorbG * 32768 + 0.5) | 0
  const kb = (gain * absorbB * 32768 + 0.5) | 0
  const invA = 1 / A
  for (let iy = y0; iy <= y1; iy++) {
    const y = iy + 0.5 - cy
    const cyy = C * y * y
    const by = B * y
    // the row's span inside the ellipse: A·x² + 2·B·y·x + C·y² < R²
    const q = by * by - A * (cyy - R2)
    if (q <= 0) continue
    const sq = Math.sqrt(q)
    let x0 = Math.ceil(cx + (-by - sq) * invA - 0.5)
    let x1 = Math.floor(cx + (-by + sq) * invA - 0.5)
    if (x0 < 0) x0 = 0
    if (x1 > width - 1) x1 = width - 1
    const bxy = 2 * by
    let i = iy * width + x0
    for (let ix = x0; ix <= x1; ix++, i++) {
      const x = ix + 0.5 - cx
      const d2 = A * x * x + bxy * x + cyy
      if (d2 >= R2) continue
      let cov = (R - Math.sqrt(d2)) * invW
      if (cov > 1) cov = 1
      const c = (cov * 32768) | 0
      const p = px32[i]
      // linear × (1 − coverage·absorb), then back to sRGB through the 14-bit table; the image is opaque
      px32[i] =
        OPAQUE |
        (LINEAR_TO_SRGB[(LIN16[(p >>> 16) & 255] * (32768 - ((c * kb) >>> 15))) >>> 17] << 16) |
        (LINEAR_TO_SRGB[(LIN16[(p >>> 8) & 255] * (32768 - ((c * kg) >>> 15))) >>> 17] << 8) |
        LINEAR_TO_SRGB[(LIN16[p & 255] * (32768 - ((c * kr) >>> 15))) >>> 17]
    }
  }
}

/**
 * stampEllipse for a round dot (ratio 1), with fewer operations per pixel: the kernel of the chart view, of dots facing
 * the camera, and of the disc pass. Pixels inside the soft edge skip the square root.
 */
export function stampDisc(
  px32: Int32Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  r: number,
  edge: number,
  alpha: number,
  absorbR: number,
  absorbG: number,
  absorbB: number
): void {
  const w = Math.max(edge, 1)
  const R = r + w / 2
  const integral = softDiscIntegral(r, w)
  const gain = (integral > Math.PI * r * r ? (Math.PI * r * r) / integral : 1) * alpha
  if (!(gain > 0) || !(R > 0)) return
  const R2 = R * R
  const inner = R - w
  const inner2 = inner > 0 ? inner * inner : -1
  let y0 = Math.floor(cy - R - 0.5)
  let y1 = Math.ceil(cy + R - 0.5)
  if (y0 < 0) y0 = 0
  if (y1 > height - 1) y1 = height - 1
  const invW = 32768 / w
  const kr = (gain * absorbR * 32768 + 0.5) | 0
  const kg = (gain * absorbG * 32768 + 0.5) | 0
  const kb = (gain * absorbB * 32768 + 0.5) | 0
  for (let iy = y0; iy <= y1; iy++) {
    const y = iy + 0.5 - cy
    const yy = y * y
    const q = R2 - yy
    if (q <= 0) continue
    const sq = Math.sqrt(q)
    let x0 = Math.ceil(cx - sq - 0.5)
    let x1 = Math.floor(cx + sq - 0.5)
    if (x0 < 0) x0 = 0
    if (x1 > width - 1) x1 = width - 1
    let i = iy * width + x0
    let x = x0 + 0.5 - cx
    for (let ix = x0; ix <= x1; ix++, i++, x++) {
      const d2 = x * x + yy
      if (d2 >= R2) continue
      const c = d2 <= inner2 ? 32768 : ((R - Math.sqrt(d2)) * invW) | 0
      const p = px32[i]
      px32[i] =
        OPAQUE |
        (LINEAR_TO_SRGB[(LIN16[(p >>> 16) & 255] * (32768 - ((c * kb) >>> 15))) >>> 17] << 16) |
        (LINEAR_TO_SRGB[(LIN16[(p >>> 8) & 255] * (32768 - ((c * kg) >>> 15))) >>> 17] << 8) |
        LINEAR_TO_SRGB[(LIN16[p & 255] * (32768 - ((c * kr) >>> 15))) >>> 17]
    }
  }
}

/** Whether this platform stores 32-bit words little-endian (every current JavaScript engine's platform does). */
export const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1

/** The 32-bit pixel view of an RGBA byte buffer. */
export function pixelWords(data: Uint8ClampedArray): Int32Array {
  return new Int32Array(data.buffer, data.byteOffset, data.length >> 2)
}

/** Packs sRGB bytes into a pixel word. */
export function packRgba(r: number, g: number, b: number, a: number): number {
  return (a << 24) | (b << 16) | (g << 8) | r
}

let _order = new Int32Array(0)
let _bucketStart = new Int32Array(0)
let _key = new Int32Array(0)

/**
 * The order to draw n items so that neighbours on screen are drawn together (a counting sort by 16×64-px tiles, rows of
 * tiles top to bottom): the buffer is touched tile by tile instead of at random, which halves the cost of a 100k-disc
 * pass at 12 MP. Returns a module-owned scratch array valid until the next call; entries ≥ n are unused.
 */
export function bandOrder(
  n: number,
  x: Float32Array | Float64Array,
  y: Float32Array | Float64Array,
  width: number,
  height: number
): Int32Array {
  const cols = (width >> 6) + 2
  const rows = (height >> 4) + 2
  const tiles = cols * rows
  if (_order.length < n) {
    _order = new Int32Array(Math.max(n, _order.length * 2))
    _key = new Int32Array(_order.length)
  }
  if (_bucketStart.length < tiles + 1) _bucketStart = new Int32Array(tiles + 1)
  const start = _bucketStart
  start.fill(0, 0, tiles + 1)
  for (let i = 0; i < n; i++) {
    let c = (x[i] >> 6) + 1
    let r = (y[i] >> 4) + 1
    c = c < 0 ? 0 : c >= cols ? cols - 1 : c
    r = r < 0 ? 0 : r >= rows ? rows - 1 : r
    const k = r * cols + c
    _key[i] = k
    start[k + 1]++
  }
  for (let t = 0; t < tiles; t++) start[t + 1] += start[t]
  for (let i = 0; i < n; i++) _order[start[_key[i]]++] = i
  return _order
}

/**
 * The disc pass: n anti-aliased discs (centres x, y and radii r in px) darkening the buffer in linear light by
 * α·absorb per channel, drawn tile by tile. The kernel the renderer uses, here with round dots and a 1-px edge.
 */
export function rasterizeDiscs(
  target: { width: number; height: number; data: Uint8ClampedArray },
  n: number,
  x: Float32Array,
  y: Float32Array,
  r: Float32Array,
  alpha: number,
  absorbR: number,
  absorbG: number,
  absorbB: number
): void {
  const px32 = pixelWords(target.data)
  const order = bandOrder(n, x, y, target.width, target.height)
  for (let k = 0; k < n; k++) {
    const i = order[k]
    stampDisc(px32, target.width, target.height, x[i], y[i], r[i], 1, alpha, absorbR, absorbG, absorbB)
  }
}
