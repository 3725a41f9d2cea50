// Pigment concentration from the shade and the session's dilution, and the optics of a dot of carbon pigment in skin.
//
// Optics [assumption, built on DOMAIN §2.3, §2.7 and §4.3]: the light a pixel of skin returns splits into a part that
// scatters back from above the pigment layer (surface glare, epidermis, the dermis over the pigment) and a part that
// comes from deeper and passes the pigment twice. Only the second part is darkened:
//   f_c = s_c + (1 − s_c)·T,   T = exp(−K·concentration)   (per linear-RGB channel c)
// s_c grows with depth, faster for short wavelengths (the Tyndall effect [JAMA-T]: blue scatters back before reaching
// the pigment, so dermal carbon reads slightly cool), and with skin darkness (melanin absorbs the deep light, so the
// superficial part weighs more: the same pigment has lower contrast on dark skin [BT-MEL]). Past 1.5 mm the pigment sits
// in the hypodermis and spreads ("blow-out" [DS-MIG], [EXPL]): strong blue and a wide, soft halo.

/** Shade steps in HIS-like units: session 1 is "one step lighter" ≈ index + 5 (DOMAIN §4.3 "session-1 index = target + 5–10"). */
export const SHADE_STEP = 5

/** Water parts of the standard mix, 1:25 (DOMAIN §0 "Pigment dilution", [SMPCHAT]). */
export const STANDARD_DILUTION = 25

/** Pigment absorbance of the reference mix (shade 20 at 1:25): T = e^−3 ≈ 0.05 [assumption: near-black when undiluted]. */
const K_ABSORB = 3

/** Depth where pigment reaches the hypodermis and blows out (DOMAIN §0 "Migration / blow-out if deeper than" 1.5 mm). */
export const BLOWOUT_DEPTH_MM = 1.5

/** Water parts per part of concentrate for a HIS-like shade: 20 → 1:10 … 60 → 1:40, linear (DOMAIN §4.3 [assumption]). */
function shadeToWater(shade: number): number {
  const s = shade < 20 ? 20 : Math.min(shade, 60)
  return 10 + ((s - 20) * 30) / 40
}

/** Water parts of a "1:25"-style dilution, or null when it does not parse. */
export function parseDilution(dilution: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(dilution)
  if (m === null) return null
  const concentrate = Number(m[1])
  const water = Number(m[2])
  if (!(concentrate > 0) || !(water >= 0)) return null
  return water / concentrate
}

/**
 * Pigment concentration relative to the darkest shade (20) in the standard 1:25 session mix.
 * The shade picks the grey; the session's dilution thins it further (or thickens it) relative to 1:25.
 */
export function pigmentConcentration(shade: number, sessionWater: number): number {
  const shadeFactor = 11 / (1 + shadeToWater(shade))
  const dilutionFactor = (1 + STANDARD_DILUTION) / (1 + Math.max(0, sessionWater))
  return shadeFactor * dilutionFactor
}

/** Reflectance of the skin surface and stratum corneum, returned before any pigment [assumption: ~2 % diffuse glare]. */
const SURFACE_REMITTANCE = 0.02
/** Per-mm share of light scattered back above the pigment, for linear R, G, B [assumption; blue scatters most]. */
const SCATTER_R = 0.1
const SCATTER_G = 0.13
const SCATTER_B = 0.2

/**
 * The look of a healed dot at full coverage over skin of linear colour (sr, sg, sb), written into out:
 * out[0..2] = fraction of the skin's light removed per channel (0 = invisible, 1 = black), out[3] = scattering blur σ, mm.
 */
export function dotOptics(
  sr: number,
  sg: number,
  sb: number,
  depthMm: number,
  concentration: number,
  out: Float64Array | number[]
): void {
  const depth = Math.max(depthMm, 0)
  const blow = depth > BLOWOUT_DEPTH_MM ? depth - BLOWOUT_DEPTH_MM : 0
  const t = Math.exp(-K_ABSORB * Math.max(concentration, 0))
  // pigment in the hypodermis scatters blue back strongly and spreads [EXPL], [HIS-BLUE]
  const blueBoost = 1 + 4 * blow
  out[0] = 1 - remit(SURFACE_REMITTANCE / Math.max(sr, 1e-4), depth, SCATTER_R, t)
  out[1] = 1 - remit(SURFACE_REMITTANCE / Math.max(sg, 1e-4), depth, SCATTER_G, t)
  out[2] = 1 - remit(SURFACE_REMITTANCE / Math.max(sb, 1e-4), depth, SCATTER_B * blueBoost, t)
  // σ grows with depth through the dermis [TM-DOT] and steeply once the pigment migrates [DS-MIG]; in the papillary
  // dermis a healed dot keeps a soft but defined edge (DOMAIN §13.1 #1) [assumption: σ ≈ 0.016 mm at 1 mm]
  out[3] = 0.004 + 0.012 * depth + 0.6 * blow
}

function remit(surface: number, depth: number, mu: number, t: number): number {
  const s0 = Math.min(surface, 0.9)
  const s = s0 + (1 - s0) * (1 - Math.exp(-mu * depth))
  return s + (1 - s) * t
}
