// The engine's default scalp colours per Fitzpatrick type: DOMAIN §4.2's palette, [derived, placeholder, not clinical].

import { labToLinearRgb } from './color.ts'

/** CIELAB of the default scalp per Fitzpatrick type I–VI (DOMAIN §4.2 "Engine default skin palette"). */
export const SKIN_LAB: readonly (readonly [number, number, number])[] = [
  [74.2, 8, 14], // I: ITA 60°
  [67.8, 9, 16], // II: ITA 48°
  [62.6, 10, 18], // III: ITA 35°
  [56.9, 11, 20], // IV: ITA 19°
  [46.5, 12, 20], // V: ITA −10°
  [36.0, 10, 14], // VI: ITA −45°
]

/** Fitzpatrick type clamped to 1–6 and rounded. */
export function fitzpatrickIndex(fitzpatrick: number): number {
  const t = Math.round(fitzpatrick)
  return t < 1 ? 0 : t > 6 ? 5 : t - 1
}

/** Writes the linear sRGB of the default scalp of a Fitzpatrick type into out[0..2]. */
export function skinLinearRgb(fitzpatrick: number, out: Float64Array | number[]): void {
  const lab = SKIN_LAB[fitzpatrickIndex(fitzpatrick)]
  labToLinearRgb(lab[0], lab[1], lab[2], out)
}
