// What a preview's raster passes draw, for another rasteriser (the studio's WebGL2 preview) that must agree with
// renderPreview: re-stamped on the CPU over renderSkinBase, these layers give renderPreview's bytes.

import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import type { Placement } from '../placement/place-dots.ts'
import { prepareDots, toneSigmaCells } from './dots.ts'
import { hairSegments, toneHair } from './hair.ts'
import type { HairSegments } from './hair-marks.ts'
import { markHeadPixels, rasterizeHead, shadeHead } from './head-shading.ts'
import { checkRenderOptions, type RenderIssue, type RenderOptions, type RgbaTarget } from './options.ts'
import { pixelWords } from './raster.ts'
import { renderSkin } from './skin.ts'
import { blurTone, createToneGrid, GRID, toneBlurReach } from './tone-grid.ts'
import { createView, type View } from './view.ts'

/**
 * The inputs of a preview's raster passes, for a rasteriser elsewhere (the studio's WebGL2 path) that must agree with
 * renderPreview: every ellipse stampEllipse would draw (dots and fresh halos, in their parameters), the diffuse tone
 * per shading-grid node, and the hair marks stampShaft would draw (hair-marks.ts). The skin comes from `renderSkinBase`.
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
export function previewLayers(placement: Placement, options: RenderOptions, view?: View): PreviewLayersResult {
  const { design, dots, hair } = placement
  const issues = checkRenderOptions(design, options)
  if (issues.length > 0) return { ok: false, issues }
  const v = view ?? createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  rasterizeHead(v, design)
  const tone = createToneGrid(v.width, v.height)
  const p = prepareDots(v, design, dots, options, tone)
  toneHair(v, design, hair, tone)
  const sigmaCells = toneSigmaCells(design, v)
  blurTone(tone, sigmaCells)
  const n = p.count
  const { sx, sy, rm, ratio, ex, ey, edge, cell: cells, dark, spr, sratio, sex, sey, sar, sag, sab } = p
  const halos = p.look?.halo
  const absorb = p.look?.absorb
  let haloCount = 0
  if (halos !== undefined) for (let i = 0; i < n; i++) if (halos[cells[i] >> 8] > 0) haloCount++
  // per dot: its fresh halo (if any), its speck, its core
  const m = 2 * n + haloCount
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
  // one ellipse at dot i's centre
  const put = (
    i: number,
    r: number,
    k: number,
    axX: number,
    axY: number,
    w: number,
    ar: number,
    ag: number,
    ab: number
  ) => {
    e.cx[o] = sx[i]
    e.cy[o] = sy[i]
    e.rMinor[o] = r
    e.ratio[o] = k
    e.ex[o] = axX
    e.ey[o] = axY
    e.edge[o] = w
    e.absorbR[o] = ar
    e.absorbG[o] = ag
    e.absorbB[o] = ab
    o++
  }
  if (halos !== undefined && absorb !== undefined)
    for (let i = 0; i < n; i++) {
      const cell = cells[i]
      const halo = halos[cell >> 8]
      const r = 2 * rm[i]
      if (halo > 0) put(i, r, ratio[i], ex[i], ey[i], r, 0, 0.16 * halo, 0.14 * halo)
      put(i, spr[i], sratio[i], sex[i], sey[i], 2 * spr[i], sar[i], sag[i], sab[i])
      const f = dark[i]
      const a = cell * 3
      const ar = Math.min(1, absorb[a] * f)
      put(i, rm[i], ratio[i], ex[i], ey[i], edge[i], ar, Math.min(1, absorb[a + 1] * f), Math.min(1, absorb[a + 2] * f))
    }
  const nodes = tone.gx * tone.gy
  const toneOut = {
    gx: tone.gx,
    gy: tone.gy,
    grid: GRID,
    any: tone.any,
    // the splat's 2 × 2 nodes, the blur's support, and the interpolation's next node
    reach: (toneBlurReach(sigmaCells) + 3) * GRID,
    r: tone.r.slice(0, nodes),
    g: tone.g.slice(0, nodes),
    b: tone.b.slice(0, nodes),
  }
  return { ok: true, layers: { view: v, ellipses: e, tone: toneOut, hair: hairSegments(v, design, hair) } }
}

/**
 * The view's background, lit scalp and the head around it without any pigment or hair tone, into `target` (the first
 * pass of a preview); pixels where the face, ears or neck hide the scalp carry alpha 254 (see markHeadPixels).
 */
export function renderSkinBase(design: Design, view: View, target: RgbaTarget): void {
  const px32 = pixelWords(target.data)
  const headRaster = rasterizeHead(view, design)
  renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, null)
  shadeHead(headRaster, design, px32)
  markHeadPixels(headRaster, target.data)
}
