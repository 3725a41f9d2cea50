// The diffuse tone of pigment and hair under the skin: optical density per node of an 8-px grid, splatted per dot and
// hair, blurred, and applied to the skin's shading (which uses the same grid) by bilinear interpolation.

/** Side of the shading grid's blocks, px. */
export const GRID = 8

/**
 * The diffuse shadow of pigment and hair under the skin, as optical density per shading-grid node and channel.
 * Light random-walks through the dermis, so a small absorber darkens a wider patch than its own area [assumption:
 * diffusion length ~1 mm]; at a distance this is the grey "shaved look" tone, up close the dots stand on it.
 */
export interface ToneGrid {
  gx: number
  gy: number
  r: Float32Array
  g: Float32Array
  b: Float32Array
  any: boolean
}

let _tone: ToneGrid | null = null

/** A cleared tone grid for a width × height image; the grid is module scratch, reused by the next render. */
export function createToneGrid(width: number, height: number): ToneGrid {
  const gx = Math.ceil(width / GRID) + 1
  const gy = Math.ceil(height / GRID) + 1
  const n = gx * gy
  if (_tone === null || _tone.r.length < n) {
    _tone = { gx, gy, r: new Float32Array(n), g: new Float32Array(n), b: new Float32Array(n), any: false }
    return _tone
  }
  _tone.gx = gx
  _tone.gy = gy
  _tone.any = false
  _tone.r.fill(0, 0, n)
  _tone.g.fill(0, 0, n)
  _tone.b.fill(0, 0, n)
  return _tone
}

/**
 * Adds optical density (odR, odG, odB) × one node's worth at pixel (x, y), split bilinearly over the nearest nodes.
 * A point up to a cell beyond the grid's edge still gives the edge nodes their share, so edges are not lighter.
 */
export function splatTone(t: ToneGrid, x: number, y: number, odR: number, odG: number, odB: number): void {
  const fx = (x - 0.5) / GRID
  const fy = (y - 0.5) / GRID
  const ix = Math.floor(fx)
  const iy = Math.floor(fy)
  const gx = t.gx
  if (ix < -1 || iy < -1 || ix >= gx || iy >= t.gy) return
  const ax = fx - ix
  const ay = fy - iy
  const w00 = (1 - ax) * (1 - ay)
  const w10 = ax * (1 - ay)
  const w01 = (1 - ax) * ay
  const w11 = ax * ay
  t.any = true
  if (ix < 0 || iy < 0 || ix >= gx - 1 || iy >= t.gy - 1) {
    splatNode(t, ix, iy, odR * w00, odG * w00, odB * w00)
    splatNode(t, ix + 1, iy, odR * w10, odG * w10, odB * w10)
    splatNode(t, ix, iy + 1, odR * w01, odG * w01, odB * w01)
    splatNode(t, ix + 1, iy + 1, odR * w11, odG * w11, odB * w11)
    return
  }
  const k = iy * gx + ix
  t.r[k] += odR * w00
  t.g[k] += odG * w00
  t.b[k] += odB * w00
  t.r[k + 1] += odR * w10
  t.g[k + 1] += odG * w10
  t.b[k + 1] += odB * w10
  t.r[k + gx] += odR * w01
  t.g[k + gx] += odG * w01
  t.b[k + gx] += odB * w01
  t.r[k + gx + 1] += odR * w11
  t.g[k + gx + 1] += odG * w11
  t.b[k + gx + 1] += odB * w11
}

function splatNode(t: ToneGrid, i: number, j: number, r: number, g: number, b: number): void {
  if (i < 0 || j < 0 || i >= t.gx || j >= t.gy) return
  const k = j * t.gx + i
  t.r[k] += r
  t.g[k] += g
  t.b[k] += b
}

/** Multiplies a linear colour by the tone's transmission at pixel (x, y), interpolated like the shading grid. */
export function applyTone(t: ToneGrid, x: number, y: number, rgb: Float64Array): void {
  const fx = (x - 0.5) / GRID
  const fy = (y - 0.5) / GRID
  const ix = Math.min(t.gx - 2, Math.max(0, Math.floor(fx)))
  const iy = Math.min(t.gy - 2, Math.max(0, Math.floor(fy)))
  const ax = Math.min(1, Math.max(0, fx - ix))
  const ay = Math.min(1, Math.max(0, fy - iy))
  const k = iy * t.gx + ix
  const w00 = (1 - ax) * (1 - ay)
  const w10 = ax * (1 - ay)
  const w01 = (1 - ax) * ay
  const w11 = ax * ay
  const g = t.gx
  rgb[0] *= Math.exp(-(t.r[k] * w00 + t.r[k + 1] * w10 + t.r[k + g] * w01 + t.r[k + g + 1] * w11))
  rgb[1] *= Math.exp(-(t.g[k] * w00 + t.g[k + 1] * w10 + t.g[k + g] * w01 + t.g[k + g + 1] * w11))
  rgb[2] *= Math.exp(-(t.b[k] * w00 + t.b[k + 1] * w10 + t.b[k + g] * w01 + t.b[k + g + 1] * w11))
}

/** Box passes of blurTone: three extended boxes approximate a Gaussian closely (Gwosdek et al., SSVM 2011). */
const BOX_PASSES = 3

/** Integer radius r and end weight α of one extended box with variance s2 (cells²): weights 1 for |k| ≤ r, α at r + 1. */
function extendedBox(s2: number): { r: number; alpha: number } {
  let r = Math.floor(0.5 * Math.sqrt(12 * s2 + 1) - 0.5)
  while ((r + 1) * (r + 2) <= 3 * s2) r++
  while (r > 0 && r * (r + 1) > 3 * s2) r--
  const alpha = ((2 * r + 1) * ((r * (r + 1)) / 3 - s2)) / (2 * (s2 - (r + 1) * (r + 1)))
  return { r, alpha: Math.min(1, Math.max(0, alpha)) }
}

/** How far, in cells, blurTone can carry a node's tone for σ cells (the filter's support). */
export function toneBlurReach(sigmaCells: number): number {
  const { r } = extendedBox(sigmaCells ** 2 / BOX_PASSES)
  return BOX_PASSES * (r + 1)
}

let _line = new Float64Array(0)
let _colSum = new Float64Array(0)
let _src = new Float32Array(0)
let _live = new Uint8Array(0)
let _was = new Uint8Array(0)

/** One extended-box pass along each row, normalised by the weight inside the row (the edges keep their level). */
function boxRows(a: Float32Array, gx: number, gy: number, r: number, alpha: number, live: Uint8Array): void {
  const line = _line
  const invInner = 1 / (2 * r + 1 + 2 * alpha)
  for (let y = 0; y < gy; y++) {
    if (live[y] === 0) continue
    const o = y * gx
    for (let i = 0; i < gx; i++) line[i] = a[o + i]
    let sum = 0
    for (let i = 0; i <= r && i < gx; i++) sum += line[i]
    for (let i = 0; i < gx; i++) {
      if (i - r - 1 >= 0 && i + r + 1 < gx) {
        // inside: the full window and both ends
        a[o + i] = (sum + alpha * (line[i - r - 1] + line[i + r + 1])) * invInner
        sum += line[i + r + 1] - line[i - r]
        continue
      }
      const lo = Math.max(0, i - r)
      const hi = Math.min(gx - 1, i + r)
      let v = sum
      let w = hi - lo + 1
      if (i - r - 1 >= 0) {
        v += alpha * line[i - r - 1]
        w += alpha
      }
      if (i + r + 1 < gx) {
        v += alpha * line[i + r + 1]
        w += alpha
        sum += line[i + r + 1]
      }
      if (i - r >= 0) sum -= line[i - r]
      a[o + i] = v / w
    }
  }
}

/** The same down each column, row by row over a running sum per column (sequential memory); skips empty stretches. */
function boxColumns(a: Float32Array, gx: number, gy: number, r: number, alpha: number, live: Uint8Array): void {
  const src = _src
  const col = _colSum
  const was = _was
  for (let y = 0; y < gy; y++) was[y] = live[y]
  col.fill(0, 0, gx)
  for (let y = 0; y <= r && y < gy; y++) {
    if (was[y] === 0) continue
    const o = y * gx
    for (let x = 0; x < gx; x++) col[x] += a[o + x]
  }
  // src keeps the input rows the window still needs (a is overwritten row by row)
  for (let y = 0; y <= r + 1 && y < gy; y++) if (was[y] === 1) src.set(a.subarray(y * gx, y * gx + gx), y * gx)
  for (let y = 0; y < gy; y++) {
    const t = y - r - 1
    const b = y + r + 1
    if (b < gy && was[b] === 1) src.set(a.subarray(b * gx, b * gx + gx), b * gx)
    let any = 0
    for (let k = Math.max(0, t); k <= Math.min(gy - 1, b); k++) any |= was[k]
    if (any === 1) {
      const lo = Math.max(0, y - r)
      const hi = Math.min(gy - 1, y + r)
      const top = t >= 0 && was[t] === 1 ? t * gx : -1
      const bottom = b < gy && was[b] === 1 ? b * gx : -1
      const inv = 1 / (hi - lo + 1 + (t >= 0 ? alpha : 0) + (b < gy ? alpha : 0))
      const o = y * gx
      if (top >= 0 && bottom >= 0) {
        for (let x = 0; x < gx; x++) a[o + x] = (col[x] + alpha * (src[top + x] + src[bottom + x])) * inv
      } else if (top >= 0) {
        for (let x = 0; x < gx; x++) a[o + x] = (col[x] + alpha * src[top + x]) * inv
      } else if (bottom >= 0) {
        for (let x = 0; x < gx; x++) a[o + x] = (col[x] + alpha * src[bottom + x]) * inv
      } else {
        for (let x = 0; x < gx; x++) a[o + x] = col[x] * inv
      }
      live[y] = 1
    }
    if (b < gy && was[b] === 1) for (let x = 0; x < gx; x++) col[x] += src[b * gx + x]
    const out = y - r
    if (out >= 0 && was[out] === 1) for (let x = 0; x < gx; x++) col[x] -= src[out * gx + x]
  }
}

/**
 * Blurs the tone to a Gaussian of σ cells with three extended-box passes per axis:
 * running sums, so the cost does not grow with σ. At the grid's edges each pass averages what lies inside, so a uniform
 * tone stays uniform up to the edge.
 */
export function blurTone(t: ToneGrid, sigmaCells: number): void {
  if (!t.any) return
  const { r, alpha } = extendedBox(sigmaCells ** 2 / BOX_PASSES)
  const { gx, gy } = t
  if (_line.length < gx) _line = new Float64Array(gx)
  if (_colSum.length < gx) _colSum = new Float64Array(gx)
  if (_src.length < gx * gy) _src = new Float32Array(gx * gy)
  if (_live.length < gy) {
    _live = new Uint8Array(gy)
    _was = new Uint8Array(gy)
  }
  for (const a of [t.r, t.g, t.b]) {
    // rows holding any tone (the rest stay zero under the row passes; the column passes widen the set)
    const live = _live
    for (let y = 0; y < gy; y++) {
      let nz = 0
      const o = y * gx
      for (let x = 0; x < gx; x++)
        if (a[o + x] !== 0) {
          nz = 1
          break
        }
      live[y] = nz
    }
    for (let p = 0; p < BOX_PASSES; p++) boxRows(a, gx, gy, r, alpha, live)
    for (let p = 0; p < BOX_PASSES; p++) boxColumns(a, gx, gy, r, alpha, live)
  }
}
