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

/** Adds optical density (odR, odG, odB) × one node's worth at pixel (x, y), split bilinearly over the nearest nodes. */
export function splatTone(t: ToneGrid, x: number, y: number, odR: number, odG: number, odB: number): void {
  const fx = (x - 0.5) / GRID
  const fy = (y - 0.5) / GRID
  const ix = Math.floor(fx)
  const iy = Math.floor(fy)
  if (ix < 0 || iy < 0 || ix >= t.gx - 1 || iy >= t.gy - 1) return
  const ax = fx - ix
  const ay = fy - iy
  const k = iy * t.gx + ix
  const w00 = (1 - ax) * (1 - ay)
  const w10 = ax * (1 - ay)
  const w01 = (1 - ax) * ay
  const w11 = ax * ay
  t.r[k] += odR * w00
  t.g[k] += odG * w00
  t.b[k] += odB * w00
  t.r[k + 1] += odR * w10
  t.g[k + 1] += odG * w10
  t.b[k + 1] += odB * w10
  t.r[k + t.gx] += odR * w01
  t.g[k + t.gx] += odG * w01
  t.b[k + t.gx] += odB * w01
  t.r[k + t.gx + 1] += odR * w11
  t.g[k + t.gx + 1] += odG * w11
  t.b[k + t.gx + 1] += odB * w11
  t.any = true
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

/** How many [1 2 1]/4 passes blurTone makes for σ cells: also how far, in cells, a node's tone can spread. */
export function toneBlurPasses(t: { gx: number; gy: number }, sigmaCells: number): number {
  // the cap bounds the cost at ~2·10⁷ node updates; it only bites on extreme close-ups
  return Math.min(Math.round(2 * sigmaCells * sigmaCells), Math.max(24, Math.floor(2e7 / (t.gx * t.gy))))
}

/** Blurs the tone with repeated [1 2 1]/4 passes (each adds 0.5 cell² of variance) to a Gaussian of σ cells. */
export function blurTone(t: ToneGrid, sigmaCells: number): void {
  const passes = toneBlurPasses(t, sigmaCells)
  if (passes === 0 || !t.any) return
  const gx = t.gx
  const prev = new Float32Array(gx)
  const cur = new Float32Array(gx)
  for (const a of [t.r, t.g, t.b]) {
    for (let p = 0; p < passes; p++) {
      for (let y = 0; y < t.gy; y++) {
        const o = y * gx
        let left = a[o]
        for (let x = 1; x < gx - 1; x++) {
          const c = a[o + x]
          a[o + x] = 0.25 * left + 0.5 * c + 0.25 * a[o + x + 1]
          left = c
        }
      }
      // vertical, row by row (sequential memory): keep the unblurred previous and current rows
      for (let x = 0; x < gx; x++) {
        prev[x] = a[x]
        cur[x] = a[gx + x]
      }
      for (let y = 1; y < t.gy - 1; y++) {
        const o = y * gx
        for (let x = 0; x < gx; x++) {
          const below = a[o + gx + x]
          a[o + x] = 0.25 * prev[x] + 0.5 * cur[x] + 0.25 * below
          prev[x] = cur[x]
          cur[x] = below
        }
      }
    }
  }
}
