// A preview's raster inputs for another rasteriser (the studio's WebGL2 path): the same dots, tone and hair that
// renderPreview stamps, as arrays, and the bare skin as the first pass.

import { diffusionMm, prepareDots } from '../appearance/dot-appearance.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import { type HairSegments, hairSegments, toneHair } from './hair.ts'
import { renderViewSkin } from './head-shading.ts'
import {
  checkRenderOptions,
  type PreviewPlacement,
  type RenderIssue,
  type RenderOptions,
  type RgbaTarget,
} from './options.ts'
import { pixelWords } from './raster.ts'
import { blurTone, createToneGrid, GRID, toneBlurPasses } from './tone-grid.ts'
import { createView, type View } from './view.ts'

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
  const tone = createToneGrid(v.width, v.height)
  const d = prepareDots(v, design, placement.dots, options, tone)
  const n = d.count
  const {
    sx: _sx,
    sy: _sy,
    rm: _rm,
    ratio: _ratio,
    ex: _ex,
    ey: _ey,
    edge: _edge,
    cell: _cell,
    absorb: _absorb,
    halo: _halo,
  } = d
  toneHair(v, placement.hair, tone)
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
  return { ok: true, layers: { view: v, ellipses: e, tone: toneOut, hair: hairSegments(v, design, placement.hair) } }
}

/** The view's background and lit scalp without any pigment or hair tone, into `target` (the first pass of a preview). */
export function renderSkinBase(design: Design, view: View, target: RgbaTarget): void {
  renderViewSkin(view, design.skin, deriveSeed(design.seed, 'skin'), pixelWords(target.data), null)
}
