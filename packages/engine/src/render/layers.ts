// A preview's raster inputs for another rasteriser (the studio's WebGL2 path): the same dots, tone and hair that
// renderPreview stamps, as arrays, and the bare skin as the first pass.

import { diffusionMm, prepareDots } from '../appearance/dot-appearance.ts'
import { skinLinearRgb } from '../appearance/skin-palette.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import { type HairSegments, hairFollicles, hairSegments, toneHair } from './hair.ts'
import { renderViewSkin } from './head-shading.ts'
import {
  checkRenderOptions,
  type PreviewPlacement,
  type RenderIssue,
  type RenderOptions,
  type RgbaTarget,
} from './options.ts'
import { pixelWords } from './raster.ts'
import { blurTone, createToneGrid, GRID, type ToneGrid, toneBlurPasses } from './tone-grid.ts'
import { createView, type View } from './view.ts'

/**
 * The inputs of a preview's raster passes, for a rasteriser elsewhere (the studio's WebGL2 path) that must agree with
 * renderPreview: every ellipse stampEllipse would draw (per dot its fresh halo, skirt and core; then the hair's shafts
 * under the skin), in the order renderPreview stamps them (by bandOrder), the diffuse tone
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
  hair: HairSegments
}

export type PreviewLayersResult = { ok: true; layers: PreviewLayers } | { ok: false; issues: RenderIssue[] }

/** The raster inputs renderPreview would use for these options (see PreviewLayers); `view` may replace the named camera. */
export function previewLayers(
  design: Design,
  placement: PreviewPlacement,
  options: RenderOptions,
  view?: View
): PreviewLayersResult {
  const issues = checkRenderOptions(design, options)
  if (issues.length > 0) return { ok: false, issues }
  const v = view ?? createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const built = buildLayers(v, design, placement, options)
  const tone = built.tone
  const nodes = tone.gx * tone.gy
  const toneOut = {
    gx: tone.gx,
    gy: tone.gy,
    grid: GRID,
    any: tone.any,
    // the splat's 2 × 2 nodes, a node per blur pass, and the interpolation's next node
    reach: (toneBlurPasses(tone, built.sigmaCells) + 3) * GRID,
    r: tone.r.slice(0, nodes),
    g: tone.g.slice(0, nodes),
    b: tone.b.slice(0, nodes),
  }
  return { ok: true, layers: { view: v, ellipses: built.ellipses, tone: toneOut, hair: built.hair } }
}

const _skin = new Float64Array(3)
/** Absorption of green and blue in a fresh dot's redness, at its strongest (day 1). */
const FRESH_RED_G = 0.3
const FRESH_RED_B = 0.24

/**
 * @internal Everything a preview stamps for checked options in view `v`: the ellipses (in stamping order), the blurred
 * tone (module scratch, valid until the next preview) and the hair's shafts.
 */
export function buildLayers(
  v: View,
  design: Design,
  placement: PreviewPlacement,
  options: RenderOptions
): { ellipses: PreviewLayers['ellipses']; tone: ToneGrid; sigmaCells: number; hair: HairSegments } {
  const tone = createToneGrid(v.width, v.height)
  const d = prepareDots(v, design, placement.dots, options, tone)
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  const skinY = 0.2126 * _skin[0] + 0.7152 * _skin[1] + 0.0722 * _skin[2]
  const sigmaPx = diffusionMm(design.pigment.depthMm) * v.pxPerMm
  toneHair(v, design, placement.hair, skinY, tone, GRID)
  const sigmaCells = sigmaPx / GRID
  blurTone(tone, sigmaCells)
  const f = hairFollicles(v, design, placement.hair, skinY)
  const n = d.count
  let halos = 0
  for (let i = 0; i < n; i++) if (d.halo[d.cell[i] >> 8] > 0) halos++
  // per dot: its fresh redness (if any), its skirt and its core; then every hair's shaft under the skin
  const m = 2 * n + halos + f.count
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
  const put = (i: number, r: number, edge: number, ar: number, ag: number, ab: number) => {
    e.cx[o] = d.sx[i]
    e.cy[o] = d.sy[i]
    e.rMinor[o] = r
    e.ratio[o] = d.ratio[i]
    e.ex[o] = d.ex[i]
    e.ey[o] = d.ey[i]
    e.edge[o] = edge
    e.absorbR[o] = ar
    e.absorbG[o] = ag
    e.absorbB[o] = ab
    o++
  }
  for (let i = 0; i < n; i++) {
    const cell = d.cell[i]
    const halo = d.halo[cell >> 8]
    if (halo > 0) {
      // redness round fresh impressions (DOMAIN §2.2 [DEL] day 1 redness, §13.1 row 12 "fresh: red"): less green and
      // blue over twice the scab's radius, fading with a soft edge [assumption: strength]
      const r = 2 * d.rm[i]
      put(i, r, r, 0, FRESH_RED_G * halo, FRESH_RED_B * halo)
    }
    put(i, d.rs[i], 2 * d.rs[i], d.sar[i], d.sag[i], d.sab[i])
    put(i, d.rm[i], d.edge[i], d.absorb[cell * 3], d.absorb[cell * 3 + 1], d.absorb[cell * 3 + 2])
  }
  const [fr, fg, fb] = f.absorb
  for (let i = 0; i < f.count; i++) {
    e.cx[o] = f.cx[i]
    e.cy[o] = f.cy[i]
    e.rMinor[o] = f.rMinor[i]
    e.ratio[o] = f.ratio[i]
    e.ex[o] = f.ex[i]
    e.ey[o] = f.ey[i]
    e.edge[o] = f.edge[i]
    e.absorbR[o] = fr
    e.absorbG[o] = fg
    e.absorbB[o] = fb
    o++
  }
  return { ellipses: e, tone, sigmaCells, hair: hairSegments(v, design, placement.hair) }
}

/** The view's background and lit scalp without any pigment or hair tone, into `target` (the first pass of a preview). */
export function renderSkinBase(design: Design, view: View, target: RgbaTarget): void {
  renderViewSkin(view, design.skin, deriveSeed(design.seed, 'skin'), pixelWords(target.data), null)
}
