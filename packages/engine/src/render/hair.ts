// The remaining hair: today a shaved look, each hair a short stubble segment streaming from the crown whorl, and the
// diffuse shadow of its shaft under the skin in the tone grid.

import { hashPoint } from '../math/hash.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import { stampSegment } from './raster.ts'
import { GRID, splatTone, type ToneGrid } from './tone-grid.ts'
import { projectInto, type View } from './view.ts'

/** Remaining hair follicles, chart mm. */
export interface HairPoints {
  count: number
  x: Float32Array
  y: Float32Array
}

const _proj = new Float64Array(6)

/** Diffuse shadow of one shaved hair (its shaft under the skin), OD·mm² [assumption: ~0.25 OD at 85 FU/cm²]. */
const HAIR_TONE = 0.45

/** Adds each hair's diffuse shadow to the tone grid. */
export function toneHair(view: View, hair: HairPoints, tone: ToneGrid): void {
  for (let i = 0; i < hair.count; i++) {
    if (!projectInto(view, hair.x[i], hair.y[i], _proj)) continue
    const od = (HAIR_TONE * _proj[2] * _proj[2] * _proj[3]) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od, od * 1.02, od * 1.05)
  }
}

/** Stubble [assumption: a shaved look, hairs 0.4–1.0 mm out of the skin]; shaft 75 µm (DOMAIN §0), reads dark grey [DMATCH]. */
const HAIR_LENGTH_MM = [0.4, 1.0] as const
const HAIR_WIDTH_MM = 0.075
const HAIR_R = 0.018
const HAIR_G = 0.016
const HAIR_B = 0.015
const HAIR_ALPHA = 0.9
const _tip = new Float64Array(6)

/** The hair's stubble as screen segments, what stampSegment draws (and the studio's WebGL2 preview). */
export interface HairSegments {
  count: number
  ax: Float64Array
  ay: Float64Array
  bx: Float64Array
  by: Float64Array
  /** Half-width, px; opacity and linear colour are shared. */
  hw: Float64Array
  alpha: number
  color: readonly [number, number, number]
}

/** Each hair's stubble as a segment on screen (the same random lengths and turns for every view). */
export function hairSegments(view: View, design: Design, hair: HairPoints): HairSegments {
  const out: HairSegments = {
    count: 0,
    ax: new Float64Array(hair.count),
    ay: new Float64Array(hair.count),
    bx: new Float64Array(hair.count),
    by: new Float64Array(hair.count),
    hw: new Float64Array(hair.count),
    alpha: HAIR_ALPHA,
    color: [HAIR_R, HAIR_G, HAIR_B],
  }
  if (hair.count === 0) return out
  const seed = deriveSeed(design.seed, 'hair-render')
  const [ccx, ccy] = design.crown.center
  // hair streams away from the crown whorl and turns with it [WHORL-T]
  const turn = (design.crown.clockwise ? -1 : 1) * 0.45
  const ct = Math.cos(turn)
  const st = Math.sin(turn)
  let n = 0
  for (let i = 0; i < hair.count; i++) {
    const u = hair.x[i]
    const v = hair.y[i]
    // a hair's length and turn belong to the hair (its position), not to its place in the buffer: a drag that
    // re-samples some hairs leaves every other hair's stubble as it was
    const h = hashPoint(seed, u, v)
    const len = HAIR_LENGTH_MM[0] + (HAIR_LENGTH_MM[1] - HAIR_LENGTH_MM[0]) * ((h & 0xffff) / 65536)
    const wobble = ((h >>> 16) / 65536 - 0.5) * 0.6
    if (!projectInto(view, u, v, _proj)) continue
    let dx = u - ccx
    let dy = v - ccy
    const dl = Math.hypot(dx, dy)
    if (dl < 1e-6) {
      dx = 0
      dy = 1
    } else {
      dx /= dl
      dy /= dl
    }
    const rx = dx * ct - dy * st
    const ry = dx * st + dy * ct
    const wx = rx * Math.cos(wobble) - ry * Math.sin(wobble)
    const wy = rx * Math.sin(wobble) + ry * Math.cos(wobble)
    if (!projectInto(view, u + wx * len, v + wy * len, _tip)) continue
    out.ax[n] = _proj[0]
    out.ay[n] = _proj[1]
    out.bx[n] = _tip[0]
    out.by[n] = _tip[1]
    out.hw[n] = 0.5 * HAIR_WIDTH_MM * _proj[2]
    n++
  }
  out.count = n
  return out
}

export function renderHair(view: View, design: Design, hair: HairPoints, px32: Int32Array): void {
  if (hair.count === 0) return
  const s = hairSegments(view, design, hair)
  for (let i = 0; i < s.count; i++)
    stampSegment(
      px32,
      view.width,
      view.height,
      s.ax[i],
      s.ay[i],
      s.bx[i],
      s.by[i],
      s.hw[i],
      HAIR_ALPHA,
      HAIR_R,
      HAIR_G,
      HAIR_B
    )
}
