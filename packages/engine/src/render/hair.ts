// The client's remaining hair in a preview, in their colour and at the length they wear it (the intake's, carried by
// the design as `hair`). Each follicular unit gives:
// - its follicle under the skin: the shaft's last few tenths of a mm seen through the epidermis behind the exit point,
//   a soft neutral-grey streak (the grey "shadow" a shaved scalp shows, DOMAIN §1.4 [DMATCH], §13.1 row 13 [40]);
// - its diffuse shadow in the skin's tone grid;
// - its shafts out of the skin: 1–4 hairs (DOMAIN §1.3 mix), each leaving at its follicle's angle along the scalp's
//   flow (streaming from the crown whorl, forward on the top, down and back at the sides and nape, DOMAIN §1.6), each
//   its own length, width, bend and shade from a hash of its position and the design's seed; long hair as locks lying
//   from a centre parting over the scalp (thin where the hair is thin, so dots show in the parting and between hairs).
// Everything a hair puts on screen is a soft segment (`HairSegments`, hair-marks.ts), painted by that module's one
// kernel, which the studio's WebGL2 preview mirrors. A hair shows
// only where the view's own test (`projectInto`) shows its scalp point, so whatever the view hides hides the hair.

import { skinLinearRgb } from '../appearance/skin-palette.ts'
import { dcos, dsin, smoothstep } from '../math/det-math.ts'
import { fmix32, hashPoint } from '../math/hash.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design, HairColor, HairLength, HairLook } from '../model/design.ts'
import { copyMarks, type HairSegments, pushMark, reachAtLeast, resetMarks, stampHair } from './hair-marks.ts'
import { GRID, splatTone, type ToneGrid } from './tone-grid.ts'
import { projectInto, type View } from './view.ts'

/** Remaining hair follicles (follicular units), chart mm. */
export interface HairPoints {
  count: number
  x: Float32Array
  y: Float32Array
}

/** What the preview assumes when a design carries no hair: brown, clipped to a buzz cut (the presets' shade 35). */
export const DEFAULT_HAIR: HairLook = { color: 'brown', length: 'buzz' }

/** The design's remaining hair, or the default. */
export function hairLook(design: Design): HairLook {
  return design.hair ?? DEFAULT_HAIR
}

/**
 * Linear sRGB of a hair shaft by colour [assumption: melanin-dark to pheomelanin-red fibres and unpigmented white, set
 * by eye against hair swatches]; grey is a mix of pigmented and white hairs (salt and pepper), see `shaftColor`.
 */
const SHAFT: Record<HairColor, readonly [number, number, number]> = {
  black: [0.014, 0.012, 0.011],
  'dark-brown': [0.028, 0.02, 0.015],
  brown: [0.055, 0.036, 0.024],
  'light-brown': [0.12, 0.08, 0.048],
  blonde: [0.3, 0.22, 0.13],
  red: [0.19, 0.07, 0.032],
  grey: [0.05, 0.045, 0.04],
  white: [0.6, 0.58, 0.55],
}
/** Share of white hairs in grey hair [assumption]. */
const GREY_WHITE_SHARE = 0.55

/**
 * How long the shaft shows out of the skin, mm [assumption]: shaved, a razor or foil shave a day or two old (hair grows
 * ~0.35 mm a day); buzz, a 0–0.5 clipper guard as SMP clients keep the fringe; short, a few mm to 2 cm; long, locks of
 * 4.5–8 cm lying along the hair's flow (longer hair falls below what a view draws).
 */
const SHAFT_MM: Record<HairLength, readonly [number, number]> = {
  shaved: [0.08, 0.35],
  buzz: [0.4, 1.2],
  short: [8, 20],
  long: [45, 80],
}
/** Segments per shaft, so longer hair can bend as it lies. */
const SEGMENTS: Record<HairLength, number> = { shaved: 1, buzz: 1, short: 4, long: 9 }
/** Angle at which the shaft leaves the skin, radians, ± the spread [assumption: scalp hair exits at ~25–55°]. */
const EXIT_ANGLE = 0.7
const EXIT_SPREAD = 0.3
/** How far longer hair's elevation falls per mm as it bends over to lie on the hair beneath [assumption]. */
const BEND_PER_MM: Record<HairLength, number> = { shaved: 0, buzz: 0, short: 0.12, long: 0.25 }
/** Height over the skin of the layer longer hair lies in, mm: short hair a thin layer, long hair gains volume. */
const LAYER_MM: Record<HairLength, readonly [number, number]> = {
  shaved: [1, 1],
  buzz: [2, 2],
  short: [1.2, 3],
  long: [1.5, 7],
}
/** Terminal hair shaft diameter, mm: 67–120 µm (DOMAIN §13 [3]; §1.4 60–140 µm). */
const WIDTH_MM = [0.067, 0.12] as const
/** Opacity of one shaft (a hair is not quite opaque at its edges and tip) [assumption]. */
const SHAFT_ALPHA = 0.88
/**
 * Long hair is drawn in locks: one lock per follicular unit, as wide as its hairs lying side by side, and only this share
 * of the units (a wider lock for each one left out, so the cover stays), which keeps the pass fast [assumption].
 */
const LOCK_SHARE = 0.3
/** From this scale on (px per mm) single hairs are drawn, long hair too: a shaft is over a pixel wide. */
const RESOLVED_PX_PER_MM = 12
/** A lock's opacity: its hairs let the skin show between them [assumption]. */
const LOCK_ALPHA = [0.45, 0.8] as const
/** The follicle under the skin: length and width seen through the epidermis, blur and contrast [assumption]. */
const FOLLICLE_MM = 0.55
const FOLLICLE_WIDTH_MM = 0.085
const FOLLICLE_BLUR_MM = 0.1
const FOLLICLE_CONTRAST = 0.3
const FOLLICLE_RGB = [0.03, 0.03, 0.03] as const
/**
 * Diffuse shadow of one follicular unit in the skin, OD·mm², for brown hair on type III skin, scaled by how dark the
 * hair is against the skin [assumption: ~0.27 OD at 85 FU/cm², set so brown hair clipped to a buzz cut keeps the
 * fringe tone the healed dots are matched to, its shafts now drawn as 1–4 hairs per unit].
 */
const HAIR_TONE = 0.32
/** Under long hair what shows between the strands is more hair, below: a deeper shadow where hair is full [assumption]. */
const LONG_TONE = 4
/** How far along the flow from the root that deeper shadow falls, mm (under the lying hair) [assumption]. */
const LONG_TONE_MM = 12
/** FU composition, DOMAIN §0 "caucasian" profile: 20 % one hair, 45 % two, 30 % three, 5 % four. */
const FU_CUMULATIVE = [0.2, 0.65, 0.95, 1] as const
/** Light on the hair, as skin.ts lights the scalp: a key from the upper left, a little behind the camera. */
const AMBIENT = 0.3
const DIFFUSE = 0.8
/** Kajiya–Kay sheen along a lying strand [assumption: a soft band, mostly the light's colour, partly the hair's]. */
const SHEEN = 0.06
/**
 * Where the centre parting of long hair runs: the midline, wandering ±1.5 mm with a 6 cm period [assumption]; female
 * pattern loss is judged at and widens this part (DOMAIN §3.6, Ludwig II "widened part; scalp visible", Sinclair).
 */
const PARTING_WANDER_MM = 1.5

/** Random unit in [0, 1) from 16 bits of h. */
function unit16(h: number, shift: number): number {
  return ((h >>> shift) & 0xffff) / 65536
}

/** How dark a shaft of this colour is against skin of this Fitzpatrick type, 0…1 (by luminance). */
function darkness(color: readonly [number, number, number], skinY: number): number {
  const y = 0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2]
  return Math.max(0, 1 - y / Math.max(skinY, 1e-3))
}

const _skin = new Float64Array(3)
function skinLuminance(design: Design): number {
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  return 0.2126 * _skin[0] + 0.7152 * _skin[1] + 0.0722 * _skin[2]
}

/** Skin luminance of type III and the darkness of brown on it: the tone's reference. */
const REFERENCE_DARKNESS = /*@__PURE__*/ (() => {
  skinLinearRgb(3, _skin)
  return darkness(SHAFT.brown, 0.2126 * _skin[0] + 0.7152 * _skin[1] + 0.0722 * _skin[2])
})()

/** The mean colour of a follicle's hairs as seen from afar (grey: its mix of white and pigmented hairs). */
function meanShaft(color: HairColor): readonly [number, number, number] {
  if (color !== 'grey') return SHAFT[color]
  const w = SHAFT.white
  const p = SHAFT.grey
  const k = GREY_WHITE_SHARE
  return [k * w[0] + (1 - k) * p[0], k * w[1] + (1 - k) * p[1], k * w[2] + (1 - k) * p[2]]
}

/** Adds each follicular unit's diffuse shadow (its shafts under the skin) to the tone grid. */
export function toneHair(view: View, design: Design, hair: HairPoints, tone: ToneGrid): void {
  const look = hairLook(design)
  const k = (HAIR_TONE * darkness(meanShaft(look.color), skinLuminance(design))) / REFERENCE_DARKNESS
  if (!(k > 0)) return
  // the deeper shadow stands for locks not drawn, where they lie (along the flow from the root, so none falls on the
  // forehead or in the parting); where single hairs are drawn, they cast it themselves
  const deep = look.length === 'long' && view.pxPerMm < RESOLVED_PX_PER_MM ? (LONG_TONE - 1) * k : 0
  for (let i = 0; i < hair.count; i++) {
    const u = hair.x[i]
    const v = hair.y[i]
    if (!projectInto(view, u, v, _proj)) continue
    const od = (k * _proj[2] * _proj[2] * _proj[3]) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od, od, od)
    if (deep === 0) continue
    flow(design, true, u, v, _dir)
    if (!projectInto(view, u + _dir[0] * LONG_TONE_MM, v + _dir[1] * LONG_TONE_MM, _tip)) continue
    const odDeep = (deep * _tip[2] * _tip[2] * _tip[3]) / (GRID * GRID)
    splatTone(tone, _tip[0], _tip[1], odDeep, odDeep, odDeep)
  }
}

const _proj = new Float64Array(6)
const _tip = new Float64Array(6)
const _dir = new Float64Array(2)

/**
 * The direction hair grows along the scalp at chart (u, v), a unit chart vector into out. Short hair streams from the
 * crown whorl, turning with it (strongly near its centre, DOMAIN §1.6 [WHORL-T]), forward over the top and down and back
 * over the sides and nape [assumption on the usual pattern]; long hair lies away from a centre parting in front of the
 * crown and falls down the back behind it.
 */
function flow(design: Design, long: boolean, u: number, v: number, out: Float64Array): void {
  const [cu, cv] = design.crown.center
  let du = u - cu
  let dv = v - cv
  const r = Math.sqrt(du * du + dv * dv)
  if (r < 1e-6) {
    du = 0
    dv = 1
  } else {
    du /= r
    dv /= r
  }
  // the whorl: hair near its centre runs round it, farther out nearly straight away from it
  const turn = (design.crown.clockwise ? -1 : 1) * (0.2 + 1.1 / (1 + (r / 18) * (r / 18)))
  const ct = dcos(turn)
  const st = dsin(turn)
  let sx = du * ct - dv * st
  let sy = du * st + dv * ct
  const rho = Math.sqrt(u * u + v * v)
  if (long) {
    // away from the parting and a little back, in front of the crown
    const parting = PARTING_WANDER_MM * dsin(v / 9.5)
    const side = u >= parting ? 1 : -1
    const w = smoothstep(cv - 8, cv + 18, v)
    // combed off the face: more backward towards the front hairline
    const back = 0.28 + 0.5 * smoothstep(30, 80, v)
    sx = (1 - w) * sx + w * side
    sy = (1 - w) * sy - w * back
  } else if (rho > 1e-6) {
    // over the sides and the back: down the head, the sides turned back
    const gu = u / rho
    const gv = v / rho
    const sideways = Math.abs(gu)
    let du2 = gu
    let dv2 = gv - 0.5 * sideways
    const l2 = Math.sqrt(du2 * du2 + dv2 * dv2)
    du2 /= l2
    dv2 /= l2
    const w = smoothstep(45, 85, rho)
    sx = (1 - w) * sx + w * du2
    sy = (1 - w) * sy + w * dv2
  }
  const l = Math.sqrt(sx * sx + sy * sy)
  out[0] = l > 1e-9 ? sx / l : 0
  out[1] = l > 1e-9 ? sy / l : 1
}

/** The pull of gravity along the scalp at (u, v), chart units into out: down the head, never over the face. */
function gravity(view: View, u: number, v: number, out: Float64Array): void {
  const rho = Math.sqrt(u * u + v * v)
  if (rho < 1e-6) {
    out[0] = 0
    out[1] = 0
    return
  }
  // the tangential share of gravity grows with the polar angle (sin θ, θ = ρ/k)
  const s = dsin(Math.min(rho / view.head.k, 1.5))
  out[0] = (u / rho) * s
  // long hair is worn off the face: no pull towards it
  out[1] = Math.min(v / rho, 0) * s
}

/** Light direction in the head frame for this view, as skin.ts places its key light. */
function lightOf(view: View, out: Float64Array): boolean {
  if (view.name === 'chart') return false
  const { right, up, forward } = view
  const lx = -0.4 * right[0] + 0.6 * up[0] - 0.7 * forward[0]
  const ly = -0.4 * right[1] + 0.6 * up[1] - 0.7 * forward[1]
  const lz = -0.4 * right[2] + 0.6 * up[2] - 0.7 * forward[2]
  const l = Math.sqrt(lx * lx + ly * ly + lz * lz)
  out[0] = lx / l
  out[1] = ly / l
  out[2] = lz / l
  return true
}

const _light = new Float64Array(3)
const _half = new Float64Array(3)
const _n = new Float64Array(3)

/**
 * How brightly the hair at the last projected point is lit (in _p: its screen normal), and its sheen for a strand
 * running along screen direction (sx, sy): [diffuse factor, sheen] into out.
 */
function lighting(view: View, lit: boolean, p: Float64Array, sx: number, sy: number, out: Float64Array): void {
  if (!lit) {
    out[0] = 0.95
    out[1] = 0
    return
  }
  const { right, up, forward } = view
  // the normal in the head frame from its screen components (it faces the camera)
  const nr = p[4]
  const nd = p[5]
  const nf = -Math.sqrt(Math.max(0, 1 - nr * nr - nd * nd))
  for (let c = 0; c < 3; c++) _n[c] = nr * right[c] - nd * up[c] + nf * forward[c]
  const ndl = _n[0] * _light[0] + _n[1] * _light[1] + _n[2] * _light[2]
  out[0] = AMBIENT + DIFFUSE * Math.max(0, (ndl + 0.35) / 1.35)
  out[1] = 0
  const sl = Math.sqrt(sx * sx + sy * sy)
  if (sl < 1e-6) return
  // the strand's tangent: its screen direction, made tangent to the scalp
  let tx = (sx * right[0] - sy * up[0]) / sl
  let ty = (sx * right[1] - sy * up[1]) / sl
  let tz = (sx * right[2] - sy * up[2]) / sl
  const tn = tx * _n[0] + ty * _n[1] + tz * _n[2]
  tx -= tn * _n[0]
  ty -= tn * _n[1]
  tz -= tn * _n[2]
  const tl = Math.sqrt(tx * tx + ty * ty + tz * tz)
  if (tl < 1e-6) return
  const th = (tx * _half[0] + ty * _half[1] + tz * _half[2]) / tl
  const s2 = Math.max(0, 1 - th * th)
  // sin(T, H)^40
  const s4 = s2 * s2
  const s8 = s4 * s4
  const s16 = s8 * s8
  out[1] = SHEEN * s16 * s4 * Math.max(0, ndl + 0.2)
}

const _lit = new Float64Array(2)
const _rgb = new Float64Array(3)
const _pull = new Float64Array(2)

/** One hair's (or lock's) colour before light: its colour, a little lighter or darker than its neighbours. */
function shaftColor(color: HairColor, h: number, out: Float64Array): void {
  let base = SHAFT[color]
  if (color === 'grey' && unit16(h, 0) < GREY_WHITE_SHARE) base = SHAFT.white
  // each hair its own shade: ±20 % [assumption], warmer when lighter
  const f = 0.8 + 0.4 * unit16(h, 16)
  out[0] = base[0] * f * (0.97 + 0.06 * unit16(h, 8))
  out[1] = base[1] * f
  out[2] = base[2] * f * (0.97 + 0.06 * unit16(h, 4))
}

/**
 * Each remaining hair's marks on screen for this view: the follicles under the skin, then the shafts (long hair
 * ordered from the lowest roots up, so hair from the parting lies over hair from below). The same hair gets the same
 * length, width, angle, bend and shade in every view, from its position and the design's seed: a drag that
 * re-samples some hairs leaves the others as they were. Returns fresh arrays.
 */
export function hairSegments(view: View, design: Design, hair: HairPoints): HairSegments {
  resetMarks()
  const look = hairLook(design)
  const long = look.length === 'long'
  const seed = deriveSeed(design.seed, 'hair-render')
  const skinY = skinLuminance(design)
  const lit = lightOf(view, _light)
  if (lit) {
    // half vector between the light and the direction to the camera (for the sheen)
    const hx = _light[0] - view.forward[0]
    const hy = _light[1] - view.forward[1]
    const hz = _light[2] - view.forward[2]
    const hl = Math.sqrt(hx * hx + hy * hy + hz * hz)
    _half[0] = hx / hl
    _half[1] = hy / hl
    _half[2] = hz / hl
  }
  // the follicles under the skin, first: everything else lies over them
  const fk = FOLLICLE_CONTRAST * darkness(meanShaft(look.color), skinY)
  if (fk > 0.01) {
    for (let i = 0; i < hair.count; i++) {
      const u = hair.x[i]
      const v = hair.y[i]
      if (!projectInto(view, u, v, _proj)) continue
      if (_proj[3] < 0.05) continue
      const h = hashPoint(seed, u, v)
      const hairs = fuSize(h)
      flow(design, long, u, v, _dir)
      if (!projectInto(view, u - _dir[0] * FOLLICLE_MM, v - _dir[1] * FOLLICLE_MM, _tip)) continue
      const pxmm = _proj[2]
      const blur = Math.max(1, FOLLICLE_BLUR_MM * pxmm)
      const hw = 0.5 * FOLLICLE_WIDTH_MM * Math.sqrt(hairs) * pxmm * (0.85 + 0.3 * unit16(h, 3))
      pushMark(_tip[0], _tip[1], _proj[0], _proj[1], hw, blur, FOLLICLE_RGB[0], FOLLICLE_RGB[1], FOLLICLE_RGB[2], fk, 1)
    }
  }
  // long hair in locks unless the view resolves single hairs (a close-up)
  const locks = long && view.pxPerMm < RESOLVED_PX_PER_MM
  const order = long ? rootOrder(hair) : null
  // a hair whose follicle is farther off the image than the hair is long cannot reach it
  const farthest = SHAFT_MM[look.length][1] + LAYER_MM[look.length][1]
  for (let o = 0; o < hair.count; o++) {
    const i = order === null ? o : order[o]
    const u = hair.x[i]
    const v = hair.y[i]
    if (!projectInto(view, u, v, _proj)) continue
    const margin = farthest * _proj[2] + 4
    if (_proj[0] < -margin || _proj[1] < -margin || _proj[0] > view.width + margin || _proj[1] > view.height + margin)
      continue
    const h = hashPoint(seed, u, v)
    const hairs = fuSize(h)
    if (locks && unit16(fmix32(h ^ 0x2545f491), 0) >= LOCK_SHARE) continue
    flow(design, long, u, v, _dir)
    const fx = _dir[0]
    const fy = _dir[1]
    if (locks) {
      strand(view, design, look, lit, u, v, fx, fy, h, hairs, 0)
      continue
    }
    for (let k = 0; k < hairs; k++)
      strand(view, design, look, lit, u, v, fx, fy, fmix32(h + Math.imul(k + 1, 0x9e3779b9)), 0, k)
  }
  const out = copyMarks()
  return out
}

/** Hairs in the follicular unit with hash h (DOMAIN §0 mix). */
function fuSize(h: number): number {
  const x = unit16(h, 12)
  let n = 0
  while (n < 3 && x >= FU_CUMULATIVE[n]) n++
  return n + 1
}

/** The follicles' order for long hair: farthest from the vertex first (roots lower on the head lie under). */
function rootOrder(hair: HairPoints): Uint32Array {
  const key = new Float64Array(hair.count)
  const order = new Uint32Array(hair.count)
  for (let i = 0; i < hair.count; i++) {
    key[i] = hair.x[i] * hair.x[i] + hair.y[i] * hair.y[i]
    order[i] = i
  }
  return order.sort((a, b) => key[b] - key[a] || a - b)
}

/**
 * One shaft (or a lock of `lock` hairs, 0 for a single hair) from the follicle at chart (u0, v0), projected in _proj,
 * where the flow is (fx, fy): out of the skin at its angle, then bending over to lie along the flow at the height of the
 * hair layer. Hair `k` of its unit fans a little.
 */
function strand(
  view: View,
  design: Design,
  look: HairLook,
  lit: boolean,
  u0: number,
  v0: number,
  fx: number,
  fy: number,
  h: number,
  lock: number,
  k: number
): void {
  const length = look.length
  const long = length === 'long'
  const h2 = fmix32(h ^ 0x5bd1e995)
  const [lo, hi] = SHAFT_MM[length]
  const total = lo + (hi - lo) * unit16(h, 0)
  const widthMm = WIDTH_MM[0] + (WIDTH_MM[1] - WIDTH_MM[0]) * unit16(h2, 0)
  // a lock: its hairs side by side, widened for the units not drawn; a lock lets skin show between its hairs
  const lockWidth = lock > 0 ? widthMm * Math.sqrt(lock / LOCK_SHARE) * 1.6 : widthMm
  const alpha = lock > 0 ? LOCK_ALPHA[0] + (LOCK_ALPHA[1] - LOCK_ALPHA[0]) * unit16(h2, 16) : SHAFT_ALPHA
  // the follicle's own angle: ±14° about the flow, and the hairs of a unit fanned ±8° [assumption]
  const turn = (unit16(h, 16) - 0.5) * 0.5 + (k === 0 ? 0 : (k & 1 ? 1 : -1) * 0.09 * ((k + 1) >> 1))
  const ct = dcos(turn)
  const st = dsin(turn)
  let dx = fx * ct - fy * st
  let dy = fx * st + fy * ct
  let elevation = EXIT_ANGLE + (unit16(h2, 8) - 0.5) * EXIT_SPREAD * 2
  // the hair's own curl per mm, a gentle wave for long hair
  const curl = (unit16(h2, 4) - 0.5) * (long ? 0.05 : 0.12)
  const parts = SEGMENTS[length]
  const step = total / parts
  const bend = BEND_PER_MM[length] * step
  const [layer0, layer1] = LAYER_MM[length]
  shaftColor(look.color, h2, _rgb)
  // the sheen's colour share: the hair's own (a secondary highlight through the fibre), relative to its brightness
  const tint = 8 / (1 + 40 * (_rgb[0] + _rgb[1] + _rgb[2]))
  const x0 = _proj[0]
  const y0 = _proj[1]
  let ax = x0
  let ay = y0
  let u = u0
  let v = v0
  let height = 0
  let reach = 0
  const cc = parts > 1 ? dcos(curl * step) : 1
  const cs = parts > 1 ? dsin(curl * step) : 0
  for (let p = 0; p < parts; p++) {
    const ce = dcos(elevation)
    const se = dsin(elevation)
    u += dx * step * ce
    v += dy * step * ce
    height += step * se
    const layer = layer0 + (layer1 - layer0) * ((p + 1) / parts)
    if (height > layer) height = layer
    if (!projectInto(view, u, v, _tip)) break
    const pxmm = _tip[2]
    const bx = _tip[0] + height * pxmm * _tip[4]
    const by = _tip[1] + height * pxmm * _tip[5]
    lighting(view, lit, _tip, bx - ax, by - ay, _lit)
    const shade = _lit[0]
    const sheen = _lit[1]
    pushMark(
      ax,
      ay,
      bx,
      by,
      0.5 * lockWidth * pxmm,
      1,
      Math.min(1, _rgb[0] * (shade + sheen * tint) + sheen),
      Math.min(1, _rgb[1] * (shade + sheen * tint) + sheen * 0.92),
      Math.min(1, _rgb[2] * (shade + sheen * tint) + sheen * 0.8),
      alpha,
      p === 0 ? 1 : 0
    )
    const ex = bx - x0
    const ey = by - y0
    const d = Math.sqrt(ex * ex + ey * ey) + 0.5 * lockWidth * pxmm + 1
    if (d > reach) reach = d
    ax = bx
    ay = by
    // bend over towards lying flat, turn with the curl and, lying, with gravity
    elevation -= bend
    if (elevation < 0) elevation = 0
    const rx = dx * cc - dy * cs
    dy = dx * cs + dy * cc
    dx = rx
    if (bend > 0) {
      gravity(view, u, v, _pull)
      dx += _pull[0] * 0.3
      dy += _pull[1] * 0.3
      // and back towards the flow where it lies
      flow(design, long, u, v, _dir)
      dx += _dir[0] * 0.15
      dy += _dir[1] * 0.15
      const l = Math.sqrt(dx * dx + dy * dy)
      if (l > 1e-9) {
        dx /= l
        dy /= l
      }
    }
  }
  reachAtLeast(reach)
}

/** Draws the remaining hair of `design` into the buffer (the hair pass of renderPreview). */
export function renderHair(view: View, design: Design, hair: HairPoints, px32: Int32Array): void {
  if (hair.count === 0) return
  stampHair(view, hairSegments(view, design, hair), px32)
}
