// How each dot looks in a preview: its size, darkness, colour, edge softness and fresh redness at the day shown (the
// healing and fading model in time.ts, the optics in pigment.ts), projected into the view, with its diffuse shadow.

import type { Design } from '../model/design.ts'
import type { DotBuffer } from '../model/dots.ts'
import type { RenderOptions } from '../render/options.ts'
import { GRID, splatTone, type ToneGrid } from '../render/tone-grid.ts'
import { projectInto, type View } from '../render/view.ts'
import {
  BLOWOUT_DEPTH_MM,
  dotOptics,
  parseDilution,
  pigmentConcentration,
  SHADE_STEP,
  STANDARD_DILUTION,
} from './pigment.ts'
import { skinLinearRgb } from './skin-palette.ts'
import { dotStateAt, fadeTimeConstant, previewDay, sessionDay } from './time.ts'

const MAX_SESSIONS = 16
/** Largest long-term spread (DOMAIN §0: 0–20 %). */
const SPREAD_CAP = 1.2
const _state = new Float64Array(4)
const _optics = new Float64Array(4)
const _skin = new Float64Array(3)
const _proj = new Float64Array(6)
// per-session, per-shade-byte absorption [r, g, b] after darkness, and per-session size/blur/halo
const _absorb = new Float32Array(MAX_SESSIONS * 256 * 3)
const _diam = new Float64Array(MAX_SESSIONS)
const _blur = new Float64Array(MAX_SESSIONS)
const _halo = new Float64Array(MAX_SESSIONS)

let _cap = 0
let _sx = new Float32Array(0)
let _sy = new Float32Array(0)
let _rm = new Float32Array(0)
let _ratio = new Float32Array(0)
let _ex = new Float32Array(0)
let _ey = new Float32Array(0)
let _edge = new Float32Array(0)
let _cell = new Int32Array(0)
let _rs = new Float32Array(0)
let _sar = new Float32Array(0)
let _sag = new Float32Array(0)
let _sab = new Float32Array(0)

function ensureScratch(n: number): void {
  if (n <= _cap) return
  _cap = Math.max(n, _cap * 2)
  _sx = new Float32Array(_cap)
  _sy = new Float32Array(_cap)
  _rm = new Float32Array(_cap)
  _ratio = new Float32Array(_cap)
  _ex = new Float32Array(_cap)
  _ey = new Float32Array(_cap)
  _edge = new Float32Array(_cap)
  _cell = new Int32Array(_cap)
  _rs = new Float32Array(_cap)
  _sar = new Float32Array(_cap)
  _sag = new Float32Array(_cap)
  _sab = new Float32Array(_cap)
}

/** Blur σ in px → ramp width: a linear ramp of width w has the spread of a Gaussian of σ = w/√12, on top of 1 px AA. */
function edgeWidth(sigmaPx: number): number {
  return Math.sqrt(1 + 12 * sigmaPx * sigmaPx)
}

/**
 * A healed dot darkens more skin than its sharp core: light scattered in the dermis passes the pigment on its way in or
 * out, so each dot's total shadow is its core's absorbed area × this gain [assumption, calibrated so a full 85/cm²
 * field of 0.18 mm shade-35 dots on type III reads like a brown buzz cut beside it, DOMAIN §13.1 row 4]. Under a
 * dermatoscope healed SMP shows as soft grey dots "larger than adjacent hair follicles" (DOMAIN §13 [7]); from 1 m it
 * reads as a shadow. The shadow has two parts:
 * - the skirt, SKIRT_GAIN of it: a soft cone round each dot, skirtRadiusMm across at the designed depth, so at a close-up a
 *   dot shows a defined core with a soft shoulder (§13.1 row 1: "round, soft but defined edge");
 * - the rest, light diffusing a few mm through the dermis: the tone grid, blurred to at least TONE_SIGMA_MIN_MM, so
 *   over the ~1 mm spacing of well-spread dots it is even, never a cloud with holes (§13.1 row 9).
 */
const TONE_GAIN = 70
const SKIRT_GAIN = 10
/** The skirt is never darker than this share of its core. */
const SKIRT_MAX = 0.6
/** Radius of the skirt's cone at 1 mm depth, mm; deeper pigment scatters wider [assumption, DOMAIN §2.3 [TM-DOT]]. */
function skirtRadiusMm(depthMm: number): number {
  return 0.14 + 0.14 * depthMm + (depthMm > BLOWOUT_DEPTH_MM ? 1.5 * (depthMm - BLOWOUT_DEPTH_MM) : 0)
}
/**
 * How far the diffuse shadow spreads (its blur σ), mm: light's diffusion in the dermis, wider for deeper pigment, and
 * at least TONE_SIGMA_MIN_MM, wider than the dots' ~1 mm spacing, so it carries no shot noise.
 */
const TONE_SIGMA_MIN_MM = 2
export function diffusionMm(depthMm: number): number {
  const blow = depthMm > BLOWOUT_DEPTH_MM ? depthMm - BLOWOUT_DEPTH_MM : 0
  return Math.max(TONE_SIGMA_MIN_MM, 1.5 + 0.5 * depthMm + 2 * blow)
}

/**
 * Projects the dots of sessions 1..k into the view (module scratch, valid until the next call) and adds their diffuse
 * shadow to the tone grid.
 */
export function prepareDots(
  view: View,
  design: Design,
  dots: DotBuffer,
  options: RenderOptions,
  tone: ToneGrid
): PreparedDots {
  const sessions = Math.min(design.sessions.length, MAX_SESSIONS)
  if (sessions === 0 || dots.count === 0) return prepared(0)
  const k = (options.session ?? sessions) - 1
  const day = previewDay(k, options.stage ?? 'healed', options.years ?? 0, options.sessionDays)
  const tau = fadeTimeConstant(design.skin, design.pigment)
  const depth = design.pigment.depthMm
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  let sigmaMm = 0
  const skirtMm = skirtRadiusMm(depth)
  // dots within a grid cell outside the image still shade its edge nodes (the blur mirrors beyond them)
  const margin = GRID
  for (let j = 0; j <= k; j++) {
    dotStateAt(day - sessionDay(j, options.sessionDays), tau, design.skin, depth, _state)
    _diam[j] = _state[0]
    _blur[j] = _state[2]
    _halo[j] = _state[3]
    const darkness = _state[1]
    const spec = design.sessions[j]
    const water = parseDilution(spec.dilution) ?? STANDARD_DILUTION
    for (let s = 0; s < 256; s++) {
      const shade = s + spec.shadeOffset * SHADE_STEP
      dotOptics(_skin[0], _skin[1], _skin[2], depth, pigmentConcentration(shade, water), _optics)
      sigmaMm = _optics[3]
      for (let c = 0; c < 3; c++) {
        const a = _optics[c]
        // fading scales contrast (DOMAIN §0: contrast ∝ e^(−t/τ)); fresh darkening scales optical density, so it stays < 1
        _absorb[(j * 256 + s) * 3 + c] = darkness <= 1 ? a * darkness : 1 - (1 - a) ** darkness
      }
    }
  }
  // project every dot of sessions 1..k into the scratch arrays
  ensureScratch(dots.count)
  let n = 0
  for (let i = 0; i < dots.count; i++) {
    const j = dots.session[i]
    if (j > k) continue
    if (!projectInto(view, dots.x[i], dots.y[i], _proj)) continue
    const cosi = _proj[3]
    if (cosi < 0.05) continue
    const pxmm = _proj[2]
    const rMajor = 0.5 * dots.diameter[i] * _diam[j] * pxmm
    _sx[n] = _proj[0]
    _sy[n] = _proj[1]
    _rm[n] = rMajor * cosi
    _ratio[n] = 1 / cosi
    // the dot is squashed along the screen direction of the normal; its major axis is perpendicular to that
    const nl = Math.hypot(_proj[4], _proj[5])
    if (nl > 1e-6) {
      _ex[n] = -_proj[5] / nl
      _ey[n] = _proj[4] / nl
    } else {
      _ex[n] = 1
      _ey[n] = 0
    }
    _edge[n] = edgeWidth(sigmaMm * _blur[j] * pxmm * cosi)
    const cell = j * 256 + dots.shade[i]
    _cell[n] = cell
    // the dot's share of a grid cell: its screen area (an ellipse, π·r²·cos i) over the cell's
    // (the pigment's own disc: a fresh dot's extra size is blood and scab on the surface, not pigment)
    const rPigment = 0.5 * dots.diameter[i] * Math.min(_diam[j], SPREAD_CAP) * pxmm
    // the skirt: a cone of radius rs (ink π·rs²·a) holding SKIRT_GAIN × the core's, never darker than SKIRT_MAX × the core
    const rs = Math.max(skirtMm * _blur[j] * pxmm, 0.5)
    const want = (SKIRT_GAIN * rPigment * rPigment) / (rs * rs)
    const sa = Math.min(want, SKIRT_MAX)
    _rs[n] = rs * cosi
    _sar[n] = _absorb[cell * 3] * sa
    _sag[n] = _absorb[cell * 3 + 1] * sa
    _sab[n] = _absorb[cell * 3 + 2] * sa
    const od =
      ((TONE_GAIN - sa * ((rs * rs) / (rPigment * rPigment))) * Math.PI * rPigment * rPigment * cosi) / (GRID * GRID)
    splatTone(
      tone,
      _proj[0],
      _proj[1],
      od * _absorb[cell * 3],
      od * _absorb[cell * 3 + 1],
      od * _absorb[cell * 3 + 2],
      margin
    )
    n++
  }
  return prepared(n)
}

/**
 * The dots of one preview as they will be stamped: screen centre, minor radius and major/minor ratio, unit major axis,
 * edge ramp width (px), and `cell` (session × 256 + shade byte) indexing `absorb` (3 channels) and, by `cell >> 8`,
 * the session's fresh `halo`. Module scratch, reused by the next preview.
 */
export interface PreparedDots {
  count: number
  sx: Float32Array
  sy: Float32Array
  rm: Float32Array
  ratio: Float32Array
  ex: Float32Array
  ey: Float32Array
  edge: Float32Array
  cell: Int32Array
  absorb: Float32Array
  halo: Float64Array
  /** The soft skirt round each dot: its minor radius, px (a cone to zero at twice that), and its absorption. */
  rs: Float32Array
  sar: Float32Array
  sag: Float32Array
  sab: Float32Array
}

function prepared(count: number): PreparedDots {
  return {
    count,
    sx: _sx,
    sy: _sy,
    rm: _rm,
    ratio: _ratio,
    ex: _ex,
    ey: _ey,
    edge: _edge,
    cell: _cell,
    absorb: _absorb,
    halo: _halo,
    rs: _rs,
    sar: _sar,
    sag: _sag,
    sab: _sab,
  }
}
