// Colour conversions: CIELAB (D65) ↔ linear sRGB, and the sRGB transfer curve with lookup tables for the hot loops.
// Formulas: IEC 61966-2-1 (sRGB) and CIE 15 (CIELAB); the XYZ ↔ linear-sRGB matrices are the IEC ones for D65.

/** D65 reference white (CIE 1931 2°), Y = 1. */
const XN = 0.95047
const YN = 1
const ZN = 1.08883

const EPS = 216 / 24389
const KAPPA = 24389 / 27

/** sRGB-encoded value in [0, 1] → linear light. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** Linear light in [0, 1] → sRGB-encoded value in [0, 1]. */
export function linearToSrgb(c: number): number {
  if (c <= 0) return 0
  if (c >= 1) return 1
  return c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055
}

/** Writes the linear sRGB of a CIELAB colour into out[0..2] (may fall outside [0, 1] for out-of-gamut colours). */
export function labToLinearRgb(L: number, a: number, b: number, out: Float64Array | number[]): void {
  const fy = (L + 16) / 116
  const fx = fy + a / 500
  const fz = fy - b / 200
  const fx3 = fx * fx * fx
  const fz3 = fz * fz * fz
  const x = XN * (fx3 > EPS ? fx3 : (116 * fx - 16) / KAPPA)
  const y = YN * (L > KAPPA * EPS ? fy * fy * fy : L / KAPPA)
  const z = ZN * (fz3 > EPS ? fz3 : (116 * fz - 16) / KAPPA)
  out[0] = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
  out[1] = -0.969266 * x + 1.8760108 * y + 0.041556 * z
  out[2] = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
}

function fLab(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116
}

/** Writes the CIELAB of a linear sRGB colour into out[0..2] as [L*, a*, b*]. */
export function linearRgbToLab(r: number, g: number, b: number, out: Float64Array | number[]): void {
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b
  const fx = fLab(x / XN)
  const fy = fLab(y / YN)
  const fz = fLab(z / ZN)
  out[0] = 116 * fy - 16
  out[1] = 500 * (fx - fy)
  out[2] = 200 * (fy - fz)
}

/** Relative luminance (Y) of a linear sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  return 0.2126729 * r + 0.7151522 * g + 0.072175 * b
}

/** Size of the linear → sRGB byte table; 2^14 steps keep the dark end (where dots live) within 0.1 of a byte. */
export const LIN_STEPS = 16384

/** sRGB byte → linear light. */
export const SRGB_TO_LINEAR = /*@__PURE__*/ buildToLinear()
/** Linear light quantised to LIN_STEPS − 1 steps → sRGB byte (index with `(lin * (LIN_STEPS - 1) + 0.5) | 0`). */
export const LINEAR_TO_SRGB = /*@__PURE__*/ buildToSrgb()

function buildToLinear(): Float32Array {
  const t = new Float32Array(256)
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255)
  return t
}

function buildToSrgb(): Uint8Array {
  const t = new Uint8Array(LIN_STEPS)
  for (let i = 0; i < LIN_STEPS; i++) t[i] = Math.round(linearToSrgb(i / (LIN_STEPS - 1)) * 255)
  return t
}
