// The preview renderer: skin with the diffuse tone of pigment and hair, then every dot of sessions 1..k at its own age
// (its fresh redness, soft skirt and core: anti-aliased ellipses blended in linear light) and the shafts of the hair
// under the skin, then the hair out of the skin, then the "Simulated" mark. Its inputs are exactly previewLayers'.

import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import { stampHair } from './hair.ts'
import { renderViewSkin } from './head-shading.ts'
import { buildLayers, type PreviewLayers } from './layers.ts'
import { drawSimulatedMark } from './mark.ts'
import {
  checkRenderOptions,
  type PreviewPlacement,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
} from './options.ts'
import { bandOrder, pixelWords, stampDisc, stampEllipse } from './raster.ts'
import { createView } from './view.ts'

/**
 * Renders a preview of `design` with its placement (dots, remaining hair, head: `placeDots`' result as it is) into
 * `target` (RGBA, sRGB), always marked "Simulated". Invalid options leave the target untouched and come back as issues.
 * @example
 *   const placed = placeDots(design)
 *   const target = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4) }
 *   if (placed.ok) renderPreview(design, placed, { view: 'top', stage: 'healed', years: 5, width: 1024, height: 1024 }, target)
 */
export function renderPreview(
  design: Design,
  placement: PreviewPlacement,
  options: RenderOptions,
  target: RgbaTarget
): RenderResult {
  const issues = checkRenderOptions(design, options, target)
  if (issues.length > 0) return { ok: false, issues }
  const view = createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const px32 = pixelWords(target.data)
  const layers = buildLayers(view, design, placement, options)
  renderViewSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, layers.tone)
  stampEllipses(view.width, view.height, layers.ellipses, px32)
  stampHair(view, layers.hair, px32)
  drawSimulatedMark(target)
  return { ok: true }
}

/** Stamps ellipses band by band (bandOrder keeps a dot's halo, skirt and core in that order). */
function stampEllipses(width: number, height: number, e: PreviewLayers['ellipses'], px32: Int32Array): void {
  const order = bandOrder(e.count, e.cx, e.cy, width, height)
  for (let k = 0; k < e.count; k++) {
    const i = order[k]
    if (e.ratio[i] < 1.001)
      stampDisc(
        px32,
        width,
        height,
        e.cx[i],
        e.cy[i],
        e.rMinor[i],
        e.edge[i],
        1,
        e.absorbR[i],
        e.absorbG[i],
        e.absorbB[i]
      )
    else
      stampEllipse(
        px32,
        width,
        height,
        e.cx[i],
        e.cy[i],
        e.rMinor[i],
        e.ratio[i],
        e.ex[i],
        e.ey[i],
        e.edge[i],
        1,
        e.absorbR[i],
        e.absorbG[i],
        e.absorbB[i]
      )
  }
}
