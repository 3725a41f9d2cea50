// The dot pass: every dot of sessions 1..k projected into the view with its look at its age (dot-appearance.ts), its
// diffuse shadow splatted into the tone grid, then stamped band by band as anti-aliased ellipses in linear light.

import {
  type DotAppearance,
  dotAppearance,
  edgeWidth,
  MAX_SESSIONS,
  SPREAD_CAP,
  TONE_GAIN,
} from '../appearance/dot-appearance.ts'
import { previewDay } from '../appearance/time.ts'
import type { Design } from '../model/design.ts'
import type { DotBuffer } from '../model/dots.ts'
import type { RenderOptions } from './options.ts'
import { bandOrder, stampDisc, stampEllipse } from './raster.ts'
import { GRID, splatTone, type ToneGrid } from './tone-grid.ts'
import { projectInto, type View } from './view.ts'

/** The projected dots of the last prepareDots (module scratch, reused by the next call). */
export interface ProjectedDots {
  count: number
  /** Centre, px; minor radius, px; major/minor; unit major axis; edge ramp width, px. */
  sx: Float32Array
  sy: Float32Array
  rm: Float32Array
  ratio: Float32Array
  ex: Float32Array
  ey: Float32Array
  edge: Float32Array
  /** session·256 + shade byte: the row of `look.absorb`. */
  cell: Int32Array
  look: DotAppearance | null
}

const _proj = new Float64Array(6)
const P: ProjectedDots = {
  count: 0,
  sx: new Float32Array(0),
  sy: new Float32Array(0),
  rm: new Float32Array(0),
  ratio: new Float32Array(0),
  ex: new Float32Array(0),
  ey: new Float32Array(0),
  edge: new Float32Array(0),
  cell: new Int32Array(0),
  look: null,
}
let _cap = 0

function ensureScratch(n: number): void {
  if (n <= _cap) return
  _cap = Math.max(n, _cap * 2)
  P.sx = new Float32Array(_cap)
  P.sy = new Float32Array(_cap)
  P.rm = new Float32Array(_cap)
  P.ratio = new Float32Array(_cap)
  P.ex = new Float32Array(_cap)
  P.ey = new Float32Array(_cap)
  P.edge = new Float32Array(_cap)
  P.cell = new Int32Array(_cap)
}

/** Projects the dots of sessions 1..k and splats their diffuse shadow into the tone grid; the result is module scratch. */
export function prepareDots(
  view: View,
  design: Design,
  dots: DotBuffer,
  options: RenderOptions,
  tone: ToneGrid
): ProjectedDots {
  P.count = 0
  P.look = null
  const sessions = Math.min(design.sessions.length, MAX_SESSIONS)
  if (sessions === 0 || dots.count === 0) return P
  const k = (options.session ?? sessions) - 1
  const day = previewDay(k, options.stage ?? 'healed', options.years ?? 0, options.sessionDays)
  const look = dotAppearance(design, k, day, options.sessionDays)
  P.look = look
  const { diam, blur, absorb, sigmaMm } = look
  ensureScratch(dots.count)
  const { sx, sy, rm, ratio, ex, ey, edge, cell: cells } = P
  let n = 0
  for (let i = 0; i < dots.count; i++) {
    const j = dots.session[i]
    if (j > k) continue
    if (!projectInto(view, dots.x[i], dots.y[i], _proj)) continue
    const cosi = _proj[3]
    if (cosi < 0.05) continue
    const pxmm = _proj[2]
    const rMajor = 0.5 * dots.diameter[i] * diam[j] * pxmm
    sx[n] = _proj[0]
    sy[n] = _proj[1]
    rm[n] = rMajor * cosi
    ratio[n] = 1 / cosi
    // the dot is squashed along the screen direction of the normal; its major axis is perpendicular to that
    const nl = Math.hypot(_proj[4], _proj[5])
    if (nl > 1e-6) {
      ex[n] = -_proj[5] / nl
      ey[n] = _proj[4] / nl
    } else {
      ex[n] = 1
      ey[n] = 0
    }
    edge[n] = edgeWidth(sigmaMm * blur[j] * pxmm * cosi)
    const cell = j * 256 + dots.shade[i]
    cells[n] = cell
    // the dot's share of a grid cell: its screen area (an ellipse, π·r²·cos i) over the cell's
    // (the pigment's own disc: a fresh dot's extra size is blood and scab on the surface, not pigment)
    const rPigment = 0.5 * dots.diameter[i] * Math.min(diam[j], SPREAD_CAP) * pxmm
    const od = (TONE_GAIN * Math.PI * rPigment * rPigment * cosi) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od * absorb[cell * 3], od * absorb[cell * 3 + 1], od * absorb[cell * 3 + 2])
    n++
  }
  P.count = n
  return P
}

/** Stamps the prepared dots (and fresh dots' red halos), band by band. */
export function stampDots(view: View, p: ProjectedDots, px32: Int32Array): void {
  const n = p.count
  const look = p.look
  if (n === 0 || look === null) return
  const { sx, sy, rm, ratio, ex, ey, edge, cell: cells } = p
  const { halo: halos, absorb } = look
  const order = bandOrder(n, sx, sy, view.width, view.height)
  const { width, height } = view
  for (let o = 0; o < n; o++) {
    const i = order[o]
    const cell = cells[i]
    const j = cell >> 8
    const halo = halos[j]
    if (halo > 0) {
      // a faint redness around fresh impressions (DOMAIN §2.2, [DEL] day 1 redness): less green and blue
      const r = 2 * rm[i]
      stampEllipse(px32, width, height, sx[i], sy[i], r, ratio[i], ex[i], ey[i], r, 1, 0, 0.16 * halo, 0.14 * halo)
    }
    const a = cell * 3
    if (ratio[i] < 1.001) {
      stampDisc(px32, width, height, sx[i], sy[i], rm[i], edge[i], 1, absorb[a], absorb[a + 1], absorb[a + 2])
      continue
    }
    stampEllipse(
      px32,
      width,
      height,
      sx[i],
      sy[i],
      rm[i],
      ratio[i],
      ex[i],
      ey[i],
      edge[i],
      1,
      absorb[a],
      absorb[a + 1],
      absorb[a + 2]
    )
  }
}
