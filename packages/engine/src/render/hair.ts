// The client's remaining hair in a preview, drawn as hair of their colour and length: at each follicle the dark shaft
// under the skin (seen through the epidermis as a short soft streak), the shaft out of the skin at the follicle's angle
// (stubble, a buzz cut, short or long hair lying along its flow), and its diffuse shadow in the skin's tone.
// Every hair is varied from a hash of its own position (length, width, angle, curl), so strokes are never identical
// and a drag that re-samples some hairs leaves the others as they were.

import { deriveSeed, fmix32 } from '../math/rng.ts'
import type { Design, HairColor, HairLength, HairLook } from '../model/design.ts'
import type { HairPoints } from './options.ts'
import { stampSegment } from './raster.ts'
import { GRID, splatTone, type ToneGrid } from './tone-grid.ts'
import { projectInto, type View } from './view.ts'

/** What the preview assumes without an intake: brown hair clipped to a buzz cut (the presets' shade 35 matches it). */
export const DEFAULT_HAIR: HairLook = { color: 'brown', length: 'buzz' }

/**
 * Linear sRGB of a hair shaft by colour [assumption: reflectance of melanin-pigmented fibres, eumelanin-dark to
 * pheomelanin-red and unpigmented white]; shaved hair of any colour reads grey against skin (DOMAIN §1.4 [DMATCH]).
 */
const SHAFT: Record<HairColor, readonly [number, number, number]> = {
  black: [0.012, 0.011, 0.01],
  'dark-brown': [0.026, 0.019, 0.014],
  brown: [0.05, 0.034, 0.023],
  'light-brown': [0.11, 0.075, 0.045],
  blonde: [0.27, 0.2, 0.12],
  red: [0.17, 0.065, 0.03],
  grey: [0.22, 0.21, 0.2],
  white: [0.55, 0.54, 0.52],
}

/**
 * How long the shaft shows out of the skin, mm, by the intake's hair length [assumption: "shaved" a razor or foil shave,
 * "buzz" a 0–1 clipper guard as for the shaved look (DOMAIN §6.2 "clip your head short"), "short" a few mm to 1 cm,
 * "long" strands lying along the hair's flow].
 */
const SHAFT_MM: Record<HairLength, readonly [number, number]> = {
  shaved: [0.05, 0.25],
  buzz: [0.5, 1.4],
  short: [4, 12],
  long: [30, 70],
}
/** Segments per drawn shaft: long hair bends as it lies. */
const SEGMENTS: Record<HairLength, number> = { shaved: 1, buzz: 1, short: 3, long: 6 }
/** Shaft width, mm: DOMAIN §0 75 µm (60–140); each hair is drawn 60–95 µm. */
const WIDTH_MM = [0.06, 0.095] as const
const SHAFT_ALPHA = 0.88
/**
 * The shaft under the skin: hair leaves the skin at an acute angle, so its last few tenths of a mm show through the
 * epidermis as a soft dark streak behind the exit point [assumption: ~0.5 mm visible, 0.1 mm wide, half its contrast].
 */
const FOLLICLE_LENGTH_MM = 0.5
const FOLLICLE_WIDTH_MM = 0.1
const FOLLICLE_CONTRAST = 0.5
/**
 * Diffuse shadow of one hair in the skin, OD·mm² for a black hair, scaled by how dark the colour is [assumption:
 * calibrated so brown hair clipped to a buzz cut at 85 FU/cm² reads like the presets' shade-35 SMP beside it, DOMAIN
 * §13.1 row 4].
 */
const HAIR_TONE = 0.95

const _proj = new Float64Array(6)
const _tip = new Float64Array(6)
const _hairBits = new Float32Array(2)
const _hairWords = new Uint32Array(_hairBits.buffer)

/** 32 random bits for the hair at chart (u, v), from its position's float32 bits and the seed. */
function hairHash(seed: number, u: number, v: number): number {
  _hairBits[0] = u
  _hairBits[1] = v
  return fmix32(fmix32(seed ^ (_hairWords[0] ?? 0)) ^ Math.imul(_hairWords[1] ?? 0, 0x9e3779b1))
}

function lookOf(design: Design): HairLook {
  return design.hair ?? DEFAULT_HAIR
}

/** How dark a shaft of this colour is against skin of linear luminance `skinY`, 0…1. */
function darkness(color: HairColor, skinY: number): number {
  const [r, g, b] = SHAFT[color]
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return Math.max(0, 1 - y / Math.max(skinY, 1e-3))
}

/** Each remaining hair's shafts as segments on screen: ends and half-width (px); opacity and linear colour are shared. */
export interface HairSegments {
  count: number
  ax: Float64Array
  ay: Float64Array
  bx: Float64Array
  by: Float64Array
  hw: Float64Array
  alpha: number
  color: readonly [number, number, number]
}

/** A hair's unit direction of growth on the chart at (u, v), and its random bits; null hides nothing, it always returns. */
function growth(design: Design, look: HairLook, u: number, v: number, h: number, out: Float64Array): void {
  const [ccx, ccy] = design.crown.center
  let dx: number
  let dy: number
  if (look.length === 'long') {
    // long hair falls from a central parting to the sides, and back over the crown [assumption]
    dx = u >= 0 ? 1 : -1
    dy = v < ccy ? -0.6 : -0.25
  } else {
    // short hair streams away from the crown whorl and turns with it [WHORL-T]
    dx = u - ccx
    dy = v - ccy
    const turn = (design.crown.clockwise ? -1 : 1) * 0.45
    const ct = Math.cos(turn)
    const st = Math.sin(turn)
    const rx = dx * ct - dy * st
    dy = dx * st + dy * ct
    dx = rx
  }
  const dl = Math.hypot(dx, dy)
  if (dl < 1e-6) {
    dx = 0
    dy = 1
  } else {
    dx /= dl
    dy /= dl
  }
  // each follicle's own angle: ±17° [assumption]
  const wobble = ((h >>> 16) / 65536 - 0.5) * 0.6
  const cw = Math.cos(wobble)
  const sw = Math.sin(wobble)
  out[0] = dx * cw - dy * sw
  out[1] = dx * sw + dy * cw
}

const _dir = new Float64Array(2)

/** Each hair's shaft out of the skin as segments on screen (the same random lengths and turns for every view). */
export function hairSegments(view: View, design: Design, hair: HairPoints): HairSegments {
  const look = lookOf(design)
  const parts = SEGMENTS[look.length]
  const cap = hair.count * parts
  const out: HairSegments = {
    count: 0,
    ax: new Float64Array(cap),
    ay: new Float64Array(cap),
    bx: new Float64Array(cap),
    by: new Float64Array(cap),
    hw: new Float64Array(cap),
    alpha: SHAFT_ALPHA,
    color: SHAFT[look.color],
  }
  if (hair.count === 0) return out
  const seed = deriveSeed(design.seed, 'hair-render')
  const [lo, hi] = SHAFT_MM[look.length]
  let n = 0
  for (let i = 0; i < hair.count; i++) {
    const u0 = hair.x[i]
    const v0 = hair.y[i]
    const h = hairHash(seed, u0, v0)
    const h2 = fmix32(h ^ 0x5bd1e995)
    const len = lo + (hi - lo) * ((h & 0xffff) / 65536)
    const hw = 0.5 * (WIDTH_MM[0] + (WIDTH_MM[1] - WIDTH_MM[0]) * ((h2 & 0xff) / 255))
    // a gentle curl along the shaft, radians per segment
    const curl = (((h2 >>> 8) & 0xffff) / 65536 - 0.5) * (parts > 1 ? 0.5 : 0)
    growth(design, look, u0, v0, h, _dir)
    let dx = _dir[0]
    let dy = _dir[1]
    if (!projectInto(view, u0, v0, _proj)) continue
    let u = u0
    let v = v0
    let ax = _proj[0]
    let ay = _proj[1]
    const w = hw * _proj[2]
    const step = len / parts
    for (let p = 0; p < parts; p++) {
      u += dx * step
      v += dy * step
      if (!projectInto(view, u, v, _tip)) break
      out.ax[n] = ax
      out.ay[n] = ay
      out.bx[n] = _tip[0]
      out.by[n] = _tip[1]
      out.hw[n] = w
      n++
      ax = _tip[0]
      ay = _tip[1]
      const c = Math.cos(curl)
      const s = Math.sin(curl)
      const rx = dx * c - dy * s
      dy = dx * s + dy * c
      dx = rx
    }
  }
  out.count = n
  return out
}

/** The shafts under the skin, as ellipses for the dots' pass: centre, minor radius, ratio, axis, edge, absorption. */
export interface FollicleEllipses {
  count: number
  cx: Float32Array
  cy: Float32Array
  rMinor: Float32Array
  ratio: Float32Array
  ex: Float32Array
  ey: Float32Array
  edge: Float32Array
  absorb: readonly [number, number, number]
}

/** Each hair's shaft under the skin: a soft streak behind its exit point, along its growth, in the hair's colour. */
export function hairFollicles(view: View, design: Design, hair: HairPoints, skinY: number): FollicleEllipses {
  const look = lookOf(design)
  const out: FollicleEllipses = {
    count: 0,
    cx: new Float32Array(hair.count),
    cy: new Float32Array(hair.count),
    rMinor: new Float32Array(hair.count),
    ratio: new Float32Array(hair.count),
    ex: new Float32Array(hair.count),
    ey: new Float32Array(hair.count),
    edge: new Float32Array(hair.count),
    absorb: [0, 0, 0],
  }
  const k = FOLLICLE_CONTRAST * darkness(look.color, skinY)
  // seen through the skin, shaved hair of any colour reads grey (DOMAIN §1.4 [DMATCH]): neutral, never blue
  out.absorb = [k, k, k]
  if (hair.count === 0 || k <= 0) return out
  const seed = deriveSeed(design.seed, 'hair-render')
  let n = 0
  for (let i = 0; i < hair.count; i++) {
    const u = hair.x[i]
    const v = hair.y[i]
    const h = hairHash(seed, u, v)
    growth(design, look, u, v, h, _dir)
    const back = 0.5 * FOLLICLE_LENGTH_MM
    if (!projectInto(view, u - _dir[0] * back, v - _dir[1] * back, _proj)) continue
    if (_proj[3] < 0.05) continue
    const cx = _proj[0]
    const cy = _proj[1]
    const pxmm = _proj[2]
    if (!projectInto(view, u, v, _tip)) continue
    let ex = _tip[0] - cx
    let ey = _tip[1] - cy
    const half = Math.hypot(ex, ey)
    const minor = 0.5 * FOLLICLE_WIDTH_MM * pxmm
    if (half > 1e-6) {
      ex /= half
      ey /= half
    } else {
      ex = 1
      ey = 0
    }
    out.cx[n] = cx
    out.cy[n] = cy
    out.rMinor[n] = minor
    out.ratio[n] = Math.max(1, half / minor)
    out.ex[n] = ex
    out.ey[n] = ey
    // seen through the epidermis: a soft edge, as wide as the streak
    out.edge[n] = Math.max(1, 2 * minor)
    n++
  }
  out.count = n
  return out
}

/** Adds each hair's diffuse shadow to the tone grid. */
export function toneHair(
  view: View,
  design: Design,
  hair: HairPoints,
  skinY: number,
  tone: ToneGrid,
  margin: number
): void {
  const k = HAIR_TONE * darkness(lookOf(design).color, skinY)
  if (k <= 0) return
  for (let i = 0; i < hair.count; i++) {
    if (!projectInto(view, hair.x[i], hair.y[i], _proj)) continue
    const od = (k * _proj[2] * _proj[2] * _proj[3]) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od, od, od, margin)
  }
}

/** Stamps the hair's shafts out of the skin. */
export function stampHair(view: View, s: HairSegments, px32: Int32Array): void {
  const [r, g, b] = s.color
  for (let i = 0; i < s.count; i++)
    stampSegment(px32, view.width, view.height, s.ax[i], s.ay[i], s.bx[i], s.by[i], s.hw[i], s.alpha, r, g, b)
}
