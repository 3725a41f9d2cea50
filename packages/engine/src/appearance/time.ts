// How a dot changes with time: fresh (day 0–3), healing (to day 28), then years of slow fading and bounded spread;
// and the longevity figures (touch-up, visible life) derived from the same fading curve.

import type { Pigment, Skin } from '../model/design.ts'
import { fitzpatrickIndex } from './skin-palette.ts'

/** Fraction of the fresh darkness a healed dot keeps (DOMAIN §0 "Healed vs fresh darkness" 0.65, [ELKA], [LUX]). */
export const HEALED_DARKNESS = 0.65
/** Fresh visible diameter over the healed one (DOMAIN §2.2 engine model: day 0 ≈ 2.5× healed). */
const FRESH_DIAMETER_SCALE = 2.5
/** Days until the healed appearance (DOMAIN §0 "Time to healed appearance" 28). */
const HEALING_DAYS = 28
/** Days between sessions when a design gives no dates (DOMAIN §0 "Days between sessions" 14). */
export const DEFAULT_SESSION_SPACING_DAYS = 14
/** Fading time constant for the reference client, years (DOMAIN §0 "Fading time-constant τ" 10). */
export const TAU_DEFAULT_YEARS = 10
/** DOMAIN §0's range for τ, years. */
const TAU_MIN_YEARS = 6
const TAU_MAX_YEARS = 20
/** Relative contrast below which an artist touches up (DOMAIN §0: 0.7 gives t ≈ 0.36τ ≈ 3.6 y [derived]). */
export const TOUCH_UP_CONTRAST = 0.7
/**
 * Relative contrast below which the result no longer reads as a shaved look [assumption]: 0.55 puts the reference client
 * at ≈ 6 y, inside the 4–8 y that clinics quote for how long results last (DOMAIN §5: [SCLIN] 4–8, [RAD] 4–6, [ZANG] 6–7).
 */
export const VISIBLE_CONTRAST = 0.55
/** Long-term radial spread of a dot (DOMAIN §0 "Long-term dot spread" +10 %, 0–20 %, over 6–12 months [SMPCHAT]). */
const SPREAD_DEFAULT = 0.1
const SPREAD_MAX = 0.2
/** Time constant of the spread, years: 86 % of it by 6 months, 98 % by a year. */
const SPREAD_TAU_YEARS = 0.25
const DAYS_PER_YEAR = 365.25

/** UV is the main controllable fading factor (DOMAIN §5: [SCLIN], [SN], [FOL-FADE], [SHUB-F]) [assumption: factors]. */
const SUN_FACTOR = { low: 1.3, moderate: 1, high: 0.65 } as const
/** "Darker skins may need fewer touch-ups" (DOMAIN §5 [SN]) [assumption: factors]. */
const FITZPATRICK_FACTOR = [0.85, 0.92, 1, 1.06, 1.12, 1.18] as const
/** Oil makes colour hard to hold ([SKI], [SHUB-F]); dry, flaking skin exfoliates faster ([FOL-FADE]) [assumption]. */
const KIND_FACTOR = { normal: 1, oily: 0.8, dry: 0.95 } as const

/** Fading time constant τ (years) for a skin and a pigment depth; contrast ∝ e^(−t/τ) after healing. */
export function fadeTimeConstant(skin: Skin, pigment: Pigment): number {
  const depth = pigment.depthMm
  // shallow pigment is exfoliated sooner, deep pigment is held longer (DOMAIN §2.3 [DS-MIG]) [assumption: slope]
  const depthFactor = Math.min(1.3, Math.max(0.5, 0.4 + 0.6 * depth))
  const tau =
    TAU_DEFAULT_YEARS *
    SUN_FACTOR[skin.sunExposure] *
    FITZPATRICK_FACTOR[fitzpatrickIndex(skin.fitzpatrick)] *
    KIND_FACTOR[skin.kind] *
    depthFactor
  return Math.min(TAU_MAX_YEARS, Math.max(TAU_MIN_YEARS, tau))
}

/** Share of the pigment still held once healed: shallower than 0.5 mm loses colour in 2–4 weeks (DOMAIN §0 [DS-MIG]). */
function healedRetention(depthMm: number): number {
  const r = (depthMm - 0.2) / 0.3
  return r < 0.15 ? 0.15 : Math.min(r, 1)
}

/** Relative contrast (1 at healing) after `years` of fading. */
function contrastAfter(years: number, tau: number): number {
  return Math.exp(-Math.max(0, years) / tau)
}

/** Long-term spread of a dot's diameter (≥ 1), bounded by DOMAIN's 0–20 %; oily skin spreads more [assumption]. */
export function spreadAfter(years: number, skin: Skin): number {
  const amount = Math.min(SPREAD_MAX, SPREAD_DEFAULT * (skin.kind === 'oily' ? 1.5 : 1))
  return 1 + amount * (1 - Math.exp(-Math.max(0, years) / SPREAD_TAU_YEARS))
}

export interface Longevity {
  /** Years after healing until the contrast falls below the touch-up threshold. */
  touchUpAfterYears: number
  /** Years after healing until the result no longer reads as hair. */
  visibleYears: number
}

/** Longevity from the fading curve: when the relative contrast crosses the touch-up and visibility thresholds. */
export function longevity(skin: Skin, pigment: Pigment): Longevity {
  const tau = fadeTimeConstant(skin, pigment)
  const r0 = healedRetention(pigment.depthMm)
  const at = (threshold: number) => Math.max(0, tau * Math.log(r0 / threshold))
  return { touchUpAfterYears: round1(at(TOUCH_UP_CONTRAST)), visibleYears: round1(at(VISIBLE_CONTRAST)) }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/**
 * The state of a dot `ageDays` after its session, written into out:
 * [0] diameter scale (× healed diameter), [1] darkness (× healed contrast per unit area), [2] blur scale (× the optics σ),
 * [3] red halo strength 0–1 (fresh only).
 * Timeline (DOMAIN §2.2 engine model [assumption]): day 0–3 ≈ 2.5× size, darker by 1/0.65, red halo; day 7 scabs gone,
 * about healed size, 0.9× final darkness (the milky phase), no redness ([DEL] day 7); day 28 healed; then fading e^(−t/τ)
 * with a bounded spread over the first year and a slowly softening edge.
 */
export function dotStateAt(
  ageDays: number,
  tau: number,
  skin: Skin,
  depthMm: number,
  out: Float64Array | number[]
): void {
  const d = Math.max(ageDays, 0)
  const fresh = 1 / HEALED_DARKNESS
  if (d <= 3) {
    out[0] = FRESH_DIAMETER_SCALE
    out[1] = fresh
    out[2] = 1
    out[3] = d <= 2 ? 1 : 1 - (d - 2) / 5
    return
  }
  const retention = healedRetention(depthMm)
  if (d <= 7) {
    const f = (d - 3) / 4
    out[0] = FRESH_DIAMETER_SCALE + (1 - FRESH_DIAMETER_SCALE) * f
    out[1] = fresh + (0.9 - fresh) * f
    out[2] = 1
    out[3] = d >= 7 ? 0 : 1 - (d - 2) / 5
    return
  }
  if (d <= HEALING_DAYS) {
    const f = (d - 7) / (HEALING_DAYS - 7)
    out[0] = 1
    out[1] = 0.9 + (retention - 0.9) * f
    out[2] = 1
    out[3] = 0
    return
  }
  const years = (d - HEALING_DAYS) / DAYS_PER_YEAR
  const spread = spreadAfter(years, skin)
  out[0] = spread
  // the same pigment over a larger disc: the dot's total contrast (darkness × area) follows e^(−t/τ)
  out[1] = (retention * contrastAfter(years, tau)) / (spread * spread)
  // the edge keeps softening slowly as pigment disperses (bounded at +60 %) [assumption]
  out[2] = 1 + 0.6 * (1 - Math.exp(-years / 5))
  out[3] = 0
}

/** Days from the first session to session j (0-based) at DOMAIN's default spacing, unless dates are given. */
export function sessionDay(j: number, sessionDays: readonly number[] | undefined): number {
  if (sessionDays !== undefined && j < sessionDays.length) return sessionDays[j]
  return j * DEFAULT_SESSION_SPACING_DAYS
}

/** Day (from the first session) shown by a preview of session k (0-based) at a stage, `years` after healing. */
export function previewDay(
  k: number,
  stage: 'fresh' | 'healed',
  years: number,
  sessionDays: readonly number[] | undefined
): number {
  const day = sessionDay(k, sessionDays)
  return stage === 'fresh' ? day + 1 : day + HEALING_DAYS + years * DAYS_PER_YEAR
}
