// The preview renderer: skin, then every dot of sessions 1..k at its own age (anti-aliased ellipses blended in linear
// light, with the scattering blur in each dot's soft edge), then the remaining hair as stubble, then the "Simulated" mark.

import {
  BLOWOUT_DEPTH_MM,
  dotOptics,
  parseDilution,
  pigmentConcentration,
  SHADE_STEP,
  STANDARD_DILUTION,
} from '../appearance/pigment.ts'
import { skinLinearRgb } from '../appearance/skin-palette.ts'
import { dotStateAt, fadeTimeConstant, previewDay, sessionDay } from '../appearance/time.ts'
import { deriveSeed, fmix32 } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import type { DotBuffer } from '../model/dots.ts'
import type { Placement } from '../placement/place-dots.ts'
import { drawSimulatedMark } from './mark.ts'
import { bandOrder, LITTLE_ENDIAN, pixelWords, stampDisc, stampEllipse, stampSegment } from './raster.ts'
import { blurTone, createToneGrid, GRID, renderSkin, splatTone, type ToneGrid, toneBlurPasses } from './skin.ts'
import { type ChartWindow, createView, projectInto, VIEW_NAMES, type View, type ViewName } from './view.ts'

export type Stage = 'fresh' | 'healed'

export interface RenderOptions {
  view: ViewName
  /** Show the result after this session (1-based); default the last. */
  session?: number
  /** 'fresh': the day after that session; 'healed' (default): healed, plus `years`. */
  stage?: Stage
  /** Years after healing (healed stage only); default 0. */
  years?: number
  width: number
  height: number
  /** Days from the first session to each session; default every 14 days (DOMAIN §0). */
  sessionDays?: readonly number[]
  /** Chart view only: show this window of the chart close up instead of the whole chart. */
  closeUp?: ChartWindow
}

/** A caller-owned RGBA image, the shape of ImageData. */
export interface RgbaTarget {
  width: number
  height: number
  data: Uint8ClampedArray
}

/** Remaining hair follicles, chart mm. */
export interface HairPoints {
  count: number
  x: Float32Array
  y: Float32Array
}

export interface RenderIssue {
  path: string
  message: string
}

export type RenderResult = { ok: true } | { ok: false; issues: RenderIssue[] }

/** Largest image side, px: 4000×3000 and more pass; 100000 does not. */
export const MAX_RENDER_SIDE = 8192
export const MIN_RENDER_SIDE = 16
/** Longest fading horizon, years. */
export const MAX_YEARS = 30

/** Problems with render options for a design (empty when they are valid), with the option's name as path. */
export function checkRenderOptions(design: Design, options: RenderOptions, target?: RgbaTarget): RenderIssue[] {
  const issues: RenderIssue[] = []
  const n = design.sessions.length
  if (!VIEW_NAMES.includes(options.view))
    issues.push({ path: 'view', message: `must be one of ${VIEW_NAMES.join(', ')}` })
  if (
    options.session !== undefined &&
    !(Number.isInteger(options.session) && options.session >= 1 && options.session <= n)
  )
    issues.push({ path: 'session', message: `must be a whole number from 1 to ${n} (the design has ${n} sessions)` })
  if (options.stage !== undefined && options.stage !== 'fresh' && options.stage !== 'healed')
    issues.push({ path: 'stage', message: "must be 'fresh' or 'healed'" })
  const years = options.years ?? 0
  if (!(Number.isFinite(years) && years >= 0 && years <= MAX_YEARS))
    issues.push({ path: 'years', message: `must be a number from 0 to ${MAX_YEARS}` })
  else if (years > 0 && options.stage === 'fresh')
    issues.push({ path: 'years', message: "applies to the healed stage only; use stage 'healed'" })
  for (const key of ['width', 'height'] as const) {
    const v = options[key]
    if (!(Number.isInteger(v) && v >= MIN_RENDER_SIDE && v <= MAX_RENDER_SIDE))
      issues.push({
        path: key,
        message: `must be a whole number of pixels from ${MIN_RENDER_SIDE} to ${MAX_RENDER_SIDE}`,
      })
  }
  if (options.sessionDays !== undefined) {
    const d = options.sessionDays
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i]) || d[i] < 0 || (i > 0 && d[i] < d[i - 1]))
        issues.push({
          path: `sessionDays.${i}`,
          message: 'must be a non-decreasing number of days from the first session',
        })
    }
  }
  design.sessions.forEach((s, i) => {
    if (parseDilution(s.dilution) === null)
      issues.push({ path: `design.sessions.${i}.dilution`, message: `'${s.dilution}' is not a dilution like 1:25` })
  })
  if (options.closeUp !== undefined) {
    const w = options.closeUp
    if (options.view !== 'chart') issues.push({ path: 'closeUp', message: "applies to the 'chart' view only" })
    if (!(Number.isFinite(w.u) && Number.isFinite(w.v) && w.widthMm > 0 && w.widthMm <= 1000))
      issues.push({ path: 'closeUp', message: 'needs a finite centre and a width from 0 to 1000 mm' })
  }
  if (target !== undefined && (target.width !== options.width || target.height !== options.height))
    issues.push({
      path: 'target',
      message: `is ${target.width}×${target.height}, options ask ${options.width}×${options.height}`,
    })
  if (target !== undefined && target.data.length !== target.width * target.height * 4)
    issues.push({ path: 'target.data', message: 'must hold width × height × 4 bytes' })
  if (!LITTLE_ENDIAN) issues.push({ path: 'target', message: 'this renderer needs a little-endian platform' })
  return issues
}

/**
 * Renders a preview of a placed design (its dots and remaining hair) into `target` (RGBA, sRGB), always marked
 * "Simulated". Invalid options leave the target untouched and come back as issues.
 * @example
 *   const placed = placeDots(design)
 *   const target = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4) }
 *   if (placed.ok) renderPreview(placed, { view: 'top', stage: 'healed', years: 5, width: 1024, height: 1024 }, target)
 */
export function renderPreview(placement: Placement, options: RenderOptions, target: RgbaTarget): RenderResult {
  const { design, dots, hair } = placement
  const issues = checkRenderOptions(design, options, target)
  if (issues.length > 0) return { ok: false, issues }
  const view = createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const px32 = pixelWords(target.data)
  const tone = createToneGrid(view.width, view.height)
  const n = prepareDots(view, design, dots, options, tone)
  toneHair(view, hair, tone)
  blurTone(tone, (diffusionMm(design.pigment.depthMm) * view.pxPerMm) / GRID)
  renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, tone)
  stampDots(view, n, px32)
  renderHair(view, design, hair, px32)
  drawSimulatedMark(target)
  return { ok: true }
}

/**
 * The inputs of a preview's raster passes, for a rasteriser elsewhere (the studio's WebGL2 path) that must agree with
 * renderPreview: every ellipse stampEllipse would draw (dots and fresh halos, in their parameters), the diffuse tone
 * per shading-grid node, and the hair segments stampSegment would draw. The skin comes from `renderSkinBase`.
 */
export interface PreviewLayers {
  view: View
  ellipses: {
    count: number
    /** Centre, px (pixel centres at +0.5); minor radius, px; major/minor; unit major axis; edge ramp width, px. */
    cx: Float32Array
    cy: Float32Array
    rMinor: Float32Array
    ratio: Float32Array
    ex: Float32Array
    ey: Float32Array
    edge: Float32Array
    /** Absorption per channel in [0, 1] (alpha is 1). */
    absorbR: Float32Array
    absorbG: Float32Array
    absorbB: Float32Array
  }
  /**
   * Optical density per shading-grid node (gx × gy nodes GRID px apart, node (0, 0) at pixel centre 0.5); `reach`:
   * how far, in px, a dot's or hair's tone can show from where it stands (its splat, the blur's passes, and the
   * interpolation between nodes), so a change of dots within a region changes no pixel farther than that from it.
   */
  tone: {
    gx: number
    gy: number
    grid: number
    any: boolean
    reach: number
    r: Float32Array
    g: Float32Array
    b: Float32Array
  }
  hair: {
    count: number
    ax: Float64Array
    ay: Float64Array
    bx: Float64Array
    by: Float64Array
    /** Half-width, px; opacity and linear colour are shared. */
    hw: Float64Array
    alpha: number
    color: readonly [number, number, number]
  }
}

export type PreviewLayersResult = { ok: true; layers: PreviewLayers } | { ok: false; issues: RenderIssue[] }

/** The raster inputs renderPreview would use for these options (see PreviewLayers); `view` may replace the named camera. */
export function previewLayers(placement: Placement, options: RenderOptions, view?: View): PreviewLayersResult {
  const { design, dots, hair } = placement
  const issues = checkRenderOptions(design, options)
  if (issues.length > 0) return { ok: false, issues }
  const v = view ?? createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const tone = createToneGrid(v.width, v.height)
  const n = prepareDots(v, design, dots, options, tone)
  toneHair(v, hair, tone)
  const sigmaCells = (diffusionMm(design.pigment.depthMm) * v.pxPerMm) / GRID
  blurTone(tone, sigmaCells)
  let halos = 0
  for (let i = 0; i < n; i++) if (_halo[_cell[i] >> 8] > 0) halos++
  const m = n + halos
  const e = {
    count: m,
    cx: new Float32Array(m),
    cy: new Float32Array(m),
    rMinor: new Float32Array(m),
    ratio: new Float32Array(m),
    ex: new Float32Array(m),
    ey: new Float32Array(m),
    edge: new Float32Array(m),
    absorbR: new Float32Array(m),
    absorbG: new Float32Array(m),
    absorbB: new Float32Array(m),
  }
  let o = 0
  for (let i = 0; i < n; i++) {
    const cell = _cell[i]
    const halo = _halo[cell >> 8]
    if (halo > 0) {
      const r = 2 * _rm[i]
      e.cx[o] = _sx[i]
      e.cy[o] = _sy[i]
      e.rMinor[o] = r
      e.ratio[o] = _ratio[i]
      e.ex[o] = _ex[i]
      e.ey[o] = _ey[i]
      e.edge[o] = r
      e.absorbR[o] = 0
      e.absorbG[o] = 0.16 * halo
      e.absorbB[o] = 0.14 * halo
      o++
    }
    e.cx[o] = _sx[i]
    e.cy[o] = _sy[i]
    e.rMinor[o] = _rm[i]
    e.ratio[o] = _ratio[i]
    e.ex[o] = _ex[i]
    e.ey[o] = _ey[i]
    e.edge[o] = _edge[i]
    e.absorbR[o] = _absorb[cell * 3]
    e.absorbG[o] = _absorb[cell * 3 + 1]
    e.absorbB[o] = _absorb[cell * 3 + 2]
    o++
  }
  const nodes = tone.gx * tone.gy
  const toneOut = {
    gx: tone.gx,
    gy: tone.gy,
    grid: GRID,
    any: tone.any,
    // the splat's 2 × 2 nodes, a node per blur pass, and the interpolation's next node
    reach: (toneBlurPasses(tone, sigmaCells) + 3) * GRID,
    r: tone.r.slice(0, nodes),
    g: tone.g.slice(0, nodes),
    b: tone.b.slice(0, nodes),
  }
  return { ok: true, layers: { view: v, ellipses: e, tone: toneOut, hair: hairSegments(v, design, hair) } }
}

/** The view's background and lit scalp without any pigment or hair tone, into `target` (the first pass of a preview). */
export function renderSkinBase(design: Design, view: View, target: RgbaTarget): void {
  renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), pixelWords(target.data), null)
}

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
}

/** Blur σ in px → ramp width: a linear ramp of width w has the spread of a Gaussian of σ = w/√12, on top of 1 px AA. */
function edgeWidth(sigmaPx: number): number {
  return Math.sqrt(1 + 12 * sigmaPx * sigmaPx)
}

/**
 * Diffuse shadow per dot: its core's absorbed area × this gain [assumption, calibrated so a full 85/cm² field of 0.15 mm
 * shade-35 dots on type III reads ~30 % darker than bare skin from afar, near a shaved head's stubble shadow (~35 %)].
 */
const TONE_GAIN = 35
/** How far the diffuse shadow spreads, mm: light's diffusion length in the dermis, wider for deeper pigment [assumption]. */
function diffusionMm(depthMm: number): number {
  return 0.3 + 0.5 * depthMm + (depthMm > BLOWOUT_DEPTH_MM ? depthMm - BLOWOUT_DEPTH_MM : 0)
}
/** Diffuse shadow of one shaved hair (its shaft under the skin), OD·mm² [assumption: ~0.25 OD at 85 FU/cm²]. */
const HAIR_TONE = 0.45

/** Projects the dots of sessions 1..k into scratch arrays and their diffuse shadow into the tone grid; returns the count. */
function prepareDots(view: View, design: Design, dots: DotBuffer, options: RenderOptions, tone: ToneGrid): number {
  const sessions = Math.min(design.sessions.length, MAX_SESSIONS)
  if (sessions === 0 || dots.count === 0) return 0
  const k = (options.session ?? sessions) - 1
  const day = previewDay(k, options.stage ?? 'healed', options.years ?? 0, options.sessionDays)
  const tau = fadeTimeConstant(design.skin, design.pigment)
  const depth = design.pigment.depthMm
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  let sigmaMm = 0
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
    const od = (TONE_GAIN * Math.PI * rPigment * rPigment * cosi) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od * _absorb[cell * 3], od * _absorb[cell * 3 + 1], od * _absorb[cell * 3 + 2])
    n++
  }
  return n
}

function toneHair(view: View, hair: HairPoints, tone: ToneGrid): void {
  for (let i = 0; i < hair.count; i++) {
    if (!projectInto(view, hair.x[i], hair.y[i], _proj)) continue
    const od = (HAIR_TONE * _proj[2] * _proj[2] * _proj[3]) / (GRID * GRID)
    splatTone(tone, _proj[0], _proj[1], od, od * 1.02, od * 1.05)
  }
}

/** Stamps the n prepared dots, band by band. */
function stampDots(view: View, n: number, px32: Int32Array): void {
  const order = bandOrder(n, _sx, _sy, view.width, view.height)
  const { width, height } = view
  for (let o = 0; o < n; o++) {
    const i = order[o]
    const cell = _cell[i]
    const j = cell >> 8
    const halo = _halo[j]
    if (halo > 0) {
      // a faint redness around fresh impressions (DOMAIN §2.2, [DEL] day 1 redness): less green and blue
      const r = 2 * _rm[i]
      stampEllipse(px32, width, height, _sx[i], _sy[i], r, _ratio[i], _ex[i], _ey[i], r, 1, 0, 0.16 * halo, 0.14 * halo)
    }
    const a = cell * 3
    if (_ratio[i] < 1.001) {
      stampDisc(px32, width, height, _sx[i], _sy[i], _rm[i], _edge[i], 1, _absorb[a], _absorb[a + 1], _absorb[a + 2])
      continue
    }
    stampEllipse(
      px32,
      width,
      height,
      _sx[i],
      _sy[i],
      _rm[i],
      _ratio[i],
      _ex[i],
      _ey[i],
      _edge[i],
      1,
      _absorb[a],
      _absorb[a + 1],
      _absorb[a + 2]
    )
  }
}

/** Stubble [assumption: a shaved look, hairs 0.4–1.0 mm out of the skin]; shaft 75 µm (DOMAIN §0), reads dark grey [DMATCH]. */
const HAIR_LENGTH_MM = [0.4, 1.0] as const
const HAIR_WIDTH_MM = 0.075
const HAIR_R = 0.018
const HAIR_G = 0.016
const HAIR_B = 0.015
const HAIR_ALPHA = 0.9
const _tip = new Float64Array(6)

type HairSegments = PreviewLayers['hair']

const _hairBits = new Float32Array(2)
const _hairWords = new Uint32Array(_hairBits.buffer)

/** 32 random bits for the hair at chart (u, v), from its position's float32 bits and the seed. */
function hairHash(seed: number, u: number, v: number): number {
  _hairBits[0] = u
  _hairBits[1] = v
  return fmix32(fmix32(seed ^ (_hairWords[0] ?? 0)) ^ Math.imul(_hairWords[1] ?? 0, 0x9e3779b1))
}

/** Each hair's stubble as a segment on screen (the same random lengths and turns for every view). */
function hairSegments(view: View, design: Design, hair: HairPoints): HairSegments {
  const out: HairSegments = {
    count: 0,
    ax: new Float64Array(hair.count),
    ay: new Float64Array(hair.count),
    bx: new Float64Array(hair.count),
    by: new Float64Array(hair.count),
    hw: new Float64Array(hair.count),
    alpha: HAIR_ALPHA,
    color: [HAIR_R, HAIR_G, HAIR_B],
  }
  if (hair.count === 0) return out
  const seed = deriveSeed(design.seed, 'hair-render')
  const [ccx, ccy] = design.crown.center
  // hair streams away from the crown whorl and turns with it [WHORL-T]
  const turn = (design.crown.clockwise ? -1 : 1) * 0.45
  const ct = Math.cos(turn)
  const st = Math.sin(turn)
  let n = 0
  for (let i = 0; i < hair.count; i++) {
    const u = hair.x[i]
    const v = hair.y[i]
    // a hair's length and turn belong to the hair (its position), not to its place in the buffer: a drag that
    // re-samples some hairs leaves every other hair's stubble as it was
    const h = hairHash(seed, u, v)
    const len = HAIR_LENGTH_MM[0] + (HAIR_LENGTH_MM[1] - HAIR_LENGTH_MM[0]) * ((h & 0xffff) / 65536)
    const wobble = ((h >>> 16) / 65536 - 0.5) * 0.6
    if (!projectInto(view, u, v, _proj)) continue
    let dx = u - ccx
    let dy = v - ccy
    const dl = Math.hypot(dx, dy)
    if (dl < 1e-6) {
      dx = 0
      dy = 1
    } else {
      dx /= dl
      dy /= dl
    }
    const rx = dx * ct - dy * st
    const ry = dx * st + dy * ct
    const wx = rx * Math.cos(wobble) - ry * Math.sin(wobble)
    const wy = rx * Math.sin(wobble) + ry * Math.cos(wobble)
    if (!projectInto(view, u + wx * len, v + wy * len, _tip)) continue
    out.ax[n] = _proj[0]
    out.ay[n] = _proj[1]
    out.bx[n] = _tip[0]
    out.by[n] = _tip[1]
    out.hw[n] = 0.5 * HAIR_WIDTH_MM * _proj[2]
    n++
  }
  out.count = n
  return out
}

function renderHair(view: View, design: Design, hair: HairPoints, px32: Int32Array): void {
  if (hair.count === 0) return
  const s = hairSegments(view, design, hair)
  for (let i = 0; i < s.count; i++)
    stampSegment(
      px32,
      view.width,
      view.height,
      s.ax[i],
      s.ay[i],
      s.bx[i],
      s.by[i],
      s.hw[i],
      HAIR_ALPHA,
      HAIR_R,
      HAIR_G,
      HAIR_B
    )
}
