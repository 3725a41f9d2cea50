// The marks a hair leaves on screen and the one kernel that paints them: a growable buffer of soft segments (filled
// by hair.ts for one frame, copied out as HairSegments) and `stampShaft`, which the studio's WebGL2 preview mirrors
// (packages/web/src/studio/gl/shaders.ts HAIR_FS). Every hair pixel is written in one place, `over`.
import { LIN_STEPS, LINEAR_TO_SRGB, SRGB_TO_LINEAR } from '../appearance/color.ts'
import type { View } from './view.ts'

/** Each hair's marks on screen: soft segments, drawn in order (follicles first, then shafts), each over what is below. */
export interface HairSegments {
  count: number
  /** Ends, px (pixel centres at +0.5). */
  ax: Float32Array
  ay: Float32Array
  bx: Float32Array
  by: Float32Array
  /** Half-width, px. */
  hw: Float32Array
  /** Width of the edge ramp, px (≥ 1; wider for the blurred follicle under the skin). */
  edge: Float32Array
  /** Linear colour and opacity. */
  r: Float32Array
  g: Float32Array
  b: Float32Array
  a: Float32Array
  /**
   * 1: a round cap at the start; 0: the mark continues the one before it (a bending strand), and leaves the pixels
   * before its start to that one, so a translucent strand does not darken at its joints.
   */
  cap: Uint8Array
  /** The farthest, in px, any of a hair's marks shows from its follicle's pixel (for redrawing part of a frame). */
  reach: number
}

let _cap = 0
let _s: HairSegments = emptySegments(0)

function emptySegments(n: number): HairSegments {
  return {
    count: 0,
    ax: new Float32Array(n),
    ay: new Float32Array(n),
    bx: new Float32Array(n),
    by: new Float32Array(n),
    hw: new Float32Array(n),
    edge: new Float32Array(n),
    r: new Float32Array(n),
    g: new Float32Array(n),
    b: new Float32Array(n),
    a: new Float32Array(n),
    cap: new Uint8Array(n),
    reach: 0,
  }
}

const KEYS = ['ax', 'ay', 'bx', 'by', 'hw', 'edge', 'r', 'g', 'b', 'a'] as const

function grow(need: number): void {
  if (need <= _cap) return
  const next = emptySegments(Math.max(need, _cap * 2, 1024))
  for (const key of KEYS) next[key].set(_s[key])
  next.cap.set(_s.cap)
  next.count = _s.count
  next.reach = _s.reach
  _s = next
  _cap = next.ax.length
}

export function pushMark(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  hw: number,
  edge: number,
  r: number,
  g: number,
  b: number,
  a: number,
  cap: number
): void {
  if (_s.count >= _cap) grow(_s.count + 1)
  const i = _s.count++
  _s.ax[i] = ax
  _s.ay[i] = ay
  _s.bx[i] = bx
  _s.by[i] = by
  _s.hw[i] = hw
  _s.edge[i] = edge
  _s.r[i] = r
  _s.g[i] = g
  _s.b[i] = b
  _s.a[i] = a
  _s.cap[i] = cap
}

/** Empties the frame's buffer. */
export function resetMarks(): void {
  _s.count = 0
  _s.reach = 0
}

/** Widens the reach a redraw must cover around a follicle's pixel. */
export function reachAtLeast(reach: number): void {
  if (reach > _s.reach) _s.reach = reach
}

/** The frame's marks, copied out of the shared buffer. */
export function copyMarks(): HairSegments {
  const out = emptySegments(_s.count)
  for (const key of KEYS) out[key].set(_s[key].subarray(0, _s.count))
  out.cap.set(_s.cap.subarray(0, _s.count))
  out.count = _s.count
  out.reach = _s.reach
  return out
}

const Q = LIN_STEPS - 1
const OPAQUE = 0xff000000 | 0

/**
 * Paints one soft anti-aliased segment over the buffer in linear light (source-over, linear colour r, g, b and opacity
 * alpha): coverage min(1, (R − d)/w) at distance d from the segment, R = hw + w/2, w = max(edge, 1); a line thinner than
 * a pixel with a 1-px edge keeps its ink by fading (coverage 1 − d, opacity × 2·hw). Without a start cap (cap 0) the
 * pixels before its start are left to the mark it continues. Only pixels the segment can reach are visited (a span
 * per column or row); each is written through `over`.
 */
function stampShaft(
  px32: Int32Array,
  width: number,
  height: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  hw: number,
  edge: number,
  alpha: number,
  lr: number,
  lg: number,
  lb: number,
  cap: number
): void {
  const w = Math.max(edge, 1)
  let R: number
  let invW: number
  let peak: number
  if (hw < 0.5 && w === 1) {
    R = 1
    invW = 1
    peak = alpha * 2 * hw
  } else {
    R = hw + w / 2
    invW = 1 / w
    peak = 2 * hw < w ? (alpha * 2 * hw) / w : alpha
  }
  if (!(peak > 0)) return
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const inv = len2 > 1e-12 ? 1 / len2 : 0
  const R2 = R * R
  const noCap = cap === 0
  // walk the major axis; across it, only the span that can hold covered pixels: R / cos of the angle to that axis
  if (Math.abs(dx) >= Math.abs(dy)) {
    const slope = dx !== 0 ? dy / dx : 0
    const half = R * Math.sqrt(1 + slope * slope)
    let i0 = Math.floor(Math.min(ax, bx) - R - 0.5)
    let i1 = Math.ceil(Math.max(ax, bx) + R - 0.5)
    if (i0 < 0) i0 = 0
    if (i1 > width - 1) i1 = width - 1
    for (let ix = i0; ix <= i1; ix++) {
      const px = ix + 0.5 - ax
      let s = dx !== 0 ? px / dx : 0
      if (s < 0) s = 0
      else if (s > 1) s = 1
      const centre = ay + s * dy
      let j0 = Math.floor(centre - half - 0.5)
      let j1 = Math.ceil(centre + half - 0.5)
      if (j0 < 0) j0 = 0
      if (j1 > height - 1) j1 = height - 1
      const pdx = px * dx
      for (let iy = j0; iy <= j1; iy++) {
        const py = iy + 0.5 - ay
        let t = (pdx + py * dy) * inv
        if (t < 0) {
          if (noCap) continue
          t = 0
        } else if (t > 1) t = 1
        const qx = px - t * dx
        const qy = py - t * dy
        const d2 = qx * qx + qy * qy
        if (d2 >= R2) continue
        const cov = (R - Math.sqrt(d2)) * invW
        over(px32, iy * width + ix, Math.min(cov, 1) * peak, lr, lg, lb)
      }
    }
  } else {
    const slope = dx / dy
    const half = R * Math.sqrt(1 + slope * slope)
    let i0 = Math.floor(Math.min(ay, by) - R - 0.5)
    let i1 = Math.ceil(Math.max(ay, by) + R - 0.5)
    if (i0 < 0) i0 = 0
    if (i1 > height - 1) i1 = height - 1
    for (let iy = i0; iy <= i1; iy++) {
      const py = iy + 0.5 - ay
      let s = py / dy
      if (s < 0) s = 0
      else if (s > 1) s = 1
      const centre = ax + s * dx
      let j0 = Math.floor(centre - half - 0.5)
      let j1 = Math.ceil(centre + half - 0.5)
      if (j0 < 0) j0 = 0
      if (j1 > width - 1) j1 = width - 1
      const pdy = py * dy
      const row = iy * width
      for (let ix = j0; ix <= j1; ix++) {
        const px = ix + 0.5 - ax
        let t = (px * dx + pdy) * inv
        if (t < 0) {
          if (noCap) continue
          t = 0
        } else if (t > 1) t = 1
        const qx = px - t * dx
        const qy = py - t * dy
        const d2 = qx * qx + qy * qy
        if (d2 >= R2) continue
        const cov = (R - Math.sqrt(d2)) * invW
        over(px32, row + ix, Math.min(cov, 1) * peak, lr, lg, lb)
      }
    }
  }
}

/** The one place a hair's pixel is written: linear colour (lr, lg, lb) laid over pixel i with opacity a. */
function over(px32: Int32Array, i: number, a: number, lr: number, lg: number, lb: number): void {
  const p = px32[i]
  const r = SRGB_TO_LINEAR[p & 255]
  const g = SRGB_TO_LINEAR[(p >>> 8) & 255]
  const b = SRGB_TO_LINEAR[(p >>> 16) & 255]
  px32[i] =
    OPAQUE |
    (LINEAR_TO_SRGB[((b + a * (lb - b)) * Q + 0.5) | 0] << 16) |
    (LINEAR_TO_SRGB[((g + a * (lg - g)) * Q + 0.5) | 0] << 8) |
    LINEAR_TO_SRGB[((r + a * (lr - r)) * Q + 0.5) | 0]
}

/** Stamps hair marks (hairSegments' output) in their order. */
export function stampHair(view: View, s: HairSegments, px32: Int32Array): void {
  for (let i = 0; i < s.count; i++)
    stampShaft(
      px32,
      view.width,
      view.height,
      s.ax[i],
      s.ay[i],
      s.bx[i],
      s.by[i],
      s.hw[i],
      s.edge[i],
      s.a[i],
      s.r[i],
      s.g[i],
      s.b[i],
      s.cap[i]
    )
}
