// A dot's look at its age: per session, its size, edge softness and fresh redness, and per shade byte its absorption
// (linear RGB) after healing or fading; and the diffuse shadow the pigment casts through the dermis.

import type { Design } from '../model/design.ts'
import {
  BLOWOUT_DEPTH_MM,
  dotOptics,
  parseDilution,
  pigmentConcentration,
  SHADE_STEP,
  STANDARD_DILUTION,
} from './pigment.ts'
import { skinLinearRgb } from './skin-palette.ts'
import { dotStateAt, fadeTimeConstant, sessionDay } from './time.ts'

/** Sessions the tables hold; later sessions are not drawn. */
export const MAX_SESSIONS = 16
/** Largest long-term spread (DOMAIN §0: 0–20 %). */
export const SPREAD_CAP = 1.2
/**
 * Diffuse shadow per dot: its core's absorbed area × this gain [assumption, calibrated so a full 85/cm² field of 0.15 mm
 * shade-35 dots on type III reads ~30 % darker than bare skin from afar, near a shaved head's stubble shadow (~35 %)].
 */
export const TONE_GAIN = 62
/**
 * Share of that shadow held close to its dot, as a soft speck (the rest spreads as the diffuse tone): most light that
 * reaches a dot's pigment and back travels a fraction of a millimetre in the dermis, so at arm's length (3–5 px/mm)
 * each dot reads as a soft dark speck about 1 mm from the next, the grain of a buzz cut's stubble (DOMAIN §13.1 #3, #4),
 * not as a cloud [assumption].
 */
const SPECK_SHARE = 0.75
/**
 * The speck is how the eye fuses a dot with its near shadow while the dot is below the view's resolution. Where the dot
 * is resolved (a close-up at 40 px/mm, where an artist judges the dot itself at 0.10–0.15 mm, DOMAIN §2.2) the near
 * shadow goes back into the diffuse tone: the speck's share is full up to SPECK_FULL_PX_PER_MM and none from
 * SPECK_NONE_PX_PER_MM, linear between; the ink is the same at every scale [assumption].
 */
const SPECK_FULL_PX_PER_MM = 6
const SPECK_NONE_PX_PER_MM = 14
/** The speck's share of a dot's shadow at a scale of pxPerMm (see SPECK_FULL_PX_PER_MM). */
export function speckShare(pxPerMm: number): number {
  const t = (SPECK_NONE_PX_PER_MM - pxPerMm) / (SPECK_NONE_PX_PER_MM - SPECK_FULL_PX_PER_MM)
  return SPECK_SHARE * Math.min(1, Math.max(0, t))
}
/**
 * Radius of the speck's disc, mm: drawn as a cone of twice this radius (σ ≈ 0.27 mm) [assumption: the near part of the
 * dermis's point spread, 0.25–0.4 mm].
 */
export const SPECK_RADIUS_MM = 0.35

/**
 * How far the diffuse shadow spreads (σ, mm): light's diffusion length in the dermis, wider for deeper pigment
 * [assumption: 1 mm at 1 mm depth — wide enough that the shadows of dots ~1 mm apart merge into an even tone, narrow
 * enough that a real mottle in the dots still shows]
 */
export function diffusionMm(depthMm: number): number {
  return 0.5 + 0.5 * depthMm + (depthMm > BLOWOUT_DEPTH_MM ? depthMm - BLOWOUT_DEPTH_MM : 0)
}

/** Blur σ in px → ramp width: a linear ramp of width w has the spread of a Gaussian of σ = w/√12, on top of 1 px AA. */
export function edgeWidth(sigmaPx: number): number {
  return Math.sqrt(1 + 12 * sigmaPx * sigmaPx)
}

/** The look of every session's dots on one day (tables reused by the next call). */
export interface DotAppearance {
  /** Sessions 0..sessions−1 are shown. */
  sessions: number
  /** Per session: diameter scale (× the dot's healed diameter), blur scale (× sigmaMm), red halo strength 0–1. */
  diam: Float64Array
  blur: Float64Array
  halo: Float64Array
  /** Per session and shade byte (index (j·256 + shade)·3 + c): fraction of the skin's light removed, 0–1. */
  absorb: Float32Array
  /** The optics' scattering blur σ at the design's depth, mm. */
  sigmaMm: number
  /**
   * How much of the core's hue the diffuse shadow keeps (0: neutral grey, 1: the core's own absorption per channel):
   * pigment in the papillary dermis reads neutral charcoal from afar (DOMAIN §13.1 #5), deeper pigment turns the
   * shadow blue, fully once it blows out past 1.5 mm (DOMAIN §2.6, §2.7) [assumption: linear from 1.0 to 1.5 mm].
   */
  toneHue: number
}

const _state = new Float64Array(4)
const _optics = new Float64Array(4)
const _skin = new Float64Array(3)
const _look: DotAppearance = {
  sessions: 0,
  diam: new Float64Array(MAX_SESSIONS),
  blur: new Float64Array(MAX_SESSIONS),
  halo: new Float64Array(MAX_SESSIONS),
  absorb: new Float32Array(MAX_SESSIONS * 256 * 3),
  sigmaMm: 0,
  toneHue: 0,
}

/**
 * The look on `day` (days from the first session) of the dots of sessions 0..k (0-based), each at its own age.
 * The returned tables are module scratch, valid until the next call.
 */
export function dotAppearance(
  design: Design,
  k: number,
  day: number,
  sessionDays: readonly number[] | undefined
): DotAppearance {
  const tau = fadeTimeConstant(design.skin, design.pigment)
  const depth = design.pigment.depthMm
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  const out = _look
  out.sessions = k + 1
  let sigmaMm = 0
  for (let j = 0; j <= k; j++) {
    dotStateAt(day - sessionDay(j, sessionDays), tau, design.skin, depth, _state)
    out.diam[j] = _state[0]
    out.blur[j] = _state[2]
    out.halo[j] = _state[3]
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
        out.absorb[(j * 256 + s) * 3 + c] = darkness <= 1 ? a * darkness : 1 - (1 - a) ** darkness
      }
    }
  }
  out.sigmaMm = sigmaMm
  out.toneHue = Math.min(1, Math.max(0, (depth - 1) / (BLOWOUT_DEPTH_MM - 1)))
  return out
}
