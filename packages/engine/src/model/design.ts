// The engine's input contract: a design in physical units on the scalp chart (see scalp/head.ts for the chart).
// Plain readonly data; @stipple/domain validates documents at the boundary and hands the engine this shape.

import type { Sex } from '../scalp/head.ts'

/** A point on the scalp chart, mm: [u towards the client's right, v towards the face]. */
export type ChartPoint = readonly [number, number]

export type HairlineShape = 'straight' | 'rounded' | 'widows-peak' | 'mature'

/**
 * A control point's tangent handles as offsets from the point, chart mm [du, dv]: the curve leaves the point towards
 * `point + out` and arrives from `point + in` (cubic Bézier form; `in` faces the previous point, `out` the next).
 */
export interface HairlineHandle {
  in: readonly [number, number]
  out: readonly [number, number]
}

export interface Hairline {
  /** Mid-frontal point above glabella along the surface, mm (DOMAIN: male 80 [GARG17], female 60 [QOVES]). */
  heightMm: number
  /** How far the frontotemporal angle sits back from the juvenile position, mm (DOMAIN: NW II ≤ 20–25 [HRBR]). */
  templeRecessionMm: number
  shape: HairlineShape
  /** When present, the hairline runs through these chart points (client's right to left) instead of the parameters. */
  controlPoints?: readonly ChartPoint[]
  /**
   * Tangent handles of the control points, one entry per point (null: automatic, the spline's own tangent); only with
   * `controlPoints`. A span with a handle at either end is a cubic Bézier, the others stay Catmull-Rom.
   */
  handles?: readonly (HairlineHandle | null)[]
  /** Width of the soft transition zone over which density ramps up, mm (DOMAIN: 8, 5–15 [BB-TZ], [SHAP-NH]). */
  softnessMm: number
  /** Amplitude of the undulating border, mm (DOMAIN: 3, 1–6). */
  macroIrregularityMm: number
  /** Wavelength of the undulation, mm (DOMAIN: 15–40). */
  macroWavelengthMm: number
  /** Per-dot jitter and clumped gaps along the border, mm (DOMAIN: 1.0, 0.5–2.0). */
  microIrregularityMm: number
}

export type ZoneKind =
  | 'hairline'
  | 'frontal'
  | 'mid-scalp'
  | 'crown'
  | 'temples'
  | 'sides'
  | 'back'
  | 'scar'
  | 'density'

export interface Zone {
  id: string
  kind: ZoneKind
  /** Outline on the chart, mm. Later zones take precedence where zones overlap. */
  polygon: readonly ChartPoint[]
  /** Target healed dot density, dots per cm² of scalp (DOMAIN: 85, 40–150). */
  densityPerCm2: number
  /** Healed visible dot diameter, mm (DOMAIN: 0.15, 0.07–0.5). */
  dotSizeMm: number
  /** Pigment shade on the HIS-like scale: 20 darkest … 60 lightest [HIS-BL]. */
  shade: number
  /** Width over which the zone's density fades out at its own border, mm. */
  featherMm: number
}

/** Hair the client keeps: dots thin out where it stands, and in density mode fall between the hairs. */
export interface ExistingHair {
  id: string
  polygon: readonly ChartPoint[]
  /** Bald patches inside the outline, each feathered like the outline. */
  holes: readonly (readonly ChartPoint[])[]
  /** Follicular units per cm² (DOMAIN: 85 non-balding, 55 temporal). */
  densityPerCm2: number
  /** Width of the fading edge of the hair region, mm. */
  featherMm: number
}

export type Scar =
  | { id: string; kind: 'fut'; polyline: readonly ChartPoint[]; widthMm: number }
  | { id: string; kind: 'fue'; polygon: readonly ChartPoint[]; count: number; diameterMm: number }
  | { id: string; kind: 'polygon'; polygon: readonly ChartPoint[] }

export interface SessionSpec {
  /** Share of the final dot count laid down in this session (DOMAIN: 40 / 35 / 25 %). */
  share: number
  /** Cartridge, e.g. "1RL 0.20" (DOMAIN: 1RL @ 0.18–0.25 hairline, 3RL @ 0.25–0.30 fill). */
  needle: string
  /** Pigment concentrate to water, e.g. "1:25" (DOMAIN: 1:20–1:30 [SMPCHAT]). */
  dilution: string
  /** Shade steps lighter than the zone's shade (DOMAIN: session 1 one step lighter). */
  shadeOffset: number
}

export type SunExposure = 'low' | 'moderate' | 'high'
export type SkinKind = 'normal' | 'oily' | 'dry'

export interface Skin {
  /** Fitzpatrick type 1–6. */
  fitzpatrick: number
  sunExposure: SunExposure
  kind: SkinKind
}

export interface Pigment {
  /** Where the pigment settles, mm below the surface (DOMAIN: 1.0 default; < 0.5 fades, > 1.5 blows out). */
  depthMm: number
}

/** The client's own hair colour (the intake's words). */
export const HAIR_COLORS = ['black', 'dark-brown', 'brown', 'light-brown', 'blonde', 'red', 'grey', 'white'] as const
export type HairColor = (typeof HAIR_COLORS)[number]
/** How long the client wears the hair they keep: razor-shaved, clipped to a buzz cut, short, or long. */
export const HAIR_LENGTHS = ['shaved', 'buzz', 'short', 'long'] as const
export type HairLength = (typeof HAIR_LENGTHS)[number]

/** The client's remaining hair as the preview draws it. */
export interface HairLook {
  color: HairColor
  length: HairLength
}

export interface Design {
  /** Seed of every random choice: the same design gives the same dots everywhere. */
  seed: number
  /** Body region; only the scalp is modelled so far. */
  region: 'scalp'
  head: { sex: Sex; circumferenceMm: number; earToEarMm: number; glabellaInionMm: number }
  hairline: Hairline | null
  zones: readonly Zone[]
  existingHair: readonly ExistingHair[]
  scars: readonly Scar[]
  sessions: readonly SessionSpec[]
  skin: Skin
  pigment: Pigment
  /** Crown whorl centre on the chart and its turning direction. */
  crown: { center: ChartPoint; clockwise: boolean }
  /** The client's remaining hair, colour and length (from the intake); absent: brown, clipped to a buzz cut. */
  hair?: HairLook
}
