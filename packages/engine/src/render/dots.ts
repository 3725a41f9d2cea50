// The dot pass: every dot of sessions 1..k projected into the view with its look at its age (dot-appearance.ts), its
// diffuse shadow splatted into the tone grid, then stamped band by band as anti-aliased ellipses in linear light.

import {
  type DotAppearance,
  diffusionMm,
  dotAppearance,
  edgeWidth,
  MAX_SESSIONS,
  SPECK_RADIUS_MM,
  SPREAD_CAP,
  speckShare,
  TONE_GAIN,
} from '../appearance/dot-appearance.ts'
import { previewDay } from '../appearance/time.ts'
import { hashPoint } from '../math/hash.ts'
import { deriveSeed } from '../math/rng.ts'
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
  /** The dot's own darkness factor (hand-made impressions differ slightly). */
  dark: Float32Array
  /**
   * The dot's speck (its near shadow, SPECK_SHARE): minor radius, px (the ramp is twice that, a cone); major/minor;
   * unit major axis; absorption per channel in [0, 1], 0 when the dot casts none.
   */
  spr: Float32Array
  sratio: Float32Array
  sex: Float32Array
  sey: Float32Array
  sar: Float32Array
  sag: Float32Array
  sab: Float32Array
  look: DotAppearance | null
}

const _proj = new Float64Array(6)
const _ell = new Float64Array(4)
/** Longest major/minor ratio of a healed impression on the skin [assumption: round to the eye, DOMAIN §13.1 #1]. */
const MAX_ELONGATION = 1.25
/** Spread of darkness between impressions, ± fraction [assumption]. */
const DARKNESS_SPREAD = 0.12
/** Most light a speck absorbs at its centre [assumption: a healed dot's shadow never reads black]. */
const SPECK_MAX_ABSORB = 0.5
/** Fresh redness: radius of the flush around a puncture, mm, and its optical density in green and blue [assumption]. */
const FLUSH_RADIUS_MM = 0.5
const FLUSH_OD_G = 1
const FLUSH_OD_B = 0.8

/**
 * The screen ellipse of a surface ellipse with semi-axes a ≥ b, its a-axis along (ca, sa) on screen before
 * foreshortening, seen at cos i along the screen direction (nx, ny) of the normal: out = [minor radius, major/minor,
 * major axis x, y]. The 2 × 2 map M = F·R·diag(a, b) has the ellipse's semi-axes as its singular values.
 */
function projectedEllipse(
  a: number,
  b: number,
  ca: number,
  sa: number,
  nx: number,
  ny: number,
  cosi: number,
  out: Float64Array
): void {
  // F = I − (1 − cos i)·n nᵀ
  const s = 1 - cosi
  const f00 = 1 - s * nx * nx
  const f01 = -s * nx * ny
  const f11 = 1 - s * ny * ny
  // columns of R·diag(a, b): a·(ca, sa) and b·(−sa, ca)
  const m00 = (f00 * ca + f01 * sa) * a
  const m10 = (f01 * ca + f11 * sa) * a
  const m01 = (-f00 * sa + f01 * ca) * b
  const m11 = (-f01 * sa + f11 * ca) * b
  // singular values of M from MᵀM… via the closed form for 2 × 2
  const e = (m00 + m11) / 2
  const f = (m00 - m11) / 2
  const g = (m10 + m01) / 2
  const h = (m10 - m01) / 2
  const q = Math.hypot(e, h)
  const r = Math.hypot(f, g)
  const smax = q + r
  const smin = Math.abs(q - r)
  const a1 = Math.atan2(g, f)
  const a2 = Math.atan2(h, e)
  // the left singular vector of the larger singular value: angle (a2 + a1)/2
  const theta = (a2 + a1) / 2
  out[0] = Math.max(smin, 1e-6)
  out[1] = smax / Math.max(smin, 1e-6)
  out[2] = Math.cos(theta)
  out[3] = Math.sin(theta)
}
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
  dark: new Float32Array(0),
  spr: new Float32Array(0),
  sratio: new Float32Array(0),
  sex: new Float32Array(0),
  sey: new Float32Array(0),
  sar: new Float32Array(0),
  sag: new Float32Array(0),
  sab: new Float32Array(0),
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
  P.dark = new Float32Array(_cap)
  P.spr = new Float32Array(_cap)
  P.sratio = new Float32Array(_cap)
  P.sex = new Float32Array(_cap)
  P.sey = new Float32Array(_cap)
  P.sar = new Float32Array(_cap)
  P.sag = new Float32Array(_cap)
  P.sab = new Float32Array(_cap)
}

/** Least blur of the tone in a perspective view, cells (see toneSigmaCells). */
const MIN_PERSPECTIVE_TONE_SIGMA = 0.5

/**
 * The tone's blur for a view, in grid cells: the skin's diffusion of light at the view's scale. In a perspective view
 * at least half a cell: towards the silhouette one cell spans several millimetres of foreshortened scalp, and a grid
 * sampled without that much prefiltering shows as blocks. The flat chart samples the scalp evenly and keeps the
 * physical blur alone.
 */
export function toneSigmaCells(design: Design, view: View): number {
  const sigma = (diffusionMm(design.pigment.depthMm) * view.pxPerMm) / GRID
  return view.name === 'chart' ? sigma : Math.max(MIN_PERSPECTIVE_TONE_SIGMA, sigma)
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
  const { diam, blur, halo, absorb, sigmaMm, toneHue } = look
  ensureScratch(dots.count)
  const { sx, sy, rm, ratio, ex, ey, edge, cell: cells, dark, spr, sratio, sex, sey, sar, sag, sab } = P
  const seed = deriveSeed(design.seed, 'dot-look')
  let n = 0
  for (let i = 0; i < dots.count; i++) {
    const j = dots.session[i]
    if (j > k) continue
    const u = dots.x[i]
    const v = dots.y[i]
    if (!projectInto(view, u, v, _proj)) continue
    const cosi = _proj[3]
    if (cosi < 0.05) continue
    const pxmm = _proj[2]
    const r = 0.5 * dots.diameter[i] * diam[j] * pxmm
    sx[n] = _proj[0]
    sy[n] = _proj[1]
    // the screen direction of the surface normal: the dot is squashed by cos i along it
    const nl = Math.hypot(_proj[4], _proj[5])
    const nx = nl > 1e-6 ? _proj[4] / nl : 0
    const ny = nl > 1e-6 ? _proj[5] / nl : 1
    const h = hashPoint(seed, u, v)
    // a hand-made impression is not a perfect disc: up to 1.25:1, any orientation, the same area [assumption]; drawn
    // only where it shows (a minor radius of 1.5 px or more), a smaller dot stays the view's own ellipse
    const k2 = 1 + (MAX_ELONGATION - 1) * ((h & 0xff) / 255)
    if (r * cosi >= 1.5 && k2 > 1.001) {
      const psi = (((h >>> 8) & 0xff) / 256) * Math.PI
      projectedEllipse(r * Math.sqrt(k2), r / Math.sqrt(k2), Math.cos(psi), Math.sin(psi), nx, ny, cosi, _ell)
      rm[n] = _ell[0]
      ratio[n] = _ell[1]
      ex[n] = _ell[2]
      ey[n] = _ell[3]
    } else {
      rm[n] = r * cosi
      ratio[n] = 1 / cosi
      // the major axis is perpendicular to the normal's screen direction
      ex[n] = -ny
      ey[n] = nx
    }
    edge[n] = edgeWidth(sigmaMm * blur[j] * pxmm * cosi)
    const cell = j * 256 + dots.shade[i]
    cells[n] = cell
    // ±12 % darkness between impressions [assumption: "dots from each session differ slightly", DOMAIN §13.1 #2]
    const f = 1 + DARKNESS_SPREAD * (2 * (((h >>> 16) & 0xff) / 255) - 1)
    dark[n] = f
    // the dot's share of a grid cell: its screen area (an ellipse, π·r²·cos i) over the cell's
    // (the pigment's own disc: a fresh dot's extra size is blood and scab on the surface, not pigment)
    const rPigment = 0.5 * dots.diameter[i] * Math.min(diam[j], SPREAD_CAP) * pxmm
    const area = (Math.PI * rPigment * rPigment * cosi) / (GRID * GRID)
    // the diffuse shadow of correctly placed pigment is neutral, like the shaved hair's (DOMAIN §13.1 #5: neutral
    // charcoal, the stubble's hue): the mean of the core's absorption, turning to the core's own hue with depth
    const a0 = absorb[cell * 3]
    const a1 = absorb[cell * 3 + 1]
    const a2 = absorb[cell * 3 + 2]
    const mean = (a0 + a1 + a2) / 3
    const od = TONE_GAIN * f * area
    const hR = mean + (a0 - mean) * toneHue
    const hG = mean + (a1 - mean) * toneHue
    const hB = mean + (a2 - mean) * toneHue
    // the near shadow as a speck (its share falls where the dot itself is resolved): the same ink (optical density × area) in a cone of radius 2·SPECK_RADIUS_MM, seen
    // at the view's foreshortening; sub-pixel specks fade by area (the stamp's coverage), so the grain stays even
    let rs = Math.max(0.5, SPECK_RADIUS_MM * pxmm)
    const share = speckShare(pxmm)
    // ink = π·rs²·cos i·absorb (stampEllipse keeps π·r_minor²·ratio of ink): absorb = od·cell² / (π·rs²·cos i)
    let sk = (share * od * GRID * GRID) / (Math.PI * rs * rs * cosi)
    // strong pigment: a wider speck, never one that absorbs more than SPECK_MAX_ABSORB (the ink is kept, not clipped)
    const peak = sk * Math.max(hR, hG, hB)
    if (peak > SPECK_MAX_ABSORB) {
      rs *= Math.sqrt(peak / SPECK_MAX_ABSORB)
      sk *= SPECK_MAX_ABSORB / peak
    }
    spr[n] = rs * cosi
    sratio[n] = 1 / cosi
    sex[n] = -ny
    sey[n] = nx
    sar[n] = Math.fround(Math.min(1, sk * hR))
    sag[n] = Math.fround(Math.min(1, sk * hG))
    sab[n] = Math.fround(Math.min(1, sk * hB))
    const diffuse = (1 - share) * od
    const odR = diffuse * hR
    let odG = diffuse * hG
    let odB = diffuse * hB
    if (halo[j] > 0) {
      // the flush around fresh punctures (DOMAIN §2.2, [DEL] day 1 redness): less green and blue over ~0.5 mm
      const flush = (halo[j] * Math.PI * FLUSH_RADIUS_MM * FLUSH_RADIUS_MM * pxmm * pxmm * cosi) / (GRID * GRID)
      odG += FLUSH_OD_G * flush
      odB += FLUSH_OD_B * flush
    }
    splatTone(tone, _proj[0], _proj[1], odR, odG, odB)
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
  const { sx, sy, rm, ratio, ex, ey, edge, cell: cells, dark, spr, sratio, sex, sey, sar, sag, sab } = p
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
    const rs = spr[i]
    if (sar[i] + sag[i] + sab[i] === 0) {
      // no speck (a resolved dot's shadow is all in the tone)
    } else if (sratio[i] < 1.001) stampDisc(px32, width, height, sx[i], sy[i], rs, 2 * rs, 1, sar[i], sag[i], sab[i])
    else
      stampEllipse(px32, width, height, sx[i], sy[i], rs, sratio[i], sex[i], sey[i], 2 * rs, 1, sar[i], sag[i], sab[i])
    const a = cell * 3
    const f = dark[i]
    // rounded as previewLayers hands them on (float32), so the two paths stamp the same
    const ar = Math.fround(Math.min(1, absorb[a] * f))
    const ag = Math.fround(Math.min(1, absorb[a + 1] * f))
    const ab = Math.fround(Math.min(1, absorb[a + 2] * f))
    if (ratio[i] < 1.001) {
      stampDisc(px32, width, height, sx[i], sy[i], rm[i], edge[i], 1, ar, ag, ab)
      continue
    }
    stampEllipse(px32, width, height, sx[i], sy[i], rm[i], ratio[i], ex[i], ey[i], edge[i], 1, ar, ag, ab)
  }
}
